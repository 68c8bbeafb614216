import { ident } from './quote.ts';

export type SegmentView = 'customers' | 'orders';
/** Where text columns are probed: a view, or the customers file's own table. */
export type ProbeTable = SegmentView | 'customer_attributes';

/** Each column of a public view with its DuckDB type, in view order. */
export function describeViewSql(view: SegmentView): string {
  return `SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${view})`;
}

/** `v` starts with a zero followed by a digit, after an optional sign (string functions: cheaper than a regex per value). */
function zeroLed(v: string): string {
  const digits = `ltrim(${v}, '+-')`;
  return `(starts_with(${digits}, '0') AND substr(${digits}, 2, 1) BETWEEN '0' AND '9')`;
}

/**
 * For text columns, in one scan: how many values are filled, read as numbers, read as dates, or
 * start with a zero (`01234` is a code, not a number). One row; column `i` gives `filled_i`,
 * `numbers_i`, `dates_i` and `zero_led_i`. With `sampleRows`, only the first rows are read.
 */
export function textKindsProbeSql(table: ProbeTable, columns: readonly string[], sampleRows?: number): string {
  const measures = columns.map((c, i) => {
    const v = `nullif(trim(${ident(c)}), '')`;
    return `count(${v}) AS filled_${i}, count(TRY_CAST(${v} AS DOUBLE)) AS numbers_${i}, count(TRY_CAST(${v} AS DATE)) AS dates_${i},
  count(*) FILTER (WHERE ${zeroLed(v)}) AS zero_led_${i}`;
  });
  const from = sampleRows === undefined ? table : `(SELECT * FROM ${table} LIMIT ${Math.trunc(sampleRows)})`;
  return `SELECT ${measures.join(',\n  ')}\nFROM ${from}`;
}

/** The most common values of a column (empty as NULL) with their counts, and how many distinct values there are. */
export function topValuesSql(view: SegmentView, column: string, limit: number): string {
  const value = `nullif(trim(CAST(${ident(column)} AS VARCHAR)), '')`;
  return `SELECT ${value} AS value, count(*) AS n, count(*) OVER () AS distinct_values
FROM ${view} GROUP BY 1 ORDER BY n DESC, value NULLS LAST LIMIT ${Math.trunc(limit)}`;
}

/** A numeric or date column's range, as text; for numbers also the deciles (10th…90th percentile, rounded to cents). */
export function rangeSql(view: SegmentView, expr: string, kind: 'number' | 'date'): string {
  const deciles =
    kind === 'number'
      ? `list_transform(quantile_cont(CAST(${expr} AS DOUBLE), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]), x -> round(x, 2))`
      : 'CAST([] AS DOUBLE[])';
  return `SELECT CAST(min(${expr}) AS VARCHAR) AS lo, CAST(max(${expr}) AS VARCHAR) AS hi, ${deciles} AS deciles FROM ${view}`;
}
