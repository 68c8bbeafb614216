import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customerBaseSql, narrowSpendType } from '../../src/lib/sql/metrics.ts';
import { loadedSummarySql } from '../../src/lib/sql/report.ts';
import { openEngine, type TestEngine } from './engine.ts';

/**
 * customer_base sorts by a 64-bit copy of spend when narrowSpendType proves it fits: the table must
 * be the one the 128-bit sort gives, ties in id order, net spends at and below zero included.
 */
describe('customer_base with a 64-bit sort key for spend, on the wasm engine', () => {
  let db: TestEngine;

  beforeAll(async () => {
    db = await openEngine();
    // 400 customers; spends repeat (ties across ids), some nets are zero or negative (returns only), one is large.
    await db.exec(`CREATE TABLE orders AS
SELECT 'c' || (i % 400) AS customer_id, 'o' || i AS order_id,
  TIMESTAMP '2024-01-01' + to_days(CAST(i % 97 AS INTEGER)) AS order_date,
  CAST(CASE WHEN i % 400 = 7 THEN 98765432.125 WHEN i % 50 = 3 THEN -1.5 WHEN i % 50 = 4 THEN 0 WHEN i % 13 = 0 THEN -(i % 50) ELSE (i % 37) * 2.5 END AS DECIMAL(38, 3)) AS amount,
  1 AS line_count
FROM range(4000) t(i)`);
  }, 60_000);
  afterAll(() => db?.close());

  test.each([false, true])('the same table as the 128-bit sort (returns netted: %s)', async (netReturns) => {
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
  });
});
