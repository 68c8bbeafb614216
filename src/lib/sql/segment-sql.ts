import type { SegmentSchema } from '../segments/schema.ts';
import type { SegmentDefinition, SegmentLibrary } from '../spec/segments.ts';
import { ident, literal } from './quote.ts';
import { definitionPredicate } from './segment-references.ts';

/**
 * A segment as a boolean expression over one row of `customers` (NULL counts as not a member); its
 * "is in segment" rules are resolved in `library`, and a cycle is named from `self` (its id) when
 * given (see segment-references.ts).
 */
export function segmentPredicate(
  definition: SegmentDefinition,
  schema: SegmentSchema,
  library: SegmentLibrary = [],
  self?: string,
): string {
  return definitionPredicate(definition, schema, library, self);
}

/** The query people read and copy: the segment's members from `customers`. */
export function segmentMembersSql(predicate: string): string {
  return `SELECT customer_id\nFROM customers\nWHERE ${predicate}`;
}

/** Binds a predicate without reading a row: a bad column or function fails here. */
export function segmentBindSql(predicate: string): string {
  return `SELECT customer_id FROM customers WHERE ${predicate} LIMIT 0`;
}

/** Members and base in one pass. */
export function segmentCountSql(predicate: string): string {
  return `SELECT count(*) FILTER (WHERE ${predicate}) AS members, count(*) AS base FROM customers`;
}

/**
 * One row per customer with what the KPIs total and one boolean per segment (`s0`, `s1`…): the
 * segments are evaluated once, then every KPI and overlap reads this table.
 */
export function segmentFlagsSql(predicates: readonly string[]): string {
  const flags = predicates.map((p, i) => `coalesce(${p}, false) AS s${i}`);
  return `CREATE OR REPLACE TEMP TABLE segment_flags AS
SELECT customer_id, coalesce(monetary, 0) AS revenue, coalesce(frequency, 0) AS orders, recency_days${flags.length ? ',\n  ' + flags.join(',\n  ') : ''}
FROM customers`;
}

// Doubles: KPIs are ratios for people to compare; the revenue also as exact text, for display.
const KPI_COLUMNS = `count(*)::DOUBLE AS customers, coalesce(sum(revenue), 0)::DOUBLE AS revenue, CAST(coalesce(sum(revenue), 0) AS VARCHAR) AS revenue_text, coalesce(sum(orders), 0)::DOUBLE AS orders, avg(recency_days)::DOUBLE AS avg_recency`;

/** KPI sums of the whole base (segment -1) and of each segment, from `segment_flags`. */
export function segmentKpisSql(count: number): string {
  const parts = [`SELECT -1 AS segment, ${KPI_COLUMNS} FROM segment_flags`];
  for (let i = 0; i < count; i++) parts.push(`SELECT ${i} AS segment, ${KPI_COLUMNS} FROM segment_flags WHERE s${i}`);
  return `${parts.join('\nUNION ALL\n')}\nORDER BY segment`;
}

/**
 * Customers in both of each pair `a < b` that shares any, as rows (a, b, customers). Customers are
 * first grouped by the segments they are in, then each group's pairs are counted: the statement grows
 * with the number of segments, not with the number of pairs (one filtered count per pair took 1.5 s
 * to plan at 48 segments).
 */
export function segmentOverlapSql(count: number): string {
  const flags = Array.from({ length: count }, (_, i) => `s${i}`).join(', ');
  return `WITH memberships AS (
  SELECT row_number() OVER () AS pattern, customers, flags
  FROM (SELECT [${flags}] AS flags, count(*) AS customers FROM segment_flags GROUP BY flags)
),
members AS (SELECT pattern, customers, i AS segment FROM memberships, range(${count}) AS r(i) WHERE flags[i + 1])
SELECT a.segment AS a, b.segment AS b, sum(a.customers) AS customers
FROM members AS a JOIN members AS b ON a.pattern = b.pattern AND a.segment < b.segment
GROUP BY a.segment, b.segment`;
}

/**
 * A categorical column inside the segment against the base: the most common values (by count in
 * the segment, then in the base), with empty values as NULL.
 */
export function profileCategoriesSql(column: string, predicate: string, limit: number): string {
  const value = `nullif(trim(CAST(${ident(column)} AS VARCHAR)), '')`;
  return `SELECT value, count(*) FILTER (WHERE member) AS inside, count(*) AS base
FROM (SELECT ${value} AS value, coalesce(${predicate}, false) AS member FROM customers)
GROUP BY value
ORDER BY inside DESC, base DESC, value NULLS LAST
LIMIT ${Math.trunc(limit)}`;
}

/**
 * Every customer with whether they are in the segment, as a CTE over `customers` alone: the
 * predicate's names can only mean columns of `customers`, whatever the query joins it with.
 */
function membershipCte(predicate: string): string {
  return `WITH segment_membership AS (SELECT customer_id, coalesce(${predicate}, false) AS member FROM customers)`;
}

/**
 * An order attribute's values per order, read on every line (`orders` keeps only the first line's):
 * each distinct filled value an order's lines have, or one empty value for an order with none.
 */
function orderValuesCte(column: string): string {
  return `line_values AS (
  SELECT DISTINCT customer_id, order_id, nullif(trim(CAST(${ident(column)} AS VARCHAR)), '') AS value FROM order_lines),
order_values AS (
  SELECT customer_id, order_id, value FROM line_values WHERE value IS NOT NULL
  UNION ALL
  SELECT customer_id, order_id, NULL AS value FROM line_values GROUP BY customer_id, order_id HAVING count(value) = 0)`;
}

/**
 * A text column of `orders`: its most common values among the segment's orders against all
 * orders — an order counts under each value one of its lines has — with both order counts (the
 * shares' denominators) on every row.
 */
export function profileOrderSharesSql(column: string, predicate: string, limit: number): string {
  return `${membershipCte(predicate)},
${orderValuesCte(column)},
totals AS (
  SELECT count(DISTINCT (o.customer_id, o.order_id)) FILTER (WHERE m.member) AS total_inside, count(DISTINCT (o.customer_id, o.order_id)) AS total_base
  FROM order_values AS o LEFT JOIN segment_membership AS m ON o.customer_id = m.customer_id)
SELECT value, inside, base, total_inside, total_base FROM (
  SELECT v.value, count(*) FILTER (WHERE m.member) AS inside, count(*) AS base
  FROM order_values AS v LEFT JOIN segment_membership AS m ON v.customer_id = m.customer_id
  GROUP BY 1), totals
ORDER BY inside DESC, base DESC, value NULLS LAST
LIMIT ${Math.trunc(limit)}`;
}

/**
 * A text column of `orders` as one value per customer: the value most of the customer's orders
 * have (on any of their lines), ties going to the value that sorts first; a customer with no
 * filled value (or no order) is empty. Its most common values inside the segment against the
 * base, as for a customer column.
 */
export function profileOrderModeSql(column: string, predicate: string, limit: number): string {
  return `${membershipCte(predicate)},
${orderValuesCte(column)},
order_counts AS (
  SELECT customer_id, value, count(*) AS n FROM order_values GROUP BY 1, 2),
most_frequent AS (
  SELECT customer_id, value FROM order_counts WHERE value IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY n DESC, value) = 1)
SELECT f.value AS value, count(*) FILTER (WHERE m.member) AS inside, count(*) AS base
FROM segment_membership AS m LEFT JOIN most_frequent AS f ON f.customer_id = m.customer_id
GROUP BY 1
ORDER BY inside DESC, base DESC, value NULLS LAST
LIMIT ${Math.trunc(limit)}`;
}

/** Revenue and orders inside the segment and in the base, summed as the KPI table sums them. */
export function profileRevenuePerOrderSql(predicate: string): string {
  return `SELECT coalesce(sum(monetary) FILTER (WHERE member), 0)::DOUBLE AS revenue_inside,
  coalesce(sum(frequency) FILTER (WHERE member), 0)::DOUBLE AS orders_inside,
  coalesce(sum(monetary), 0)::DOUBLE AS revenue_base, coalesce(sum(frequency), 0)::DOUBLE AS orders_base
FROM (SELECT coalesce(${predicate}, false) AS member, monetary, frequency FROM customers)`;
}

/** A numeric column's mean, median and range inside the segment and in the base. */
export function profileNumberStatsSql(expr: string, predicate: string): string {
  return `SELECT avg(v) FILTER (WHERE member) AS mean_inside, median(v) FILTER (WHERE member) AS median_inside,
  avg(v) AS mean_base, median(v) AS median_base, min(v) AS lo, max(v) AS hi,
  count(v) FILTER (WHERE member) AS n_inside, count(v) AS n_base
FROM (SELECT CAST(${expr} AS DOUBLE) AS v, coalesce(${predicate}, false) AS member FROM customers)`;
}

/** Counts per equal-width bin over [lo, hi], inside the segment and in the base. */
export function profileHistogramSql(expr: string, predicate: string, lo: number, hi: number, bins: number): string {
  const width = (hi - lo) / bins;
  const bin = width > 0 ? `least(${bins - 1}, floor((v - ${lo}) / ${width}))::INTEGER` : '0';
  return `SELECT ${bin} AS bin, count(*) FILTER (WHERE member) AS inside, count(*) AS base
FROM (SELECT CAST(${expr} AS DOUBLE) AS v, coalesce(${predicate}, false) AS member FROM customers)
WHERE v IS NOT NULL
GROUP BY bin ORDER BY bin`;
}

export interface PageQuery {
  offset: number;
  limit: number;
  sortColumn: string;
  descending: boolean;
  /** Matched, case-insensitively, against the id and every text column. */
  search: string;
}

/** The WHERE of a member list: every selected segment, and the search text. */
function memberWhere(predicates: readonly string[], search: string, textColumns: readonly string[]): string {
  const conditions = predicates.map((p) => `coalesce(${p}, false)`);
  if (search.trim()) {
    const haystack = `lower(concat_ws(' ', ${textColumns.map(ident).join(', ')}))`;
    conditions.push(`contains(${haystack}, ${literal(search.trim().toLowerCase())})`);
  }
  return conditions.length ? conditions.join(' AND ') : 'true';
}

/**
 * One page of members, sorted with ties broken by id so pages never overlap. `select` is the
 * column list (dates as text, numbers as doubles: values for display).
 */
export function memberPageSql(predicates: readonly string[], page: PageQuery, textColumns: readonly string[], select: string): string {
  const direction = page.descending ? 'DESC' : 'ASC';
  return `SELECT ${select} FROM customers
WHERE ${memberWhere(predicates, page.search, textColumns)}
ORDER BY ${ident(page.sortColumn)} ${direction} NULLS LAST, customer_id
LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}`;
}

export function memberTotalSql(predicates: readonly string[], search: string, textColumns: readonly string[]): string {
  return `SELECT count(*) AS total FROM customers WHERE ${memberWhere(predicates, search, textColumns)}`;
}
