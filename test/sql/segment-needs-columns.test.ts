import { beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { userSqlRunner, type UserSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { missingColumnOfEngineError } from '../../src/lib/segments/needed-columns.ts';
import { analyseSegments, countSegment } from '../../src/lib/segments/run-segments.ts';
import { segmentExportCsv } from '../../src/lib/segments/segment-export.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import type { SegmentCount } from '../../src/lib/segments/types.ts';
import { readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { condition, type ReferableSegment, type Rule, type RuleGroup, type SegmentDefinition } from '../../src/lib/spec/segments.ts';
import { SNAPSHOT_CUSTOMERS_SQL } from '../../src/lib/sql/segment-base.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

/**
 * A segment naming a column the loaded data lacks has no count at all, and says which columns it
 * needs: never "0 members". Orders have a `channel`; customers a `country`; nobody has a loyalty tier.
 */
const ORDERS = [
  'id,order,date,amount,channel',
  'a,1,2024-06-01,100,web',
  'a,2,2024-06-20,50,shop',
  'b,3,2024-01-10,500,web',
  'c,4,2024-06-25,10,shop',
].join('\n');
const CUSTOMERS = ['id,country', 'a,FR', 'b,DE', 'c,FR'].join('\n');
const ORDER_ROLES: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

let engine: TestEngine;
let db: UserSqlRunner;
let schema: SegmentSchema;

beforeAll(async () => {
  engine = await openEngine();
  const texts = { 'nc-orders.csv': ORDERS, 'nc-customers.csv': CUSTOMERS };
  const files: FileImport[] = Object.entries(texts).map(([name, csv]) => {
    const kind = name.includes('orders') ? 'transactions' : 'customers';
    engine.register(`uploads/${name}`, new TextEncoder().encode(csv));
    return {
      name,
      kind,
      parse: defaultParseOptions(),
      columns: csv
        .split('\n')[0]
        .split(',')
        .map((h) => ({ name: h, role: h === 'id' ? 'customer_id' : kind === 'customers' ? 'attribute' : (ORDER_ROLES[h] ?? 'attribute') })),
    };
  });
  await runImport(
    engine,
    defaultImportSpec(files),
    files.map((f) => csvRegistration(f, texts[f.name as keyof typeof texts])),
  );
  await runAnalysis(engine, { ...defaultAnalysisSpec(), analysisDate: '2024-07-01' }, null);
  // As the worker does before segment work.
  await engine.exec(SNAPSHOT_CUSTOMERS_SQL);
  db = userSqlRunner(engine);
  schema = await readSegmentSchema(db, '2024-07-01');
});

const group = (...items: Rule[]): RuleGroup => ({ type: 'group', combine: 'and', rules: items });
const rules = (...items: Rule[]): SegmentDefinition => ({ kind: 'rules', root: group(...items) });
const sql = (text: string): SegmentDefinition => ({ kind: 'sql', sql: text });
const ordersWhere = (...items: Rule[]): Rule => ({ type: 'orders', atLeast: 1, where: group(...items) });
const segment = (id: string, name: string, definition: SegmentDefinition): ReferableSegment => ({ id, name, enabled: true, definition });

/** A count that is a missing-column result: no member figure of any kind. */
function expectNeeds(count: SegmentCount, columns: string[]): void {
  expect(count).toMatchObject({ ok: false, refused: false, needsColumns: columns });
  expect(count).not.toHaveProperty('members');
}

async function sqlCount(where: string): Promise<number> {
  const [row] = await engine.rows(`SELECT count(*) AS n FROM customers WHERE ${where}`);
  return Number(row.n);
}

describe('rule segments', () => {
  test('a condition on a column the data lacks needs that column, and has no count', async () => {
    const count = await countSegment(db, rules(condition('loyalty_tier', 'eq', 'gold')), schema);
    expectNeeds(count, ['loyalty_tier']);
    expect(count).toMatchObject({ error: 'Needs column `loyalty_tier` — map one in Data.', sql: null });
  });

  test('every missing column is listed, each once and in the order written, not only the first', async () => {
    const definition = rules(condition('loyalty_tier', 'eq', 'gold'), condition('country', 'eq', 'FR'), {
      type: 'group',
      combine: 'or',
      rules: [condition('plan', 'eq', 'pro'), condition('Loyalty_Tier', 'eq', 'silver')],
    });
    const count = await countSegment(db, definition, schema);
    expectNeeds(count, ['loyalty_tier', 'plan']);
    expect(!count.ok && count.error).toBe('Needs columns `loyalty_tier` and `plan` — map them in Data.');
  });

  test('an order condition on a column orders lack; a customer condition on a column only orders have', async () => {
    expectNeeds(await countSegment(db, rules(ordersWhere(condition('coupon', 'eq', 'X'), condition('channel', 'eq', 'web'))), schema), [
      'coupon',
    ]);
    // `channel` is an orders column: on customers it is missing, inside "has at least N orders" it is there.
    expectNeeds(await countSegment(db, rules(condition('channel', 'eq', 'web')), schema), ['channel']);
  });

  test('columns the data has are counted as before', async () => {
    const fr = await countSegment(db, rules(condition('country', 'eq', 'FR')), schema);
    expect(fr).toMatchObject({ ok: true, members: await sqlCount(`country = 'FR'`) });
    const web = await countSegment(db, rules(ordersWhere(condition('channel', 'eq', 'web'))), schema);
    expect(web).toMatchObject({
      ok: true,
      members: await sqlCount(`customer_id IN (SELECT customer_id FROM order_lines WHERE channel = 'web')`),
    });
    expect(fr).not.toHaveProperty('needsColumns');
  });
});

describe('SQL segments', () => {
  test('DuckDB naming a missing column makes the segment need it, in a condition or a query', async () => {
    const cases: [string, string][] = [
      [`loyalty_tier = 'gold'`, 'loyalty_tier'],
      [`SELECT customer_id FROM orders WHERE coupon = 'X'`, 'coupon'],
    ];
    for (const [text, column] of cases) {
      const count = await countSegment(db, sql(text), schema);
      expectNeeds(count, [column]);
      expect(!count.ok && count.error).toBe(`Needs column \`${column}\` — map one in Data, or correct the SQL.`);
      // The SQL compiled: it is shown, so the user can see what it asked for.
      expect(!count.ok && count.sql).toContain(column);
    }
  });

  test('other engine errors stay as they were', async () => {
    const count = await countSegment(db, sql('no_such_function(1)'), schema);
    expect(count).toMatchObject({ ok: false });
    expect(count).not.toHaveProperty('needsColumns');
    expect(!count.ok && count.error).toMatch(/no_such_function/);
  });

  test('the parser reads the names DuckDB writes, quotes and spaces included', async () => {
    const messages: string[] = [];
    for (const query of [
      'SELECT "Loyalty Tier" FROM customers',
      'SELECT c."tier ""x""" FROM customers c',
      'SELECT * FROM customers WHERE customer_id IN (SELECT customer_id FROM orders WHERE coupon = 1)',
    ]) {
      messages.push(
        await engine.rows(query).then(
          () => 'ran',
          (e: Error) => e.message,
        ),
      );
    }
    expect(messages.map(missingColumnOfEngineError)).toEqual(['Loyalty Tier', 'tier "x"', 'coupon']);
    const other = await engine.rows('SELECT * FROM nowhere.customers').then(
      () => 'ran',
      (e: Error) => e.message,
    );
    expect(missingColumnOfEngineError(other)).toBeNull();
  });
});

describe('through "is in segment" and in the analysis', () => {
  const tiered = segment('t', 'Gold tier', rules(condition('loyalty_tier', 'eq', 'gold')));
  const tieredSql = segment('q', 'Gold in SQL', sql(`loyalty_tier = 'gold'`));
  const french = segment('f', 'French', rules(condition('country', 'eq', 'FR')));

  test('a segment in one that needs a column needs it too, and says through which', async () => {
    const library = [tiered, tieredSql, french];
    const inRules = await countSegment(db, rules({ type: 'segment', segment: 't', name: 'Gold tier', member: true }), schema, library);
    expectNeeds(inRules, ['loyalty_tier']);
    expect(!inRules.ok && inRules.error).toBe('In segment "Gold tier": Needs column `loyalty_tier` — map one in Data.');
    const inSql = await countSegment(db, rules({ type: 'segment', segment: 'q', name: 'Gold in SQL', member: true }), schema, library);
    expectNeeds(inSql, ['loyalty_tier']);
    expect(!inSql.ok && inSql.error).toMatch(/^In segment "Gold in SQL": Needs column `loyalty_tier`/);
  });

  test('left out of the KPIs and the overlap with its reason, never as 0 customers', async () => {
    const library = [tiered, tieredSql, french];
    const analysis = await analyseSegments(db, library, schema, 1, library);
    const [t, q, f] = analysis.segments;
    expect(t).toEqual({ id: 't', ok: false, error: 'Needs column `loyalty_tier` — map one in Data.', needsColumns: ['loyalty_tier'] });
    expect(q).toMatchObject({ id: 'q', ok: false, needsColumns: ['loyalty_tier'] });
    expect(f).toMatchObject({ id: 'f', ok: true, kpis: { customers: await sqlCount(`country = 'FR'`) } });
    expect(analysis.overlapIds).toEqual(['f']);
  });

  test('an export of it is refused with the reason', async () => {
    await expect(segmentExportCsv(db, [{ name: 'Gold tier', definition: tiered.definition }], schema, 0)).rejects.toThrow(
      'Segment "Gold tier" cannot be exported: Needs column `loyalty_tier` — map one in Data.',
    );
  });
});
