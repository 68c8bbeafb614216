/**
 * What the spec readers share: how a value is shown in a message, and `partsOf`, which reads an
 * object part by part. The shapes themselves are valibot schemas (schema.ts).
 */
export type Check = (value: unknown, path: string, errors: string[]) => void;

/** Values shown in a message are cut short: a hostile link may hold a megabyte in one string. */
const SHOWN_CHARS = 60;

/** Text as JSON shows it (control characters escaped), cut to a readable length. */
export function quote(text: string): string {
  return JSON.stringify(text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text);
}

/** A value in a message: never String() of a list or object, which a list nested 100,000 deep would overflow. */
export const show = (v: unknown) =>
  typeof v === 'string' ? quote(v) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One of a few values (the saved workspace's own record uses it; spec parts use schema.ts's `oneOf`). */
export const oneOf =
  (allowed: readonly unknown[]): Check =>
  (v, path, errors) => {
    if (!allowed.includes(v)) errors.push(`${path}: expected one of ${allowed.map(show).join(', ')}, got ${show(v)}`);
  };

/**
 * An object read part by part: each known key is checked on its own and kept only if it has no
 * problem; a bad part, and an unknown key, is left out and its problems listed. Returns the parts
 * kept, or undefined (with the problem) when the value is not an object at all. This is policy,
 * not shape (what is kept of a value that does not fit), so it stays beside the schemas.
 */
export function partsOf(v: unknown, path: string, parts: Record<string, Check>, problems: string[]): Record<string, unknown> | undefined {
  if (!isRecord(v)) return void problems.push(`${path}: expected an object, got ${show(v)}`);
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    if (!Object.hasOwn(parts, key)) {
      problems.push(`${path}: unknown key ${quote(key)} (known: ${Object.keys(parts).join(', ')})`);
      continue;
    }
    const errors: string[] = [];
    parts[key](v[key], `${path}.${key}`, errors);
    if (errors.length) problems.push(...errors);
    else kept[key] = v[key];
  }
  return kept;
}
