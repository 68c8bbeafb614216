/**
 * `npm run bench [-- --sizes 100000,1000000 --runs 3 --port 4180 --without-customers --threads --at-once --review-ms N --reuse-build]`:
 * times the real work in headless Chromium against the production build (files chosen by path, once
 * the engine has warmed up or with --at-once the moment it is ready; Load clicked at once, or N ms
 * later → import report → analysis), the same compiled SQL on native DuckDB of the same engine version, and the
 * same RFM in pandas, on the same files, in one run. The build is made afresh from the working tree
 * (a dist/ left by an earlier commit would time old code beside new native figures); --reuse-build
 * times the one in dist/ instead. Each synthetic size is loaded with its
 * customers file (unless --without-customers). Natively it also times the segment steps
 * (test/bench/segments.ts). Prints tables and writes bench-results/latest.json. Timings drift
 * between periods on shared machines: compare ratios from one run.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openAsBlob, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { preview } from 'vite';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { countFileRecords } from '../../src/cli/register-input.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { userSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { headIsWhole, readHead } from '../../src/lib/preview/read-head.ts';
import { analyseSegments, countSegment, readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import { defaultImportSpec, type ImportSpec } from '../../src/lib/spec/import.ts';
import { peakRssMiB, rendererPids, resetPeakRss, toMiB } from './memory.ts';
import { BENCH_SEGMENTS, RULE_EDITS } from './segments.ts';
import { segmentColor, segmentsFile } from '../../src/lib/spec/spec-file.ts';
import { SNAPSHOT_CUSTOMERS_SQL } from '../../src/lib/sql/segment-base.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared');
const PYTHON = '/usr/bin/python3';
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '100000,1000000,5000000').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const port = Number(arg('port', process.env.SW_BENCH_PORT ?? '4180'));
/** Load the synthetic transactions alone, without their customers file (and so without the segment steps). */
const withoutCustomers = process.argv.includes('--without-customers');
/**
 * Measure DuckDB's threaded bundle instead: a build that offers it (dist-threads) served cross-origin
 * isolated (COOP and COEP headers), the only way a page may share memory between threads.
 */
const threads = process.argv.includes('--threads');
/** Chooses the files the moment the engine is ready, before its warm-up (warm-up.ts) has ended. */
const atOnce = process.argv.includes('--at-once');
/** Times the build already in dist/ (when there is one) instead of building the working tree. */
const reuseBuild = process.argv.includes('--reuse-build');
/** How long a person looks at the mapping between choosing the files and Load (the engine reads them ahead meanwhile). */
const reviewMs = Number(arg('review-ms', '0'));
const DIST = threads ? 'dist-threads' : 'dist';

interface Dataset {
  label: string;
  /** The transactions file first, then the customers file when there is one. */
  files: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Nearest-rank percentile. */
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const millis = (ms: number | null) => (ms === null ? '–' : ms.toFixed(1));
const mib = (x: number | null) => (x === null ? '–' : x.toFixed(0));
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
const fixed2 = (x: number | null) => (x === null ? '–' : x.toFixed(2));

function datasets(): Dataset[] {
  const list: Dataset[] = [];
  const retail = path.join(SHARED, 'data/online-retail/online-retail.csv.gz');
  if (existsSync(retail)) list.push({ label: 'Online Retail (541,909 rows, gz)', files: [retail] });
  else console.log(`(skipping Online Retail: ${retail} is absent)`);
  for (const rows of sizes) {
    execFileSync('npx', ['tsx', 'src/cli/generate-data.ts', 'bench', '--rows', String(rows), '--out', 'bench-data/'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    const tx = path.join(ROOT, `bench-data/tx-${rows}.csv`);
    const customers = path.join(ROOT, `bench-data/customers-${rows}.csv`);
    const label = `synthetic ${rows.toLocaleString('en-US')} rows`;
    list.push(withoutCustomers ? { label, files: [tx] } : { label: `${label} + customers`, files: [tx, customers] });
  }
  return list;
}

/** The spec the page would guess for these files (chosen together, in this order), by the same pure code. */
async function defaultSpec(files: string[]): Promise<ImportSpec> {
  const mappings = [];
  for (const file of files) {
    const name = path.basename(file);
    const head = await readHead(await openAsBlob(file));
    mappings.push(inspectFile(name, head, headIsWhole(name, statSync(file).size)).mapping);
  }
  return defaultImportSpec(mappings);
}

async function browserRun(browser: Browser, url: string, files: string[]) {
  const before = new Set(rendererPids());
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const started = performance.now();
    let crashed = false;
    page.on('crash', () => (crashed = true));
    // Peak RSS of the renderer this context started: the page, its worker and the nested DuckDB worker with its WASM memory.
    const rendererPeak = () => {
      const peaks = rendererPids()
        .filter((pid) => !before.has(pid))
        .map((pid) => peakRssMiB(pid))
        .filter((p) => p !== null);
      return peaks.length ? Math.max(...peaks) : null;
    };
    const timings = await browserSteps(page, url, files).catch((e: unknown) => {
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      const peak = rendererPeak();
      throw new Error(
        `${crashed ? 'the page crashed: ' : ''}${message} (after ${seconds(performance.now() - started)} s; renderer peak RSS ${mib(peak)} MiB)`,
      );
    });
    const rendererPeakRssMiB = rendererPeak();
    // The page's main-thread JS heap now (the workers' heaps and the WASM memory are not in it).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
    return { ...timings, rendererPeakRssMiB, pageJsHeapUsedMiB: heap === undefined ? null : toMiB(heap) };
  } finally {
    await context.close();
  }
}

type BrowserResult = Awaited<ReturnType<typeof browserRun>>;

/** Ends a browser run with what the page said, when it shows an alert (an import may show several). */
async function refuseAlerts(alert: ReturnType<Page['getByRole']>): Promise<void> {
  const said = await alert.allInnerTexts();
  if (said.length) throw new Error(`the page said: ${said.join(' | ')}`);
}

async function browserSteps(page: Page, url: string, files: string[]) {
  const start = performance.now();
  await page.goto(url);
  await page.getByRole('heading', { name: 'Segment Workbench' }).waitFor();
  const firstPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  const engine = page.getByRole('status', { name: 'Database engine' });
  await engine.filter({ hasText: 'Engine ready' }).waitFor({ timeout: 120_000 });
  const ready = performance.now() - start;
  // A person takes a moment to choose files, in which the engine warms up; its time, as the page tells it.
  const warmUp = atOnce ? null : await warmUpMs(engine);
  // The RFM section is built the first time it is shown, then kept: show it once, then choose the
  // files in Data as a person does. The report is timed on screen in Data; the RFM table when it is
  // drawn in its (built, hidden) section — what a click on RFM then shows at once.
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: 'RFM', exact: true }).click();
  await nav.getByRole('link', { name: 'Data', exact: true }).click();
  // On-screen times are taken in the page (Playwright's polling backs off to 500 ms and would add
  // its own wait): files chosen (their input's change event) → the import report drawn.
  const reportShown = onScreen(page, 'change', { selector: '[aria-label="Import report"]' });
  const firstShown = onScreen(page, 'Import report', { selector: 'table[aria-label="RFM segments"]' });
  // When a step fails the page closes under these waits: that failure is the step's to report.
  const reportAfterLoad = onScreen(page, 'click', { selector: '[aria-label="Import report"]' });
  reportShown.catch(() => {});
  firstShown.catch(() => {});
  reportAfterLoad.catch(() => {});
  await page.getByLabel('Load data').setInputFiles(files);
  if (reviewMs > 0) await page.waitForTimeout(reviewMs);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const report = page.getByRole('region', { name: 'Import report' });
  const alert = page.getByRole('alert');
  await report.or(alert).first().waitFor({ timeout: 900_000 });
  await refuseAlerts(alert);
  const toReport = await reportShown;
  const loadToReport = await reportAfterLoad;
  const input = Number((await report.getByTestId('input').first().innerText()).replace(/,/g, ''));
  const toRfm = await firstShown;
  await nav.getByRole('link', { name: 'RFM', exact: true }).click();
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  await rfm.getByRole('table', { name: 'RFM segments' }).or(alert).first().waitFor({ timeout: 900_000 });
  await refuseAlerts(alert);
  const engineMs = async () => Number((await rfm.getByTestId('analysis-ms').innerText()).match(/(\d+) ms/)![1]);
  const rfmEngine = await engineMs();
  const changeShown = onScreen(page, 'change', { selector: 'table[aria-label="Score cut points"] caption', text: 'Tie-consistent' });
  changeShown.catch(() => {});
  await rfm.getByLabel('Scoring method').selectOption('breakpoints');
  await rfm.getByRole('table', { name: 'Score cut points' }).filter({ hasText: 'Tie-consistent' }).waitFor({ timeout: 900_000 });
  const recompute = await changeShown;
  await rfm.getByTestId('analysis-ms').waitFor();
  const recomputeEngine = await engineMs();
  await nav.getByRole('link', { name: 'Segments', exact: true }).click();
  const segments = files.length > 1 ? await browserSegments(page) : null;
  const floor = await browserFloor(page, files, 0);
  if (threads) console.log(`threaded bundle: ${await engineThreads(page)}`);
  return { firstPaint, ready, warmUp, toReport, loadToReport, toRfm, rfmEngine, recompute, recomputeEngine, input, segments, floor };
}

/** Waits for the engine's warm-up to end and reads its time from the status's title (null: it gave way). */
async function warmUpMs(engine: ReturnType<Page['getByRole']>): Promise<number | null> {
  await engine.and(engine.page().locator('[title]')).waitFor({ timeout: 120_000 });
  const seconds = /Warmed up in (\d+(?:\.\d+)?) s/.exec((await engine.getAttribute('title')) ?? '');
  return seconds ? Number(seconds[1]) * 1000 : null;
}

/**
 * The floor: DuckDB-WASM's own typed read, `CREATE TABLE … AS FROM read_csv(path)`, of each file the
 * import registered (workers/db.worker.ts `register`: same path, same File handle or buffer), run
 * from the page's own SQL console, which the locked production engine lets read `uploads/`. Each
 * read is timed in the page from the click to the console's result, and its table dropped after.
 * `first` is the index the page registered the first file at.
 */
async function browserFloor(page: Page, files: string[], first: number): Promise<number> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'SQL', exact: true }).click();
  const consoleRegion = page.getByRole('region', { name: 'SQL console' });
  const sql = consoleRegion.getByLabel('SQL', { exact: true });
  const run = consoleRegion.getByRole('button', { name: 'Run query' });
  let total = 0;
  for (const [i, file] of files.entries()) {
    const registered = `uploads/${first + i}-${path
      .basename(file)
      .replace(/[^\w.-]+/g, '_')
      .replace(/\.gz$/i, '')}`;
    await sql.fill(`CREATE OR REPLACE TABLE bench_floor AS FROM read_csv('${registered}')`);
    // Plain JS text: tsx would wrap named functions in a helper the page does not have.
    const ms = (await page.evaluate(`new Promise((resolve) => {
      const region = document.querySelector('[aria-label="SQL console"]');
      let busy = false;
      const observer = new MutationObserver(() => {
        if (region.getAttribute('aria-busy') === 'true') busy = true;
        else if (busy) { observer.disconnect(); resolve(performance.now() - from); }
      });
      observer.observe(region, { attributes: true, attributeFilter: ['aria-busy'] });
      const from = performance.now();
      [...region.querySelectorAll('button')].find((b) => b.textContent === 'Run query').click();
    })`)) as number;
    const error = consoleRegion.getByRole('alert', { name: 'Query error' });
    if (await error.isVisible()) throw new Error(`the floor read of ${registered} failed: ${await error.innerText()}`);
    total += ms;
    await sql.fill('DROP TABLE bench_floor');
    await run.click();
    await consoleRegion.and(page.locator('[aria-busy="false"]')).waitFor();
  }
  return total;
}

/** What the page's engine says of its threads, through the SQL console (shown after a floor read). */
async function engineThreads(page: Page): Promise<string> {
  const consoleRegion = page.getByRole('region', { name: 'SQL console' });
  await consoleRegion.getByLabel('SQL', { exact: true }).fill(`SELECT current_setting('threads') AS engine_threads`);
  await consoleRegion.getByRole('button', { name: 'Run query' }).click();
  await consoleRegion.and(page.locator('[aria-busy="false"]')).waitFor();
  const isolated = await page.evaluate(() => crossOriginIsolated);
  return `cross-origin isolated ${isolated}; ${(await consoleRegion.getByRole('table').innerText()).replace(/\s+/g, ' ')}`;
}

/**
 * The floor alone in a fresh page, for its own peak memory: the console opens only over loaded
 * data, so the page first registers the files the way an import does (a header-only file chosen
 * first makes that import stop before it reads anything), then loads a two-record file, then reads.
 */
async function browserFloorRun(browser: Browser, url: string, files: string[]) {
  const before = new Set(rendererPids());
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('status', { name: 'Database engine' }).filter({ hasText: 'Engine ready' }).waitFor({ timeout: 120_000 });
    const dir = path.join(os.tmpdir(), 'segment-workbench-bench-floor');
    mkdirSync(dir, { recursive: true });
    const header = readFileSync(files[0], 'utf8').slice(0, 4096).split(/\r?\n/)[0];
    const headerOnly = path.join(dir, 'header-only.csv');
    writeFileSync(headerOnly, `${header}\n`);
    const tiny = path.join(dir, 'tiny.csv');
    writeFileSync(tiny, 'customer_id,order_id,order_date,amount\nA,1,2024-01-01,1\nB,2,2024-01-02,2\n');
    await page.getByLabel('Load data').setInputFiles([headerOnly, ...files]);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'has no records' }).waitFor({ timeout: 300_000 });
    for (const file of [headerOnly, ...files]) await page.getByRole('button', { name: `Remove ${path.basename(file)}` }).click();
    await page.getByLabel('Load data').setInputFiles([tiny]);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    // A first load moves the page on to the Overview: the report is then in the (hidden) Data section.
    await page.getByRole('region', { name: 'Import report', includeHidden: true }).waitFor({ state: 'attached', timeout: 60_000 });
    const ms = await browserFloor(page, files, 1);
    const peaks = rendererPids()
      .filter((pid) => !before.has(pid))
      .map((pid) => peakRssMiB(pid))
      .filter((p) => p !== null);
    return { ms, rendererPeakRssMiB: peaks.length ? Math.max(...peaks) : null };
  } finally {
    await context.close();
  }
}

/** Natively, on one thread: a plain typed read of each file, summed. */
async function nativeFloor(files: string[]): Promise<number> {
  const db = await openNativeDb(1);
  try {
    let total = 0;
    for (const file of files) {
      const t = performance.now();
      await db.exec(`CREATE OR REPLACE TABLE bench_floor AS FROM read_csv('${file.replace(/'/g, "''")}')`);
      total += performance.now() - t;
      await db.exec('DROP TABLE bench_floor');
    }
    return total;
  } finally {
    db.close();
  }
}

/** The bench's 10 segments as a spec file, opened on the page as a person would. */
function benchSpecFile(): string {
  const file = path.join(os.tmpdir(), 'segment-workbench-bench-segments.json');
  const spec = {
    minSizePercent: 1,
    segments: BENCH_SEGMENTS.map((s, i) => ({ ...s, color: segmentColor(i), description: '', enabled: true })),
  };
  writeFileSync(file, JSON.stringify(segmentsFile(spec)));
  return file;
}

/**
 * In the page: open the 10 segments (→ KPIs and overlap on screen), then the 20 rule edits of
 * RULE_EDITS, each a committed value (input + change, as typing then Enter) in the GB segment's
 * monetary condition, timed from the edit to its count settled on screen.
 */
async function browserSegments(page: Page) {
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add rule segment' }).and(page.locator(':enabled')).waitFor({ timeout: 300_000 });
  // The overlap matrix appears once the analysis of the opened segments is in (no earlier analysis has one).
  const analysisShown = onScreen(page, 'change', { selector: 'table[aria-label="Overlap matrix"]' });
  await panel.getByLabel('Open segment definitions').setInputFiles(benchSpecFile());
  const toAnalysis = await analysisShown;
  const analysisEngine = Number((await page.getByTestId('segment-analysis-ms').innerText()).match(/(\d+) ms/)![1]);
  const target = BENCH_SEGMENTS.find((s) => s.id === 'gb-big-spenders')!;
  const segment = page.getByRole('region', { name: target.name, exact: true });
  await segment.getByTestId('member-count').waitFor();
  const value = segment.getByRole('group', { name: 'Condition', exact: true }).nth(1).getByLabel('Value', { exact: true });
  const input = await value.elementHandle();
  const edits: number[] = [];
  for (const definition of RULE_EDITS) {
    const monetary = (definition as { root: { rules: { value: string }[] } }).root.rules[1].value;
    // No named function inside: tsx would wrap it in a helper the page does not have.
    const ms = await page.evaluate(
      ([element, text, status]) =>
        new Promise<number>((resolve) => {
          const field = element as HTMLInputElement;
          const target = document.querySelector(`[aria-label="${status}"]`)!;
          let busy = false;
          const observer = new MutationObserver(() => {
            if (target.getAttribute('aria-busy') === 'true') busy = true;
            else if (busy) {
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - from)));
            }
          });
          observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
          const from = performance.now();
          field.value = text as string;
          field.dispatchEvent(new Event('input', { bubbles: true }));
          field.dispatchEvent(new Event('change', { bubbles: true }));
        }),
      [input, monetary, `Members of ${target.name}`] as const,
    );
    edits.push(ms as number);
  }
  // The analysis reruns after the last edit: wait for its KPI row to hold the last count, then read its engine time.
  const lastCount = await segment.getByTestId('member-count').innerText();
  await page
    .getByRole('table', { name: 'Segment KPIs' })
    .getByRole('row', { name: new RegExp(`^${target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .filter({ hasText: lastCount })
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('segment-analysis-ms').waitFor();
  const reanalysisEngine = Number((await page.getByTestId('segment-analysis-ms').innerText()).match(/(\d+) ms/)![1]);
  return { toAnalysis, analysisEngine, edits, reanalysisEngine };
}

/**
 * Milliseconds from a start (the import report region appearing, or a `change` event) until an
 * element matching `shown` (with that text) is in the page and the next frame is drawn, measured in the page.
 */
function onScreen(page: Page, start: 'Import report' | 'change' | 'click', shown: { selector: string; text?: string }): Promise<number> {
  // Plain JS text: tsx would wrap named functions in a helper the page does not have.
  const script = `new Promise((resolve) => {
    const start = ${JSON.stringify(start)}, selector = ${JSON.stringify(shown.selector)}, text = ${JSON.stringify(shown.text ?? '')};
    let from = null;
    if (start === 'change' || start === 'click') document.addEventListener(start, () => { from ??= performance.now(); }, { capture: true, once: true });
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

/** What the native segment steps took, on one thread, after the import and the first analysis. */
interface SegmentTimes {
  schemaMs: number;
  editCountMs: number[];
  analyseMs: number;
  members: Record<string, number>;
}

async function nativeRun(spec: ImportSpec, files: string[], threads: number, segments: boolean) {
  const peakReset = resetPeakRss();
  // Right after the reset the peak equals the current RSS: what the process held before this run.
  const baselineRssMiB = peakReset ? peakRssMiB() : null;
  const db = await openNativeDb(threads);
  try {
    // Counted as the CLI counts them, before runImport: the native figure is runImport alone.
    const registered = await Promise.all(
      files.map(async (file, i) => ({ path: file, delimiter: ',' as const, count: await countFileRecords(file, spec.files[i]) })),
    );
    const start = performance.now();
    const report = await runImport(db, spec, registered);
    const load = performance.now() - start;
    const analysis = defaultAnalysisSpec();
    const first = await runAnalysis(db, analysis, null);
    const rfm = performance.now() - start - load;
    const change = performance.now();
    const second = await runAnalysis(db, { ...analysis, rfm: { ...analysis.rfm, method: 'breakpoints' } }, first.keys);
    const recompute = performance.now() - change;
    const segmentTimes = segments ? await nativeSegments(db, second.result.analysisDate) : null;
    return {
      load,
      rfm,
      recompute,
      segments: segmentTimes,
      input: report.files[0].input,
      loaded: report.files[0].loaded,
      customers: report.customers,
      version: await db.version(),
      // Peak RSS of this Node process during the run (DuckDB runs in it; Node and Playwright's baseline included).
      peakRssMiB: peakReset ? peakRssMiB() : null,
      baselineRssMiB,
    };
  } finally {
    db.close();
  }
}

async function nativeSegments(native: Awaited<ReturnType<typeof openNativeDb>>, analysisDate: string): Promise<SegmentTimes> {
  let t = performance.now();
  // As the page's worker does: segment work reads a copy of the customers view, through the gate.
  await native.exec(SNAPSHOT_CUSTOMERS_SQL);
  const db = userSqlRunner(native);
  const schema = await readSegmentSchema(db, analysisDate);
  const schemaMs = performance.now() - t;
  const editCountMs = [];
  for (const definition of RULE_EDITS) {
    t = performance.now();
    const count = await countSegment(db, definition, schema);
    editCountMs.push(performance.now() - t);
    if (!count.ok) throw new Error(`rule edit failed: ${count.error}`);
  }
  t = performance.now();
  const analysis = await analyseSegments(db, BENCH_SEGMENTS, schema, 1);
  const analyseMs = performance.now() - t;
  const members: Record<string, number> = {};
  for (const s of analysis.segments) {
    if (!s.ok) throw new Error(`segment ${s.id} failed: ${s.error}`);
    members[s.id] = s.kpis.customers;
  }
  return { schemaMs, editCountMs, analyseMs, members };
}

/** The pandas RFM (test/bench/rfm_pandas.py) with Debian's python3-pandas, or why it was skipped. */
function pandasRun(file: string): { loadMs: number; scoreMs: number; maxRssMiB: number; rows: number; version: string } | string {
  if (spawnSync(PYTHON, ['-c', 'import pandas']).status !== 0) return `${PYTHON} cannot import pandas (apt-get install python3-pandas)`;
  if (/\.gz$/.test(file)) return 'pandas is timed on the synthetic files only';
  const out = execFileSync(PYTHON, [path.join(import.meta.dirname, 'rfm_pandas.py'), file, String(runs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out) as { pandas: string; rows: number; load_ms: number[]; score_ms: number[]; max_rss_kib: number };
  return { loadMs: median(r.load_ms), scoreMs: median(r.score_ms), maxRssMiB: r.max_rss_kib / 1024, rows: r.rows, version: r.pandas };
}

function downloadSizes() {
  const assets = path.join(ROOT, DIST, 'assets');
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

async function measure(d: Dataset, browser: Browser, url: string, cores: number) {
  const spec = await defaultSpec(d.files);
  const b: BrowserResult[] = [];
  let browserError: string | null = null;
  for (let i = 0; i < runs && browserError === null; i++) {
    try {
      b.push(await browserRun(browser, url, d.files));
    } catch (e) {
      browserError = e instanceof Error ? e.message.split('\n')[0] : String(e);
      console.log(`${d.label}: the browser run failed: ${browserError}`);
    }
  }
  const floorRuns: Awaited<ReturnType<typeof browserFloorRun>>[] = [];
  // The floor's own page writes a header-only copy of the first file: plain text files only.
  const plain = d.files.every((f) => !/\.gz$/i.test(f));
  for (let i = 0; i < runs && browserError === null && plain; i++) {
    try {
      floorRuns.push(await browserFloorRun(browser, url, d.files));
    } catch (e) {
      console.log(`${d.label}: the floor page failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      break;
    }
  }
  const nativeFloors = [];
  for (let i = 0; i < runs; i++) nativeFloors.push(await nativeFloor(d.files));
  const n1 = [];
  const nAll = [];
  const segments = d.files.length > 1;
  for (let i = 0; i < runs; i++) n1.push(await nativeRun(spec, d.files, 1, segments));
  for (let i = 0; i < runs; i++) nAll.push(await nativeRun(spec, d.files, cores, false));
  const pandas = pandasRun(d.files[0]);
  if (typeof pandas === 'string') console.log(`${d.label}: pandas skipped: ${pandas}`);
  if (b.length && b[0].input !== n1[0].input) throw new Error(`${d.label}: browser counted ${b[0].input} records, native ${n1[0].input}`);
  const bm = (pick: (r: BrowserResult) => number | null) => {
    const xs = b.map(pick).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : null;
  };
  const seg = n1.map((r) => r.segments).filter((s): s is SegmentTimes => s !== null);
  const row = {
    dataset: d.label,
    files: d.files.map((f) => path.relative(ROOT, f)),
    bytes: d.files.map((f) => statSync(f).size),
    records: n1[0].input,
    /** Transaction records loaded after the Standard cleaning (pandasRows should equal it). */
    loaded: n1[0].loaded,
    customers: n1[0].customers,
    browserRuns: b.length,
    browserError,
    firstPaintMs: bm((r) => r.firstPaint),
    readyMs: bm((r) => r.ready),
    /** The engine's warm-up after it was ready, before the files were chosen (null with --at-once). */
    warmUpMs: bm((r) => r.warmUp),
    browserDropToReportMs: bm((r) => r.toReport),
    /** Load clicked → import report (after --review-ms on the mapping: what a person waits after Load). */
    browserLoadToReportMs: bm((r) => r.loadToReport),
    reviewMs,
    /** The floor: DuckDB-WASM's typed read_csv of each registered file, summed, from the import page's console after its run. */
    browserFloorMs: bm((r) => r.floor),
    /** The same floor in a fresh page of its own (where its peak memory is its own). */
    browserFloorOwnPageMs: floorRuns.length ? median(floorRuns.map((r) => r.ms)) : null,
    /** Native typed read_csv of each file on 1 thread, summed. */
    nativeFloor1ThreadMs: median(nativeFloors),
    native1ThreadMs: median(n1.map((r) => r.load)),
    nativeAllThreadsMs: median(nAll.map((r) => r.load)),
    pandasLoadMs: typeof pandas === 'string' ? null : pandas.loadMs,
    browserRfmMs: bm((r) => r.toRfm),
    browserRfmEngineMs: bm((r) => r.rfmEngine),
    native1ThreadRfmMs: median(n1.map((r) => r.rfm)),
    pandasScoreMs: typeof pandas === 'string' ? null : pandas.scoreMs,
    browserRecomputeMs: bm((r) => r.recompute),
    browserRecomputeEngineMs: bm((r) => r.recomputeEngine),
    native1ThreadRecomputeMs: median(n1.map((r) => r.recompute)),
    // Segment steps: the browser's on screen (engine time of the analysis separately), native on 1 thread.
    browserOpen10SegmentsMs: bm((r) => r.segments?.toAnalysis ?? null),
    browserAnalyse10SegmentsEngineMs: bm((r) => r.segments?.analysisEngine ?? null),
    browserReanalyse10SegmentsEngineMs: bm((r) => r.segments?.reanalysisEngine ?? null),
    browserRuleEditCountP50Ms: bm((r) => (r.segments ? percentile(r.segments.edits, 50) : null)),
    browserRuleEditCountP95Ms: bm((r) => (r.segments ? percentile(r.segments.edits, 95) : null)),
    native1ThreadSegmentSchemaMs: seg.length ? median(seg.map((s) => s.schemaMs)) : null,
    native1ThreadRuleEditCountP50Ms: seg.length ? median(seg.map((s) => percentile(s.editCountMs, 50))) : null,
    native1ThreadRuleEditCountP95Ms: seg.length ? median(seg.map((s) => percentile(s.editCountMs, 95))) : null,
    native1ThreadAnalyse10SegmentsMs: seg.length ? median(seg.map((s) => s.analyseMs)) : null,
    segmentMembers: seg.length ? seg[0].members : null,
    memory: {
      /** Peak RSS of the renderer process a browser run started (page + workers + DuckDB WASM memory), median of runs. */
      browserRendererPeakRssMiB: bm((r) => r.rendererPeakRssMiB),
      /** Peak RSS of the renderer of the floor's own page (see browserFloorRun), median of runs. */
      browserFloorRendererPeakRssMiB: floorRuns.length
        ? (median(floorRuns.filter((r) => r.rendererPeakRssMiB !== null).map((r) => r.rendererPeakRssMiB!)) ?? null)
        : null,
      /** The page's main-thread JS heap in use after the method change (CDP JSHeapUsedSize; workers not included). */
      browserPageJsHeapUsedMiB: bm((r) => r.pageJsHeapUsedMiB),
      /** Peak RSS of the bench's Node process during a native 1-thread run (DuckDB + Node/Playwright baseline), median. */
      native1ThreadPeakRssMiB: median(n1.map((r) => r.peakRssMiB ?? NaN)),
      /** The same process's RSS just before those runs (what the peak includes that is not the run's), median. */
      native1ThreadBaselineRssMiB: median(n1.map((r) => r.baselineRssMiB ?? NaN)),
      /** Peak RSS of the pandas process over all its runs. */
      pandasPeakRssMiB: typeof pandas === 'string' ? null : pandas.maxRssMiB,
    },
    pandasSkipped: typeof pandas === 'string' ? pandas : null,
    pandasVersion: typeof pandas === 'string' ? null : pandas.version,
    pandasRows: typeof pandas === 'string' ? null : pandas.rows,
    nativeVersion: n1[0].version,
  };
  console.log(
    `${row.dataset}: browser drop→report ${row.browserDropToReportMs === null ? 'failed' : seconds(row.browserDropToReportMs) + ' s'} (floor ${row.browserFloorMs === null ? '–' : seconds(row.browserFloorMs) + ' s'}); native 1 thread ${seconds(row.native1ThreadMs)} s (floor ${seconds(row.nativeFloor1ThreadMs)} s), ${cores} threads ${seconds(row.nativeAllThreadsMs)} s`,
  );
  return row;
}

async function main() {
  if (threads || !reuseBuild || !existsSync(path.join(ROOT, 'dist/index.html'))) {
    const env = threads ? { ...process.env, SW_OUT_DIR: DIST, VITE_ENGINE_THREADS: '1' } : process.env;
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env });
  }
  const list = datasets();
  const isolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const server = await preview({
    root: ROOT,
    build: { outDir: DIST },
    preview: { port, host: '127.0.0.1', headers: threads ? isolated : {} },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const chromiumVersion = browser.version();
  const cores = os.cpus().length;
  const results = [];
  try {
    for (const d of list) results.push(await measure(d, browser, url, cores));
  } finally {
    await browser.close();
    server.httpServer.close();
  }

  const sizesInfo = downloadSizes();
  console.log(
    `\nLoad (browser: files chosen → import report${reviewMs > 0 ? `, Load clicked ${reviewMs} ms after they were chosen` : ''}; native: runImport; pandas: read_csv + cleaning)`,
  );
  console.table(
    results.map((r) => ({
      dataset: r.dataset,
      records: r.records,
      customers: r.customers,
      'ready s': r.readyMs === null ? '–' : seconds(r.readyMs),
      'warm-up s': r.warmUpMs === null ? '–' : seconds(r.warmUpMs),
      'browser s': r.browserDropToReportMs === null ? 'failed' : seconds(r.browserDropToReportMs),
      'Load → report s': r.browserLoadToReportMs === null ? '–' : seconds(r.browserLoadToReportMs),
      'native 1T s': seconds(r.native1ThreadMs),
      [`native ${cores}T s`]: seconds(r.nativeAllThreadsMs),
      'pandas s': r.pandasLoadMs === null ? '–' : seconds(r.pandasLoadMs),
      'browser/native 1T': fixed2(ratio(r.browserDropToReportMs, r.native1ThreadMs)),
      'browser/pandas': fixed2(ratio(r.browserDropToReportMs, r.pandasLoadMs)),
    })),
  );
  console.log(
    '\nScoring (browser: engine time of the first analysis, on screen in brackets; native: runAnalysis; pandas: RFM + quintiles)',
  );
  console.table(
    results.map((r) => ({
      dataset: r.dataset,
      'browser RFM s (on screen)':
        r.browserRfmEngineMs === null || r.browserRfmMs === null ? '–' : `${seconds(r.browserRfmEngineMs)} (${seconds(r.browserRfmMs)})`,
      'native RFM 1T s': seconds(r.native1ThreadRfmMs),
      'pandas RFM s': r.pandasScoreMs === null ? '–' : seconds(r.pandasScoreMs),
      'browser/native 1T': fixed2(ratio(r.browserRfmEngineMs, r.native1ThreadRfmMs)),
      'browser/pandas': fixed2(ratio(r.browserRfmEngineMs, r.pandasScoreMs)),
      'browser method change s (on screen)':
        r.browserRecomputeEngineMs === null || r.browserRecomputeMs === null
          ? '–'
          : `${seconds(r.browserRecomputeEngineMs)} (${seconds(r.browserRecomputeMs)})`,
      'native method change 1T s': seconds(r.native1ThreadRecomputeMs),
    })),
  );
  console.log(
    '\nSegments (browser: on screen, engine time of the analysis in brackets; native: 1 thread, snapshot + schema, countSegment, analyseSegments) and peak memory (MiB)',
  );
  console.table(
    results.map((r) => ({
      dataset: r.dataset,
      'browser open 10 segments → KPIs + overlap ms (engine)': `${millis(r.browserOpen10SegmentsMs)} (${millis(r.browserAnalyse10SegmentsEngineMs)})`,
      'browser re-analysis after an edit, engine ms': millis(r.browserReanalyse10SegmentsEngineMs),
      'browser edit→count p50 / p95 ms': `${millis(r.browserRuleEditCountP50Ms)} / ${millis(r.browserRuleEditCountP95Ms)}`,
      'native schema ms': millis(r.native1ThreadSegmentSchemaMs),
      'native edit→count p50 / p95 ms': `${millis(r.native1ThreadRuleEditCountP50Ms)} / ${millis(r.native1ThreadRuleEditCountP95Ms)}`,
      'native 10 segments + overlap ms': millis(r.native1ThreadAnalyse10SegmentsMs),
      'browser renderer RSS': mib(r.memory.browserRendererPeakRssMiB),
      'page JS heap': mib(r.memory.browserPageJsHeapUsedMiB),
      'native 1T RSS (before)': `${mib(r.memory.native1ThreadPeakRssMiB)} (${mib(r.memory.native1ThreadBaselineRssMiB)})`,
      'pandas RSS': mib(r.memory.pandasPeakRssMiB),
    })),
  );
  console.log(
    "\nAgainst the floor (DuckDB-WASM's own typed read_csv of each registered file, summed, in the same page after its run; its own page in brackets). Targets: import ≤ 2.5× floor, load + scoring < pandas, first analysis ≤ 0.35 s, renderer peak ≤ 2× the floor's" +
      (reviewMs > 0 ? `. Import: Load clicked → report, the files chosen ${reviewMs} ms before` : ''),
  );
  console.table(
    results.map((r) => {
      // After a look at the mapping, the time a person waits is from Load on.
      const load = reviewMs > 0 ? r.browserLoadToReportMs : r.browserDropToReportMs;
      const scored = load === null || r.browserRfmEngineMs === null ? null : load + r.browserRfmEngineMs;
      const pandas = r.pandasLoadMs === null || r.pandasScoreMs === null ? null : r.pandasLoadMs + r.pandasScoreMs;
      return {
        dataset: r.dataset,
        'floor s (own page)': `${r.browserFloorMs === null ? '–' : seconds(r.browserFloorMs)} (${r.browserFloorOwnPageMs === null ? '–' : seconds(r.browserFloorOwnPageMs)})`,
        'import s': load === null ? 'failed' : seconds(load),
        'import / floor': fixed2(ratio(load, r.browserFloorMs)),
        'load + scoring s': scored === null ? '–' : seconds(scored),
        'pandas load + scoring s': pandas === null ? '–' : seconds(pandas),
        '(load + scoring) / pandas': fixed2(ratio(scored, pandas)),
        'first analysis engine s': r.browserRfmEngineMs === null ? '–' : seconds(r.browserRfmEngineMs),
        'renderer peak MiB': mib(r.memory.browserRendererPeakRssMiB),
        'floor peak MiB': mib(r.memory.browserFloorRendererPeakRssMiB),
        'peak / floor peak': fixed2(ratio(r.memory.browserRendererPeakRssMiB, r.memory.browserFloorRendererPeakRssMiB)),
        'native runImport 1T s': seconds(r.native1ThreadMs),
        'native floor 1T s': seconds(r.nativeFloor1ThreadMs),
        'native / floor': fixed2(ratio(r.native1ThreadMs, r.nativeFloor1ThreadMs)),
      };
    }),
  );
  for (const r of results) if (r.browserError) console.log(`${r.dataset}: browser failed: ${r.browserError}`);
  console.log(
    `page download: JS ${(sizesInfo.jsGzipBytes / 1e6).toFixed(2)} MB gzip; WASM ${(sizesInfo.wasmBytes / 1e6).toFixed(1)} MB (${(sizesInfo.wasmGzipBytes / 1e6).toFixed(1)} MB gzip)`,
  );
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  const out = {
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cores,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      cpu: os.cpus()[0]?.model,
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      chromium: chromiumVersion,
      python: spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout?.trim() || null,
    },
    runs,
    segments: BENCH_SEGMENTS.map((s) => ({ id: s.id, name: s.name })),
    ruleEdits: RULE_EDITS.length,
    notMeasured: ['WASM memory size (inside the nested DuckDB worker)'],
    download: sizesInfo,
    results,
  };
  writeFileSync(path.join(ROOT, 'bench-results/latest.json'), JSON.stringify(out, null, 2));
  console.log('written bench-results/latest.json');
}

await main();
