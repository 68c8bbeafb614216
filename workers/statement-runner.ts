import type * as duckdb from '@duckdb/duckdb-wasm';
import type { PreparingRunner } from '../src/lib/import/sql-runner.ts';
import { arrowRows } from './arrow-values.ts';
import { runCancellable, streamPages, withTimeLimit } from './cancellable.ts';

/**
 * Every statement of the app's own work runs through `runCancellable`, so the running request's
 * Cancel (and, with `limitMs`, a time limit per statement) can stop it.
 */
export const runner = (conn: duckdb.AsyncDuckDBConnection, signal: AbortSignal, limitMs?: number): PreparingRunner => {
  const run = async (sql: string) => {
    if (limitMs === undefined) return runCancellable(conn, sql, signal);
    const limited = withTimeLimit(signal, limitMs);
    try {
      return await runCancellable(conn, sql, limited.signal);
    } finally {
      limited.done();
    }
  };
  const provedOneStatement = async (sql: string) => (await conn.prepare(sql)).close();
  return {
    async exec(sql) {
      await run(sql);
    },
    async rows(sql) {
      return arrowRows(await run(sql));
    },
    // The wasm build does not tell a prepared statement's type: one statement is what the gate needs.
    // Preparing proves the text is one statement; that same text then runs where it can be stopped
    // (a prepared statement's run cannot be).
    async runPrepared(sql) {
      await provedOneStatement(sql);
      return arrowRows(await run(sql));
    },
    // Pages are an export's, which the user asked for (and can cancel): they have no time limit, which
    // would count the time the page takes to save each chunk.
    pages: (sql) => streamPages(conn, sql, signal),
    async *pagesPrepared(sql) {
      await provedOneStatement(sql);
      yield* streamPages(conn, sql, signal);
    },
  };
};

/** A query's column names, in order, from its empty result (an export's header, even for no rows). */
export async function columnNames(conn: duckdb.AsyncDuckDBConnection, sql: string, signal: AbortSignal): Promise<string[]> {
  const table = await runCancellable(conn, `SELECT * FROM (${sql}) LIMIT 0`, signal);
  return table.schema.fields.map((f) => f.name);
}
