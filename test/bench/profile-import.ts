/**
 * `npx tsx test/bench/profile-import.ts FILE`: times each statement of the import on native DuckDB
 * (1 thread), with the mapping the page would guess. For finding where import time goes.
 */
import { openAsBlob } from 'node:fs';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { countFileRecords } from '../../src/cli/register-input.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { readHead } from '../../src/lib/preview/read-head.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
const file = process.argv[2];
const db = await openNativeDb(1);
const timed = {
  async exec(sql: string) {
    const t = performance.now();
    await db.exec(sql);
    console.log(`${(performance.now() - t).toFixed(0).padStart(6)} ms  exec ${sql.slice(0, 90).replace(/\s+/g, ' ')}`);
  },
  async rows(sql: string) {
    const t = performance.now();
    const r = await db.rows(sql);
    console.log(`${(performance.now() - t).toFixed(0).padStart(6)} ms  rows ${sql.slice(0, 90).replace(/\s+/g, ' ')}`);
    return r;
  },
};
const { mapping } = inspectFile(file, await readHead(await openAsBlob(file)), false);
const count = await countFileRecords(file, mapping);
const t = performance.now();
const report = await runImport(timed, defaultImportSpec([mapping]), [{ path: file, delimiter: ',', count }]);
console.log('total', (performance.now() - t).toFixed(0), 'ms', report.files[0].input, report.customers);
