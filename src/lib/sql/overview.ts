import { dateLiteral } from './metrics.ts';

/*
 * The Overview's figures that no other part of the analysis reads. Buyers are the rows of
 * `customer_base` (customers with at least one purchase). A purchase is an order counted in its
 * buyer's frequency: every order, or, when the import nets returns, an order whose amount is not
 * negative (a negative one is a return, which counts in spend but is no order), as
 * `customerBaseSql` counts them. What does not depend on the analysis date is built once per import
 * beside `customer_base`, so that no analysis sorts or groups the orders for it.
 */

function purchase(netReturns: boolean): string {
  return netReturns ? 'amount >= 0' : 'true';
}

/**
 * `overview_activity`, one row, built by the import: `orders` (the buyers' purchases, Σ frequency),
 * `repeat_customers` (buyers with 2+ of them), `gaps` (how many gaps there are between a buyer's
 * consecutive purchases) and `median_gap_days`: the median of all those gaps pooled over every
 * buyer (not a median of per-customer medians), each gap in whole calendar days between the two
 * orders' dates (two orders on one day are 0 days apart), the mean of the two middle gaps when
 * their number is even, NULL when no buyer purchased twice.
 */
export function overviewActivitySql(netReturns: boolean): string {
  // Each repeat buyer's days are gathered and sorted in their own short list: a window over all
  // orders sorts every one of them by customer id first (at 1M lines 88 against 64 ms natively,
  // 122 against 103 ms in wasm).
  return `CREATE OR REPLACE TABLE overview_activity AS
WITH p AS (
  SELECT list_sort(list(CAST(order_date AS DATE))) AS days FROM orders WHERE ${purchase(netReturns)}
  GROUP BY customer_id HAVING count(*) > 1
), g AS (
  SELECT unnest(list_transform(range(1, len(days)), lambda i: days[i + 1] - days[i])) AS gap FROM p
), gaps AS (
  SELECT count(gap) AS gaps, CAST(quantile_cont(gap, 0.5) AS DOUBLE) AS median_gap_days FROM g
), buyers AS (
  SELECT coalesce(sum(frequency), 0) AS orders, count(*) FILTER (WHERE frequency >= 2) AS repeat_customers FROM customer_base
)
SELECT orders, repeat_customers, gaps, median_gap_days FROM buyers, gaps`;
}

/**
 * `overview_months`, built by the import: revenue and active customers per calendar month of the
 * order date (`YYYY-MM`), every month from the first order's to the last's (a month without orders
 * is there with zeros). Revenue is the net amount of the buyers' orders that month (so the months
 * add up to the revenue), active customers the buyers with at least one purchase that month.
 */
export function overviewMonthsSql(netReturns: boolean): string {
  // Without netting every customer with an order is a buyer: no need to look each one up.
  const buyers = netReturns ? ' WHERE customer_id IN (SELECT customer_id FROM customer_base)' : '';
  // Each month is summed before the join: the calendar meets one row per month, not one per order.
  return `CREATE OR REPLACE TABLE overview_months AS
WITH o AS (
  SELECT date_trunc('month', order_date) AS month,
    count(DISTINCT customer_id) FILTER (WHERE ${purchase(netReturns)}) AS customers,
    sum(amount) AS amount
  FROM orders${buyers}
  GROUP BY month
), months AS (
  SELECT unnest(range(min(month), max(month) + INTERVAL 1 MONTH, INTERVAL 1 MONTH)) AS month FROM o
)
SELECT strftime(m.month, '%Y-%m') AS month,
  coalesce(o.customers, 0) AS customers,
  CAST(coalesce(o.amount, 0) AS DOUBLE) AS revenue,
  CAST(coalesce(o.amount, 0) AS VARCHAR) AS revenue_text
FROM months m LEFT JOIN o ON o.month = m.month`;
}

export function overviewActivityRowsSql(): string {
  return `SELECT orders, repeat_customers, gaps, median_gap_days FROM overview_activity`;
}

export function overviewMonthsRowsSql(): string {
  return `SELECT month, customers, revenue, revenue_text FROM overview_months ORDER BY month`;
}

/**
 * Revenue at risk, relative to the analysis date (never the clock): the net amount of every order
 * whose calendar date lies in the 12 months before the analysis date — from the same day 12 months
 * earlier (inclusive) up to the day before the analysis date (inclusive; an order on or after the
 * analysis date is not in it) — of the buyers whose lifecycle stage is now cooling or lapsed.
 * Also that window's bounds as `YYYY-MM-DD`, the buyers the revenue at risk comes from, and the
 * window's revenue from every buyer (what the revenue at risk is a share of). Amounts are exact
 * text; returns, where netted, subtract as they do from spend.
 */
export function revenueAtRiskSql(analysisDate: string): string {
  const day = dateLiteral(analysisDate);
  // Order timestamps compared with midnights: the same days as comparing their dates, without a cast per order.
  // Each buyer's window revenue is summed before the join, so the join meets one row per buyer, not per order.
  return `WITH w AS (
  SELECT CAST(${day} - INTERVAL 12 MONTH AS DATE) AS first_day, ${day} - 1 AS last_day
), o AS (
  SELECT customer_id, sum(amount) AS amount FROM orders, w
  WHERE order_date >= CAST(w.first_day AS TIMESTAMP) AND order_date < CAST(${day} AS TIMESTAMP)
  GROUP BY customer_id
), r AS (
  SELECT o.amount, l.lifecycle_stage IN ('cooling', 'lapsed') AS at_risk
  FROM o JOIN customer_lifecycle l ON l.customer_id = o.customer_id
)
SELECT strftime(any_value(w.first_day), '%Y-%m-%d') AS first_day, strftime(any_value(w.last_day), '%Y-%m-%d') AS last_day,
  CAST(coalesce(sum(r.amount) FILTER (WHERE r.at_risk), 0) AS VARCHAR) AS at_risk_text,
  CAST(coalesce(sum(r.amount) FILTER (WHERE r.at_risk), 0) AS DOUBLE) AS at_risk,
  count(*) FILTER (WHERE r.at_risk) AS at_risk_customers,
  CAST(coalesce(sum(r.amount), 0) AS VARCHAR) AS window_revenue_text,
  CAST(coalesce(sum(r.amount), 0) AS DOUBLE) AS window_revenue
FROM w LEFT JOIN r ON true`;
}
