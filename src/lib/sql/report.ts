import { ident, literal } from './quote.ts';
import { structuralRejectsSql } from './read-csv.ts';

/** Outcome counts of one staged file: `outcome` is loaded, rejected or excluded:<rule>. */
export function outcomeCountsSql(staged: string): string {
  return `SELECT CASE WHEN reason IS NULL THEN 'loaded' WHEN starts_with(reason, 'rejected:') THEN 'rejected' ELSE reason END AS outcome, count(*) AS records
FROM ${ident(staged)} GROUP BY 1`;
}

/**
 * Records typing rejected, by record number, with the reason and the record's text: its fields
 * from the raw table, joined by the delimiter and quoted as CSV where a field needs it.
 */
export function typedRejectsSql(staged: string, raw: string, columns: readonly string[], delimiter: string): string {
  const field = (c: string) => {
    const v = `r.${ident(c)}`;
    const needsQuotes = `contains(${v}, '"') OR contains(${v}, ${literal(delimiter)}) OR contains(${v}, chr(10)) OR contains(${v}, chr(13))`;
    return `CASE WHEN ${v} IS NULL THEN '' WHEN ${needsQuotes} THEN '"' || replace(${v}, '"', '""') || '"' ELSE ${v} END`;
  };
  const text = columns.length ? `concat_ws(${literal(delimiter)}, ${columns.map(field).join(', ')})` : `''`;
  return `SELECT s.rec_no, substr(s.reason, 10) AS reason, ${text} AS text
FROM ${ident(staged)} s JOIN ${ident(raw)} r ON r.rowid + 1 = s.rec_no
WHERE starts_with(s.reason, 'rejected:') ORDER BY s.rec_no`;
}

/**
 * Totals of the loaded orders, in one pass over `orders` (lines are counted there, where each order
 * counts its own: no second pass over the lines). It also reads what bounds every customer's net
 * spend, for narrowSpendType: the amounts' type and the largest amount as exact text (no spend can
 * pass orders × largest). The currencies are read from the lines only when some file has a currency
 * column (`withCurrencies`): NULL otherwise.
 */
export function loadedSummarySql(withCurrencies: boolean): string {
  const currencies = withCurrencies
    ? '(SELECT list(currency ORDER BY currency) FROM (SELECT DISTINCT currency FROM order_lines WHERE currency IS NOT NULL))'
    : 'NULL';
  return `SELECT o.*, (SELECT typeof(amount) FROM orders LIMIT 1) AS amount_type, ${currencies} AS currencies
FROM (
  SELECT count(*) AS orders, coalesce(sum(line_count), 0) AS lines,
    CAST(min(order_date) AS VARCHAR) AS first_date, CAST(max(order_date) AS VARCHAR) AS last_date,
    CAST(sum(amount) AS VARCHAR) AS total_amount, CAST(max(abs(amount)) AS VARCHAR) AS largest
  FROM orders
) o`;
}

/** The buyers: one row each in customer_base. */
export function buyersSql(): string {
  return 'SELECT count(*) AS customers FROM customer_base';
}

/**
 * How a customers file and the orders meet: buyers missing from it, customers who never bought.
 * The buyers are read from customer_base, one row each, instead of from every order; but when
 * returns are netted customer_base leaves out a customer with returns only, who has orders all the same.
 * Both sides hold each id once (the customers file's repeated ids are refused or left out), so one
 * full join of the two counts all three, where two anti-joins read each side twice.
 */
export function customerCoverageSql(netReturns: boolean): string {
  const buyers = netReturns ? 'SELECT DISTINCT customer_id FROM orders' : 'SELECT customer_id FROM customer_base';
  return `WITH buyers AS (${buyers})
SELECT count(c.customer_id) AS customers_in_file,
  count(*) FILTER (WHERE b.customer_id IS NULL) AS never_purchased,
  count(*) FILTER (WHERE c.customer_id IS NULL) AS buyers_not_in_file
FROM buyers b FULL JOIN customer_attributes c ON c.customer_id = b.customer_id`;
}

/**
 * Distinct ids before and after clean-up: the difference is how many ids were merged. With a
 * fallback column, only the records that had an id of their own are compared.
 */
export function mergedIdsSql(raw: string, column: string, cleaned: string, fallback = false): string {
  const present = `nullif(trim(${ident(column)}), '') IS NOT NULL`;
  const after = fallback
    ? `SELECT count(DISTINCT customer_id) FROM ${ident(cleaned)} WHERE rec_no IN (SELECT rowid + 1 FROM ${ident(raw)} WHERE ${present})`
    : `SELECT count(DISTINCT customer_id) FROM ${ident(cleaned)}`;
  return `SELECT count(DISTINCT ${ident(column)}) - (${after}) AS merged FROM ${ident(raw)} WHERE ${present}`;
}

/**
 * Every rejected record of a file in line order, for the download read in pages: the reader's rejects
 * with their own line, and typing's with the line derived in SQL as `lineOfRecord` derives it (the
 * record number after the header, plus each reader-rejected line at or before it: the j-th of those,
 * at line r, comes before the record when fewer than header + record number accepted lines precede it).
 */
export function allRejectsSql(typedRejects: string, rawTable: string, headerLines: number): string {
  const first = `(${Math.trunc(headerLines)} + t.rec_no)`;
  return `WITH s AS (${structuralRejectsSql(rawTable)}),
r AS (SELECT line - row_number() OVER (ORDER BY line) AS accepted_before FROM s),
t AS (${typedRejects})
SELECT CAST(line AS BIGINT) AS line, true AS structural, CAST(error_type AS VARCHAR) AS error_type, message, csv_line AS text, NULL::VARCHAR AS reason FROM s
UNION ALL
SELECT CAST(${first} + (SELECT count(*) FROM r WHERE r.accepted_before < ${first}) AS BIGINT) AS line, false, NULL, NULL, t.text, t.reason FROM t
ORDER BY line`;
}
