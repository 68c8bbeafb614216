import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { userSqlRunner, type UserSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { countSegment, profileSegment, readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { condition, type Rule } from '../../src/lib/spec/segments.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { loadCsvFixture } from './load-fixture.ts';

/** Order lines: a's order o1 has tea on its first line and cake on its second; b bought tea twice. */
const LINES = [
  'order,id,date,amount,product',
  'o1,a,2024-01-05,5.00,tea',
  'o1,a,2024-01-05,7.50,cake',
  'o2,b,2024-02-01,5.00,tea',
  'o3,b,2024-03-01,5.00,tea',
  'o4,c,2024-03-02,30.00,mug',
].join('\n');

let db: TestEngine;
let gate: UserSqlRunner;
let schema: SegmentSchema;
beforeAll(async () => {
  db = await openEngine();
  db.register('uploads/lines.csv', new TextEncoder().encode(LINES));
  await loadCsvFixture(db, { 'lines.csv': LINES }, (name) => `uploads/${name}`, '2024-06-01');
  gate = userSqlRunner(db);
  schema = await readSegmentSchema(gate, '2024-06-01');
});
afterAll(() => db.close());

const hasOrders = (atLeast: number, ...rules: Rule[]) => ({
  kind: 'rules' as const,
  root: {
    type: 'group' as const,
    combine: 'and' as const,
    rules: [{ type: 'orders' as const, atLeast, where: { type: 'group' as const, combine: 'and' as const, rules } }],
  },
});
const members = async (definition: ReturnType<typeof hasOrders>) => {
  const count = await countSegment(gate, definition, schema);
  if (!count.ok) throw new Error(count.error);
  return count.members;
};

describe('"has at least N orders where …" reads every line of an order', () => {
  test('a product on an order’s second line counts', async () => {
    expect(await members(hasOrders(1, condition('product', 'eq', 'cake')))).toBe(1);
  });

  test('an order with two matching lines is still one order', async () => {
    expect(await members(hasOrders(2, condition('product', 'eq', 'tea')))).toBe(1); // b: o2 and o3; a's o1 is one order
    expect(await members(hasOrders(1, condition('product', 'eq', 'tea')))).toBe(2);
  });

  test('order-level columns are the order’s: the amount is its total, not a line’s', async () => {
    expect(await members(hasOrders(1, condition('amount', 'gt', '12')))).toBe(2); // o1 totals 12.50, o4 30
    expect(await members(hasOrders(1, condition('amount', 'gt', '12'), condition('product', 'eq', 'cake')))).toBe(1);
  });
});

describe('profiles read an order attribute on every line', () => {
  test('share of orders: an order counts under each value its lines have; the totals are orders', async () => {
    const everyone = { kind: 'rules' as const, root: { type: 'group' as const, combine: 'and' as const, rules: [] } };
    const profile = await profileSegment(gate, everyone, schema);
    const shares = profile.attributes.find((a) => a.column === 'product (share of orders)');
    if (shares?.kind !== 'categorical') throw new Error('no product shares');
    expect(shares.orders).toMatchObject({ counts: 'orders', totalInside: 4, totalBase: 4 });
    expect(shares.values.map((v) => [v.value, v.base])).toEqual([
      ['tea', 3],
      ['cake', 1],
      ['mug', 1],
    ]);
    const mode = profile.attributes.find((a) => a.column === "product (each customer's most frequent)");
    if (mode?.kind !== 'categorical') throw new Error('no product mode');
    // a: o1 has tea and cake, one order each: the tie goes to the value that sorts first.
    expect(mode.values.map((v) => [v.value, v.base])).toEqual([
      ['cake', 1],
      ['mug', 1],
      ['tea', 1],
    ]);
  });
});
