import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { userSqlRunner, type PreparingRunner } from '../../src/lib/import/sql-runner.ts';
import { PROFILE_AOV_TITLE } from '../../src/lib/segments/profile-titles.ts';
import { analyseSegments, profileSegment, readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import type { AttributeProfile } from '../../src/lib/segments/types.ts';
import { condition, type Rule, type SegmentDefinition } from '../../src/lib/spec/segments.ts';
import { profileOrderModeSql, profileOrderSharesSql, segmentMembersSql, segmentPredicate } from '../../src/lib/sql/segment-sql.ts';
import { openEngine } from './engine.ts';
import { loadProfileData, PROFILE_ANALYSIS_DATE, PROFILE_FILES } from './profile-fixture.ts';

const rules = (...items: Rule[]): SegmentDefinition => ({ kind: 'rules', root: { type: 'group', combine: 'and', rules: items } });
const BASIC = rules(condition('plan', 'eq', 'basic'));

interface Engine {
  db: PreparingRunner;
  close(): void;
}

/** The browser's engine (duckdb-wasm) and the command line's (native DuckDB), loaded with the same files. */
const ENGINES: [string, () => Promise<Engine>][] = [
  [
    'duckdb-wasm',
    async () => {
      const db = await openEngine();
      for (const [name, csv] of Object.entries(PROFILE_FILES)) db.register(`uploads/${name}`, new TextEncoder().encode(csv));
      await loadProfileData(db, (name) => `uploads/${name}`);
      return { db, close: () => db.close() };
    },
  ],
  [
    'native DuckDB',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-profile-'));
      for (const [name, csv] of Object.entries(PROFILE_FILES)) writeFileSync(path.join(dir, name), csv);
      const db = await openNativeDb(1);
      await loadProfileData(db, (name) => path.join(dir, name));
      return {
        db,
        close: () => {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

const categorical = (attributes: AttributeProfile[], column: string) => {
  const found = attributes.find((a) => a.column === column);
  if (found?.kind !== 'categorical') throw new Error(`no categorical attribute ${column}`);
  return found;
};
const shares = (a: ReturnType<typeof categorical>) => a.values.map((v) => [v.value, v.inside, v.base]);

describe.each(ENGINES)('%s', (_, open) => {
  let engine: Engine;
  let schema: SegmentSchema;
  beforeAll(async () => {
    engine = await open();
    schema = await readSegmentSchema(userSqlRunner(engine.db), PROFILE_ANALYSIS_DATE);
  });
  afterAll(() => engine.close());

  const members = async (definition: SegmentDefinition) =>
    (await engine.db.rows(`${segmentMembersSql(segmentPredicate(definition, schema))} ORDER BY 1`)).map((r) => String(r.customer_id));

  test('"on" is a calendar day: orders at 00:00:01 and 23:59:59 are on it, whatever the time', async () => {
    const ordersOn = (day: string) =>
      rules({ type: 'orders', atLeast: 1, where: { type: 'group', combine: 'and', rules: [condition('order_date', 'on', day)] } });
    expect(await members(ordersOn('2024-03-05'))).toEqual(['a', 'b']);
    expect(await members(ordersOn('2024-04-01'))).toEqual(['a']);
    expect(await members(ordersOn('2024-03-06'))).toEqual([]);
    expect(await members(rules(condition('last_purchase', 'on', '2024-05-10')))).toEqual(['b', 'c']);
  });

  test('an attribute on orders is profiled as shares of the segment’s orders against all orders', async () => {
    const profile = await profileSegment(userSqlRunner(engine.db), BASIC, schema);
    const channel = categorical(profile.attributes, 'channel (share of orders)');
    expect(channel.orders).toEqual({ column: 'channel', counts: 'orders', totalInside: 5, totalBase: 8 });
    expect(shares(channel)).toEqual([
      ['web', 3, 4],
      ['store', 2, 3],
      ['app', 0, 1],
    ]);
    expect(channel.values[0]).toMatchObject({ shareInside: 0.6, shareBase: 0.5 });
    expect(channel.values[0].lift).toBeCloseTo(1.2);
    const country = categorical(profile.attributes, 'country (share of orders)');
    // An order with no country is counted, as empty, so the shares are of every order.
    expect(shares(country)).toEqual([
      ['FR', 2, 4],
      ['DE', 2, 3],
      [null, 1, 1],
    ]);
    expect([country.otherInside, country.otherBase]).toEqual([0, 0]);
  });

  test('and as each customer’s most frequent value, ties going to the value that sorts first', async () => {
    const profile = await profileSegment(userSqlRunner(engine.db), BASIC, schema);
    const channel = categorical(profile.attributes, "channel (each customer's most frequent)");
    expect(channel.orders).toEqual({ column: 'channel', counts: 'customers', totalInside: 2, totalBase: 5 });
    // a: store ×2 over web; b: web; c: app; d: store and web once each → store; e never ordered → empty.
    expect(shares(channel)).toEqual([
      ['store', 1, 2],
      ['web', 1, 1],
      ['app', 0, 1],
      [null, 0, 1],
    ]);
    expect(channel.values[0]).toMatchObject({ shareInside: 0.5, shareBase: 0.4 });
    // b's orders are DE and one with no country: an empty value is not a candidate. d: DE and FR → DE.
    const country = categorical(profile.attributes, "country (each customer's most frequent)");
    expect(shares(country)).toEqual([
      ['DE', 1, 2],
      ['FR', 1, 2],
      [null, 0, 1],
    ]);
  });

  test('the two averages of order value: the KPI table’s revenue ÷ orders, and the profile’s mean of customers’ AOV', async () => {
    const gate = userSqlRunner(engine.db);
    const profile = await profileSegment(gate, BASIC, schema);
    const [segment] = (await analyseSegments(gate, [{ id: 'basic', definition: BASIC }], schema, 1)).segments;
    if (!segment.ok) throw new Error(segment.error);
    // Revenue ÷ orders: (19.99 + 0.005 + 19.99 + 100 + 0.005) / 5 in the segment, 170.98 / 8 overall.
    expect(profile.revenuePerOrder.inside).toBeCloseTo(139.99 / 5, 10);
    expect(profile.revenuePerOrder.base).toBeCloseTo(170.98 / 8, 10);
    expect(profile.revenuePerOrder.inside).toBe(segment.kpis.aov);
    // Each customer's AOV, averaged: a 39.985 / 3, b 100.005 / 2.
    const aov = profile.attributes.find((a) => a.column === PROFILE_AOV_TITLE);
    expect(aov?.kind).toBe('numeric');
    if (aov?.kind !== 'numeric') return;
    expect(aov.meanInside).toBeCloseTo((39.985 / 3 + 100.005 / 2) / 2, 10);
    expect(aov.meanInside).not.toBeCloseTo(profile.revenuePerOrder.inside!, 2);
  });

  test('the segment is evaluated on customers alone: a name only orders has does not bind to the joined orders', async () => {
    const gate = userSqlRunner(engine.db);
    for (const sql of [profileOrderSharesSql('country', "channel = 'web'", 8), profileOrderModeSql('country', "channel = 'web'", 8)]) {
      await expect(gate.rows(sql)).rejects.toThrow(/channel/);
    }
  });
});
