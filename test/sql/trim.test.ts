import { describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { literal } from '../../src/lib/sql/quote.ts';
import { trimSql } from '../../src/lib/sql/trim.ts';
import { openEngine } from './engine.ts';

/** Every code point DuckDB's trim() might remove (the space separators) and ones it keeps, at each end. */
const EDGES = [
  0x20,
  0xa0,
  0x1680,
  ...Array.from({ length: 11 }, (_, i) => 0x2000 + i),
  0x202f,
  0x205f,
  0x3000,
  0x09,
  0x0a,
  0x0d,
  0x85,
  0x200b,
  0x2028,
  0xfeff,
];
const BODIES = ['a', '12.50', 'ünï', '', 'a b', '€5'];
const VALUES = [
  ...BODIES,
  ...EDGES.flatMap((cp) => {
    const c = String.fromCodePoint(cp);
    return BODIES.flatMap((b) => [c + b, b + c, c + b + c, c + c + b]);
  }),
];

describe.each([
  ['wasm', openEngine],
  ['native', () => openNativeDb(1)],
])('trimSql on %s', (_, open) => {
  test('equals trim() on every value, NULL included', async () => {
    const db = await open();
    const values = [...VALUES.map((v, i) => `(${i}, ${literal(v)})`), `(${VALUES.length}, NULL)`].join(', ');
    const rows = await db.rows(
      `SELECT count(*) AS n, count(*) FILTER (WHERE ${trimSql('v')} IS NOT DISTINCT FROM trim(v)) AS same,
        count(*) FILTER (WHERE trim(v) <> v) AS trimmed FROM (VALUES ${values}) t(i, v)`,
    );
    expect(Number(rows[0].n)).toBe(VALUES.length + 1);
    expect(Number(rows[0].same)).toBe(VALUES.length + 1);
    // The cases reach both branches: values trim() changes, by many separators.
    expect(Number(rows[0].trimmed)).toBeGreaterThan(100);
  });
});
