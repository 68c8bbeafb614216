import { DuckDBInstance, StatementType } from '@duckdb/node-api';
import { refusedKind, rowObject, type PreparingRunner, type Row, type StatementKind } from '../lib/import/sql-runner.ts';

/** Native DuckDB (same engine version as the wasm build) behind the import's SqlRunner. */
export interface NativeDb extends PreparingRunner {
  version(): Promise<string>;
  close(): void;
}

const EXPECTED: Record<StatementKind, StatementType> = { select: StatementType.SELECT, create: StatementType.CREATE };

/** Rows as null-prototype objects by column index (an object per row from the reader would lose a `__proto__` column). */
const readRows = (reader: { columnNames(): string[]; getRowsJS(): unknown[][] }): Row[] => {
  const names = reader.columnNames();
  return reader.getRowsJS().map((values) => rowObject(names, (i) => values[i]));
};

export async function openNativeDb(threads?: number): Promise<NativeDb> {
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const conn = await instance.connect();
  const rows = async (sql: string) => readRows(await conn.runAndReadAll(sql));
  return {
    async exec(sql) {
      await conn.run(sql);
    },
    rows,
    async runPrepared(sql, kind) {
      const prepared = await conn.prepare(sql);
      try {
        if (prepared.statementType !== EXPECTED[kind]) throw refusedKind(kind, StatementType[prepared.statementType] ?? 'other');
        return readRows(await prepared.runAndReadAll());
      } finally {
        prepared.destroySync();
      }
    },
    async version() {
      return String((await rows('SELECT version() AS v'))[0].v);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
