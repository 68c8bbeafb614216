import { describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { attributeStatsSql, readProfile } from '../../src/lib/sql/profile.ts';
import { transactionsFile } from './csv-registration.ts';
import { openEngine } from './engine.ts';

/**
 * Which attributes may be empty is read from DuckDB's column statistics (stats()), on both
 * engines: a column proved filled is looked up by ordersSql, any other goes through arg_min. Read
 * as text, so a change of wording in another DuckDB version must fail here, not slow imports silently.
 */
const file = transactionsFile('stats.csv', {
  id: 'customer_id',
  date: 'order_date',
  amount: 'amount',
  filled: 'attribute',
  gaps: 'attribute',
  blank: 'attribute',
  Status: 'attribute',
});

describe.each([
  ['wasm', false],
  ['native, 4 threads', true],
])('attribute statistics on %s', (_, native) => {
  test('only the attributes with an empty value are said to have one', async () => {
    const db = native ? await openNativeDb(4) : await openEngine();
    await db.exec(`CREATE OR REPLACE TABLE raw_stats AS
      SELECT 'c' || i AS id, '2024-01-01' AS date, '1' AS amount, 'f' || i AS filled,
        CASE WHEN i % 1000 = 999 THEN NULL ELSE 'g' END AS gaps, NULL::VARCHAR AS blank, CASE WHEN i = 0 THEN NULL ELSE 'x' END AS Status
      FROM range(300000) t(i)`);
    const [stats] = await db.rows(attributeStatsSql('raw_stats', file)!);
    // Named as in order_lines, where `Status` (which clashes with the canonical status) is Status_2.
    expect(readProfile(stats, file).attributesWithEmpties).toEqual(['gaps', 'blank', 'Status_2']);
  });
});

test('a customers file or a file without attributes needs no statistics', () => {
  expect(attributeStatsSql('raw', { ...file, kind: 'customers' })).toBeNull();
  expect(attributeStatsSql('raw', transactionsFile('plain.csv', { id: 'customer_id', date: 'order_date', amount: 'amount' }))).toBeNull();
});
