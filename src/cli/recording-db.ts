import type { SqlRunner } from '../lib/import/sql-runner.ts';

/**
 * Runs everything on `db` and keeps the statements that build tables, in order: replayed on a fresh
 * engine they rebuild the same tables. Queries that only read (the report, the result) are not kept.
 */
export function recordingDb(db: SqlRunner): { db: SqlRunner; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    db: {
      async exec(sql) {
        statements.push(sql);
        await db.exec(sql);
      },
      rows: (sql) => db.rows(sql),
    },
  };
}
