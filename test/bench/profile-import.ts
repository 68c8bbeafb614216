/**
 * `npx tsx test/bench/profile-import.ts FILE [FILE…] [--wasm]`: times each statement of the import
 * of the files (chosen together, in this order, with the mapping the page would guess) on native
 * DuckDB (1 thread), or with --wasm on the browser's engine (duckdb-wasm's blocking build in Node).
 * Then times the floor: a plain typed `read_csv` of each file. For finding where import time goes.
 */
import { openAsBlob, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { countFileRecords } from '../../src/cli/register-input.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { headIsWhole, readHead } from '../../src/lib/preview/read-head.ts';
import { literal } from '../../src/lib/sql/quote.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
import { openEngine } from '../sql/engine.ts';

const wasm = process.argv.includes('--wasm');
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
let db: SqlRunner;
let paths = files;
/** The WASM heap's high-water mark (wasm only): the peak inside a statement, which the engine's own figures after it miss. */
let heapMb = () => NaN;
if (wasm) {
  const engine = await openEngine();
  heapMb = () => engine.heapBytes() / 2 ** 20;
  paths = files.map((f, i) => `uploads/${i}-${path.basename(f)}`);
  files.forEach((f, i) => engine.register(paths[i], readFileSync(f)));
  db = engine;
} else {
  db = await openNativeDb(1);
}
/** Wall time, and this process's CPU time beside it: the engine runs on one thread here, and CPU time holds steady on a busy machine. */
const clock = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
/**
 * The engine's memory after a statement (duckdb_memory(): buffers held, by tables and temporary
 * results alike) and the largest tables then: which tables hold memory at the import's peak.
 */
const memory = async () => {
  const [total] = await db.rows(`SELECT sum(memory_usage_bytes) AS bytes FROM duckdb_memory()`);
  const tags = await db.rows(
    `SELECT tag, memory_usage_bytes AS bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY bytes DESC LIMIT 4`,
  );
  const mb = (n: unknown) => (Number(n) / 2 ** 20).toFixed(0);
  return { mb: Number(total.bytes) / 2 ** 20, tables: tags.map((t) => `${String(t.tag)} ${mb(t.bytes)}`).join(', ') };
};
let peakMb = 0;
const line = async (from: ReturnType<typeof clock>, kind: string, sql: string) => {
  const cpu = process.cpuUsage(from.cpu);
  const ms = `${(performance.now() - from.wall).toFixed(0).padStart(6)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(5)} ms)`;
  const m = await memory();
  peakMb = Math.max(peakMb, m.mb);
  console.log(
    `${ms} ${m.mb.toFixed(0).padStart(5)} MB (heap ${heapMb().toFixed(0).padStart(5)})  ${kind} ${sql.slice(0, 100).replace(/\s+/g, ' ')}  [${m.tables}]`,
  );
};
const timed: SqlRunner = {
  async exec(sql) {
    const t = clock();
    await db.exec(sql);
    await line(t, 'exec', sql);
  },
  async rows(sql) {
    const t = clock();
    const r = await db.rows(sql);
    await line(t, 'rows', sql);
    return r;
  },
};
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const mappings = [];
for (const file of files) {
  const name = path.basename(file);
  mappings.push(inspectFile(name, await readHead(await openAsBlob(file)), headIsWhole(name, statSync(file).size)).mapping);
}
const spec = defaultImportSpec(mappings);
const registered = await Promise.all(
  files.map(async (file, i) => ({ path: paths[i], delimiter: ',' as const, count: await countFileRecords(file, spec.files[i]) })),
);
let t = performance.now();
let c = process.cpuUsage();
const report = await runImport(timed, spec, registered);
const importMs = performance.now() - t;
const importCpu = cpuMs(c);
const engine = wasm ? 'wasm' : 'native 1 thread';
const records = report.files.map((f) => f.input).join(' + ');
console.log(
  `import ${importMs.toFixed(0)} ms, cpu ${importCpu.toFixed(0)} ms (${engine}): ${records} records, ${report.customers} customers; engine memory after a statement at most ${peakMb.toFixed(0)} MB, heap ${heapMb().toFixed(0)} MB`,
);
peakMb = 0;
t = performance.now();
c = process.cpuUsage();
for (const [i, p] of paths.entries()) await timed.exec(`CREATE OR REPLACE TABLE floor_${i} AS FROM read_csv(${literal(p)})`);
const floorMs = performance.now() - t;
const floorCpu = cpuMs(c);
console.log(
  `floor ${floorMs.toFixed(0)} ms, cpu ${floorCpu.toFixed(0)} ms, memory after a statement at most ${peakMb.toFixed(0)} MB; import / floor ${(importMs / floorMs).toFixed(2)} (cpu ${(importCpu / floorCpu).toFixed(2)})`,
);
