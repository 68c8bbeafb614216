import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { readCustomerStory } from '../../src/lib/customer/story.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { userSqlRunner, type UserSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { analyseSegments, countSegment, memberPage, profileSegment, readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import { segmentExportCsv } from '../../src/lib/segments/segment-export.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { condition, type ReferableSegment, type Rule, type SegmentDefinition } from '../../src/lib/spec/segments.ts';
import { SNAPSHOT_CUSTOMERS_SQL } from '../../src/lib/sql/segment-base.ts';
import { segmentMembersSql, segmentPredicate } from '../../src/lib/sql/segment-sql.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

/** The bundled sample, mapped as its README describes it. */
const SAMPLE = path.resolve(import.meta.dirname, '../../public/samples/retail-v1');
const TRANSACTION_ROLES: Record<string, FileImport['columns'][number]['role']> = {
  invoice_id: 'order_id',
  customer_id: 'customer_id',
  invoice_date: 'order_date',
  amount: 'amount',
};

let db: TestEngine;
let gate: UserSqlRunner;
let schema: SegmentSchema;
let base: number;

beforeAll(async () => {
  db = await openEngine();
  const files: FileImport[] = (['transactions', 'customers'] as const).map((kind) => {
    const text = readFileSync(path.join(SAMPLE, `${kind}.csv`), 'utf8');
    db.register(`uploads/${kind}.csv`, new TextEncoder().encode(text));
    const header = text.slice(0, text.indexOf('\n')).split(',');
    return {
      name: `${kind}.csv`,
      kind,
      parse: defaultParseOptions(),
      columns: header.map((name) => ({
        name,
        role: name === 'customer_id' ? 'customer_id' : kind === 'transactions' ? (TRANSACTION_ROLES[name] ?? 'attribute') : 'attribute',
      })),
    };
  });
  await runImport(
    db,
    defaultImportSpec(files),
    files.map((f) => csvRegistration(f, readFileSync(path.join(SAMPLE, f.name)))),
  );
  const { result } = await runAnalysis(db, defaultAnalysisSpec(), null);
  // As the worker does before segment work.
  await db.exec(SNAPSHOT_CUSTOMERS_SQL);
  gate = userSqlRunner(db);
  schema = await readSegmentSchema(gate, result.analysisDate);
  base = Number((await db.rows('SELECT count(*) AS n FROM customers'))[0].n);
}, 120_000);
afterAll(() => db.close());

const rules = (...items: Rule[]): SegmentDefinition => ({ kind: 'rules', root: { type: 'group', combine: 'and', rules: items } });
const any = (...items: Rule[]): Rule => ({ type: 'group', combine: 'or', rules: items });
const inSegment = (s: ReferableSegment, member = true): Rule => ({ type: 'segment', segment: s.id, member, name: s.name });
const segment = (id: string, name: string, definition: SegmentDefinition, enabled = true): ReferableSegment => ({
  id,
  name,
  enabled,
  definition,
});

/** The ids a hand-written WHERE over `customers` selects, as the engine reads it. */
async function handIds(where: string): Promise<string[]> {
  return (await db.rows(`SELECT customer_id FROM customers WHERE ${where} ORDER BY 1`)).map((r) => String(r.customer_id));
}
async function compiledIds(definition: SegmentDefinition, library: readonly ReferableSegment[]): Promise<string[]> {
  return (await gate.rows(`${segmentMembersSql(segmentPredicate(definition, schema, library))} ORDER BY 1`)).map((r) =>
    String(r.customer_id),
  );
}

// Segments of the sample a marketer might build; the hand-written SQL says the same without references.
const MOBILE_BIG = segment('mb', 'Mobile big spenders', rules(condition('device', 'eq', 'mobile'), condition('monetary', 'gte', '500')));
const MOBILE_BIG_SQL = "coalesce(device = 'mobile' AND monetary >= 500, false)";
const LOYAL_FR = segment('fr', 'Loyal in France', { kind: 'sql', sql: "country = 'FR' AND frequency >= 3" });
const LOYAL_FR_SQL = "coalesce(country = 'FR' AND frequency >= 3, false)";
const APP_REPEAT = segment('app', 'App repeat buyers', {
  kind: 'sql',
  sql: "SELECT customer_id FROM orders WHERE channel = 'app' GROUP BY customer_id HAVING count(*) >= 2",
});
const APP_REPEAT_SQL = "customer_id IN (SELECT customer_id FROM orders WHERE channel = 'app' GROUP BY customer_id HAVING count(*) >= 2)";

const GERMAN_MOBILE_BIG = segment('de', 'German mobile big spenders', rules(inSegment(MOBILE_BIG), condition('country', 'eq', 'DE')));
const LIBRARY = [MOBILE_BIG, LOYAL_FR, APP_REPEAT, GERMAN_MOBILE_BIG];

const CASES: [string, SegmentDefinition, string][] = [
  ['is in a rule segment, and a condition', GERMAN_MOBILE_BIG.definition, `${MOBILE_BIG_SQL} AND country = 'DE'`],
  [
    'is not in a rule segment, and a condition',
    rules(inSegment(MOBILE_BIG, false), condition('frequency', 'gte', '2')),
    `NOT ${MOBILE_BIG_SQL} AND frequency >= 2`,
  ],
  ['is in a SQL condition segment', rules(inSegment(LOYAL_FR)), LOYAL_FR_SQL],
  [
    'is in a SQL query segment, not in a rule segment',
    rules(inSegment(APP_REPEAT), inSegment(MOBILE_BIG, false)),
    `${APP_REPEAT_SQL} AND NOT ${MOBILE_BIG_SQL}`,
  ],
  [
    'nested: in a segment that is in another, or in a SQL segment, inside a group',
    rules(any(inSegment(GERMAN_MOBILE_BIG), inSegment(LOYAL_FR)), condition('age', 'lt', '40')),
    `(coalesce(${MOBILE_BIG_SQL} AND country = 'DE', false) OR ${LOYAL_FR_SQL}) AND TRY_CAST(age AS DOUBLE) < 40`,
  ],
  ['is not in a nested segment', rules(inSegment(GERMAN_MOBILE_BIG, false)), `NOT coalesce(${MOBILE_BIG_SQL} AND country = 'DE', false)`],
];

describe('"in segment X" selects exactly what hand-written SQL selects on the sample', () => {
  test.each(CASES)('%s', async (_, definition, where) => {
    const expected = await handIds(where);
    // Neither nobody nor everybody: a comparison that could not tell a wrong compilation apart would prove nothing.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(base);
    expect(await compiledIds(definition, LIBRARY)).toEqual(expected);

    const count = await countSegment(gate, definition, schema, LIBRARY);
    expect(count).toMatchObject({ ok: true, members: expected.length, base });
    const [analysed] = (await analyseSegments(gate, [{ id: 'x', definition }], schema, 1, LIBRARY)).segments;
    expect(analysed.ok && analysed.kpis.customers).toBe(expected.length);
    const page = await memberPage(
      gate,
      [definition],
      [],
      { offset: 0, limit: 5, sortColumn: 'customer_id', descending: false, search: '' },
      schema,
      LIBRARY,
    );
    expect([page.total, page.rows.map((r) => r[0])]).toEqual([expected.length, expected.slice(0, 5)]);
    const exported = Papa.parse<Record<string, string>>(await segmentExportCsv(gate, [{ name: 'X', definition }], schema, 0, LIBRARY), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(exported.map((r) => r.customer_id)).toEqual(expected);
    expect((await profileSegment(gate, definition, schema, LIBRARY)).members).toBe(expected.length);
  });

  test('"in X" and "not in X" split the base between them, and "in X" is X', async () => {
    const inside = await countSegment(gate, rules(inSegment(MOBILE_BIG)), schema, LIBRARY);
    const outside = await countSegment(gate, rules(inSegment(MOBILE_BIG, false)), schema, LIBRARY);
    const itself = await countSegment(gate, MOBILE_BIG.definition, schema, LIBRARY);
    expect(inside.ok && outside.ok && itself.ok).toBe(true);
    if (!inside.ok || !outside.ok || !itself.ok) return;
    expect(inside.members).toBe(itself.members);
    expect(inside.members + outside.members).toBe(base);
    // Python over the sample files: 641 customers-file customers on mobile with loaded lines summing to ≥ 500.
    expect(inside.members).toBe(641);
  });

  test('a disabled segment still means its definition, and the SQL shown says so', async () => {
    const library = [{ ...MOBILE_BIG, enabled: false }];
    const count = await countSegment(gate, rules(inSegment(MOBILE_BIG)), schema, library);
    expect(count).toMatchObject({ ok: true, members: 641 });
    expect(count.sql).toContain('/* segment "Mobile big spenders", left out of the analysis: its definition still applies here */');
  });

  test("the customer story says whether they are in it, by the referenced segment's name", async () => {
    const [inside] = await handIds(`${MOBILE_BIG_SQL} AND country = 'DE'`);
    const story = await readCustomerStory(
      gate,
      inside,
      [{ id: GERMAN_MOBILE_BIG.id, name: GERMAN_MOBILE_BIG.name, definition: GERMAN_MOBILE_BIG.definition }],
      schema,
      defaultAnalysisSpec(),
      { offset: 0, limit: 1 },
      LIBRARY,
    );
    expect(story.memberships).toMatchObject([
      {
        member: true,
        checks: [
          { text: 'is in segment "Mobile big spenders"', holds: true },
          { text: 'country equals "DE"', holds: true },
        ],
      },
    ]);
  });
});

describe('what cannot be counted names the segment it comes from', () => {
  test('a cycle, named from the segment counted, at every entry point that reports per segment', async () => {
    const a = segment('a', 'A', rules(condition('monetary', 'gt', '0')));
    const b = segment('b', 'B', rules(inSegment(a), condition('frequency', 'gte', '2')));
    const cyclic = { ...a, definition: rules(inSegment(b, false)) };
    const library = [cyclic, b];
    expect(await countSegment(gate, cyclic.definition, schema, library, 'a')).toEqual({
      ok: false,
      error: 'Segment cycle: A → B → A. A segment cannot be in itself, directly or through other segments.',
      refused: false,
      sql: null,
    });
    const analysis = await analyseSegments(gate, library, schema, 1, library);
    expect(analysis.segments.map((s) => !s.ok && s.error.split('.')[0])).toEqual(['Segment cycle: A → B → A', 'Segment cycle: B → A → B']);
    await expect(segmentExportCsv(gate, [{ name: 'A', definition: cyclic.definition }], schema, null, library)).rejects.toThrow(
      /^Segment "A" cannot be exported: Segment cycle: /,
    );
  });

  test('a referenced SQL segment the engine cannot bind: the referrer says which, through the chain', async () => {
    const broken = segment('broken', 'Broken SQL', { kind: 'sql', sql: 'no_such_column > 1' });
    const middle = segment('middle', 'Middle', rules(inSegment(broken), condition('frequency', 'gte', '1')));
    const top = rules(inSegment(middle), inSegment(MOBILE_BIG));
    const library = [...LIBRARY, broken, middle];
    const count = await countSegment(gate, top, schema, library);
    expect(count.ok).toBe(false);
    expect(!count.ok && count.error).toMatch(/^In segment "Middle" → "Broken SQL": .*no_such_column/);
    const [analysed] = (await analyseSegments(gate, [{ id: 't', definition: top }], schema, 1, library)).segments;
    expect(!analysed.ok && analysed.error).toMatch(/^In segment "Middle" → "Broken SQL": .*no_such_column/);
  });

  test('a referenced segment that fails only on some rows (a failing cast): the referrer says which', async () => {
    const casting = segment('cast', 'Casting', { kind: 'sql', sql: 'CAST(country AS INTEGER) > 0' });
    const top = rules(inSegment(casting));
    const library = [casting];
    const count = await countSegment(gate, top, schema, library);
    expect(!count.ok && count.error).toMatch(/^In segment "Casting": .*(Could not convert|Conversion Error)/);
    const analysis = await analyseSegments(
      gate,
      [
        { id: 't', definition: top },
        { id: 'mb', definition: MOBILE_BIG.definition },
      ],
      schema,
      1,
      library,
    );
    expect(!analysis.segments[0].ok && analysis.segments[0].error).toMatch(/^In segment "Casting": /);
    // The others are analysed as ever.
    expect(analysis.segments[1].ok && analysis.segments[1].kpis.customers).toBe(641);
  });

  test('a SQL segment refused on its own is refused where it is referenced', async () => {
    const dropper = segment('drop', 'Dropper', { kind: 'sql', sql: 'SELECT customer_id FROM customers; DROP TABLE orders' });
    const count = await countSegment(gate, rules(inSegment(dropper)), schema, [dropper]);
    expect(count).toMatchObject({ ok: false, refused: true });
    expect(!count.ok && count.error).toMatch(/^In segment "Dropper": One statement only/);
    expect(Number((await db.rows('SELECT count(*) AS n FROM orders'))[0].n)).toBeGreaterThan(0);
  });
});
