import { beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis, type AnalysisKeys } from '../../src/lib/analysis/run-analysis.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { AnalysisSpec, RfmSpec } from '../../src/lib/spec/analysis.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec, defaultRangeSegments } from '../../src/lib/spec/rfm-defaults.ts';
import { exportCustomersSql } from '../../src/lib/sql/export.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
let counter = 0;
beforeAll(async () => {
  db = await openEngine();
});

const orderRoles: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

/** Loads small CSV texts (orders, and optionally a customers file) through the real import. */
async function load(orders: string, customers?: string): Promise<void> {
  const inputs = [{ csv: orders, kind: 'transactions' as const }, ...(customers ? [{ csv: customers, kind: 'customers' as const }] : [])];
  const files: FileImport[] = inputs.map((input) => {
    const name = `analysis-${++counter}.csv`;
    db.register(`uploads/${name}`, new TextEncoder().encode(input.csv));
    const header = input.csv.split('\n')[0].split(',');
    return {
      name,
      kind: input.kind,
      parse: defaultParseOptions(),
      columns: header.map((h) => ({
        name: h,
        role: h === 'id' ? 'customer_id' : input.kind === 'customers' ? 'attribute' : (orderRoles[h] ?? 'attribute'),
      })),
    };
  });
  await runImport(
    db,
    defaultImportSpec(files),
    files.map((f, i) => csvRegistration(f, inputs[i].csv)),
  );
}

function spec(changes: Partial<AnalysisSpec> = {}, rfm: Partial<RfmSpec> = {}): AnalysisSpec {
  const base = defaultAnalysisSpec();
  return { ...base, ...changes, rfm: { ...base.rfm, ...rfm } };
}

const byId = async (sql: string) => new Map((await db.rows(sql)).map((r) => [String(r.customer_id), r]));

describe('lifecycle stages, counted back from an explicit analysis date', () => {
  test('each stage is hit, boundaries included, and never-purchased customers are listed, unscored', async () => {
    await load(
      [
        'id,order,date,amount',
        'lapsed,1,2023-12-01,10',
        'cooling,2,2024-03-01,10',
        'edge180,3,2024-01-03 23:00:00,10', // exactly 180 days: cooling, not lapsed
        'new,4,2024-06-20,10',
        'new,5,2024-06-25,10', // two orders, but new wins over repeat
        'repeat,6,2024-01-10,10',
        'repeat,7,2024-06-01,10',
        'active,8,2024-05-01,10',
        'late,9,2024-06-30 23:59:00,10', // calendar days: 1 day before
      ].join('\n'),
      'id,segment,city\nactive,b2b,Paris\nghost,b2c,Lyon\n',
    );
    const { result } = await runAnalysis(
      db,
      spec({ analysisDate: '2024-07-01', lifecycle: { newDays: 30, coolingDays: 90, lapsedDays: 180 } }),
      null,
    );
    const rows = await byId('SELECT * FROM customers');
    const stage = Object.fromEntries([...rows].map(([id, r]) => [id, r.lifecycle_stage]));
    expect(stage).toEqual({
      lapsed: 'lapsed',
      cooling: 'cooling',
      edge180: 'cooling',
      new: 'new',
      repeat: 'repeat',
      active: 'active',
      late: 'new',
      ghost: 'never purchased',
    });
    expect(Number(rows.get('edge180')!.recency_days)).toBe(180);
    expect(Number(rows.get('late')!.recency_days)).toBe(1);
    expect(result.analysisDate).toBe('2024-07-01');
    expect(result.buyers).toBe(7);
    expect(result.neverPurchased).toBe(1);
    expect(result.lifecycle.map((g) => [g.name, g.customers])).toEqual([
      ['new', 2],
      ['active', 1],
      ['repeat', 1],
      ['cooling', 2],
      ['lapsed', 1],
      ['never purchased', 1],
    ]);
    const ghost = rows.get('ghost')!;
    expect([ghost.recency_days, ghost.r_score, ghost.rfm_cell, ghost.rfm_segment, ghost.value_tier, ghost.city]).toEqual([
      null,
      null,
      null,
      null,
      null,
      'Lyon',
    ]);
    expect(rows.get('active')!.segment).toBe('b2b');
    expect(Object.keys(ghost)).toEqual([
      ...['customer_id', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'rfm_cell', 'rfm_segment'],
      ...['value_tier', 'lifecycle_stage', 'first_purchase', 'last_purchase', 'aov', 'tenure_days', 'segment', 'city'],
    ]);
  });
});

describe('ids stay text', () => {
  test('23-digit and zero-padded ids come back exactly, in the view and the export', async () => {
    await load(
      'id,order,date,amount\n12345678901234567890123,1,2024-01-01,1.5\n00042,2,2024-01-02,2\n42,3,2024-01-03,2.25\n',
      'id,note\n00042,padded\n007,never\n',
    );
    await runAnalysis(db, spec(), null);
    const ids = (await db.rows('SELECT customer_id FROM customers ORDER BY customer_id')).map((r) => r.customer_id);
    expect(ids).toEqual(['00042', '007', '12345678901234567890123', '42']);
    const exported = await db.rows(exportCustomersSql());
    expect(exported.map((r) => [r.customer_id, r.monetary, r.first_purchase, r.lifecycle_stage, r.note])).toEqual([
      ['00042', '2', '2024-01-02 00:00:00', 'new', 'padded'],
      ['007', null, null, 'never purchased', 'never'],
      ['12345678901234567890123', '1.5', '2024-01-01 00:00:00', 'new', null],
      ['42', '2.25', '2024-01-03 00:00:00', 'new', null],
    ]);
    expect(Object.values(exported[0]).every((v) => v === null || typeof v === 'string')).toBe(true);
  });

  test('ties are broken in numeric id order when every id is an integer, else in text order', async () => {
    await load('id,order,date,amount\n10,1,2024-01-01,5\n9,2,2024-01-01,5\n100,3,2024-01-01,5\n');
    await runAnalysis(db, spec({}, { bins: 3, map: { kind: 'ranges', segments: defaultRangeSegments(3) } }), null);
    const f = async () =>
      Object.fromEntries((await db.rows('SELECT customer_id, f_score FROM customers')).map((r) => [r.customer_id, r.f_score]));
    expect(await f()).toEqual({ '9': 1, '10': 2, '100': 3 });
    await load('id,order,date,amount\n10,1,2024-01-01,5\n9,2,2024-01-01,5\n100,3,2024-01-01,5\nx,4,2024-01-01,5\n');
    await runAnalysis(db, spec({}, { bins: 4, map: { kind: 'ranges', segments: defaultRangeSegments(4) } }), null);
    expect(await f()).toEqual({ '10': 1, '100': 2, '9': 3, x: 4 });
  });
});

describe('scoring and segments', () => {
  const orders = [
    'id,order,date,amount',
    'a,1,2024-06-25,600', // recency 6, 1 order, 600
    'b,2,2024-05-22,40', // recency 40
    'b,3,2024-06-21,10', // b: recency 10, 2 orders, 50
    'c,4,2024-01-01,100', // recency 182
    'c,5,2024-02-01,100',
    'c,6,2024-03-01,100',
    'c,7,2024-03-22,200', // c: recency 101, 4 orders, 500
  ].join('\n');

  test('thresholds: a value equal to a cut point stays below it', async () => {
    await load(orders);
    const thresholds = { recency: [10, 100], frequency: [1, 3], monetary: [50, 500] };
    const { result } = await runAnalysis(
      db,
      spec(
        { analysisDate: '2024-07-01' },
        { method: 'thresholds', bins: 3, thresholds, map: { kind: 'ranges', segments: defaultRangeSegments(3) } },
      ),
      null,
    );
    const scores = Object.fromEntries(
      (await db.rows('SELECT customer_id, rfm_cell FROM customers')).map((r) => [r.customer_id, r.rfm_cell]),
    );
    // a: 6 ≤ 10 → R3; 1 ≤ 1 → F1; 600 > 500 → M3. b: 10 → R3, 2 → F2, 50 → M1. c: 101 → R1, 4 → F3, 500 → M2.
    expect(scores).toEqual({ a: '313', b: '321', c: '132' });
    expect(result.cuts).toEqual(thresholds);
    expect(result.classSizes).toEqual({ r: [1, 0, 2], f: [1, 1, 1], m: [1, 1, 1] });
  });

  test('range maps: the first matching range wins, the rest fall in Other', async () => {
    await load(orders);
    const ranges: RfmSpec['map'] = {
      kind: 'ranges',
      segments: [
        { name: 'Recent', r: [3, 3], f: [1, 3], m: [1, 3], action: 'x' },
        { name: 'Recent big', r: [3, 3], f: [1, 3], m: [3, 3], action: 'never reached' },
        { name: 'Frequent', r: [1, 2], f: [3, 3], m: [1, 1], action: 'y' },
      ],
    };
    const thresholds = { recency: [10, 100], frequency: [1, 3], monetary: [50, 500] };
    const { result } = await runAnalysis(
      db,
      spec({ analysisDate: '2024-07-01' }, { method: 'thresholds', bins: 3, thresholds, map: ranges }),
      null,
    );
    expect(result.segments.map((s) => [s.name, s.customers, s.revenue])).toEqual([
      ['Recent', 2, 650],
      ['Recent big', 0, 0],
      ['Frequent', 0, 0],
      ['Other', 1, 500],
    ]);
    expect(result.uncoveredCells).toEqual([]);
  });

  test('cell maps: a cell claimed twice goes to the first claimant; unclaimed cells land in Other', async () => {
    await load(orders);
    const cells: RfmSpec['map'] = {
      kind: 'cells',
      segments: [
        { name: 'First', cells: ['313'], action: '' },
        { name: 'Second', cells: ['313', '321'], action: '' },
      ],
    };
    const thresholds = { recency: [10, 100], frequency: [1, 3], monetary: [50, 500] };
    const { result } = await runAnalysis(
      db,
      spec({ analysisDate: '2024-07-01' }, { method: 'thresholds', bins: 3, thresholds, map: cells }),
      null,
    );
    expect(result.segments.map((s) => [s.name, s.customers])).toEqual([
      ['First', 1],
      ['Second', 1],
      ['Other', 1],
    ]);
    expect(result.doubleClaimedCells).toEqual(['313']);
    expect(result.uncoveredCells).toHaveLength(27 - 2);
    expect(result.cells).toEqual([
      { cell: '321', customers: 1, avgMonetary: 50 },
      { cell: '313', customers: 1, avgMonetary: 600 },
      { cell: '132', customers: 1, avgMonetary: 500 },
    ]);
  });
});

describe('value tiers', () => {
  const orders = 'id,order,date,amount\nA,1,2024-01-01,50\nB,2,2024-01-01,30\nC,3,2024-01-01,15\nD,4,2024-01-01,5\n';
  const tiersOf = async () =>
    Object.fromEntries((await db.rows('SELECT customer_id, value_tier FROM customers')).map((r) => [r.customer_id, r.value_tier]));

  test('revenue share: cumulative share up to and including the customer', async () => {
    await load(orders);
    const { result } = await runAnalysis(db, spec({ tiers: { ...defaultAnalysisSpec().tiers, topPercent: 50 } }), null);
    // Cumulative shares 50, 80, 95, 100 % meet the bounds 50, 80, 95, 100 exactly.
    expect(await tiersOf()).toEqual({ A: 'Platinum', B: 'Gold', C: 'Silver', D: 'Bronze' });
    expect(result.top).toEqual({ percent: 50, customers: 2, revenue: 80, revenueShare: 0.8 });
    expect(result.tiers.map((t) => t.customers)).toEqual([1, 1, 1, 1]);
    expect(result.lorenz).toEqual([
      [0, 0],
      [0.25, 0.5],
      [0.5, 0.8],
      [0.75, 0.95],
      [1, 1],
    ]);
  });

  test('percentile: rank / buyers × 100', async () => {
    await load(orders);
    await runAnalysis(db, spec({ tiers: { ...defaultAnalysisSpec().tiers, scheme: 'percentile' } }), null);
    expect(await tiersOf()).toEqual({ A: 'Platinum', B: 'Platinum', C: 'Gold', D: 'Bronze' });
  });
});

describe('recompute only what changed', () => {
  /** Wraps the engine and records the tables and views each statement creates. */
  function recording(inner: SqlRunner) {
    const created: string[] = [];
    const runner: SqlRunner = {
      exec: (sql) => {
        created.push(/CREATE OR REPLACE (?:TABLE|VIEW) (\w+)/.exec(sql)?.[1] ?? sql);
        return inner.exec(sql);
      },
      rows: (sql) => inner.rows(sql),
    };
    return { runner, created };
  }

  test('each change reruns its stage and those below it', async () => {
    await load('id,order,date,amount\nA,1,2024-01-01,50\nB,2,2024-02-01,30\nB,3,2024-03-01,15\n');
    const { runner, created } = recording(db);
    const step = async (s: AnalysisSpec, previous: AnalysisKeys | null) => {
      created.length = 0;
      const run = await runAnalysis(runner, s, previous);
      return { keys: run.keys, created: [...created] };
    };
    const base = spec();
    const first = await step(base, null);
    expect(first.created).toEqual([
      'customer_metrics',
      'customer_scores',
      'customer_segments',
      'customer_tiers',
      'customer_lifecycle',
      'customers',
    ]);

    expect((await step(base, first.keys)).created).toEqual([]);

    const map = spec({}, { map: { kind: 'cells', segments: [{ name: 'Only', cells: ['555'], action: '' }] } });
    expect((await step(map, first.keys)).created).toEqual(['customer_segments', 'customers']);

    const method = spec({}, { method: 'breakpoints' });
    expect((await step(method, first.keys)).created).toEqual(['customer_scores', 'customer_segments', 'customers']);

    const tiers = spec({ tiers: { ...base.tiers, scheme: 'percentile' } });
    expect((await step(tiers, first.keys)).created).toEqual(['customer_tiers', 'customers']);
    const top = spec({ tiers: { ...base.tiers, topPercent: 50 } });
    const topRun = await step(top, first.keys);
    expect(topRun.created).toEqual([]);

    const lifecycle = spec({ lifecycle: { ...base.lifecycle, newDays: 7 } });
    expect((await step(lifecycle, first.keys)).created).toEqual(['customer_lifecycle', 'customers']);

    const date = spec({ analysisDate: '2024-12-31' });
    expect((await step(date, first.keys)).created).toEqual(first.created);
    // The default date spelled out is the same input: nothing reruns.
    expect((await step(spec({ analysisDate: '2024-03-02' }), first.keys)).created).toEqual([]);
  });

  test('an edit after the first run reads no orders: the default date and attributes are kept', async () => {
    await load('id,order,date,amount\nA,1,2024-01-01,50\nB,2,2024-02-01,30\n');
    const queries: string[] = [];
    const runner: SqlRunner = {
      exec: (sql) => (queries.push(sql), db.exec(sql)),
      rows: (sql) => (queries.push(sql), db.rows(sql)),
    };
    const first = await runAnalysis(runner, spec(), null);
    expect(queries.some((q) => /\bFROM orders\b/.test(q))).toBe(true);
    queries.length = 0;
    const map = spec({}, { map: { kind: 'cells', segments: [{ name: 'Only', cells: ['555'], action: '' }] } });
    const edited = await runAnalysis(runner, map, first.keys);
    expect(queries.filter((q) => /\bFROM orders\b/.test(q))).toEqual([]);
    expect(edited.result.analysisDate).toBe(first.result.analysisDate);
  });

  test('a bad spec fails before any table changes', async () => {
    const { runner, created } = recording(db);
    const bad = spec({}, { method: 'thresholds', thresholds: null });
    await expect(runAnalysis(runner, bad, null)).rejects.toThrow('invalid thresholds');
    await expect(runAnalysis(runner, spec({ analysisDate: '2024-02-30' }), null)).rejects.toThrow('invalid analysis date: 2024-02-30');
    await expect(runAnalysis(runner, spec({ tiers: { ...defaultAnalysisSpec().tiers, topPercent: -1 } }), null)).rejects.toThrow(
      'invalid top percent: -1',
    );
    expect(created).toEqual([]);
  });
});

describe('rank n-tiles come from positions fixed at import', () => {
  // Scores are computed from customer_base's positions, not NTILE itself: compare with NTILE over
  // every small size (fewer buyers than bins included), with heavy ties in every dimension.
  test.each([1, 2, 3, 4, 5, 6, 7, 11, 13, 24, 37])(
    '%i buyers: equal to NTILE for 3, 4 and 5 bins, total and average spend',
    async (buyers) => {
      const lines = ['id,order,date,amount'];
      for (let c = 0; c < buyers; c++) {
        for (let o = 0; o <= c % 3; o++) lines.push(`${(c * 7) % 40},${c}-${o},2024-0${1 + (c % 4)}-0${1 + o},${(c % 5) * 10 + o}`);
      }
      await load(lines.join('\n') + '\n');
      for (const bins of [3, 4, 5] as const) {
        for (const monetary of ['total', 'average'] as const) {
          await runAnalysis(db, spec({}, { bins, monetary, map: { kind: 'ranges', segments: defaultRangeSegments(bins) } }), null);
          const m = monetary === 'average' ? 'aov' : 'monetary';
          const mismatches = await db.rows(`SELECT s.customer_id FROM customer_scores s JOIN (
          SELECT customer_id,
            ${bins + 1} - NTILE(${bins}) OVER (ORDER BY recency_days, id_rank) AS r,
            NTILE(${bins}) OVER (ORDER BY frequency, id_rank) AS f,
            NTILE(${bins}) OVER (ORDER BY ${m}, id_rank) AS m
          FROM customer_metrics) n USING (customer_id)
        WHERE (s.r_score, s.f_score, s.m_score) IS DISTINCT FROM (n.r, n.f, n.m)`);
          expect(mismatches, `${bins} bins, ${monetary}`).toEqual([]);
          expect(Number((await db.rows('SELECT count(*) AS n FROM customer_scores'))[0].n)).toBe(
            new Set(lines.slice(1).map((l) => l.split(',')[0])).size,
          );
        }
      }
    },
  );
});
