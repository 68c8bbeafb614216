/**
 * `trim(expr)`, exactly, without its cost where it would change nothing. DuckDB's trim removes the
 * Unicode space separators (` `, no-break and thin spaces, U+2000–U+200A, U+3000…) from both ends,
 * and copies every value it reads, whether or not it removes anything: on a 1M-row file that copy
 * was a third of typing it. A value with no ` ` at either end and only ASCII characters (as many
 * bytes as characters) has nothing to remove, and is used as it is. `expr` is read several times,
 * so it should be a column. test/sql/trim.test.ts compares it with trim() on every separator.
 */
export function trimSql(expr: string): string {
  return `CASE WHEN ${mayTrimSql(expr)} THEN trim(${expr}) ELSE ${expr} END`;
}

/** Whether trim() may change the value: a ` ` at either end, or a character that is not ASCII. */
export function mayTrimSql(expr: string): string {
  return `starts_with(${expr}, ' ') OR ends_with(${expr}, ' ') OR strlen(${expr}) <> length(${expr})`;
}

/** The trimmed text, NULL when empty: how a value that may be missing is read. */
export function textSql(expr: string): string {
  return `nullif(${trimSql(expr)}, '')`;
}
