import { ident, literal } from './quote.ts';

export type SegmentView = 'customers' | 'orders';

/** Each column of a public view with its DuckDB type, in view order. */
export function describeViewSql(view: SegmentView): string {
  return `SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${view})`;
}

/**
 * For text columns: how many values are filled, read as numbers, read as dates, or start with a
 * zero (`01234` is a code, not a number). One row per column.
 */
export function textKindsProbeSql(view: SegmentView, columns: readonly string[]): string {
  return columns
    .map(
      (
        c,
      ) => `SELECT ${literal(c)} AS name, count(v) AS filled, count(TRY_CAST(v AS DOUBLE)) AS numbers, count(TRY_CAST(v AS DATE)) AS dates,
  count(*) FILTER (WHERE regexp_matches(v, '^[+-]?0[0-9]')) AS zero_led
FROM (SELECT nullif(trim(${ident(c)}), '') AS v FROM ${view})`,
    )
    .join('\nUNION ALL\n');
}

/** The most common values of a column (empty as NULL) with their counts, and how many distinct values there are. */
export function topValuesSql(view: SegmentView, column: string, limit: number): string {
  const value = `nullif(trim(CAST(${ident(column)} AS VARCHAR)), '')`;
  return `SELECT ${value} AS value, count(*) AS n, count(*) OVER () AS distinct_values
FROM ${view} GROUP BY 1 ORDER BY n DESC, value NULLS LAST LIMIT ${Math.trunc(limit)}`;
}

/** A numeric or date column's range, as text. */
export function rangeSql(view: SegmentView, expr: string): string {
  return `SELECT CAST(min(${expr}) AS VARCHAR) AS lo, CAST(max(${expr}) AS VARCHAR) AS hi FROM ${view}`;
}
