/**
 * `npx tsx test/bench/profile-analysis.ts FILE [--wasm]`: imports FILE (native DuckDB, 1 thread; or
 * with --wasm the browser's engine, duckdb-wasm's blocking build, in Node), then times each statement
 * of the analysis, and of a scoring-method change. For finding where analysis time goes.
 */
import { openAsBlob, readFileSync } from 'node:fs';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { countFileRecords } from '../../src/cli/register-input.ts';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { readHead } from '../../src/lib/preview/read-head.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { openEngine } from '../sql/engine.ts';

const file = process.argv[2];
const wasm = process.argv.includes('--wasm');
let db: SqlRunner;
let path = file;
if (wasm) {
  const engine = await openEngine();
  path = 'uploads/bench.csv';
  engine.register(path, readFileSync(file));
  db = engine;
} else {
  db = await openNativeDb(1);
}
const { mapping } = inspectFile(file, await readHead(await openAsBlob(file)), false);
const count = await countFileRecords(file, mapping);
let t = performance.now();
await runImport(db, defaultImportSpec([mapping]), [{ path, delimiter: ',', count }]);
console.log(`import ${(performance.now() - t).toFixed(0)} ms (${wasm ? 'wasm' : 'native 1 thread'})`);

const line = (ms: number, kind: string, sql: string) =>
  console.log(`${ms.toFixed(0).padStart(6)} ms  ${kind} ${sql.slice(0, 100).replace(/\s+/g, ' ')}`);
const timed: SqlRunner = {
  async exec(sql) {
    const t = performance.now();
    await db.exec(sql);
    line(performance.now() - t, 'exec', sql);
  },
  async rows(sql) {
    const t = performance.now();
    const r = await db.rows(sql);
    line(performance.now() - t, 'rows', sql);
    return r;
  },
};
const spec = defaultAnalysisSpec();
const totals: string[] = [];
for (let round = 0; round < 3; round++) {
  t = performance.now();
  const first = await runAnalysis(timed, spec, null);
  const full = performance.now() - t;
  t = performance.now();
  await runAnalysis(timed, { ...spec, rfm: { ...spec.rfm, method: 'breakpoints' } }, first.keys);
  totals.push(`analysis ${full.toFixed(0)} ms, method change ${(performance.now() - t).toFixed(0)} ms`);
}
console.log(totals.join('\n'));
