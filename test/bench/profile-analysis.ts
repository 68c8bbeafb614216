/**
 * `npx tsx test/bench/profile-analysis.ts FILE`: imports FILE natively (1 thread), then times each
 * statement of the analysis, and of a scoring-method change. For finding where analysis time goes.
 */
import { openAsBlob } from 'node:fs';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { readHead } from '../../src/lib/preview/read-head.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';

const file = process.argv[2];
const db = await openNativeDb(1);
const { mapping } = inspectFile(file, await readHead(await openAsBlob(file)), false);
await runImport(db, defaultImportSpec([mapping]), [{ path: file, delimiter: ',' }]);

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
let t = performance.now();
const first = await runAnalysis(timed, spec, null);
console.log('analysis total', (performance.now() - t).toFixed(0), 'ms');
t = performance.now();
await runAnalysis(timed, { ...spec, rfm: { ...spec.rfm, method: 'breakpoints' } }, first.keys);
console.log('method change total', (performance.now() - t).toFixed(0), 'ms');
