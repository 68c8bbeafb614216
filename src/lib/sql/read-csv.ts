import type { Delimiter } from '../spec/import.ts';
import { ident, literal } from './quote.ts';

export interface RawReadOptions {
  /** Registered path, under `uploads/`. */
  path: string;
  /** Table to create; its rejects go to `<table>_rejects` and `<table>_scan`. */
  table: string;
  columns: readonly string[];
  /** Whitespace-aligned text reaches DuckDB already rewritten as tab-separated. */
  delimiter: Exclude<Delimiter, 'whitespace'>;
  header: boolean;
  /** Blank lines before the header, so that the header is the first line with text, as the preview shows it. */
  skip?: number;
  /** A later part of a file cut between records: its records are added to the table, its rejects to the file's. */
  append?: boolean;
}

/**
 * Reads every column as text, with no sniffing: the columns are the ones the user mapped, and
 * typing happens later in SQL where a bad value can be reported instead of failing the file.
 * Structural errors (ragged rows, unterminated quotes, bad UTF-8) land in the rejects table with
 * the reader's line number.
 */
export function rawReadSql(o: RawReadOptions): string {
  const columns = o.columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ');
  return [
    ...(o.append
      ? [`INSERT INTO ${ident(o.table)} SELECT * FROM read_csv(${literal(o.path)},`]
      : [
          `DROP TABLE IF EXISTS ${ident(o.table + '_rejects')};`,
          `DROP TABLE IF EXISTS ${ident(o.table + '_scan')};`,
          `CREATE OR REPLACE TABLE ${ident(o.table)} AS SELECT * FROM read_csv(${literal(o.path)},`,
        ]),
    `  columns = {${columns}}, auto_detect = false, header = ${o.header},${o.skip ? ` skip = ${Math.trunc(o.skip)},` : ''}`,
    `  delim = ${literal(o.delimiter)}, quote = '"', escape = '"', strict_mode = true,`,
    `  null_padding = false, store_rejects = true,`,
    `  rejects_table = ${literal(o.table + '_rejects')}, rejects_scan = ${literal(o.table + '_scan')});`,
  ].join('\n');
}

/** The raw table with no record yet, and no rejects: a file read in parts adds each part to it (`append`). */
export function emptyRawTableSql(table: string, columns: readonly string[]): string {
  return [
    `DROP TABLE IF EXISTS ${ident(table + '_rejects')};`,
    `DROP TABLE IF EXISTS ${ident(table + '_scan')};`,
    `CREATE OR REPLACE TABLE ${ident(table)} (${columns.map((c) => `${ident(c)} VARCHAR`).join(', ')});`,
  ].join('\n');
}

/**
 * A file read in parts numbers each part's lines from 1: moves the rejects of each part read from
 * `path` down by the reader's lines before it, so that they carry the whole file's line numbers.
 */
export function shiftRejectLinesSql(table: string, parts: readonly { path: string; linesBefore: number }[]): string {
  const shifts = parts.map((p) => `(${literal(p.path)}, ${Math.trunc(p.linesBefore)})`).join(', ');
  return `UPDATE ${ident(table + '_rejects')} SET line = line + p.lines_before
FROM ${ident(table + '_scan')} s, (VALUES ${shifts}) p(path, lines_before)
WHERE ${ident(table + '_rejects')}.scan_id = s.scan_id AND s.file_path = p.path`;
}

/** The line of each record the reader rejected, in order: numbers only, to derive other rejects' lines. */
export function structuralRejectLinesSql(table: string): string {
  return `SELECT DISTINCT line FROM ${ident(table + '_rejects')} ORDER BY line`;
}

/** One row per rejected record (the reader may log several errors for one line). */
export function structuralRejectsSql(table: string): string {
  // As text: an ENUM would reach the page as a dictionary, which streamed results lose (workers/cancellable.ts).
  return `SELECT line, CAST(min(error_type) AS VARCHAR) AS error_type, min(error_message) AS message, min(csv_line) AS csv_line
FROM ${ident(table + '_rejects')} GROUP BY line ORDER BY line`;
}
