import type { AmountLevel, FileImport } from '../spec/import.ts';
import { attributeNames } from './columns.ts';
import { ident, literal } from './quote.ts';

export interface StagedFile {
  index: number;
  staged: string;
  file: FileImport;
  /** The raw table that holds the file's attributes, row for row with `staged`; null when `staged` holds them (attributesStayRaw). */
  raw: string | null;
}

/** A staged customers file: its ids and outcomes in `staged`, row for row with its raw table. */
export interface StagedCustomers {
  staged: string;
  raw: string;
  file: FileImport;
}

/**
 * Every loaded record of every transactions file, with its source: a view, not a second copy. A
 * file's attributes left in its raw table are joined by position: row i of the one is row i of the other.
 */
export function orderLinesSql(files: readonly StagedFile[]): string {
  if (files.length === 0) throw new Error('invalid import: no transactions file');
  const parts = files.map((f) => {
    const attrs = attributeNames(f.file).map((a) => `${ident(a.source)} AS ${ident(a.name)}`);
    const lines =
      f.raw && attrs.length
        ? `(SELECT * FROM ${ident(f.staged)} POSITIONAL JOIN (SELECT ${attrs.join(', ')} FROM ${ident(f.raw)}))`
        : ident(f.staged);
    return `SELECT ${f.index} AS source_file, ${literal(f.file.name)} AS source_name, * EXCLUDE (reason) FROM ${lines} WHERE reason IS NULL`;
  });
  return `CREATE OR REPLACE VIEW order_lines AS\n${parts.join('\nUNION ALL BY NAME\n')}`;
}

/**
 * One row per order. At line level the lines' amounts are summed; at order level the order's
 * amount is read once (from its first line that has one), since line-item exports repeat or blank
 * the order total on each line.
 */
export function ordersSql(files: readonly StagedFile[], level: AmountLevel): string {
  const attrs = [...new Set(files.flatMap((f) => attributeNames(f.file).map((a) => a.name)))];
  // arg_min by record number: the first line's value, without an ordered aggregate's sort.
  const amount = level === 'line' ? 'sum(amount)' : 'coalesce(arg_min(amount, rec_no) FILTER (WHERE amount IS NOT NULL), 0)';
  const firsts = attrs.map((a) => `arg_min(${ident(a)}, rec_no) AS ${ident(a)}`);
  return `CREATE OR REPLACE TABLE orders AS
SELECT customer_id, order_id, min(order_date) AS order_date, ${amount} AS amount, count(*) AS line_count${firsts.length ? ',\n  ' + firsts.join(', ') : ''}
FROM order_lines
GROUP BY source_file, customer_id, order_id`;
}

/** Orders whose lines carry more than one distinct amount (order level only). */
export function amountConflictsSql(): string {
  return `SELECT count(*) AS conflicts FROM (
  SELECT 1 FROM order_lines WHERE amount IS NOT NULL
  GROUP BY source_file, customer_id, order_id HAVING count(DISTINCT amount) > 1)`;
}

/**
 * The customers file's loaded records, one per id (duplicates were refused or resolved): the ids
 * from its staged table, the attributes from its raw table, row i of the one being row i of the
 * other (stageCustomersSql keeps the raw order).
 */
export function customerAttributesSql(customers: StagedCustomers | null): string {
  if (!customers) return `CREATE OR REPLACE TABLE customer_attributes AS SELECT NULL::VARCHAR AS customer_id WHERE false`;
  const attrs = attributeNames(customers.file).map((a) => `${ident(a.source)} AS ${ident(a.name)}`);
  const from = attrs.length
    ? `${ident(customers.staged)} POSITIONAL JOIN (SELECT ${attrs.join(', ')} FROM ${ident(customers.raw)})`
    : ident(customers.staged);
  return `CREATE OR REPLACE TABLE customer_attributes AS SELECT * EXCLUDE (rec_no, reason) FROM ${from} WHERE reason IS NULL`;
}
