type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function canonical(value: unknown): Json | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((item) => canonical(item) ?? null);
  if (typeof value === 'object') {
    const toJson = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof toJson === 'function') return canonical(toJson.call(value));
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const item = canonical((value as Record<string, unknown>)[key]);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }
  return undefined; // functions, symbols, undefined: left out, as JSON.stringify leaves them
}

/**
 * JSON with every object's keys sorted (arrays keep their order), so two equal definitions give the
 * same text whatever order their keys were built in. Otherwise as `JSON.stringify`: no spaces,
 * `undefined` members dropped, non-finite numbers as `null`.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value) ?? null);
}
