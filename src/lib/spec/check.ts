/**
 * A few combinators that check untrusted JSON field by field and name every bad value by its path
 * (`analysis.rfm.bins: expected one of 3, 4, 5, got 6`), so one run reports all the problems.
 */
export type Check = (value: unknown, path: string, errors: string[]) => void;

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'a list' : v === null ? 'null' : String(v));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const oneOf =
  (allowed: readonly unknown[]): Check =>
  (v, path, errors) => {
    if (!allowed.includes(v)) errors.push(`${path}: expected one of ${allowed.map(show).join(', ')}, got ${show(v)}`);
  };

export const isBoolean: Check = (v, path, errors) => {
  if (typeof v !== 'boolean') errors.push(`${path}: expected true or false, got ${show(v)}`);
};

export const isString: Check = (v, path, errors) => {
  if (typeof v !== 'string') errors.push(`${path}: expected text, got ${show(v)}`);
};

export const matches =
  (pattern: RegExp, what: string): Check =>
  (v, path, errors) => {
    if (typeof v !== 'string' || !pattern.test(v)) errors.push(`${path}: expected ${what}, got ${show(v)}`);
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
      if (!Object.hasOwn(fields, key))
        errors.push(`${path}: unknown key ${JSON.stringify(key)} (known: ${Object.keys(fields).join(', ')})`);
      else fields[key](v[key], `${path}.${key}`, errors);
    }
    for (const key of required) if (!Object.hasOwn(v, key)) errors.push(`${path}: ${key} is missing`);
  };

/** An object with free keys (such as column names), each value checked. */
export const mapOf =
  (value: Check): Check =>
  (v, path, errors) => {
    if (!isRecord(v)) return void errors.push(`${path}: expected an object, got ${show(v)}`);
    for (const [key, x] of Object.entries(v)) value(x, `${path}[${JSON.stringify(key)}]`, errors);
  };

/** A union told apart by one key's value. */
export const taggedBy =
  (tag: string, variants: Record<string, Check>): Check =>
  (v, path, errors) => {
    if (!isRecord(v)) return void errors.push(`${path}: expected an object, got ${show(v)}`);
    const variant = variants[String(v[tag])];
    if (!Object.hasOwn(variants, String(v[tag]))) oneOf(Object.keys(variants))(v[tag], `${path}.${tag}`, errors);
    else variant(v, path, errors);
  };
