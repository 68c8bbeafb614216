import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startsWithAnyCaseSql } from '../../src/lib/sql/staging.ts';
import { openEngine, type TestEngine } from './engine.ts';

/** The cancelled-prefix test against `starts_with(upper(x), prefix)`, with every character first. */
describe('startsWithAnyCaseSql, on the wasm engine', () => {
  let db: TestEngine;

  beforeAll(async () => {
    db = await openEngine();
    // Every code point but the surrogates, alone, before digits and before `n-`; and NULL.
    await db.exec(`CREATE TABLE ids AS
SELECT chr(CAST(cp AS INTEGER)) || tail AS id FROM range(1, 200000) c(cp), (VALUES (''), ('536379'), ('n-7')) t(tail)
WHERE cp < 55296 OR cp > 57343
UNION ALL SELECT NULL`);
  }, 60_000);
  afterAll(() => db?.close());

  test.each(['C', 'c', 'I', 'S', 's', 'Z', 'CN-', 'É'])('prefix %j: the same ids as upper-casing them', async (prefix) => {
    const upper = `starts_with(upper(id), '${prefix.toUpperCase()}')`;
    const [row] = await db.rows(
      `SELECT count(*) FILTER (WHERE (${startsWithAnyCaseSql('id', prefix)}) IS DISTINCT FROM (${upper})) AS differ,
        count(*) FILTER (WHERE ${upper}) AS matched FROM ids`,
    );
    expect(Number(row.differ)).toBe(0);
    expect(Number(row.matched)).toBeGreaterThan(0);
  });

  test('a single letter other than I and S is tested without upper-casing', () => {
    expect(startsWithAnyCaseSql('order_id', 'C')).toBe(`(starts_with(order_id, 'C') OR starts_with(order_id, 'c'))`);
    expect(startsWithAnyCaseSql('order_id', 'i')).toBe(`starts_with(upper(order_id), 'I')`);
  });
});
