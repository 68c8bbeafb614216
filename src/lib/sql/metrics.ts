import { isCalendarDate } from '../spec/calendar-date.ts';
import { ident, literal } from './quote.ts';

/** The analysis date when the spec gives none: the calendar day after the latest order, as `YYYY-MM-DD`. */
export function defaultAnalysisDateSql(): string {
  return `SELECT strftime(CAST(max(order_date) AS DATE) + 1, '%Y-%m-%d') AS analysis_date FROM orders`;
}

/** A `YYYY-MM-DD` calendar date as a DATE literal; refuses anything else (including 2023-02-30). */
export function dateLiteral(date: string): string {
  // The same test as spec files and links pass (`Date` would read years 0–99 as 1900–1999).
  if (!isCalendarDate(date)) throw new Error(`invalid analysis date: ${date}`);
  return `DATE ${literal(date)}`;
}

/**
 * `customer_base`, built once per import: every date-independent fact of a buyer, so that the
 * analysis never aggregates orders or sorts customers again. `id_rank` fixes the id order every tie
 * break uses (numeric when all ids are integers); `value_rank` ranks by monetary, highest first, and
 * `cum_monetary` is the exact running total of positive spend in that order (tiers, Lorenz curve,
 * Pareto top: a customer whose net spend is ≤ 0 adds nothing to it, so shares never pass 100 % nor
 * fall back). The `*_pos` columns are 0-based positions in the orders rank n-tiles use — recency
 * (most recent calendar day last, so the order of recency_days for any analysis date), frequency,
 * monetary and average order value, each with ties in id order — so n-tiles need no sort per analysis.
 *
 * With `netReturns`, orders whose amount is negative are returns: they count in monetary (net
 * spend) but in no frequency, first or last purchase, and a customer with returns only is no buyer.
 *
 * `spendType`, when given (narrowSpendType), is a 64-bit DECIMAL every customer's net spend is
 * proved to fit: the sorts by spend sort on that exact copy of it, half the width of the 128-bit
 * type a sum has (a fifth of this work at 1M customers). monetary keeps the sum's own type.
 *
 * Statements to run in turn, each on its own so that Cancel stops the one running: the buyers with
 * their id order first, then one per order the positions need, each adding its columns to a copy of
 * the last table and dropping it. The six window orders in one statement held copies of each
 * other's rows at once: on the 1M bench's 94,904 buyers that grew the browser engine's memory (which
 * never shrinks) by 91 MB and wrote 8,700–12,600 fresh pages, and fresh memory is slow to write; one
 * order at a time grew it by none, and took 287–322 ms against 345–501 ms there (three fresh engines
 * each), 244 against 321 ms natively (medians of 7 rounds). `table` names the table (and its steps'
 * tables): a test builds two side by side.
 */
export function customerBaseSql(netReturns = false, spendType: string | null = null, table = 'customer_base'): string[] {
  const purchases = netReturns ? ' FILTER (WHERE amount >= 0)' : '';
  const spendKey = spendType ? `, CAST(sum(amount) AS ${spendType}) AS spend_key` : '';
  const spend = spendType ? 'spend_key' : 'monetary';
  // Whether every id is an integer is decided over customers, not orders: ten times fewer rows. The
  // search for one that is not stops at the first (bool_and would cast every id).
  const buyers = `WITH m AS (
  SELECT customer_id, min(order_date)${purchases} AS first_purchase, max(order_date)${purchases} AS last_purchase,
    count(*)${purchases} AS frequency, sum(amount) AS monetary${spendKey}, sum(amount) / count(*)${purchases} AS aov
  FROM orders
  GROUP BY customer_id${netReturns ? `\n  HAVING count(*)${purchases} > 0` : ''}
), kind AS (
  SELECT EXISTS (FROM m) AND NOT EXISTS (FROM m WHERE TRY_CAST(customer_id AS HUGEINT) IS NULL) AS numeric_ids
)
SELECT m.*, row_number() OVER (ORDER BY CASE WHEN kind.numeric_ids THEN TRY_CAST(customer_id AS HUGEINT) END, customer_id) AS id_rank
FROM m, kind`;
  const positions = [
    `row_number() OVER (ORDER BY ${spend} DESC, id_rank) AS value_rank,
  sum(greatest(monetary, 0)) OVER (ORDER BY ${spend} DESC, id_rank ROWS UNBOUNDED PRECEDING) AS cum_monetary`,
    'row_number() OVER (ORDER BY CAST(last_purchase AS DATE) DESC, id_rank) - 1 AS r_pos',
    'row_number() OVER (ORDER BY frequency, id_rank) - 1 AS f_pos',
    `row_number() OVER (ORDER BY ${spend}, id_rank) - 1 AS m_pos`,
    'row_number() OVER (ORDER BY aov, id_rank) - 1 AS a_pos',
  ];
  const step = (i: number) => ident(`${table}_step_${i}`);
  const statements = [`CREATE OR REPLACE TABLE ${step(0)} AS\n${buyers}`];
  positions.forEach((columns, i) => {
    const last = i === positions.length - 1;
    const target = last ? ident(table) : step(i + 1);
    const kept = last && spendType ? ' EXCLUDE (spend_key)' : '';
    statements.push(`CREATE OR REPLACE TABLE ${target} AS\nSELECT *${kept},\n  ${columns}\nFROM ${step(i)}`, `DROP TABLE ${step(i)}`);
  });
  return statements;
}

/**
 * A 64-bit DECIMAL (18 digits) at the orders' scale when the loaded orders' totals (loadedSummarySql:
 * the amounts' type, the order count, the largest amount) prove every net spend fits it: the largest
 * amount's integer digits plus the digits of the order count, plus the scale, at most 18. Null when
 * it cannot be proved (or the amounts are no DECIMAL).
 */
export function narrowSpendType(row: { amount_type?: unknown; orders?: unknown; largest?: unknown }): string | null {
  const type = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(String(row.amount_type ?? ''));
  if (!type || row.largest == null) return null;
  const scale = Number(type[2]);
  const largestDigits = String(row.largest).split('.')[0].replace(/^0+/, '').length;
  const countDigits = String(row.orders ?? 0).length;
  return largestDigits + countDigits + scale <= 18 ? `DECIMAL(18, ${scale})` : null;
}

/** Buyers whose net spend is ≤ 0 (returns netted): how many, and the first of them, lowest first. */
export function nonPositiveBuyersSql(limit: number): string {
  // Ordered by the exact spend, not by its text (an alias of the same name would win in ORDER BY).
  return `SELECT customer_id, CAST(monetary AS VARCHAR) AS net_spend, count(*) OVER () AS total
FROM customer_base WHERE monetary <= 0 ORDER BY monetary, id_rank LIMIT ${Math.trunc(limit)}`;
}

/** Customers with orders but no purchase (returns only, netted): they are not buyers. */
export function returnsOnlyCustomersSql(): string {
  return `SELECT count(DISTINCT customer_id) AS customers FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customer_base b WHERE b.customer_id = o.customer_id)`;
}

/**
 * Stage 1, `customer_metrics`: one row per buyer, from `customer_base`. Days are whole calendar days
 * back from the analysis date; `monetary` stays an exact DECIMAL.
 */
export function customerMetricsSql(analysisDate: string): string {
  const day = dateLiteral(analysisDate);
  return `CREATE OR REPLACE TABLE customer_metrics AS
SELECT customer_id, first_purchase, last_purchase,
  date_diff('day', CAST(last_purchase AS DATE), ${day}) AS recency_days,
  frequency, monetary, aov,
  date_diff('day', CAST(first_purchase AS DATE), ${day}) AS tenure_days,
  id_rank, value_rank, cum_monetary, r_pos, f_pos, m_pos, a_pos
FROM customer_base`;
}

/** Buyers, customers-file customers who never bought, and total revenue as exact text. */
export function summarySql(): string {
  return `SELECT
  (SELECT count(*) FROM customer_metrics) AS buyers,
  (SELECT count(*) FROM customer_attributes a WHERE NOT EXISTS (SELECT 1 FROM customer_metrics m WHERE m.customer_id = a.customer_id)) AS never_purchased,
  (SELECT CAST(coalesce(sum(monetary), 0) AS VARCHAR) FROM customer_metrics) AS revenue`;
}

/**
 * Counts per equal-width bin of one metric of `customer_metrics`: `lo`, `width` and `bins` give the
 * edges. An integer metric gets whole-number widths so that one value never straddles two bins.
 * Customers are counted per distinct value first: the edges and bins are then worked out over those
 * few rows (a day count takes a few hundred values), not over every customer twice.
 */
export function histogramSql(expr: string, integer: boolean, target = 20): string {
  const width = integer ? `CAST(ceil((hi - lo + 1) / ${target}) AS DOUBLE)` : `CASE WHEN hi > lo THEN (hi - lo) / ${target} ELSE 1 END`;
  const bins = integer ? `CAST(ceil((hi - lo + 1) / width) AS INTEGER)` : `CASE WHEN hi > lo THEN ${target} ELSE 1 END`;
  return `WITH v AS (SELECT CAST(${expr} AS DOUBLE) AS x, count(*) AS n FROM customer_metrics GROUP BY ALL),
r AS (SELECT min(x) AS lo, max(x) AS hi FROM v),
w AS (SELECT lo, hi, ${width} AS width FROM r),
b AS (SELECT lo, width, ${bins} AS bins FROM w)
SELECT lo, width, bins, CAST(least(floor((x - lo) / width), bins - 1) AS INTEGER) AS bin, CAST(sum(n) AS BIGINT) AS customers
FROM v, b
GROUP BY ALL
ORDER BY bin`;
}
