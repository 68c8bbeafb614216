import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customerBaseSql, narrowSpendType } from '../../src/lib/sql/metrics.ts';
import { loadedSummarySql } from '../../src/lib/sql/report.ts';
import { openEngine, type TestEngine } from './engine.ts';

/**
 * Each buyer's positions as the analysis defines them, every window in one query: the reference
 * customerBaseSql's statements (one window order at a time) must give, column for column.
 */
function referenceSql(netReturns: boolean): string {
  const purchases = netReturns ? ' FILTER (WHERE amount >= 0)' : '';
  return `WITH m AS (
  SELECT customer_id, min(order_date)${purchases} AS first_purchase, max(order_date)${purchases} AS last_purchase,
    count(*)${purchases} AS frequency, sum(amount) AS monetary, sum(amount) / count(*)${purchases} AS aov
  FROM orders GROUP BY customer_id ${netReturns ? `HAVING count(*)${purchases} > 0` : ''}
), ids AS (SELECT *, row_number() OVER (ORDER BY customer_id) AS id_rank FROM m)
SELECT *,
  row_number() OVER (ORDER BY monetary DESC, id_rank) AS value_rank,
  sum(greatest(monetary, 0)) OVER (ORDER BY monetary DESC, id_rank ROWS UNBOUNDED PRECEDING) AS cum_monetary,
  row_number() OVER (ORDER BY CAST(last_purchase AS DATE) DESC, id_rank) - 1 AS r_pos,
  row_number() OVER (ORDER BY frequency, id_rank) - 1 AS f_pos,
  row_number() OVER (ORDER BY monetary, id_rank) - 1 AS m_pos,
  row_number() OVER (ORDER BY aov, id_rank) - 1 AS a_pos
FROM ids`;
}

describe('customer_base on the wasm engine', () => {
  let db: TestEngine;

  beforeAll(async () => {
    db = await openEngine();
    // 400 text ids, the first 150 with more orders; spends, frequencies, order values and last days
    // repeat (ties broken by id), some nets are zero or negative (returns only), one is large.
    await db.exec(`CREATE TABLE orders AS
SELECT 'c' || CASE WHEN i < 3000 THEN i % 400 ELSE i % 150 END AS customer_id, 'o' || i AS order_id,
  TIMESTAMP '2024-01-01' + to_days(CAST(i % 97 AS INTEGER)) + to_hours(CAST(i % 5 AS INTEGER)) AS order_date,
  CAST(CASE WHEN i % 400 = 7 THEN 98765432.125 WHEN i % 50 = 3 THEN -1.5 WHEN i % 50 = 4 THEN 0 WHEN i % 13 = 0 THEN -(i % 50) ELSE (i % 37) * 2.5 END AS DECIMAL(38, 3)) AS amount,
  1 AS line_count
FROM range(4000) t(i)`);
  }, 60_000);
  afterAll(() => db?.close());

  test.each([
    [false, null],
    [false, 'DECIMAL(18, 3)'],
    [true, null],
    [true, 'DECIMAL(18, 3)'],
  ])('the positions every window gives in one query (returns netted: %s, spend key: %s)', async (netReturns, spendType) => {
    for (const sql of customerBaseSql(netReturns, spendType)) await db.exec(sql);
    await db.exec(`CREATE OR REPLACE TABLE reference AS ${referenceSql(netReturns)}`);
    const [differ] = await db.rows(
      'SELECT count(*) AS n FROM ((FROM customer_base EXCEPT ALL FROM reference) UNION ALL (FROM reference EXCEPT ALL FROM customer_base))',
    );
    expect(Number(differ.n)).toBe(0);
    const [counts] = await db.rows(
      'SELECT count(*) AS buyers, count(DISTINCT monetary) AS spends, count(DISTINCT frequency) AS frequencies FROM customer_base',
    );
    expect(Number(counts.buyers)).toBeGreaterThan(300);
    expect(Number(counts.spends)).toBeLessThan(Number(counts.buyers));
    expect(Number(counts.frequencies)).toBeLessThan(Number(counts.buyers));
    expect(Number(counts.frequencies)).toBeGreaterThan(1);
    const columns = await db.rows('SELECT column_name FROM (DESCRIBE customer_base)');
    expect(columns.map((c) => c.column_name)).toEqual([
      'customer_id',
      'first_purchase',
      'last_purchase',
      'frequency',
      'monetary',
      'aov',
      'id_rank',
      'value_rank',
      'cum_monetary',
      'r_pos',
      'f_pos',
      'm_pos',
      'a_pos',
    ]);
    // The steps' tables are gone.
    const [steps] = await db.rows(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'customer_base_step%'`);
    expect(Number(steps.n)).toBe(0);
  });
  // customer_base sorts by a 64-bit copy of spend when narrowSpendType proves it fits: the table must
  // be the one the 128-bit sort gives, ties in id order, net spends at and below zero included.
  test.each([false, true])(
    'with a 64-bit sort key for spend, the same table as the 128-bit sort (returns netted: %s)',
    async (netReturns) => {
      const spendType = narrowSpendType((await db.rows(loadedSummarySql(false)))[0]);
      expect(spendType).toBe('DECIMAL(18, 3)');
      for (const sql of customerBaseSql(netReturns, null, 'wide')) await db.exec(sql);
      for (const sql of customerBaseSql(netReturns, spendType, 'keyed')) await db.exec(sql);
      const [differ] = await db.rows(
        'SELECT count(*) AS n FROM ((FROM wide EXCEPT ALL FROM keyed) UNION ALL (FROM keyed EXCEPT ALL FROM wide))',
      );
      expect(Number(differ.n)).toBe(0);
      const [shape] = await db.rows(
        `SELECT count(*) AS customers, count(DISTINCT monetary) AS spends, count(*) FILTER (WHERE monetary <= 0) AS non_positive FROM keyed`,
      );
      // Ties and spends ≤ 0 are there to be ordered.
      expect(Number(shape.spends)).toBeLessThan(Number(shape.customers));
      expect(Number(shape.non_positive)).toBeGreaterThan(0);
      const types = await db.rows(`SELECT column_name, column_type FROM (DESCRIBE keyed) WHERE column_name IN ('monetary', 'spend_key')`);
      expect(types.map((t) => `${String(t.column_name)} ${String(t.column_type)}`)).toEqual(['monetary DECIMAL(38,3)']);
    },
  );
});
