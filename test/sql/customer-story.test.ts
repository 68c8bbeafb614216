import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis, type AnalysisKeys } from '../../src/lib/analysis/run-analysis.ts';
import { readCustomerOrders, readCustomerStory } from '../../src/lib/customer/story.ts';
import type { CustomerStory, StorySegment } from '../../src/lib/customer/types.ts';
import { userSqlRunner, type UserSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import type { AnalysisSpec } from '../../src/lib/spec/analysis.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import { exportPreviewSql } from '../../src/lib/sql/customer.ts';
import { customersCsv } from '../../src/lib/csv/customers-csv.ts';
import { exportPreview } from '../../src/lib/customer/export-preview.ts';
import Papa from 'papaparse';
import { exportCustomersSql } from '../../src/lib/sql/export.ts';
import { DROP_CUSTOMERS_SNAPSHOT_SQL, SNAPSHOT_CUSTOMERS_SQL } from '../../src/lib/sql/segment-base.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { loadCsvFixture } from './load-fixture.ts';

/** Explanations keep a percentage and its sign together with a no-break space. */
const pct = (text: string) => text.replaceAll(' %', '\u00a0%');

/**
 * Ids that are easy to get wrong: `00123` and `123` (two customers, not one number), a quote and a
 * double quote. o'brien's order o5 has two lines (store, then web); f's only order is free; g's order o11 has
 * eight lines, seven channels (its extra lines cost nothing); nb is in the customers file only.
 */
const ORDERS = [
  'id,order,date,amount,channel',
  '00123,o1,2024-06-20,50.00,web',
  '00123,o2,2024-06-01 10:30:00,20.50,store',
  '00123,o3,2024-01-10,10.00,web',
  '123,o4,2024-05-01,500.00,web',
  "o'brien,o5,2024-03-01,30.00,store",
  "o'brien,o5,2024-03-01,15.00,web",
  '"x""y",o6,2023-10-01,5.00,app',
  'e,o7,2024-06-25,1000.00,web',
  'e,o8,2024-02-01,1000.00,web',
  'f,o9,2024-06-15,0.00,web',
  'g,o10,2024-04-10,75.00,store',
  'g,o11,2024-04-20,75.00,store',
  'g,o11,2024-04-20,0.00,f1',
  'g,o11,2024-04-20,0.00,a1',
  'g,o11,2024-04-20,0.00,e1',
  'g,o11,2024-04-20,0.00,b1',
  'g,o11,2024-04-20,0.00,d1',
  'g,o11,2024-04-20,0.00,c1',
  'g,o11,2024-04-20,0.00,a1',
  'h,o12,2024-06-10,60.00,web',
].join('\n');
const CUSTOMERS = ['id,plan', '00123,pro', '123,basic', "o'brien,basic", '"x""y",pro', 'e,pro', 'f,basic', 'g,', 'h,pro', 'nb,basic'].join(
  '\n',
);
const DATE = '2024-07-01';
const BUYERS = ['00123', '123', "o'brien", 'x"y', 'e', 'f', 'g', 'h'];
const PAGE = { offset: 0, limit: 20 };

const SEGMENTS: StorySegment[] = [
  {
    id: 'big',
    name: 'Big web',
    definition: {
      kind: 'rules',
      root: {
        type: 'group',
        combine: 'and',
        rules: [
          condition('monetary', 'gte', '100'),
          { type: 'orders', atLeast: 1, where: { type: 'group', combine: 'and', rules: [condition('channel', 'eq', 'web')] } },
        ],
      },
    },
  },
  { id: 'pro', name: 'Pro', definition: { kind: 'sql', sql: "plan = 'pro'" } },
  {
    id: 'either',
    name: 'Either',
    definition: {
      kind: 'rules',
      root: { type: 'group', combine: 'or', rules: [condition('lifecycle_stage', 'eq', 'cooling'), condition('frequency', 'gte', '3')] },
    },
  },
  {
    id: 'broken',
    name: 'Broken',
    definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules: [condition('nope', 'eq', 'x')] } },
  },
  { id: 'cast', name: 'Fails on rows', definition: { kind: 'sql', sql: 'CAST(plan AS INTEGER) > 0' } },
];
/** The same segments typed by hand as SQL over the base tables. */
const TYPED: Record<string, string> = {
  big: "monetary >= 100 AND customer_id IN (SELECT customer_id FROM order_lines WHERE channel = 'web')",
  pro: "plan = 'pro'",
  either: "lifecycle_stage = 'cooling' OR frequency >= 3",
};

let engine: TestEngine;
let db: UserSqlRunner;
let schema: SegmentSchema;
let keys: AnalysisKeys | null = null;

/** Rebuilds the analysis tables for `spec` and snapshots `customers`, as the worker does. */
async function analyse(spec: AnalysisSpec): Promise<void> {
  await engine.exec(DROP_CUSTOMERS_SNAPSHOT_SQL);
  keys = (await runAnalysis(engine, spec, keys)).keys;
  await engine.exec(SNAPSHOT_CUSTOMERS_SQL);
}

const story = (id: string, spec: AnalysisSpec, segments = SEGMENTS) => readCustomerStory(db, id, segments, schema, spec, PAGE);
const quoted = (id: string) => `'${id.replaceAll("'", "''")}'`;

/** Metrics straight from the loaded order lines. */
async function directMetrics(id: string) {
  const [row] = await engine.rows(`SELECT date_diff('day', CAST(max(order_date) AS DATE), DATE '${DATE}') AS recency,
  count(DISTINCT order_id) AS frequency, CAST(sum(amount) AS VARCHAR) AS monetary,
  date_diff('day', CAST(min(order_date) AS DATE), DATE '${DATE}') AS tenure
FROM order_lines WHERE customer_id = ${quoted(id)}`);
  return {
    recencyDays: Number(row.recency),
    frequency: Number(row.frequency),
    monetary: String(row.monetary),
    tenureDays: Number(row.tenure),
  };
}

beforeAll(async () => {
  engine = await openEngine();
  db = userSqlRunner(engine);
  const files = { 'story-orders.csv': ORDERS, 'story-customers.csv': CUSTOMERS };
  for (const [name, text] of Object.entries(files)) engine.register(`uploads/${name}`, new TextEncoder().encode(text));
  await loadCsvFixture(engine, files, (n) => `uploads/${n}`, DATE);
  keys = null;
  await analyse({ ...defaultAnalysisSpec(), analysisDate: DATE });
  schema = await readSegmentSchema(db, DATE);
});

afterAll(() => engine.close());

describe('ids stay text end to end', () => {
  test('00123 and 123 are two customers; a quote and a double quote in an id are found', async () => {
    const spec = { ...defaultAnalysisSpec(), analysisDate: DATE };
    const zeros = await story('00123', spec);
    const plainNumber = await story('123', spec);
    expect(zeros.found && plainNumber.found).toBe(true);
    expect(zeros.facts.metrics).toMatchObject(await directMetrics('00123'));
    expect(plainNumber.facts.metrics).toMatchObject(await directMetrics('123'));
    expect(zeros.facts.metrics!.frequency).toBe(3);
    expect(plainNumber.facts.metrics!.frequency).toBe(1);
    expect(zeros.orders.rows.map((r) => r[0])).toEqual(['o1', 'o2', 'o3']);
    expect(plainNumber.orders.rows.map((r) => r[0])).toEqual(['o4']);
    for (const id of ["o'brien", 'x"y']) {
      const s = await story(id, spec);
      expect(s.found, id).toBe(true);
      expect(s.facts.metrics, id).toMatchObject(await directMetrics(id));
    }
  });

  test('an id that is not loaded, or that tries to end the string, finds nobody and runs nothing else', async () => {
    const spec = { ...defaultAnalysisSpec(), analysisDate: DATE };
    for (const id of ['0123', "' OR true --", "00123' OR '1'='1"]) {
      const s = await story(id, spec);
      expect(s.found, id).toBe(false);
      expect(s.orders.total, id).toBe(0);
      expect(s.memberships, id).toEqual([]);
    }
  });
});

describe('every figure equals a direct query', () => {
  const specs: [string, AnalysisSpec][] = [
    ['rank n-tiles (default)', { ...defaultAnalysisSpec(), analysisDate: DATE }],
    [
      'breakpoints, percentile tiers',
      { ...defaultAnalysisSpec(), analysisDate: DATE, rfm: { ...defaultAnalysisSpec().rfm, method: 'breakpoints' } },
    ],
  ];
  specs[1][1].tiers = { ...specs[1][1].tiers, scheme: 'percentile' };

  for (const [label, spec] of specs) {
    test(label, async () => {
      await analyse(spec);
      // Everything the tables say, by hand: metrics from the lines, positions by spend (ids are not all numbers: text order).
      const positions = await engine.rows(`WITH m AS (SELECT customer_id, sum(amount) AS monetary FROM order_lines GROUP BY 1)
SELECT customer_id, row_number() OVER w AS value_rank,
  CASE WHEN monetary > 0 THEN 100 * CAST(sum(greatest(monetary, 0)) OVER w AS DOUBLE) / (SELECT CAST(sum(greatest(monetary, 0)) AS DOUBLE) FROM m) END AS share,
  CASE WHEN monetary > 0 THEN 100 * CAST(row_number() OVER w AS DOUBLE) / (SELECT count(*) FROM m) END AS percentile
FROM m WINDOW w AS (ORDER BY monetary DESC, customer_id ROWS UNBOUNDED PRECEDING)`);
      const view = await engine.rows('SELECT * FROM customers');
      for (const id of BUYERS) {
        const s = await story(id, spec);
        const row = view.find((r) => r.customer_id === id)!;
        const position = positions.find((r) => r.customer_id === id)!;
        expect(s.facts.metrics, id).toMatchObject(await directMetrics(id));
        expect(s.facts.scores, id).toMatchObject({
          r: row.r_score,
          f: row.f_score,
          m: row.m_score,
          cell: row.rfm_cell,
          segment: row.rfm_segment,
        });
        expect([s.facts.valueTier, s.facts.lifecycleStage], id).toEqual([row.value_tier, row.lifecycle_stage]);
        expect(s.facts.tier!.rank, id).toBe(Number(position.value_rank));
        expect(s.facts.tier!.buyers, id).toBe(BUYERS.length);
        // A net spend ≤ 0 (f's free order) has no position.
        for (const [got, want] of [
          [s.facts.tier!.revenueShare, position.share],
          [s.facts.tier!.percentile, position.percentile],
        ]) {
          if (want === null) expect(got, id).toBeNull();
          else expect(got, id).toBeCloseTo(Number(want), 9);
        }
        // The explanation names the tier and the stage the tables hold.
        expect(s.explanations.tier.startsWith(`${row.value_tier}: `), id).toBe(true);
        expect(s.explanations.lifecycle.startsWith(`${row.lifecycle_stage}: `), id).toBe(true);
        expect(s.explanations.r, id).toMatch(new RegExp(`^R = ${row.r_score}: `));
      }
      if (spec.rfm.method === 'ntile') {
        // Each group's range, straight from the scores.
        for (const [dim, expr] of [
          ['r', 'recency_days'],
          ['f', 'frequency'],
          ['m', 'monetary'],
        ] as const) {
          const groups = await engine.rows(
            `SELECT ${dim}_score AS score, min(CAST(${expr} AS DOUBLE)) AS lo, max(CAST(${expr} AS DOUBLE)) AS hi FROM customers WHERE ${dim}_score IS NOT NULL GROUP BY 1`,
          );
          for (const id of BUYERS) {
            const s = await story(id, spec);
            const group = groups.find((g) => g.score === s.facts.scores![dim])!;
            const bands = s.facts.bands!;
            expect(bands.kind).toBe('ranges');
            if (bands.kind === 'ranges') expect(bands.ranges[dim], `${id} ${dim}`).toEqual({ min: group.lo, max: group.hi });
          }
        }
      } else {
        // The quantiles by hand, and each score re-derived from them: R = bins − cuts below, F and M = 1 + cuts below.
        const [cuts] = await engine.rows(`WITH m AS (
  SELECT date_diff('day', CAST(max(order_date) AS DATE), DATE '${DATE}') AS r, count(DISTINCT order_id) AS f, sum(amount) AS m FROM order_lines GROUP BY customer_id)
SELECT quantile_cont(CAST(r AS DOUBLE), [0.2, 0.4, 0.6, 0.8]) AS r, quantile_cont(CAST(f AS DOUBLE), [0.2, 0.4, 0.6, 0.8]) AS f,
  quantile_cont(CAST(m AS DOUBLE), [0.2, 0.4, 0.6, 0.8]) AS m FROM m`);
        const list = (v: unknown) => [...(v as Iterable<unknown>)].map(Number);
        for (const id of BUYERS) {
          const s = await story(id, spec);
          const bands = s.facts.bands!;
          expect(bands.kind).toBe('cuts');
          if (bands.kind !== 'cuts') continue;
          expect(bands.cuts).toEqual({ r: list(cuts.r), f: list(cuts.f), m: list(cuts.m) });
          const metrics = s.facts.metrics!;
          const below = (c: number[], v: number) => c.filter((x) => v > x).length;
          expect(s.facts.scores!.r, id).toBe(5 - below(bands.cuts.r, metrics.recencyDays));
          expect(s.facts.scores!.f, id).toBe(1 + below(bands.cuts.f, metrics.frequency));
          if (Number(metrics.monetary) > 0) expect(s.facts.scores!.m, id).toBe(1 + below(bands.cuts.m, Number(metrics.monetary)));
        }
      }
    });
  }
});

describe('explanations on this data', () => {
  test('fixed thresholds: the threshold bounding each score', async () => {
    const spec: AnalysisSpec = {
      ...defaultAnalysisSpec(),
      analysisDate: DATE,
      rfm: {
        ...defaultAnalysisSpec().rfm,
        method: 'thresholds',
        thresholds: { recency: [30, 60, 90, 180], frequency: [1, 1, 2, 5], monetary: [10, 50, 100, 500] },
      },
    };
    await analyse(spec);
    const [plainNumber, zeros, free] = [await story('123', spec), await story('00123', spec), await story('f', spec)];
    expect(plainNumber.explanations.r).toBe(
      'R = 3: last order 61 days before the analysis date; the R3 band is 61–90 days (your thresholds 60 and 90).',
    );
    expect(zeros.explanations.f).toBe('F = 4: 3 orders; the F4 band is 3–5 orders (your thresholds 2 and 5).');
    expect(zeros.explanations.m).toBe(
      'M = 3: spend 80.50; the M3 band is more than 50.00, up to 100.00 (your thresholds 50.00 and 100.00).',
    );
    expect(zeros.explanations.r).toBe('R = 5: last order 11 days before the analysis date; the R5 band is ≤ 30 days (your threshold 30).');
    expect(free.explanations.m).toBe(
      'M = 1: spend 0.00; a customer whose spend is not above 0 (returns netted, or only free orders) scores M = 1 whatever the method.',
    );
  });

  test('lifecycle stages with their thresholds; a never-purchased customer is not scored', async () => {
    const spec = { ...defaultAnalysisSpec(), analysisDate: DATE };
    await analyse(spec);
    const lifecycle = async (id: string) => (await story(id, spec)).explanations.lifecycle;
    expect(await lifecycle("o'brien")).toBe(
      'cooling: last order 122 days before the analysis date, more than the 90-day cooling threshold (not more than the 180-day lapsed one).',
    );
    expect(await lifecycle('x"y')).toBe('lapsed: last order 274 days before the analysis date, more than the 180-day lapsed threshold.');
    expect(await lifecycle('h')).toBe(
      'new: first order 21 days before the analysis date, within the 30-day new window; last order 21 days before the analysis date, not more than the 90-day cooling threshold.',
    );
    const never = await story('nb', spec);
    expect(never.found).toBe(true);
    expect([never.facts.metrics, never.facts.scores, never.explanations.r]).toEqual([null, null, null]);
    expect(never.explanations.lifecycle).toBe('never purchased: in the customers file, with no order.');
    expect(never.attributes).toEqual([{ name: 'plan', value: 'basic' }]);
  });

  test('value tier by revenue share: e alone brings 70.4 % of revenue', async () => {
    const spec = { ...defaultAnalysisSpec(), analysisDate: DATE };
    await analyse(spec);
    // 2000 of 80.50 + 500 + 45 + 5 + 2000 + 0 + 150 + 60 = 2840.50.
    expect((await story('e', spec)).explanations.tier).toBe(
      pct("Gold: ranked 1st of 8 buyers by spend; they alone bring 70.4 % of revenue: past Platinum's 50 %, within Gold's 80 %."),
    );
  });
});

describe('segment memberships', () => {
  test('each segment as the typed SQL has it; a broken segment and one failing on rows are reported, the others evaluated', async () => {
    const spec = { ...defaultAnalysisSpec(), analysisDate: DATE };
    await analyse(spec);
    for (const id of [...BUYERS, 'nb']) {
      const s = await story(id, spec);
      for (const [segment, sql] of Object.entries(TYPED)) {
        const [row] = await engine.rows(`SELECT count(*) AS n FROM customers WHERE customer_id = ${quoted(id)} AND (${sql})`);
        expect(s.memberships.find((m) => m.segmentId === segment)!.member, `${id} in ${segment}`).toBe(Number(row.n) === 1);
      }
      const broken = s.memberships.find((m) => m.segmentId === 'broken')!;
      expect([broken.member, broken.error]).toEqual([null, 'Needs column `nope` — map one in Data.']);
    }
    const zeros = await story('00123', spec);
    const failing = zeros.memberships.find((m) => m.segmentId === 'cast')!;
    expect(failing.member).toBeNull();
    expect(failing.error).toMatch(/Could not convert|Conversion/i);
  });

  test('why, rule by rule', async () => {
    const spec = { ...defaultAnalysisSpec(), analysisDate: DATE };
    const obrien: CustomerStory = await story("o'brien", spec);
    const big = obrien.memberships.find((m) => m.segmentId === 'big')!;
    // The order condition reads every line: o5's second line is on the web.
    const [{ monetary }] = await engine.rows(`SELECT CAST(monetary AS VARCHAR) AS monetary FROM customers WHERE customer_id = 'o''brien'`);
    expect(Number(monetary)).toBe(45);
    expect(big.checks).toEqual([
      { text: 'monetary ≥ 100', holds: false, column: 'monetary', value: monetary },
      { text: 'has at least 1 order where channel equals "web"', holds: true },
    ]);
    expect(big.why).toBe('"monetary ≥ 100" does not hold.');
    const either = obrien.memberships.find((m) => m.segmentId === 'either')!;
    expect(either.why).toBe('"lifecycle_stage equals "cooling"" holds.');
    const pro = (await story('h', spec)).memberships.find((m) => m.segmentId === 'pro')!;
    expect([pro.member, pro.why]).toEqual([true, 'its SQL condition is true for this customer.']);
  });
});

describe('orders', () => {
  test('newest first, paged, with every line attribute of an order', async () => {
    const zeros = await readCustomerOrders(db, '00123', schema, { offset: 0, limit: 2 });
    expect(zeros.total).toBe(3);
    expect(zeros.columns).toEqual(['order_id', 'order_date', 'amount', 'line_count', 'channel']);
    // Amounts as the engine's exact text (the page shows them as money).
    const amount = async (order: string) =>
      String((await engine.rows(`SELECT CAST(amount AS VARCHAR) AS a FROM orders WHERE order_id = '${order}'`))[0].a);
    expect(zeros.rows).toEqual([
      ['o1', '2024-06-20', await amount('o1'), 1, 'web'],
      ['o2', '2024-06-01 10:30:00', await amount('o2'), 1, 'store'],
    ]);
    expect([await amount('o1'), await amount('o2')].map(Number)).toEqual([50, 20.5]);
    const next = await readCustomerOrders(db, '00123', schema, { offset: 2, limit: 2 });
    expect(next.rows.map((r) => r[0])).toEqual(['o3']);
    const direct = await engine.rows("SELECT order_id FROM orders WHERE customer_id = '00123' ORDER BY order_date DESC");
    expect([...zeros.rows, ...next.rows].map((r) => r[0])).toEqual(direct.map((r) => r.order_id));
    const obrien = await readCustomerOrders(db, "o'brien", schema, { offset: 0, limit: 20 });
    expect(obrien.rows).toEqual([['o5', '2024-03-01', await amount('o5'), 2, 'store, web']]);
    expect(Number(await amount('o5'))).toBe(45);
    // An order with many values on its lines lists the first few and counts the rest.
    const g = await readCustomerOrders(db, 'g', schema, { offset: 0, limit: 20 });
    expect(g.rows[0]).toEqual(['o11', '2024-04-20', await amount('o11'), 8, 'a1, b1, c1, d1, e1 and 2 more']);
  });
});

test('the export preview is the first rows of the export file, as its CSV writes them', async () => {
  const file = Papa.parse<string[]>(customersCsv(await engine.rows(exportCustomersSql())), { skipEmptyLines: true }).data;
  const rows = await engine.rows(exportPreviewSql(3));
  const preview = exportPreview(rows, Object.keys(rows[0]));
  expect([preview.columns, ...preview.rows]).toEqual(file.slice(0, 4));
  expect(preview.ids).toEqual(['00123', '123', 'e']);
});
