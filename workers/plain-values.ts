/** An Arrow cell as a value that crosses postMessage and prints well; exact decimals as text. */
export function toPlain(value: unknown, temporal = false): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  // Arrow hands timestamps over as epoch milliseconds; DuckDB's TIMESTAMP has no zone, so UTC is the wall clock.
  if (temporal && typeof value === 'number')
    return new Date(value)
      .toISOString()
      .replace('T', ' ')
      .replace(/(\.000)?Z$/, '');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
