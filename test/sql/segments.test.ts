import { beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import {
  analyseSegments,
  countSegment,
  memberPage,
  profileSegment,
  readSegmentSchema,
  summarizeColumn,
} from '../../src/lib/segments/run-segments.ts';
import { segmentExportCsv } from '../../src/lib/segments/segment-export.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { condition, type Condition, type Rule, type RuleGroup, type SegmentDefinition } from '../../src/lib/spec/segments.ts';
import { segmentMembersSql, segmentPredicate } from '../../src/lib/sql/segment-sql.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { userSqlRunner, type PreparingRunner } from '../../src/lib/import/sql-runner.ts';
import { AUTOMATIC_SQL_LIMIT_MS } from '../../src/lib/stop-reason.ts';
import { stoppedError } from '../../workers/cancellable.ts';
import Papa from 'papaparse';

const parseCsv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

// Column names chosen to break naive quoting: spaces, a keyword, unicode and a double quote.
const ORDERS = [
  'id,order,date,amount,product category,select',
  'a,1,2024-06-01,100,Books,x',
  'a,2,2024-06-20,50,Toys,y',
  'b,3,2024-01-10,500,Books,x',
  'c,4,2024-06-25,10,Garden,x',
  'd,5,2023-12-01,20,Toys,y',
  'd,6,2024-03-01,30,Toys,y',
  'd,7,2024-05-01,40,Toys,x',
].join('\n');
const CUSTOMERS = [
  'id,country,age,signup date,"naïve ""note""",plan',
  "a,FR,34,2023-01-05,it's,basic",
  'b,DE,51,2022-07-01,100%_off\\,plus',
  'c,FR,,2024-06-01,x,basic',
  'd,,29,2023-03-03,,pro',
  'e,US,40,2024-01-01,,pro',
].join('\n');
const NOTE = 'naïve "note"';

let db: TestEngine;
let schema: SegmentSchema;
const ORDER_ROLES: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

beforeAll(async () => {
  db = await openEngine();
  const files: FileImport[] = [
    { name: 'seg-orders.csv', kind: 'transactions', csv: ORDERS },
    { name: 'seg-customers.csv', kind: 'customers', csv: CUSTOMERS },
  ].map(({ name, kind, csv }) => {
    db.register(`uploads/${name}`, new TextEncoder().encode(csv));
    const header = csv
      .split('\n')[0]
      .match(/("([^"]|"")*"|[^,]+)/g)!
      .map((h) => (h.startsWith('"') ? h.slice(1, -1).replaceAll('""', '"') : h));
    return {
      name,
      kind: kind as FileImport['kind'],
      parse: defaultParseOptions(),
      columns: header.map((h) => ({
        name: h,
        role: h === 'id' ? 'customer_id' : kind === 'customers' ? 'attribute' : (ORDER_ROLES[h] ?? 'attribute'),
      })),
    };
  });
  const texts: Record<string, string> = { 'seg-orders.csv': ORDERS, 'seg-customers.csv': CUSTOMERS };
  await runImport(
    db,
    defaultImportSpec(files),
    files.map((f) => csvRegistration(f, texts[f.name])),
  );
  await runAnalysis(db, { ...defaultAnalysisSpec(), analysisDate: '2024-07-01' }, null);
  schema = await readSegmentSchema(userSqlRunner(db), '2024-07-01');
});

const group = (...items: Rule[]): RuleGroup => ({ type: 'group', combine: 'and', rules: items });
const rules = (...items: Rule[]): SegmentDefinition => ({ kind: 'rules', root: group(...items) });
const any = (...items: Rule[]): Rule => ({ type: 'group', combine: 'or', rules: items });

async function members(definition: SegmentDefinition): Promise<string[]> {
  const rows = await db.rows(`${segmentMembersSql(segmentPredicate(definition, schema))} ORDER BY 1`);
  return rows.map((r) => String(r.customer_id));
}

describe('the schema rules see', () => {
  test('metrics, scores and labels by type; text attributes holding numbers or dates compare as such', () => {
    const kind = (name: string) => schema.customers.find((c) => c.name === name)?.kind;
    expect([kind('customer_id'), kind('monetary'), kind('last_purchase'), kind('rfm_segment'), kind('r_score')]).toEqual([
      'text',
      'number',
      'date',
      'text',
      'number',
    ]);
    expect([kind('age'), kind('signup date'), kind('country'), kind(NOTE)]).toEqual(['number', 'date', 'text', 'text']);
    expect(schema.orders.map((c) => c.name)).toEqual(
      expect.arrayContaining(['customer_id', 'order_date', 'amount', 'product category', 'select']),
    );
  });
});

describe('every operator, on every kind of column, run for real', () => {
  const cases: [string, Condition, string[]][] = [
    ['text equals', condition('country', 'eq', 'FR'), ['a', 'c']],
    ['text does not equal keeps the empty', condition('country', 'neq', 'FR'), ['b', 'd', 'e']],
    ['text is one of', condition('country', 'in', '', '', ['FR', 'DE']), ['a', 'b', 'c']],
    ['text is none of keeps the empty', condition('country', 'not_in', '', '', ['FR']), ['b', 'd', 'e']],
    ['contains ignores case', condition('country', 'contains', 'r'), ['a', 'c']],
    ['starts with ignores case', condition('country', 'starts_with', 'd'), ['b']],
    ['text is empty', condition('country', 'empty'), ['d']],
    ['text is not empty', condition('country', 'not_empty'), ['a', 'b', 'c', 'e']],
    ['a quote in the value', condition(NOTE, 'eq', "it's"), ['a']],
    ['% is not a wildcard', condition(NOTE, 'contains', '%'), ['b']],
    ['_ is not a wildcard', condition(NOTE, 'contains', '_'), ['b']],
    ['a backslash is itself', condition(NOTE, 'contains', '\\'), ['b']],
    ['number >', condition('monetary', 'gt', '100'), ['a', 'b']],
    ['number ≥', condition('monetary', 'gte', '150'), ['a', 'b']],
    ['number <', condition('monetary', 'lt', '50'), ['c']],
    ['number ≤', condition('monetary', 'lte', '90'), ['c', 'd']],
    ['number =', condition('monetary', 'eq', '500'), ['b']],
    ['number ≠ keeps the never-purchased', condition('monetary', 'neq', '500'), ['a', 'c', 'd', 'e']],
    ['number between, inclusive', condition('monetary', 'between', '90', '150'), ['a', 'd']],
    ['number is empty', condition('monetary', 'empty'), ['e']],
    ['a text attribute compared as a number', condition('age', 'gte', '34'), ['a', 'b', 'e']],
    ['an unreadable number counts as empty', condition('age', 'empty'), ['c']],
    ['date on a calendar day', condition('last_purchase', 'on', '2024-06-20'), ['a']],
    ['a text attribute on a calendar day', condition('signup date', 'on', '2024-06-01'), ['c']],
    ['date before', condition('last_purchase', 'before', '2024-05-01'), ['b']],
    ['date after', condition('last_purchase', 'after', '2024-06-21'), ['c']],
    ['date between, inclusive', condition('last_purchase', 'between', '2024-05-01', '2024-06-20'), ['a', 'd']],
    ['within the last 30 days of the analysis date', condition('last_purchase', 'within_last', '30'), ['a', 'c']],
    ['more than 60 days before the analysis date', condition('last_purchase', 'more_than_ago', '60'), ['b', 'd']],
    ['a text attribute compared as a date', condition('signup date', 'before', '2023-01-01'), ['b']],
    ['a label', condition('lifecycle_stage', 'eq', 'never purchased'), ['e']],
  ];
  test.each(cases)('%s', async (_, rule, expected) => {
    expect(await members(rules(rule))).toEqual(expected);
  });

  test('groups nest with AND and OR', async () => {
    const rule = rules(condition('country', 'eq', 'FR'), any(condition('monetary', 'gt', '100'), condition('age', 'lt', '30')));
    expect(await members(rule)).toEqual(['a']);
    expect(await members(rules(any(condition('country', 'empty'), group(condition('plan', 'eq', 'plus')))))).toEqual(['b', 'd']);
    expect(await members(rules())).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('"has at least N orders where …" counts orders, with odd column names and relative dates', async () => {
    const toys = (n: number) => rules({ type: 'orders', atLeast: n, where: group(condition('product category', 'eq', 'Toys')) });
    expect(await members(toys(1))).toEqual(['a', 'd']);
    expect(await members(toys(3))).toEqual(['d']);
    const recentBooks = rules({
      type: 'orders',
      atLeast: 1,
      where: group(condition('product category', 'eq', 'Books'), condition('order_date', 'within_last', '30')),
    });
    expect(await members(recentBooks)).toEqual(['a']);
    const selectY = (n: number) => rules({ type: 'orders', atLeast: n, where: group(condition('select', 'eq', 'y')) });
    expect(await members(selectY(1))).toEqual(['a', 'd']);
    expect(await members(selectY(2))).toEqual(['d']);
  });

  test('relative dates follow the analysis date, not the clock', async () => {
    const later = { ...schema, analysisDate: '2024-12-31' };
    const rows = await db.rows(segmentMembersSql(segmentPredicate(rules(condition('last_purchase', 'within_last', '30')), later)));
    expect(rows).toEqual([]);
  });
});

describe('segments in SQL', () => {
  const sql = (text: string): SegmentDefinition => ({ kind: 'sql', sql: text });

  test('a condition, a query returning ids, a trailing comment and a ";" inside a string', async () => {
    expect(await members(sql(`country = 'FR' AND monetary > 100`))).toEqual(['a']);
    expect(await members(sql('SELECT customer_id FROM orders WHERE amount >= 500;'))).toEqual(['b']);
    expect(await members(sql('monetary > 100 -- the big ones'))).toEqual(['a', 'b']);
    expect(await members(sql(`country = 'a;b'`))).toEqual([]);
    expect(await members(sql(`WITH x AS (SELECT customer_id FROM customers WHERE "signup date" > '2024-01-01') SELECT * FROM x`))).toEqual([
      'c',
    ]);
  });

  test('statements that write, configure or reach out are refused, and the data is unchanged afterwards', async () => {
    const before = await db.rows('SELECT (SELECT count(*) FROM orders) AS o, (SELECT count(*) FROM customers) AS c');
    const attempts = [
      'DROP TABLE orders',
      'SELECT 1; DROP TABLE orders',
      'monetary > 0; DELETE FROM orders',
      'true) OR (1=1); INSERT INTO orders SELECT * FROM orders; SELECT (1',
      'CREATE TABLE stolen AS SELECT * FROM customers',
      "COPY orders TO 'out.csv'",
      "ATTACH 'other.db'",
      'PRAGMA database_list',
      'SET threads = 1',
      'UPDATE orders SET amount = 0',
      'INSTALL httpfs',
      'LOAD httpfs',
      'select 1 /* ; */ ; drop table orders',
    ];
    for (const attempt of attempts) {
      const result = await countSegment(userSqlRunner(db), sql(attempt), schema);
      expect(result, attempt).toMatchObject({ ok: false, refused: true });
    }
    // Hidden in a string, a statement reaches DuckDB's query(), which runs only a single SELECT.
    expect(await countSegment(userSqlRunner(db), sql(`SELECT * FROM query('DROP TABLE orders')`), schema)).toMatchObject({ ok: false });
    expect(await db.rows('SELECT (SELECT count(*) FROM orders) AS o, (SELECT count(*) FROM customers) AS c')).toEqual(before);
  });

  test('an error from DuckDB is the segment’s result, with its message', async () => {
    const result = await countSegment(userSqlRunner(db), sql('no_such_column > 1'), schema);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/no_such_column/);
    const noId = await countSegment(userSqlRunner(db), sql('SELECT 1 AS x'), schema);
    expect(noId.ok ? '' : noId.error).toMatch(/customer_id/);
  });
});

describe('bad rule values name themselves', () => {
  test.each([
    ['an unknown column', condition('shoe_size', 'eq', '1'), /^Needs column `shoe_size` — map one in Data\.$/],
    ['a word for a number', condition('monetary', 'gt', 'lots'), /"lots" is not a number/],
    ['an impossible date', condition('last_purchase', 'before', '2024-02-30'), /not a date/],
    ['an impossible day', condition('last_purchase', 'on', '2023-02-29'), /not a date/],
    ['a reversed range', condition('monetary', 'between', '10', '5'), /must not be above/],
    ['an empty list', condition('country', 'in'), /at least one value/],
    ['an operator of another type', condition('country', 'gt', '1'), /does not apply/],
    ['days that are not whole', condition('last_purchase', 'within_last', '1.5'), /whole number of days/],
  ])('%s', async (_, rule, message) => {
    const result = await countSegment(userSqlRunner(db), rules(rule), schema);
    expect(result).toMatchObject({ ok: false, refused: false, sql: null });
    expect(result.ok ? '' : result.error).toMatch(message);
  });
});

describe('segment analysis', () => {
  test('KPIs against the base, overlap of every pair, errors reported not skipped', async () => {
    const analysis = await analyseSegments(
      userSqlRunner(db),
      [
        { id: 'fr', definition: rules(condition('country', 'eq', 'FR')) },
        { id: 'big', definition: rules(condition('monetary', 'gt', '100')) },
        { id: 'broken', definition: { kind: 'sql', sql: 'nope >' } },
        { id: 'none', definition: rules(condition('country', 'eq', 'JP')) },
      ],
      schema,
      30,
    );
    expect(analysis.base).toMatchObject({ customers: 5, revenue: 750, orders: 7 });
    const [fr, big, broken, none] = analysis.segments;
    expect(fr).toMatchObject({ ok: true, kpis: { customers: 2, revenue: 160, orders: 3, shareOfCustomers: 0.4 }, tooNarrow: false });
    if (!fr.ok || !big.ok || !none.ok) throw new Error('expected valid segments');
    expect(fr.kpis.aov).toBeCloseTo(160 / 3);
    // Base revenue per customer is 750 / 5 = 150; France's is 80.
    expect(fr.index.revenuePerCustomer).toBeCloseTo((100 * 80) / 150);
    expect(big.kpis).toMatchObject({ customers: 2, revenue: 650 });
    expect(broken).toMatchObject({ ok: false });
    expect(none).toMatchObject({ ok: true, kpis: { customers: 0 }, tooNarrow: true });
    expect(analysis.overlapIds).toEqual(['fr', 'big', 'none']);
    expect(analysis.overlap).toEqual([
      [2, 1, 0],
      [1, 2, 0],
      [0, 0, 0],
    ]);
  });

  test('a segment that fails only on some row (a bad cast) is found and reported; the rest are analysed', async () => {
    const analysis = await analyseSegments(
      userSqlRunner(db),
      [
        { id: 'fr', definition: rules(condition('country', 'eq', 'FR')) },
        { id: 'cast', definition: { kind: 'sql', sql: 'CAST(plan AS INTEGER) > 1' } },
        { id: 'column', definition: { kind: 'sql', sql: 'no_such_column > 1' } },
        // Not a condition at all: a text column. It must fail alone, not take the analysis with it.
        { id: 'text', definition: { kind: 'sql', sql: 'plan' } },
      ],
      schema,
      1,
    );
    const [fr, cast, column, text] = analysis.segments;
    expect(text).toMatchObject({ ok: false, error: expect.stringMatching(/bool/i) });
    expect(fr).toMatchObject({ ok: true, kpis: { customers: 2 } });
    expect(cast).toMatchObject({ ok: false, error: expect.stringMatching(/convert/i) });
    expect(column).toMatchObject({ ok: false, error: expect.stringContaining('no_such_column') });
    expect(analysis.overlapIds).toEqual(['fr']);
  });

  test('the overlap of many segments is each pair counted on its own', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    // Twelve memberships over the five customers, the empty and the full one among them.
    const memberships = Array.from({ length: 12 }, (_, k) => ids.filter((_, c) => (((k * 7 + 3) % 32) >> c) & 1));
    memberships[0] = [];
    memberships[11] = [...ids];
    const segments = memberships.map((m, k) => ({
      id: `m${k}`,
      definition: { kind: 'sql', sql: m.length ? `customer_id IN (${m.map((id) => `'${id}'`).join(', ')})` : 'false' } as const,
    }));
    const analysis = await analyseSegments(userSqlRunner(db), segments, schema, 1);
    expect(analysis.overlapIds).toEqual(segments.map((s) => s.id));
    expect(analysis.overlap).toEqual(memberships.map((x) => memberships.map((y) => x.filter((id) => y.includes(id)).length)));
  });

  describe('the time limit for SQL nobody asked to run', () => {
    const timeLimit = stoppedError({ kind: 'time-limit', ms: AUTOMATIC_SQL_LIMIT_MS });
    /** The test engine, with the statements `slow` picks stopped at the time limit, as the worker's limited runner stops them. */
    const limited = (slow: (sql: string) => boolean): PreparingRunner => ({
      exec: (sql) => db.exec(sql),
      rows: (sql) => db.rows(sql),
      runPrepared: async (sql, kind) => {
        if (slow(sql)) throw timeLimit;
        return db.runPrepared(sql, kind);
      },
    });
    const fr = { id: 'fr', definition: rules(condition('country', 'eq', 'FR')) };
    const big = { id: 'big', definition: rules(condition('monetary', 'gt', '100')) };

    test("holds a segment's SQL, not the app's own KPIs and overlap over the table it built", async () => {
      const slowOwnWork = limited((sql) => /FROM segment_flags/.test(sql) && !sql.startsWith('CREATE'));
      const analysis = await analyseSegments(userSqlRunner(slowOwnWork, db), [fr, big], schema, 1);
      expect(analysis.segments.map((s) => s.ok)).toEqual([true, true]);
      expect(analysis.overlap).toEqual([
        [2, 1],
        [1, 2],
      ]);
    });

    test('a segment past it is marked on its own; the others are analysed', async () => {
      const slow = { id: 'slow', definition: { kind: 'sql', sql: "customer_id <> 'slow'" } as const };
      const analysis = await analyseSegments(
        userSqlRunner(
          limited((sql) => sql.includes("'slow'")),
          db,
        ),
        [fr, slow, big],
        schema,
        1,
      );
      expect(analysis.segments[1]).toMatchObject({ ok: false, error: expect.stringMatching(/^Stopped after 10 s: .*time limit/) });
      expect(analysis.overlapIds).toEqual(['fr', 'big']);
      expect(analysis.segments[2]).toMatchObject({ ok: true, kpis: { customers: 2 } });
    });

    test('a Cancel stops the whole analysis, marking no segment', async () => {
      const cancelled = stoppedError({ kind: 'cancelled' });
      const runner: PreparingRunner = {
        ...db,
        exec: (sql) => db.exec(sql),
        rows: (sql) => db.rows(sql),
        runPrepared: async () => {
          throw cancelled;
        },
      };
      await expect(analyseSegments(userSqlRunner(runner, db), [fr, big], schema, 1)).rejects.toBe(cancelled);
    });
  });

  test('a profile compares each attribute inside the segment with the base', async () => {
    const profile = await profileSegment(userSqlRunner(db), rules(condition('plan', 'eq', 'basic')), schema);
    expect(profile).toMatchObject({ members: 2, base: 5 });
    const country = profile.attributes.find((a) => a.column === 'country');
    expect(country?.kind).toBe('categorical');
    if (country?.kind !== 'categorical') return;
    expect(country.values[0]).toMatchObject({ value: 'FR', inside: 2, base: 2, shareInside: 1, shareBase: 0.4 });
    expect(country.values[0].lift).toBeCloseTo(2.5);
    const age = profile.attributes.find((a) => a.column === 'age');
    expect(age).toMatchObject({ kind: 'numeric', meanInside: 34, meanBase: (34 + 51 + 29 + 40) / 4 });
  });

  test('value pickers get top values with counts, and ranges', async () => {
    const country = await summarizeColumn(
      userSqlRunner(db),
      'customers',
      schema.customers.find((c) => c.name === 'country')!,
      10,
    );
    expect(country.top[0]).toEqual({ value: 'FR', count: 2 });
    expect(country.distinct).toBe(4);
    const age = await summarizeColumn(
      userSqlRunner(db),
      'customers',
      schema.customers.find((c) => c.name === 'age')!,
      10,
    );
    // As the data writes them (issue 10): the DOUBLE the comparison reads would print 29.0.
    expect([age.min, age.max]).toEqual(['29', '51']);
    expect(age.deciles).toHaveLength(9);
    expect(age.deciles[4]).toBe(37); // median of 29, 34, 40, 51
  });

  test('member pages: sorted, searchable, never overlapping, ids as text', async () => {
    const page = (offset: number, search = '') =>
      memberPage(userSqlRunner(db), [], [], { offset, limit: 2, sortColumn: 'monetary', descending: true, search }, schema);
    const first = await page(0);
    const second = await page(2);
    const idAt = first.columns.indexOf('customer_id');
    expect(first.total).toBe(5);
    expect([...first.rows, ...second.rows].map((r) => r[idAt])).toEqual(['b', 'a', 'd', 'c']);
    expect((await page(0, 'PLUS')).rows.map((r) => r[idAt])).toEqual(['b']);
    const both = await memberPage(
      userSqlRunner(db),
      [rules(condition('country', 'eq', 'FR')), rules(condition('monetary', 'gt', '100'))],
      [],
      { offset: 0, limit: 10, sortColumn: 'customer_id', descending: false, search: '' },
      schema,
    );
    expect(both.rows.map((r) => r[idAt])).toEqual(['a']);
    // An overlap cell's "only in" side: in the first segment and not the second.
    const onlyFirst = await memberPage(
      userSqlRunner(db),
      [rules(condition('country', 'eq', 'FR'))],
      [rules(condition('monetary', 'gt', '100'))],
      { offset: 0, limit: 10, sortColumn: 'customer_id', descending: false, search: '' },
      schema,
    );
    const [{ ids }] = await db.rows(
      `SELECT string_agg(customer_id, ',' ORDER BY customer_id) AS ids FROM customers WHERE country = 'FR' AND NOT coalesce(monetary > 100, false)`,
    );
    expect(onlyFirst.rows.map((r) => r[idAt]).join(',')).toBe(String(ids));
    expect(onlyFirst.total).toBeGreaterThan(0);
  });
});

describe('segment export', () => {
  const named = (name: string, definition: SegmentDefinition) => ({ name, definition });

  test("one segment's members, or everyone with a true/false column per segment named after it", async () => {
    const france = named('country', rules(condition('country', 'eq', 'FR')));
    const big = named('Big "spenders"', { kind: 'sql', sql: 'monetary > 100' });
    const only = parseCsv(await segmentExportCsv(userSqlRunner(db), [france], schema, 0));
    expect(only.map((r) => r.customer_id)).toEqual(['a', 'c']);
    const all = parseCsv(await segmentExportCsv(userSqlRunner(db), [france, big], schema, null));
    expect(all.map((r) => r.customer_id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // "country" is taken by the attribute, so the segment's column gets a number.
    // Monetary: a 150, b 500, c 10, d 90, e never bought.
    expect(all.map((r) => [r['country (2)'], r['Big "spenders"']])).toEqual([
      ['true', 'true'],
      ['false', 'true'],
      ['true', 'false'],
      ['false', 'false'],
      ['false', 'false'],
    ]);
    expect(Object.keys(all[0]).slice(-3)).toEqual(['plan', 'country (2)', 'Big "spenders"']);
  });

  test('segment columns keep their place whatever their name, headers are formula-safe, and an empty export has its header', async () => {
    const text = await segmentExportCsv(
      userSqlRunner(db),
      [named('2024', rules(condition('country', 'eq', 'FR'))), named('=HYPERLINK("x")', rules(condition('country', 'eq', 'JP')))],
      schema,
      null,
    );
    const header = text.split('\r\n')[0].split(',');
    expect(header[0]).toBe('customer_id');
    expect(header.slice(-2)).toEqual(['2024', `"'=HYPERLINK(""x"")"`]);
    const empty = await segmentExportCsv(userSqlRunner(db), [named('Nobody', rules(condition('country', 'eq', 'JP')))], schema, 0);
    expect(empty.trim().split('\r\n')).toHaveLength(1);
    expect(empty).toContain('customer_id,recency_days');
    expect(empty).toContain(',plan');
  });

  test('a segment with an error is refused by name, not exported half-made', async () => {
    await expect(
      segmentExportCsv(userSqlRunner(db), [named('Bad', rules(condition('monetary', 'gt', 'lots')))], schema, null),
    ).rejects.toThrow(/Segment "Bad" cannot be exported/);
  });
});

describe('column kinds on more rows than the probe samples', () => {
  /**
   * Imports 1,500 customers whose attributes past the probe's 1,000-row sample may change kind
   * (`late` is empty until then; `account` has one signed, zero-led code), and reads the segment
   * schema, recording the statements it runs.
   */
  async function probeCustomers(): Promise<{ kind: (name: string) => string | undefined; statements: string[] }> {
    const engine = await openEngine();
    try {
      const lines = ['id,date,amount'];
      for (let i = 0; i < 1500; i++) lines.push(`c${i},2024-01-01,${i + 1}`);
      const customers = [
        'id,code,joined,late,mixed,account',
        ...Array.from(
          { length: 1500 },
          (_, i) =>
            `c${i},${i === 1400 ? 'X7' : i + 10},2023-02-0${(i % 9) + 1},${i < 1000 ? '' : i},${i % 2 ? 'a' : i},${i === 1300 ? '+0042' : i + 1}`,
        ),
      ];
      const files: FileImport[] = [
        {
          name: 'probe-orders.csv',
          kind: 'transactions',
          csv: lines.join('\n'),
          roles: { id: 'customer_id', date: 'order_date', amount: 'amount' },
        },
        { name: 'probe-customers.csv', kind: 'customers', csv: customers.join('\n'), roles: { id: 'customer_id' } },
      ].map(({ name, kind, csv, roles }) => {
        engine.register(`uploads/${name}`, new TextEncoder().encode(csv));
        return {
          name,
          kind: kind as FileImport['kind'],
          parse: defaultParseOptions(),
          columns: csv
            .split('\n')[0]
            .split(',')
            .map((h) => ({ name: h, role: (roles as Record<string, Role>)[h] ?? 'attribute' })),
        };
      });
      await runImport(
        engine,
        defaultImportSpec(files),
        files.map((f) => csvRegistration(f, f.name === 'probe-orders.csv' ? lines.join('\n') : customers.join('\n'))),
      );
      await runAnalysis(engine, defaultAnalysisSpec(), null);
      const statements: string[] = [];
      const recording: PreparingRunner = {
        exec: (sql) => engine.exec(sql),
        rows: (sql) => engine.rows(sql),
        runPrepared: (sql, kind) => {
          statements.push(sql);
          return engine.runPrepared(sql, kind);
        },
      };
      const probed = await readSegmentSchema(userSqlRunner(recording), '2024-01-02');
      return { kind: (name) => probed.customers.find((c) => c.name === name)?.kind, statements };
    } finally {
      engine.close();
    }
  }

  test('a text column whose late value is not a number, or is a code, stays text', async () => {
    const { kind } = await probeCustomers();
    expect(kind('code')).toBe('text');
    expect(kind('joined')).toBe('date');
    expect(kind('late')).toBe('number');
    expect(kind('mixed')).toBe('text');
    // Every value reads as a number, but a code with a leading zero is not one.
    expect(kind('account')).toBe('text');
  });

  test('the full scan counts only the kind its sample allows, and skips the columns the sample ruled out', async () => {
    const { statements } = await probeCustomers();
    const full = statements.filter((sql) => sql.includes('filled_0') && !/\bLIMIT\b/.test(sql));
    expect(full).toHaveLength(1);
    const castsOf = (column: string) =>
      [...full[0].matchAll(new RegExp(`TRY_CAST\\(nullif\\(trim\\("?${column}"?\\), ''\\) AS (\\w+)\\)`, 'g'))].map((m) => m[1]);
    // Sampled as numbers: a date cast in full would only fail, value by value.
    expect(castsOf('code')).toEqual(['DOUBLE']);
    expect(castsOf('joined')).toEqual(['DATE']);
    // An empty sample leaves both kinds to count.
    expect(castsOf('late')).toEqual(['DOUBLE', 'DATE']);
    expect(castsOf('mixed')).toEqual([]);
    expect(castsOf('account')).toEqual(['DOUBLE']);
  });
});
