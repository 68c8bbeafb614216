/**
 * `npx tsx test/bench/calibrate-memory.ts`: the memory the import and first analysis need, found by
 * running them on the browser's engine (duckdb-wasm, in Node) under ever smaller `memory_limit`s
 * (a binary search to within 5 %), for files of different shapes; beside each, what
 * src/lib/import/memory-estimate.ts estimates from the files' sizes and sampled rows, whose bytes per
 * cell come from these needs (README: "Memory before loading"). `--compact`: as a compact load
 * runs them (src/lib/sql/storage.ts: each file read in parts into a compressed database).
 */
import { existsSync, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { countFileRecords } from '../../src/cli/register-input.ts';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { estimateCompactLoadMemory, estimateLoadMemory, sampleShape, type FileShape } from '../../src/lib/import/memory-estimate.ts';
import { runImport, type RegisteredFile } from '../../src/lib/import/run-import.ts';
import { COMPACT_PART_BYTES, COMPACT_STORAGE_SQL } from '../../src/lib/sql/storage.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { readHead } from '../../src/lib/preview/read-head.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { partsRegistration } from '../sql/csv-registration.ts';
import { openEngine } from '../sql/engine.ts';
import { wideOrdersCsv } from '../data/wide-orders.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const compact = process.argv.includes('--compact');
const MiB = 1024 * 1024;

async function fits(files: string[], limitMiB: number): Promise<boolean> {
  const db = await openEngine({ memoryLimit: `${limitMiB}MiB` });
  try {
    if (compact) await db.exec(COMPACT_STORAGE_SQL);
    const mappings = [];
    const registered: RegisteredFile[] = [];
    for (const [i, file] of files.entries()) {
      const { mapping } = inspectFile(path.basename(file), await readHead(await openAsBlob(file)), false);
      mappings.push(mapping);
      const uploaded = `uploads/${i}.csv`;
      const bytes = new Uint8Array(readFileSync(file));
      const delimiter = mapping.parse.delimiter === 'whitespace' ? '\t' : mapping.parse.delimiter;
      if (!compact) {
        db.register(uploaded, bytes);
        registered.push({ path: uploaded, delimiter, count: await countFileRecords(file, mapping) });
        continue;
      }
      // In parts, as the worker registers a compact load's files.
      registered.push(partsRegistration(db, mapping, bytes, uploaded, COMPACT_PART_BYTES));
    }
    await runImport(db, defaultImportSpec(mappings), registered);
    await runAnalysis(db, defaultAnalysisSpec(), null);
    return true;
  } catch (e) {
    if (/out of memory|could not allocate/i.test(String(e))) return false;
    throw e;
  } finally {
    db.close();
  }
}

async function need(files: string[]): Promise<number> {
  let [low, high] = [16, 3_000];
  while (high / low > 1.05) {
    const mid = Math.round(Math.sqrt(low * high));
    if (await fits(files, mid)) high = mid;
    else low = mid;
  }
  return high;
}

const wide = path.join(ROOT, 'bench-data/wide-orders-320000.csv');
if (!existsSync(wide)) writeFileSync(wide, wideOrdersCsv(320_000));
const retail = '/tmp/online-retail.csv';
const cases: [string, string[]][] = [
  ['wide 320k (40 flags)', [wide]],
  ['synthetic 100k + customers', ['bench-data/tx-100000.csv', 'bench-data/customers-100000.csv'].map((f) => path.join(ROOT, f))],
  ['Online Retail', [retail]],
  ['synthetic 1M + customers', ['bench-data/tx-1000000.csv', 'bench-data/customers-1000000.csv'].map((f) => path.join(ROOT, f))],
  // What a compact load is for; as usual, 5M needs most of the limit and takes long to search.
  ...(compact
    ? [
        ['synthetic 5M + customers', ['bench-data/tx-5000000.csv', 'bench-data/customers-5000000.csv'].map((f) => path.join(ROOT, f))] as [
          string,
          string[],
        ],
      ]
    : []),
];
console.log('| files | size (MiB) | needed (MiB) | estimated (MiB) | estimate ÷ need |');
console.log('| --- | --- | --- | --- | --- |');
for (const [label, files] of cases) {
  if (!files.every(existsSync)) continue;
  const needed = await need(files);
  const shapes: FileShape[] = [];
  let size = 0;
  for (const file of files) {
    const blob = await openAsBlob(file);
    size += blob.size;
    const head = await readHead(blob);
    const { mapping } = inspectFile(path.basename(file), head, false);
    shapes.push(sampleShape(new TextDecoder().decode(head), blob.size, mapping.columns.length));
  }
  const estimated = compact ? estimateCompactLoadMemory(shapes) : estimateLoadMemory(shapes);
  console.log(
    `| ${label} | ${(size / MiB).toFixed(1)} | ${needed} | ${(estimated / MiB).toFixed(0)} | ${(estimated / MiB / needed).toFixed(2)} |`,
  );
}
