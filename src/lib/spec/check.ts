import { isCalendarDate } from './calendar-date.ts';

/**
 * A few combinators that check untrusted JSON field by field and name every bad value by its path
 * (`analysis.rfm.bins: expected one of 3, 4, 5, got 6`), so one run reports all the problems.
 * None of them recurses into the value on its own: only the rule-tree check nests, after its depth
 * has been measured (segments-check.ts).
 */
export type Check = (value: unknown, path: string, errors: string[]) => void;

/** Values shown in a message are cut short: a hostile link may hold a megabyte in one string. */
const SHOWN_CHARS = 60;

/** Text as JSON shows it (control characters escaped), cut to a readable length. */
export function quote(text: string): string {
  return JSON.stringify(text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text);
}

export const show = (v: unknown) =>
  typeof v === 'string' ? quote(v) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const oneOf =
  (allowed: readonly unknown[]): Check =>
  (v, path, errors) => {
    if (!allowed.includes(v)) errors.push(`${path}: expected one of ${allowed.map(show).join(', ')}, got ${show(v)}`);
  };

export const isBoolean: Check = (v, path, errors) => {
  if (typeof v !== 'boolean') errors.push(`${path}: expected true or false, got ${show(v)}`);
};

/** Any text but NUL, which no SQL literal may hold and no name needs. */
export const isString: Check = (v, path, errors) => {
  if (typeof v !== 'string') errors.push(`${path}: expected text, got ${show(v)}`);
  else if (v.includes('\0')) errors.push(`${path}: contains a NUL character`);
};

/** C0 controls (NUL, tab, newline…), DEL and C1 controls: invisible or layout-breaking in a name. */
const CONTROL = /\p{Cc}/u;

/** A name shown on the page and written into exports: text without control characters. */
export const isName: Check = (v, path, errors) => {
  if (typeof v !== 'string') return void errors.push(`${path}: expected text, got ${show(v)}`);
  const control = CONTROL.exec(v);
  if (control)
    errors.push(`${path}: contains a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`);
};

/** A day of the calendar, `YYYY-MM-DD`. */
export const isDate: Check = (v, path, errors) => {
  if (typeof v !== 'string' || !isCalendarDate(v)) errors.push(`${path}: expected a real date YYYY-MM-DD, got ${show(v)}`);
};

export const matches =
  (pattern: RegExp, what: string): Check =>
  (v, path, errors) => {
    if (typeof v !== 'string' || !pattern.test(v)) errors.push(`${path}: expected ${what}, got ${show(v)}`);
  };

/** A finite whole number from `min`. */
export const isWholeNumber =
  (min: number): Check =>
  (v, path, errors) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      errors.push(`${path}: expected a whole number from ${min}, got ${show(v)}`);
  };

export const isNumber =
  (min = -Infinity, max = Infinity): Check =>
  (v, path, errors) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      const range = Number.isFinite(min) ? ` from ${min}${Number.isFinite(max) ? ` to ${max}` : ''}` : '';
      errors.push(`${path}: expected a number${range}, got ${show(v)}`);
    }
  };

export const nullable =
  (check: Check): Check =>
  (v, path, errors) => {
    if (v !== null) check(v, path, errors);
  };

export const listOf =
  (item: Check, length?: number): Check =>
  (v, path, errors) => {
    if (!Array.isArray(v)) return void errors.push(`${path}: expected a list, got ${show(v)}`);
    if (length !== undefined && v.length !== length) errors.push(`${path}: expected ${length} items, got ${v.length}`);
    v.forEach((x, i) => item(x, `${path}[${i}]`, errors));
  };

/** An object whose keys are all known (a typo is an error, not a silently ignored setting); `required` keys must be present. */
export const objectOf =
  (fields: Record<string, Check>, required: readonly string[] = []): Check =>
  (v, path, errors) => {
    if (!isRecord(v)) return void errors.push(`${path}: expected an object, got ${show(v)}`);
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(fields, key)) errors.push(`${path}: unknown key ${quote(key)} (known: ${Object.keys(fields).join(', ')})`);
      else fields[key](v[key], `${path}.${key}`, errors);
    }
    for (const key of required) if (!Object.hasOwn(v, key)) errors.push(`${path}: ${key} is missing`);
  };

/** An object with free keys (such as column names), each value checked. */
export const mapOf =
  (value: Check): Check =>
  (v, path, errors) => {
    if (!isRecord(v)) return void errors.push(`${path}: expected an object, got ${show(v)}`);
    for (const [key, x] of Object.entries(v)) value(x, `${path}[${quote(key)}]`, errors);
  };

/** A union told apart by one key's value. */
export const taggedBy =
  (tag: string, variants: Record<string, Check>): Check =>
  (v, path, errors) => {
    if (!isRecord(v)) return void errors.push(`${path}: expected an object, got ${show(v)}`);
    const name = v[tag];
    // Never String() an unknown value: a list nested 100,000 deep would overflow the stack.
    if (typeof name !== 'string' || !Object.hasOwn(variants, name)) oneOf(Object.keys(variants))(name, `${path}.${tag}`, errors);
    else variants[name](v, path, errors);
  };

/**
 * An object read part by part: each known key is checked on its own and kept only if it has no
 * problem; a bad part, and an unknown key, is left out and its problems listed. Returns the parts
 * kept, or undefined (with the problem) when the value is not an object at all.
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

/** Several checks of one value, each reporting on its own (each must expect any shape). */
export function allOf(...checks: Check[]): Check {
  return (v, path, errors) => checks.forEach((check) => check(v, path, errors));
}

/** Two checks of one value; the second runs only on what passed the first (it may rely on its shape). */
export function both(first: Check, second: Check): Check {
  return (v, path, errors) => {
    const before = errors.length;
    first(v, path, errors);
    if (errors.length === before) second(v, path, errors);
  };
}
