import { describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { literal } from '../../src/lib/sql/quote.ts';
import { numberDigitsSql, roughDigitsSql } from '../../src/lib/sql/values.ts';
import { openEngine } from './engine.ts';

/**
 * The profile sizes each exact DECIMAL from these widths: values that end in a digit are measured as
 * they are, the rest after their currency or percent suffix is cut (the test of the last character
 * is text, not a pattern: see numberDigitsSql).
 */
const CASES: [string, number, number][] = [
  ['12.345', 2, 3],
  [' 7 ', 1, 0],
  ['1,234.5', 5, 1],
  ['19.99 EUR', 2, 2],
  ['19.99€', 2, 2],
  ['12%', 2, 0],
  ['', 0, 0],
  // Not ASCII digits at the end: only suffix characters are cut, and each character counts.
  ['5\u0301', 2, 0],
  ['\u0661\u0662', 2, 0],
  ['3.5x', 1, 1],
];

describe.each([
  ['wasm', openEngine],
  ['native', () => openNativeDb(1)],
])('digit widths of number text on %s', (_, open) => {
  test('each value measured as the profile sizes it', async () => {
    const db = await open();
    const { integer, fraction } = numberDigitsSql('v', 'point');
    const values = CASES.map(([v], i) => `(${i}, ${literal(v)})`).join(', ');
    const rows = await db.rows(`SELECT i, ${integer} AS int_digits, ${fraction} AS frac_digits FROM (VALUES ${values}) t(i, v) ORDER BY i`);
    expect(rows.map((r) => [CASES[Number(r.i)][0], Number(r.int_digits), Number(r.frac_digits)])).toEqual(CASES);
  });

  test('the rough widths, on the text as read, are never narrower', async () => {
    const db = await open();
    const exact = numberDigitsSql('v', 'point');
    const rough = roughDigitsSql('v', 'point');
    const texts = [...CASES.map(([v]) => v), ' 12.345 ', '\u00a012.5 EUR', 'Rs. 100', '1.5\u3000', '$ 1,234.56', '7'];
    const values = texts.map((v, i) => `(${i}, ${literal(v)})`).join(', ');
    const rows = await db.rows(
      `SELECT i, ${exact.integer} AS ei, ${exact.fraction} AS ef, ${rough.integer} AS ri, ${rough.fraction} AS rf FROM (VALUES ${values}) t(i, v) ORDER BY i`,
    );
    for (const r of rows) {
      expect(Number(r.ri), texts[Number(r.i)]).toBeGreaterThanOrEqual(Number(r.ei));
      expect(Number(r.rf), texts[Number(r.i)]).toBeGreaterThanOrEqual(Number(r.ef));
    }
    // Plain numbers measure the same either way.
    expect(rows.filter((r) => ['12.345', '7'].includes(texts[Number(r.i)])).every((r) => r.ri === r.ei && r.rf === r.ef)).toBe(true);
  });
});
