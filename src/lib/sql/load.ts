import type { AmountLevel, FileImport } from '../spec/import.ts';
import { attributeNames } from './columns.ts';
import { ident, literal } from './quote.ts';
import type { RawColumn } from './staging.ts';

export interface StagedFile {
  index: number;
  staged: string;
  file: FileImport;
  /** The raw table that holds the file's attributes, row for row with `staged`; null when `staged` holds them (attributesStayRaw). */
  raw: string | null;
  /** Its attributes empty in some record (ColumnProfile.attributesWithEmpties). */
  attributesWithEmpties: readonly string[];
  /** Texts left in `raw` as they are (textsStayingRaw): order_lines takes them from there too. */
  rawTexts: readonly RawColumn[];
}

/** A staged customers file: its ids and outcomes in `staged`, row for row with its raw table. */
export interface StagedCustomers {
  staged: string;
  raw: string;
  file: FileImport;
}

/** The first columns of order_lines, in this order, wherever each file keeps them. */
const LEADING = ['rec_no', 'customer_id', 'order_id', 'order_date', 'quantity', 'unit_price', 'status', 'currency'];

/**
 * Every loaded record of every transactions file, with its source: a view, not a second copy. A
 * file's attributes and texts left in its raw table are joined by position: row i of the one is
 * row i of the other.
 */
export function orderLinesSql(files: readonly StagedFile[]): string {
  if (files.length === 0) throw new Error('invalid import: no transactions file');
  const parts = files.map((f) => {
    const lines = f.raw
      ? `(SELECT * FROM ${withRawColumns(f.staged, f.raw, [...f.rawTexts, ...rawAttributes(attributeNames(f.file))])})`
      : ident(f.staged);
    return `SELECT ${f.index} AS source_file, ${literal(f.file.name)} AS source_name, ${LEADING.join(', ')}, * EXCLUDE (${LEADING.join(', ')}, reason) FROM ${lines} WHERE reason IS NULL`;
  });
  return `CREATE OR REPLACE VIEW order_lines AS\n${parts.join('\nUNION ALL BY NAME\n')}`;
}

/**
 * One row per order. At line level the lines' amounts are summed; at order level the order's
 * amount is read once (from its first line that has one), since line-item exports repeat or blank
 * the order total on each line. Each attribute is its first line's that has a value.
 *
 * An attribute no record leaves empty is the order's first line's: it is looked up by that line's
 * record number, in the table that holds the file's attributes, after the lines are grouped. That
 * keeps the group's work to numbers: taking four text attributes through the group (arg_min) was
 * two thirds of it, and more as orders grow (3.1–3.8 s of 3.8 at 5M lines; 1.7–2.2 s looked up).
 * An attribute some record leaves empty is still taken through the group, by arg_min, which skips
 * the empty values.
 */
export function ordersSql(files: readonly StagedFile[], level: AmountLevel): string {
  const attrs = [...new Set(files.flatMap((f) => attributeNames(f.file).map((a) => a.name)))];
  const withEmpties = new Set(files.flatMap((f) => f.attributesWithEmpties));
  const lookedUp = attrs.filter((a) => !withEmpties.has(a));
  // arg_min by record number: the first line's value, without an ordered aggregate's sort.
  const amount = level === 'line' ? 'sum(amount)' : 'coalesce(arg_min(amount, rec_no) FILTER (WHERE amount IS NOT NULL), 0)';
  const grouped = [
    'customer_id',
    'order_id',
    'min(order_date) AS order_date',
    `${amount} AS amount`,
    'count(*) AS line_count',
    ...attrs.filter((a) => withEmpties.has(a)).map((a) => `arg_min(${ident(a)}, rec_no) AS ${ident(a)}`),
  ];
  // With one file its number is the same on every line: grouping by it too cost a tenth of the group (5M lines).
  const several = files.length > 1;
  const group = `FROM order_lines\nGROUP BY ${several ? 'source_file, ' : ''}customer_id, order_id`;
  if (lookedUp.length === 0) return `CREATE OR REPLACE TABLE orders AS\nSELECT ${grouped.join(', ')}\n${group}`;
  const lines = files.map((f) => {
    const own = attributeNames(f.file).filter((a) => lookedUp.includes(a.name));
    const values = f.raw ? rawAttributes(own).map(readAs) : own.map((a) => ident(a.name));
    // In the raw table a record's number is its position (rowid + 1), as staging numbers it.
    const recNo = f.raw ? 'rowid + 1' : 'rec_no';
    return `SELECT ${f.index} AS source_file, ${recNo} AS rec_no${values.map((v) => ', ' + v).join('')} FROM ${ident(f.raw ?? f.staged)}`;
  });
  const columns = ['customer_id', 'order_id', 'order_date', 'amount', 'line_count', ...attrs].map((c) =>
    lookedUp.includes(c) ? `l.${ident(c)}` : `o.${ident(c)}`,
  );
  return `CREATE OR REPLACE TABLE orders AS
WITH o AS (
  SELECT ${several ? 'source_file, ' : ''}${grouped.join(', ')}, min(rec_no) AS first_rec
  ${group.replace('\n', '\n  ')}
), l AS (
  ${lines.join('\n  UNION ALL BY NAME\n  ')}
)
SELECT ${columns.join(', ')}
FROM o LEFT JOIN l ON ${several ? 'l.source_file = o.source_file AND ' : ''}l.rec_no = o.first_rec`;
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
  const from = withRawColumns(customers.staged, customers.raw, rawAttributes(attributeNames(customers.file)));
  return `CREATE OR REPLACE TABLE customer_attributes AS SELECT * EXCLUDE (rec_no, reason) FROM ${from} WHERE reason IS NULL`;
}

/**
 * A staged table beside the columns of its file that stayed in the raw table: joined by position,
 * row i of the one being row i of the other (staging keeps the raw order). Just the staged table
 * when there are none.
 */
function withRawColumns(staged: string, raw: string, columns: readonly RawColumn[]): string {
  const named = columns.map(readAs);
  return named.length ? `${ident(staged)} POSITIONAL JOIN (SELECT ${named.join(', ')} FROM ${ident(raw)})` : ident(staged);
}

const readAs = (c: RawColumn) => `${c.sql} AS ${ident(c.name)}`;

/** Attributes as read from a raw table: as they are, under the names they have in the views. */
function rawAttributes(attributes: readonly { source: string; name: string }[]): RawColumn[] {
  return attributes.map((a) => ({ name: a.name, sql: ident(a.source) }));
}
