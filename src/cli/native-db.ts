import { DuckDBInstance } from '@duckdb/node-api';
import type { SqlRunner } from '../lib/import/sql-runner.ts';

/** Native DuckDB (same engine version as the wasm build) behind the import's SqlRunner. */
export interface NativeDb extends SqlRunner {
  version(): Promise<string>;
  close(): void;
}

export async function openNativeDb(threads?: number): Promise<NativeDb> {
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const conn = await instance.connect();
  const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  return {
    async exec(sql) {
      await conn.run(sql);
    },
    rows,
    async version() {
      return String((await rows('SELECT version() AS v'))[0].v);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
