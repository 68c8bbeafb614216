/** A finite number as a SQL literal; anything else names the bad value, since spec numbers come from people. */
export function sqlNumber(value: number, name: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`invalid ${name}: ${String(value)}`);
  return String(value);
}
