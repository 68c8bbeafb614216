/**
 * `npm run bench [-- --sizes 100000,1000000 --runs 3]`: times the real work in headless Chromium
 * against the production build (drop a file by path → import report), and the same compiled SQL
 * on native DuckDB of the same engine version, on the same files, in one run. Prints a table and
 * writes bench-results/latest.json. Timings drift between periods on shared machines: compare
 * ratios from one run. After the import it times RFM + tiers + lifecycle, and a scoring-method change.
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openAsBlob, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { preview } from 'vite';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { readHead } from '../../src/lib/preview/read-head.ts';
import { defaultImportSpec, type ImportSpec } from '../../src/lib/spec/import.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '100000,1000000,5000000').split(',').map(Number);
const runs = Number(arg('runs', '3'));

interface Dataset {
  label: string;
  file: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => (ms / 1000).toFixed(2);

function datasets(): Dataset[] {
  const list: Dataset[] = [];
  const retail = path.join(SHARED, 'data/online-retail/online-retail.csv.gz');
  if (existsSync(retail)) list.push({ label: 'Online Retail (541,909 rows, gz)', file: retail });
  else console.log(`(skipping Online Retail: ${retail} is absent)`);
  for (const rows of sizes) {
    execFileSync('npx', ['tsx', 'src/cli/generate-data.ts', 'bench', '--rows', String(rows), '--out', 'bench-data/'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    list.push({ label: `synthetic ${rows.toLocaleString('en-US')} rows`, file: path.join(ROOT, `bench-data/tx-${rows}.csv`) });
  }
  return list;
}

/** The spec the page would guess for this file, by the same pure code. */
async function defaultSpec(file: string): Promise<ImportSpec> {
  const blob = await openAsBlob(file);
  const head = await readHead(blob);
  const { mapping } = inspectFile(path.basename(file), head, false);
  return defaultImportSpec([mapping]);
}

async function browserRun(page: Page, url: string, file: string) {
  const start = performance.now();
  await page.goto(url);
  await page.getByRole('heading', { name: 'Segment Workbench' }).waitFor();
  const firstPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  await page.getByRole('status', { name: 'Database engine' }).filter({ hasText: 'Engine ready' }).waitFor({ timeout: 120_000 });
  const ready = performance.now() - start;
  const drop = performance.now();
  // On-screen times are taken in the page (Playwright's polling backs off to 500 ms and would add its own wait).
  const firstShown = onScreen(page, 'Import report', { selector: 'table[aria-label="RFM segments"]' });
  await page.getByLabel('Load data').setInputFiles(file);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const report = page.getByRole('region', { name: 'Import report' });
  await report.waitFor({ timeout: 600_000 });
  const toReport = performance.now() - drop;
  const input = Number((await report.getByTestId('input').first().innerText()).replace(/,/g, ''));
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  await rfm.getByRole('table', { name: 'RFM segments' }).waitFor({ timeout: 600_000 });
  const toRfm = await firstShown;
  const engineMs = async () => Number((await rfm.getByTestId('analysis-ms').innerText()).match(/(\d+) ms/)![1]);
  const rfmEngine = await engineMs();
  const changeShown = onScreen(page, 'change', { selector: 'table[aria-label="Score cut points"] caption', text: 'Tie-consistent' });
  await rfm.getByLabel('Scoring method').selectOption('breakpoints');
  await rfm.getByRole('table', { name: 'Score cut points' }).filter({ hasText: 'Tie-consistent' }).waitFor({ timeout: 600_000 });
  const recompute = await changeShown;
  await rfm.getByTestId('analysis-ms').waitFor();
  const recomputeEngine = await engineMs();
  return { firstPaint, ready, toReport, toRfm, rfmEngine, recompute, recomputeEngine, input };
}

/**
 * Milliseconds from a start (the import report region appearing, or a `change` event) until an
 * element matching `shown` (with that text) is in the page and the next frame is drawn, measured in the page.
 */
function onScreen(page: Page, start: 'Import report' | 'change', shown: { selector: string; text?: string }): Promise<number> {
  // Plain JS text: tsx would wrap named functions in a helper the page does not have.
  const script = `new Promise((resolve) => {
    const start = ${JSON.stringify(start)}, selector = ${JSON.stringify(shown.selector)}, text = ${JSON.stringify(shown.text ?? '')};
    let from = null;
    if (start === 'change') document.addEventListener('change', () => { from ??= performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (start !== 'change' && from === null && document.querySelector('[aria-label="' + start + '"]')) from = performance.now();
      if (from === null || ![...document.querySelectorAll(selector)].some((e) => e.textContent.includes(text))) return;
      observer.disconnect();
      const began = from;
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - began)));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })`;
  return page.evaluate(script) as Promise<number>;
}

async function nativeRun(spec: ImportSpec, file: string, threads: number) {
  const db = await openNativeDb(threads);
  try {
    const start = performance.now();
    const report = await runImport(db, spec, [{ path: file, delimiter: ',' }]);
    const load = performance.now() - start;
    const analysis = defaultAnalysisSpec();
    const first = await runAnalysis(db, analysis, null);
    const rfm = performance.now() - start - load;
    const change = performance.now();
    await runAnalysis(db, { ...analysis, rfm: { ...analysis.rfm, method: 'breakpoints' } }, first.keys);
    const recompute = performance.now() - change;
    return { load, rfm, recompute, input: report.files[0].input, version: await db.version() };
  } finally {
    db.close();
  }
}

function downloadSizes() {
  const assets = path.join(ROOT, 'dist/assets');
  const files = readdirSync(assets);
  const gz = (f: string) => gzipSync(readFileSync(path.join(assets, f))).length;
  const js = files.filter((f) => f.endsWith('.js') && !f.includes('mvp'));
  const wasm = files.find((f) => f.startsWith('duckdb-eh') && f.endsWith('.wasm'))!;
  return {
    jsGzipBytes: js.reduce((s, f) => s + gz(f), 0),
    wasmBytes: statSync(path.join(assets, wasm)).size,
    wasmGzipBytes: gz(wasm),
  };
}

async function main() {
  if (!existsSync(path.join(ROOT, 'dist/index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const list = datasets();
  const server = await preview({ root: ROOT, preview: { port: 4180, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const cores = os.cpus().length;
  const results = [];
  try {
    for (const d of list) {
      const spec = await defaultSpec(d.file);
      const b = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext();
        b.push(await browserRun(await context.newPage(), url, d.file));
        await context.close();
      }
      const n1 = [];
      const nAll = [];
      for (let i = 0; i < runs; i++) n1.push(await nativeRun(spec, d.file, 1));
      for (let i = 0; i < runs; i++) nAll.push(await nativeRun(spec, d.file, cores));
      if (b[0].input !== n1[0].input) throw new Error(`${d.label}: browser counted ${b[0].input} records, native ${n1[0].input}`);
      const row = {
        dataset: d.label,
        bytes: statSync(d.file).size,
        records: n1[0].input,
        firstPaintMs: median(b.map((r) => r.firstPaint)),
        readyMs: median(b.map((r) => r.ready)),
        browserDropToReportMs: median(b.map((r) => r.toReport)),
        native1ThreadMs: median(n1.map((r) => r.load)),
        nativeAllThreadsMs: median(nAll.map((r) => r.load)),
        browserRfmMs: median(b.map((r) => r.toRfm)),
        native1ThreadRfmMs: median(n1.map((r) => r.rfm)),
        browserRecomputeMs: median(b.map((r) => r.recompute)),
        browserRfmEngineMs: median(b.map((r) => r.rfmEngine)),
        browserRecomputeEngineMs: median(b.map((r) => r.recomputeEngine)),
        native1ThreadRecomputeMs: median(n1.map((r) => r.recompute)),
        nativeVersion: n1[0].version,
      };
      results.push(row);
      console.log(
        `${row.dataset}: browser drop→report ${seconds(row.browserDropToReportMs)} s; native 1 thread ${seconds(row.native1ThreadMs)} s (ratio ${(row.browserDropToReportMs / row.native1ThreadMs).toFixed(2)}), ${cores} threads ${seconds(row.nativeAllThreadsMs)} s`,
      );
    }
  } finally {
    await browser.close();
    server.httpServer.close();
  }

  const sizesInfo = downloadSizes();
  const table = results.map((r) => ({
    dataset: r.dataset,
    records: r.records,
    'ready s': seconds(r.readyMs),
    'browser drop→report s': seconds(r.browserDropToReportMs),
    'native 1T s': seconds(r.native1ThreadMs),
    'ratio 1T': (r.browserDropToReportMs / r.native1ThreadMs).toFixed(2),
    [`native ${cores}T s`]: seconds(r.nativeAllThreadsMs),
    'browser RFM s (engine)': `${seconds(r.browserRfmMs)} (${seconds(r.browserRfmEngineMs)})`,
    'native RFM 1T s': seconds(r.native1ThreadRfmMs),
    'browser method change s (engine)': `${seconds(r.browserRecomputeMs)} (${seconds(r.browserRecomputeEngineMs)})`,
    'native method change 1T s': seconds(r.native1ThreadRecomputeMs),
  }));
  console.table(table);
  console.log(
    `page download: JS ${(sizesInfo.jsGzipBytes / 1e6).toFixed(2)} MB gzip; WASM ${(sizesInfo.wasmBytes / 1e6).toFixed(1)} MB (${(sizesInfo.wasmGzipBytes / 1e6).toFixed(1)} MB gzip)`,
  );
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  const out = {
    date: new Date().toISOString(),
    machine: { cores, memoryGiB: Math.round(os.totalmem() / 2 ** 30), cpu: os.cpus()[0]?.model, node: process.version },
    runs,
    download: sizesInfo,
    results,
  };
  writeFileSync(path.join(ROOT, 'bench-results/latest.json'), JSON.stringify(out, null, 2));
  console.log('written bench-results/latest.json');
}

await main();
