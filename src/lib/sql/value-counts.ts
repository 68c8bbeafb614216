/**
 * Customers per value of one metric of `customer_metrics`, each positive value rounded down to two
 * significant digits (1234.5 → 1200, 0.0567 → 0.056, 7 → 7) and every value ≤ 0 counted at 0.
 * Small (at most 90 rows per decade of values) and fine enough that a chart can count any bins
 * whose edges have two significant digits (1, 1.5, 2.2, 4.7, 10, 15, 22, …) exactly: a value is ≥
 * such an edge exactly when its rounded value is.
 *
 * The exponent is corrected after `log10` so that a value just under a power of ten is not put a
 * decade too low; `+ 1e-9` keeps 0.3, stored as 0.29999999999999998, at 0.3 instead of 0.29.
 */
export function valueCountsSql(expr: string): string {
  return roundedCountsSql(`SELECT CAST(${expr} AS DOUBLE) AS x FROM customer_metrics`, [], 'CAST(sum(n) AS BIGINT) AS customers');
}

/**
 * The same value counts of an expression over `customers`, inside a segment (`predicate`) and in
 * the whole base, for a segment profile's histogram: `value, inside, base`. Customers without a
 * value are left out, as a profile's means leave them out.
 */
export function profileValueCountsSql(expr: string, predicate: string): string {
  return roundedCountsSql(
    `SELECT CAST(${expr} AS DOUBLE) AS x, coalesce(${predicate}, false) AS member FROM customers WHERE ${expr} IS NOT NULL`,
    ['member'],
    'CAST(sum(n) FILTER (WHERE member) AS BIGINT) AS inside, CAST(sum(n) AS BIGINT) AS base',
  );
}

/**
 * Rounds `x` of `source` (carrying `carry` columns along) as described above, then groups by the
 * rounded value; `counts` adds up `n`, the rows of `source` with one `x` (and carried values).
 * Each distinct value is rounded once: an order count or a day count takes few, and the rounding
 * (a logarithm, three powers) was most of the query's time. A value that is neither > 0 nor ≤ 0
 * (NULL) is in no count.
 */
function roundedCountsSql(source: string, carry: readonly string[], counts: string): string {
  const more = carry.map((c) => `, ${c}`).join('');
  return `WITH v AS (SELECT x${more}, count(*) AS n FROM (${source}) WHERE x > 0 OR x <= 0 GROUP BY ALL),
l AS (SELECT x${more}, n, CASE WHEN x > 0 THEN CAST(floor(log10(x)) AS INTEGER) END AS e FROM v),
p AS (SELECT x${more}, n, e - CASE WHEN x < pow(10, e) THEN 1 ELSE 0 END + CASE WHEN x >= pow(10, e + 1) THEN 1 ELSE 0 END AS e FROM l),
k AS (SELECT CASE WHEN x > 0 THEN floor(x / pow(10, e - 1) + 1e-9) * pow(10, e - 1) ELSE 0 END AS value${more}, n FROM p)
SELECT value, ${counts} FROM k GROUP BY value ORDER BY value`;
}
