/** Quotes an identifier for DuckDB: the one place user-chosen names enter SQL. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB: the one place user-written values enter SQL. */
export function literal(value: string): string {
  if (value.includes('\0')) throw new Error(`invalid literal: contains NUL`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** A DuckDB list literal of strings: `['a', 'b']`. */
export function literalList(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`;
}

/** A table name derived from a file name, safe as a bare suffix: `raw_3`. */
export function fileTable(prefix: string, index: number): string {
  return `${prefix}_${index}`;
}
