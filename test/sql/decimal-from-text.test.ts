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

/** numberText as it was, trimming before it strips: the strip removes every space trim would. */
function trimmedFirst(expr: string, mark: 'point' | 'comma'): string {
  const now = numberText(expr, mark);
  const keep = mark === 'point' ? `'[^0-9.+-]'` : `'[^0-9,+-]'`;
  return now.replace(`regexp_replace(${expr}, ${keep}`, `regexp_replace(trim(${expr}), ${keep}`);
}

describe.each([
  ['wasm', openEngine],
  ['native', () => openNativeDb(1)],
])('number text on %s', (_, open) => {
  test.each(['point', 'comma'] as const)('stripping without trimming first reads every text the same, with a decimal %s', async (mark) => {
    const db = await open();
    const texts = [...TEXTS, '1.234,50 €', ' 1 234,5 ', '\u2007 12,5\u3000', '12\u202f345,6'];
    const values = texts.map((v, i) => `(${i}, ${literal(v)})`).join(', ');
    const before = trimmedFirst('v', mark);
    expect(before).not.toBe(numberText('v', mark));
    const rows = await db.rows(`SELECT i, ${numberText('v', mark)} AS now, ${before} AS before FROM (VALUES ${values}) t(i, v) ORDER BY i`);
    expect(rows.filter((r) => r.now !== r.before).map((r) => [texts[Number(r.i)], r.now, r.before])).toEqual([]);
    expect(rows.filter((r) => r.now !== null).length).toBeGreaterThan(10);
  });
});

/**
 * The lines of a plan's boxes that hold nothing but `"trim"(v)`: a trim the optimiser computes for
 * every row on its own, before any CASE.
 */
function unconditionalTrims(plan: string): string[] {
  return plan
    .split('\n')
    .flatMap((line) => line.split('│'))
    .map((cell) => cell.trim())
    .filter((cell) => cell === '"trim"(v)');
}

test('the direct cast does not pay for the pattern path: no trim computed for every row (wasm)', async () => {
  const db = await openEngine();
  await db.exec(`CREATE TABLE numbers AS SELECT CAST(range AS VARCHAR) || '.25' AS v FROM range(10)`);
  const plan = async (sql: string) => String((await db.rows(`EXPLAIN SELECT ${sql} AS n FROM numbers`))[0].explain_value);
  // Not vacuous: a trim named twice is computed for every row, as the plan shows.
  const trimTwice = `coalesce(TRY_CAST(v AS DECIMAL(18, 3)), TRY_CAST(${trimmedFirst('v', 'point')} AS DECIMAL(18, 3)))`;
  expect(unconditionalTrims(await plan(trimTwice))).not.toEqual([]);
  expect(unconditionalTrims(await plan(decimalFromText('v', 'point', 'DECIMAL(18, 3)')))).toEqual([]);
});
