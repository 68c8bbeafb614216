import { exportCustomersSql } from './export.ts';
import { ident, literal } from './quote.ts';
import { tierPositionSql } from './tiers.ts';

/**
 * One customer's story: their row, facts, orders and segment flags. The id is a text literal
 * compared with the text `customer_id` (ids are strings end to end: `00123` stays `00123`, and a
 * quote in an id is quoted by `literal`).
 */
function idIs(id: string, column = 'customer_id'): string {
  return `${column} = ${literal(id)}`;
}

/** The customer's row of the `customers` view: every column, attributes included. */
export function customerRowSql(id: string): string {
  return `SELECT * FROM customers WHERE ${idIs(id)}`;
}

/**
 * What the explanations are derived from: the metrics with spend as exact text, the scores and
 * the segment's position in the map, the value M scores, and the customer's place in the ranking
 * by spend read as tiers read it (both schemes). No row when the id is not loaded; metrics NULL
 * for a customers-file customer who never bought.
 */
export function customerFactsSql(id: string): string {
  return `WITH t AS (SELECT sum(greatest(monetary, 0)) AS total, count(*) AS n FROM customer_metrics),
p AS (
  SELECT customer_id, value_rank, t.n AS buyers, ${tierPositionSql('revenue-share')} AS revenue_share, ${tierPositionSql('percentile')} AS percentile
  FROM customer_metrics, t
  WHERE ${idIs(id)}
)
SELECT c.customer_id, c.recency_days, c.frequency, CAST(c.monetary AS VARCHAR) AS monetary_text, CAST(c.aov AS DOUBLE) AS aov,
  strftime(CAST(c.first_purchase AS TIMESTAMP), '%Y-%m-%d %H:%M:%S') AS first_purchase,
  strftime(CAST(c.last_purchase AS TIMESTAMP), '%Y-%m-%d %H:%M:%S') AS last_purchase, c.tenure_days,
  c.r_score, c.f_score, c.m_score, c.rfm_cell, c.rfm_segment, g.segment_index, CAST(s.m_value AS DOUBLE) AS m_value,
  c.value_tier, c.lifecycle_stage, p.value_rank, p.buyers, p.revenue_share, p.percentile
FROM customers c
LEFT JOIN customer_scores s ON s.customer_id = c.customer_id
LEFT JOIN customer_segments g ON g.customer_id = c.customer_id
LEFT JOIN p ON p.customer_id = c.customer_id
WHERE ${idIs(id, 'c.customer_id')}`;
}

/**
 * Rank n-tiles' bands as found in the data: the smallest and largest value among the buyers who
 * got the customer's R, F and M score (`r_min`, `r_max`, …), as the scoring compares them (doubles).
 */
export function scoreRangesSql(id: string): string {
  const range = (dim: 'r' | 'f' | 'm', expr: string) =>
    `min(CAST(s.${expr} AS DOUBLE)) FILTER (WHERE s.${dim}_score = me.${dim}_score) AS ${dim}_min, max(CAST(s.${expr} AS DOUBLE)) FILTER (WHERE s.${dim}_score = me.${dim}_score) AS ${dim}_max`;
  return `WITH me AS (SELECT r_score, f_score, m_score FROM customer_scores WHERE ${idIs(id)})
SELECT ${range('r', 'recency_days')},
  ${range('f', 'frequency')},
  ${range('m', 'm_value')}
FROM customer_scores s, me`;
}

/** The columns of `orders` every order has once; the others are its lines' attributes. */
const ORDER_LEVEL = new Set(['customer_id', 'order_id', 'order_date', 'amount', 'line_count']);

/** Attribute columns of `orders` (read on every line of `order_lines`) among the given column names. */
export function lineAttributeColumns(orderColumns: readonly string[]): string[] {
  return orderColumns.filter((c) => !ORDER_LEVEL.has(c.toLowerCase()));
}

export function customerOrderCountSql(id: string): string {
  return `SELECT count(*) AS total FROM orders WHERE ${idIs(id)}`;
}

/** How many of an order's distinct values of one attribute are listed before "and N more". */
export const LISTED_VALUES = 5;

/**
 * One page of the customer's orders, newest first: order id, date (the time of day when there is
 * one), amount as exact text, line count, and for each line attribute the distinct filled values
 * its lines have (`orders` keeps only the first line's), sorted, the first few listed and the rest
 * counted (`23166, 47590A, 84997D, 85123A, 85152 and 19 more`).
 */
export function customerOrdersSql(id: string, attributes: readonly string[], offset: number, limit: number): string {
  const values = attributes.map((a) => {
    const v = `nullif(trim(CAST(${ident(a)} AS VARCHAR)), '')`;
    return `list_sort(list_distinct(list(${v}) FILTER (WHERE ${v} IS NOT NULL))) AS ${ident(a)}`;
  });
  const lines = values.length ? `,\nl AS (SELECT order_id, ${values.join(', ')} FROM order_lines WHERE ${idIs(id)} GROUP BY order_id)` : '';
  const listed = (a: string) => {
    const list = `l.${ident(a)}`;
    return `CASE WHEN len(${list}) > ${LISTED_VALUES} THEN array_to_string(${list}[1:${LISTED_VALUES}], ', ') || ' and ' || (len(${list}) - ${LISTED_VALUES}) || ' more' ELSE array_to_string(${list}, ', ') END AS ${ident(a)}`;
  };
  const date = 'CAST(o.order_date AS TIMESTAMP)';
  const columns = [
    'o.order_id AS order_id',
    `CASE WHEN CAST(${date} AS TIME) = TIME '00:00:00' THEN strftime(${date}, '%Y-%m-%d') ELSE strftime(${date}, '%Y-%m-%d %H:%M:%S') END AS order_date`,
    'CAST(o.amount AS VARCHAR) AS amount',
    'o.line_count AS line_count',
    ...attributes.map(listed),
  ];
  // Sorted by the table's own columns (o.…), not by the text columns of the same names.
  return `WITH o AS (SELECT * FROM orders WHERE ${idIs(id)})${lines}
SELECT ${columns.join(', ')}
FROM o${values.length ? ' LEFT JOIN l ON l.order_id IS NOT DISTINCT FROM o.order_id' : ''}
ORDER BY o.order_date DESC, o.order_id DESC NULLS LAST, o.amount DESC
LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`;
}

/** Per predicate, whether it holds for the customer (`f0`, `f1`…): a NULL counts as not a member, as everywhere. */
export function customerFlagsSql(id: string, predicates: readonly string[]): string {
  const flags = predicates.length ? predicates.map((p, i) => `coalesce(${p}, false) AS f${i}`).join(',\n  ') : 'true AS none';
  return `SELECT ${flags}\nFROM customers\nWHERE ${idIs(id)}`;
}

/** The first rows of what "Export customers" writes, in its order and with its text. */
export function exportPreviewSql(rows: number): string {
  return `${exportCustomersSql()}\nLIMIT ${Math.trunc(rows)}`;
}
