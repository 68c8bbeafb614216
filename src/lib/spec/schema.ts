import * as v from 'valibot';
import { isCalendarDate } from './calendar-date.ts';
import { isRecord, quote, show, type Check } from './check.ts';

/**
 * The shapes a spec may take, as valibot schemas whose messages name every bad value the way the
 * page has always named it (`expected one of 3, 4, 5, got 6`); `problemsOf` turns valibot's issues
 * into `path: reason` lines. Three of valibot's habits are bent to the spec's rules here, once:
 * a list is not an object (valibot's objects accept arrays), every unknown key is named (its
 * strict objects stop at the first), and map keys such as a column named `constructor` are checked
 * too (its records skip them).
 */
export type Schema = v.GenericSchema;
type Issue = v.BaseIssue<unknown>;
type PathItem = v.IssuePathItem;

/** Every problem of a value, each pipe going on past its first (only schemas stop a pipe). */
const CONFIG = { abortEarly: false, abortPipeEarly: false } as const;

const got = (what: string) => (issue: Issue) => `expected ${what}, got ${show(issue.input)}`;

/** Each problem of `value` as `path: reason`, the path extended the way the messages have always written it. */
export function problemsOf(schema: Schema, value: unknown, path: string): string[] {
  const result = v.safeParse(schema, value, CONFIG);
  return result.success ? [] : result.issues.map((issue) => `${path}${pathText(issue.path ?? [])}: ${issue.message}`);
}

function pathText(items: readonly PathItem[]): string {
  let text = '';
  for (const item of items) {
    // A missing or unknown key is named by its message, at the object that should (not) have it.
    if (item.origin === 'key') continue;
    if (item.type === 'array') text += `[${String(item.key)}]`;
    else if (item.type === 'map') text += `[${quote(String(item.key))}]`;
    else text += `.${String(item.key)}`;
  }
  return text;
}

export const objectItem = (input: unknown, key: string): PathItem =>
  ({ type: 'object', origin: 'value', input, key, value: (input as Record<string, unknown>)[key] }) as PathItem;
const arrayItem = (input: unknown[], key: number): PathItem => ({ type: 'array', origin: 'value', input, key, value: input[key] });
const keyItem = (input: unknown, key: string): PathItem =>
  ({ type: 'object', origin: 'key', input, key, value: (input as Record<string, unknown>)[key] }) as PathItem;

export const oneOf = <T extends string | number>(allowed: readonly T[]) =>
  v.picklist(allowed, got(`one of ${allowed.map(show).join(', ')}`));

export const boolean = v.boolean(got('true or false'));

/** Any text but NUL, which no SQL literal may hold and no name needs. */
export const text = v.pipe(
  v.string(got('text')),
  v.check((s) => !s.includes('\0'), 'contains a NUL character'),
);

/** C0 controls (NUL, tab, newline…), DEL and C1 controls: invisible or layout-breaking in a name. */
const CONTROL = /\p{Cc}/u;
const controlIn = (s: string) => CONTROL.exec(s)?.[0];

/** A name shown on the page and written into exports: text without control characters. */
export const name = v.pipe(
  v.string(got('text')),
  v.check(
    (s) => controlIn(s) === undefined,
    (issue) =>
      `contains a control character (U+${controlIn(issue.input as string)!
        .charCodeAt(0)
        .toString(16)
        .toUpperCase()
        .padStart(4, '0')})`,
  ),
);

/** A day of the calendar, `YYYY-MM-DD`. */
export const date = v.pipe(v.string(got('a real date YYYY-MM-DD')), v.check(isCalendarDate, got('a real date YYYY-MM-DD')));

export const matching = (pattern: RegExp, what: string) => v.pipe(v.string(got(what)), v.regex(pattern, got(what)));

/** A finite whole number from `min` (JSON reads `1e999` as Infinity). */
export const wholeNumber = (min: number) =>
  v.pipe(
    v.number(got(`a whole number from ${min}`)),
    v.check((n) => Number.isInteger(n) && n >= min, got(`a whole number from ${min}`)),
  );

export const number = (min = -Infinity, max = Infinity) => {
  const range = Number.isFinite(min) ? ` from ${min}${Number.isFinite(max) ? ` to ${max}` : ''}` : '';
  const message = got(`a number${range}`);
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isFinite(n) && n >= min && n <= max, message),
  );
};

export const nullable = (schema: Schema) => v.nullable(schema);

/** A list of items; with `length`, exactly that many. */
export const list = (item: Schema, length?: number) =>
  v.pipe(
    v.array(item, got('a list')),
    v.rawCheck(({ dataset, addIssue }) => {
      const items = dataset.value;
      if (length !== undefined && Array.isArray(items) && items.length !== length)
        addIssue({ message: `expected ${length} items, got ${items.length}` });
    }),
  );

/** Not a list, not null: what valibot's objects take for one, refused before they read it. */
const anObject = v.custom<Record<string, unknown>>(isRecord, got('an object'));

/** Every key not in `known` (a typo is an error, not a silently ignored setting). */
const noUnknownKeys = (known: readonly string[]) =>
  v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
    const input = dataset.value;
    if (!isRecord(input)) return;
    for (const key of Object.keys(input)) {
      if (!known.includes(key))
        addIssue({ message: `unknown key ${quote(key)} (known: ${known.join(', ')})`, path: [keyItem(input, key)] });
    }
  });

const entriesOf = (fields: Record<string, Schema>, required: readonly string[]) =>
  Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, required.includes(key) ? schema : v.optional(schema)]));

const missing = (issue: Issue) => `${String(issue.path?.at(-1)?.key)} is missing`;

/** An object whose keys are all known; `required` keys must be there. */
export const object = (fields: Record<string, Schema>, required: readonly string[] = []) =>
  v.pipe(anObject, v.looseObject(entriesOf(fields, required), missing), noUnknownKeys(Object.keys(fields)));

/** An object with free keys (such as column names), each value checked, whatever the key. */
export const map = (value: Schema) =>
  v.pipe(
    anObject,
    v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
      const input = dataset.value;
      if (!isRecord(input)) return;
      for (const [key, x] of Object.entries(input)) {
        const result = v.safeParse(value, x, CONFIG);
        if (result.success) continue;
        const at = { type: 'map', origin: 'value', input, key, value: x } as unknown as PathItem;
        for (const issue of result.issues) addIssue({ message: issue.message, path: [at, ...(issue.path ?? [])] });
      }
    }),
  );

/** A union told apart by one key's value (`tag`), each variant an object of known keys (the tag among its fields). */
export function tagged(tag: string, variants: Record<string, { fields: Record<string, Schema>; required: readonly string[] }>) {
  const options = Object.entries(variants).map(([value, { fields, required }]) =>
    v.looseObject({ ...entriesOf(fields, required), [tag]: v.literal(value) }, missing),
  );
  // Never String() the tag: a list nested 100,000 deep would overflow the stack (show() does not).
  const variant = v.variant(
    tag,
    options as unknown as [v.LooseObjectSchema<v.ObjectEntries, undefined>],
    got(`one of ${Object.keys(variants).map(show).join(', ')}`),
  );
  const knownKeys = v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
    const input = dataset.value;
    if (!isRecord(input) || typeof input[tag] !== 'string' || !Object.hasOwn(variants, input[tag])) return;
    const known = Object.keys(variants[input[tag]].fields);
    for (const key of Object.keys(input)) {
      if (!known.includes(key))
        addIssue({ message: `unknown key ${quote(key)} (known: ${known.join(', ')})`, path: [keyItem(input, key)] });
    }
  });
  return v.pipe(anObject, variant, knownKeys);
}

/**
 * No two entries of a list with the same name (the page keys its rows by name), and none called
 * one of `reserved`. `list` names the list in the message (`already used by tiers[0]`).
 */
export const uniqueNames = (list: string, reserved: readonly string[] = []) =>
  v.rawCheck<unknown[]>(({ dataset, addIssue }) => {
    const items = dataset.value;
    if (!Array.isArray(items)) return;
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const name = isRecord(item) ? item.name : undefined;
      if (typeof name !== 'string') return;
      const path: [PathItem, PathItem] = [arrayItem(items, i), objectItem(item, 'name')];
      if (reserved.includes(name)) addIssue({ message: `${quote(name)} is reserved for customers in no segment`, path });
      else if (seen.has(name)) addIssue({ message: `${quote(name)} is already used by ${list}[${seen.get(name)}]`, path });
      else seen.set(name, i);
    });
  });

/** A `Check` (for the part-by-part readers) made of a schema. */
export const checkOf =
  (schema: Schema): Check =>
  (value, path, errors) =>
    void errors.push(...problemsOf(schema, value, path));
