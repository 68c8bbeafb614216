import { createRequire } from 'node:module';
import path from 'node:path';
import type { PreparingRunner } from '../../src/lib/import/sql-runner.ts';
import { arrowRows } from '../../workers/arrow-values.ts';
import { LOCKDOWN_SQL } from '../../src/lib/sql/lockdown.ts';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/** The same engine as the browser (duckdb-wasm, blocking build), locked the same way. */
export interface TestEngine extends PreparingRunner {
  register(name: string, bytes: Uint8Array): void;
  close(): void;
}

export async function openEngine(): Promise<TestEngine> {
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  for (const statement of LOCKDOWN_SQL) conn.query(statement);
  return {
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
    close() {
      conn.close();
    },
  };
}
