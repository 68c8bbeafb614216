import { ident, literal } from './quote.ts';

export interface ParquetReadOptions {
  path: string;
  /** Table to create; an empty `<table>_rejects` is created beside it. */
  table: string;
  columns: readonly string[];
}

/** A parquet file's columns as text, exactly as `rawParquetReadSql` will read them. */
const asText = (columns: readonly string[]) => columns.map((c) => `CAST(${ident(c)} AS VARCHAR) AS ${ident(c)}`).join(', ');

/** The names of a parquet file's columns, in file order. */
export function parquetColumnsSql(path: string): string {
  return `SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(${literal(path)}))`;
}

/** The first rows of a parquet file as text, for the same guessing a CSV's preview gets. */
export function parquetHeadSql(path: string, columns: readonly string[], limit: number): string {
  return `SELECT ${asText(columns)} FROM read_parquet(${literal(path)}) LIMIT ${Math.trunc(limit)}`;
}

/** How many rows a parquet file holds, from its footer: counted apart from the read. */
export function parquetRecordsSql(path: string): string {
  return `SELECT coalesce(sum(num_rows), 0) AS records FROM parquet_file_metadata(${literal(path)})`;
}

/**
 * Reads a parquet file into the same all-text raw table a CSV read makes, so staging types and
 * judges its values the same way. Parquet has no malformed records: the rejects table stays empty.
 */
export function rawParquetReadSql(o: ParquetReadOptions): string {
  return [
    `DROP TABLE IF EXISTS ${ident(o.table + '_scan')};`,
    `CREATE OR REPLACE TABLE ${ident(o.table + '_rejects')} (line BIGINT, error_type VARCHAR, error_message VARCHAR, csv_line VARCHAR);`,
    `CREATE OR REPLACE TABLE ${ident(o.table)} AS SELECT ${asText(o.columns)} FROM read_parquet(${literal(o.path)});`,
  ].join('\n');
}
