import { createRequire } from 'node:module';
import path from 'node:path';
import { PAGE_ROWS, type PreparingRunner, type Row } from '../../src/lib/import/sql-runner.ts';
import { arrowRows } from '../../workers/arrow-values.ts';
import { LOCKDOWN_SQL } from '../../src/lib/sql/lockdown.ts';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/** The same engine as the browser (duckdb-wasm, blocking build), locked the same way. */
export interface TestEngine extends PreparingRunner {
  pages(sql: string): AsyncIterable<Row[]>;
  register(name: string, bytes: Uint8Array): void;
  /** The WASM heap's size: it grows and never shrinks, so it is the engine's peak memory so far. */
  heapBytes(): number;
  close(): void;
}

/**
 * `pageRows`: rows per page of `pages` (as the worker streams them; smaller in tests, to cross many
 * pages). `memoryLimit`: DuckDB's `memory_limit` (e.g. '256MiB'), set before the lock.
 */
export async function openEngine(options: { pageRows?: number; memoryLimit?: string } = {}): Promise<TestEngine> {
  const pageRows = options.pageRows ?? PAGE_ROWS;
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  if (options.memoryLimit) conn.query(`SET memory_limit = '${options.memoryLimit}'`);
  for (const statement of LOCKDOWN_SQL) conn.query(statement);
  // Streamed as the worker reads them (`streamPages`): whole record batches, at least `pageRows` a page.
  async function* streamed(sql: string): AsyncGenerator<Row[], void, undefined> {
    const reader = await conn.send(sql, true);
    let page: Row[] = [];
    for (const batch of reader) {
      for (const row of arrowRows(batch)) page.push(row);
      if (page.length >= pageRows) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }
  return {
    pages: streamed,
    async *pagesPrepared(sql) {
      conn.prepare(sql).close();
      yield* streamed(sql);
    },
    async exec(sql) {
      conn.query(sql);
    },
    async rows(sql) {
      return arrowRows(conn.query(sql));
    },
    async runPrepared(sql) {
      const statement = conn.prepare(sql);
      try {
        return arrowRows(statement.query());
      } finally {
        statement.close();
      }
    },
    register(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    heapBytes() {
      // Emscripten's module has HEAPU8; its type is not installed here.
      return (db.mod as unknown as { HEAPU8: Uint8Array }).HEAPU8.byteLength;
    },
    close() {
      conn.close();
      db.reset();
    },
  };
}
