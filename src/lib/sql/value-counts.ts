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
  return `WITH v AS (SELECT CAST(${expr} AS DOUBLE) AS x FROM customer_metrics),
l AS (SELECT x, CAST(floor(log10(x)) AS INTEGER) AS e FROM v WHERE x > 0),
p AS (SELECT x, e - CASE WHEN x < pow(10, e) THEN 1 ELSE 0 END + CASE WHEN x >= pow(10, e + 1) THEN 1 ELSE 0 END AS e FROM l),
k AS (SELECT floor(x / pow(10, e - 1) + 1e-9) * pow(10, e - 1) AS value FROM p
  UNION ALL SELECT 0 AS value FROM v WHERE x <= 0)
SELECT value, count(*) AS customers FROM k GROUP BY value ORDER BY value`;
}
