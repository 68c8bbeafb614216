import { describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { literal } from '../../src/lib/sql/quote.ts';
import { decimalFromText, numberText } from '../../src/lib/sql/values.ts';
import { openEngine } from './engine.ts';

/** Texts at the edges of what DuckDB's DECIMAL and DOUBLE casts read: exponents, underscores, infinities, overflow. */
const TEXTS = [
  '12.5',
  ' 7 ',
  '1.',
  '.5',
  '+.5',
  '-0',
  '00012',
  '1e3',
  '1E-2',
  '1e+3',
  '1.e1',
  '1e-400',
  '1e400',
  '0e999999',
  '1_000',
  '1_0.5',
  '1.0_5',
  '0.000_1',
  '1e1_0',
  '1__0',
  '_1',
  '1_',
  'inf',
  '-inf',
  'infinity',
  'nan',
  '+-1',
  '--1',
  '0x10',
  '0b101',
  '1d',
  '1f',
  '1e',
  '1.5e',
  '.e1',
  '1ee3',
  '.',
  '-',
  '+',
  '',
  ' ',
  '\t1',
  '1\n',
  '1\r',
  '1\u00a0',
  '\uff11',
  '\u0661\u0662',
  '1,000',
  '1 000',
  '€ 1,234.50',
  '1.234,5',
  '12 EUR',
  '123456789012345.678',
  '1234567890123456.5',
  '12345678901234567890.5',
  '1.23456',
];

/** What decimalFromText was before it dropped its DOUBLE cast: a text went the direct way only when DOUBLE read it. */
function gated(expr: string, type: string): string {
  const t = `trim(${expr})`;
  return `coalesce(TRY_CAST(CASE WHEN TRY_CAST(${t} AS DOUBLE) IS NOT NULL THEN ${t} END AS ${type}), TRY_CAST(${numberText(expr, 'point')} AS ${type}))`;
}

describe.each([
  ['wasm', openEngine],
  ['native', () => openNativeDb(1)],
])('decimal from text with a decimal point on %s', (_, open) => {
  test.each(['DECIMAL(18, 3)', 'DECIMAL(38, 6)'])('the direct cast reads exactly what the DOUBLE-gated one read, as %s', async (type) => {
    const db = await open();
    const values = TEXTS.map((v, i) => `(${i}, ${literal(v)})`).join(', ');
    const rows = await db.rows(
      `SELECT i, CAST(${decimalFromText('v', 'point', type)} AS VARCHAR) AS now, CAST(${gated('v', type)} AS VARCHAR) AS before
       FROM (VALUES ${values}) t(i, v) ORDER BY i`,
    );
    expect(rows).toHaveLength(TEXTS.length);
    const differ = rows.filter((r) => r.now !== r.before).map((r) => [TEXTS[Number(r.i)], r.now, r.before]);
    expect(differ).toEqual([]);
    // Not vacuous: some texts read as numbers and some do not.
    expect(rows.filter((r) => r.now !== null).length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.now === null).length).toBeGreaterThan(10);
  });
});
