import { literal } from './quote.ts';

/** The analysis date when the spec gives none: the calendar day after the latest order, as `YYYY-MM-DD`. */
export function defaultAnalysisDateSql(): string {
  return `SELECT strftime(CAST(max(order_date) AS DATE) + 1, '%Y-%m-%d') AS analysis_date FROM orders`;
}

/** A `YYYY-MM-DD` calendar date as a DATE literal; refuses anything else (including 2023-02-30). */
export function dateLiteral(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const parsed = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!parsed || parsed.toISOString().slice(0, 10) !== date) throw new Error(`invalid analysis date: ${date}`);
  return `DATE ${literal(date)}`;
}

/**
 * Stage 1, `customer_metrics`: one row per buyer. Days are whole calendar days back from the
 * analysis date; `monetary` stays an exact DECIMAL. `id_rank` fixes the id order every later tie
 * break uses (numeric when all ids are integers), and `value_rank` ranks by monetary, highest first.
 */
export function customerMetricsSql(analysisDate: string): string {
  const day = dateLiteral(analysisDate);
  // Whether every id is an integer is decided over customers, not orders: ten times fewer rows.
  return `CREATE OR REPLACE TABLE customer_metrics AS
WITH m AS (
  SELECT customer_id, min(order_date) AS first_purchase, max(order_date) AS last_purchase,
    date_diff('day', CAST(max(order_date) AS DATE), ${day}) AS recency_days,
    count(*) AS frequency, sum(amount) AS monetary, sum(amount) / count(*) AS aov,
    date_diff('day', CAST(min(order_date) AS DATE), ${day}) AS tenure_days
  FROM orders
  GROUP BY customer_id
), kind AS (
  SELECT coalesce(bool_and(TRY_CAST(customer_id AS HUGEINT) IS NOT NULL), false) AS numeric_ids FROM m
), ids AS (
  SELECT m.*, row_number() OVER (ORDER BY CASE WHEN kind.numeric_ids THEN TRY_CAST(customer_id AS HUGEINT) END, customer_id) AS id_rank
  FROM m, kind
)
SELECT *, row_number() OVER (ORDER BY monetary DESC, id_rank) AS value_rank FROM ids`;
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
 */
export function histogramSql(expr: string, integer: boolean, target = 20): string {
  const width = integer ? `CAST(ceil((hi - lo + 1) / ${target}) AS DOUBLE)` : `CASE WHEN hi > lo THEN (hi - lo) / ${target} ELSE 1 END`;
  const bins = integer ? `CAST(ceil((hi - lo + 1) / width) AS INTEGER)` : `CASE WHEN hi > lo THEN ${target} ELSE 1 END`;
  return `WITH v AS (SELECT CAST(${expr} AS DOUBLE) AS x FROM customer_metrics),
r AS (SELECT min(x) AS lo, max(x) AS hi FROM v),
w AS (SELECT lo, hi, ${width} AS width FROM r),
b AS (SELECT lo, width, ${bins} AS bins FROM w)
SELECT lo, width, bins, CAST(least(floor((x - lo) / width), bins - 1) AS INTEGER) AS bin, count(*) AS customers
FROM v, b
GROUP BY ALL
ORDER BY bin`;
}
