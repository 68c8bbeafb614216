import { beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { AnalysisSpec } from '../../src/lib/spec/analysis.ts';
import { defaultImportSpec, defaultParseOptions, standardCleaning, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
let counter = 0;
beforeAll(async () => {
  db = await openEngine();
});

const roles: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

/** Loads one small orders CSV through the real import. */
async function load(lines: string[], netReturns = false): Promise<void> {
  const csv = ['id,order,date,amount', ...lines].join('\n');
  const name = `overview-${++counter}.csv`;
  db.register(`uploads/${name}`, new TextEncoder().encode(csv));
  const file: FileImport = {
    name,
    kind: 'transactions',
    parse: defaultParseOptions(),
    columns: ['id', 'order', 'date', 'amount'].map((h) => ({ name: h, role: roles[h] })),
  };
  const spec = defaultImportSpec([file]);
  await runImport(db, { ...spec, cleaning: { ...standardCleaning(), netReturns } }, [csvRegistration(file, csv)]);
}

const analysis = (changes: Partial<AnalysisSpec> = {}): AnalysisSpec => ({ ...defaultAnalysisSpec(), ...changes });

/**
 * Seven buyers around the analysis date 2024-07-01 (lifecycle 30 / 90 / 180 days), whose 12-month
 * window is 2023-07-01 … 2024-06-30.
 */
const ORDERS = [
  // a: repeat, two orders on one day (a gap of 0), gaps 10, 0, 50.
  'a,1,2024-04-01,10',
  'a,2,2024-04-11 09:00,20',
  'a,3,2024-04-11 17:00,5',
  'a,4,2024-05-31,7.5',
  // b: one order, the day before the analysis date: new, no gap.
  'b,5,2024-06-30 23:59,100',
  // c: lapsed (367 days), every order before the window.
  'c,6,2023-05-01,40',
  'c,7,2023-06-30,60',
  // d: cooling (108 days); its first order on the window's first day counts.
  'd,8,2023-07-01 00:00,30',
  'd,9,2024-03-15,12.25',
  // e: lapsed (213 days); one order the evening before the window opens, one inside it.
  'e,10,2023-06-30 23:59,1000',
  'e,11,2023-12-01,8',
  // f: an order on the analysis date and one after it (the date set before the last order): in no window.
  'f,12,2024-07-01,15',
  'f,13,2024-07-15,25',
  // g: repeat, one day apart.
  'g,14,2024-05-01,3',
  'g,15,2024-05-02,4',
];

describe('the overview figures, on hand-made orders', () => {
  test('orders, repeat buyers and the median gap pooled over every pair of consecutive orders', async () => {
    await load(ORDERS);
    const { result } = await runAnalysis(db, analysis({ analysisDate: '2024-07-01' }), null);
    const o = result.overview;
    expect(result.buyers).toBe(7);
    expect(o.orders).toBe(15);
    expect(o.repeatCustomers).toBe(6);
    // Gaps 0, 1, 10, 14, 50, 60, 154, 258: an even number, so the mean of 14 and 50.
    expect(o.gaps).toBe(8);
    expect(o.medianDaysBetweenOrders).toBe(32);
  });

  test('revenue at risk: the window ends the day before the analysis date, both bounds inclusive, cooling and lapsed only', async () => {
    await load(ORDERS);
    const { result } = await runAnalysis(db, analysis({ analysisDate: '2024-07-01' }), null);
    expect(result.lifecycle.filter((g) => g.customers > 0).map((g) => [g.name, g.customers])).toEqual([
      ['new', 2],
      ['repeat', 2],
      ['cooling', 1],
      ['lapsed', 2],
    ]);
    expect(result.overview.atRisk).toEqual({
      firstDay: '2023-07-01',
      lastDay: '2024-06-30',
      // d: 30 + 12.25; e: 8 (its 1,000 was the evening before the window); c: nothing in the window.
      revenueText: '50.25',
      revenue: 50.25,
      customers: 2,
      // a 42.5, b 100, d 42.25, e 8, g 7; f's orders on and after the analysis date are out.
      windowRevenueText: '199.75',
      windowRevenue: 199.75,
    });
  });

  test('by month: every month from the first order to the last, empty ones at zero, adding up to the revenue', async () => {
    await load(ORDERS);
    const { result } = await runAnalysis(db, analysis({ analysisDate: '2024-07-01' }), null);
    const months = result.overview.months;
    expect(months.map((m) => m.month)).toEqual([
      ...['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'],
      ...['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07'],
    ]);
    const byMonth = Object.fromEntries(months.map((m) => [m.month, [m.revenueText, m.customers]]));
    expect(byMonth).toMatchObject({
      '2023-05': ['40', 1],
      '2023-06': ['1060', 2],
      '2023-08': ['0', 0],
      '2024-01': ['0', 0],
      '2024-03': ['12.25', 1],
      '2024-04': ['35', 1],
      '2024-05': ['14.5', 2],
      '2024-07': ['40', 1],
    });
    expect(months.reduce((sum, m) => sum + m.revenue, 0)).toBe(Number(result.revenue));
    expect(result.revenue).toBe('1339.75');
  });

  test('a later change of lifecycle thresholds or analysis date moves revenue at risk; the rest is kept', async () => {
    await load(ORDERS);
    const first = await runAnalysis(db, analysis({ analysisDate: '2024-07-01' }), null);
    // Only the lifecycle changes: cooling after 10 days, so a (31 days) and g (60) join d and e.
    const stricter = await runAnalysis(
      db,
      analysis({ analysisDate: '2024-07-01', lifecycle: { newDays: 5, coolingDays: 10, lapsedDays: 180 } }),
      first.keys,
    );
    expect(stricter.result.overview.atRisk).toMatchObject({ revenueText: '99.75', customers: 4, windowRevenueText: '199.75' });
    // Only the date changes: as of 2024-01-01, c is lapsed (185 days) and alone at risk; d and e
    // ordered within 90 days, a and f after it.
    const earlier = await runAnalysis(db, analysis({ analysisDate: '2024-01-01' }), stricter.keys);
    expect(earlier.result.overview.atRisk).toMatchObject({
      firstDay: '2023-01-01',
      lastDay: '2023-12-31',
      revenueText: '100',
      customers: 1,
      windowRevenueText: '1138',
    });
    expect(earlier.result.overview.medianDaysBetweenOrders).toBe(32);
    expect(earlier.result.overview.months).toEqual(first.result.overview.months);
  });

  test('a leap day: 12 months before 2025-02-28 is 2024-02-28', async () => {
    await load(['a,1,2024-02-28,1', 'a,2,2024-02-27,2', 'b,3,2024-02-29,4', 'a,4,2024-09-01,8']);
    const { result } = await runAnalysis(db, analysis({ analysisDate: '2025-02-28' }), null);
    // a is cooling (180 days): its 2024-02-28 and 2024-09-01 orders are in, 2024-02-27 is not; b is lapsed.
    expect(result.overview.atRisk).toMatchObject({ firstDay: '2024-02-28', lastDay: '2025-02-27', revenueText: '13', customers: 2 });
  });

  test('gaps are between consecutive dates, whatever order the file lists the orders in', async () => {
    // Listed as 03-01, 01-01, 02-01: gaps 31 and 29 (in file order they would be -60 and 31).
    await load(['x,1,2024-03-01,5', 'x,2,2024-01-01,5', 'x,3,2024-02-01,5', 'y,4,2024-01-10,5', 'y,5,2024-01-10,5']);
    const { result } = await runAnalysis(db, analysis({ analysisDate: '2024-07-01' }), null);
    expect(result.overview).toMatchObject({ orders: 5, repeatCustomers: 2, gaps: 3, medianDaysBetweenOrders: 29 });
  });

  test('nobody ordered twice: no gap, no median, no repeat buyer', async () => {
    await load(['a,1,2024-01-01,1', 'b,2,2024-02-01,2']);
    const { result } = await runAnalysis(db, analysis(), null);
    expect(result.analysisDate).toBe('2024-02-02');
    expect(result.overview).toMatchObject({ orders: 2, repeatCustomers: 0, gaps: 0, medianDaysBetweenOrders: null });
    expect(result.overview.atRisk).toMatchObject({ firstDay: '2023-02-02', lastDay: '2024-02-01', revenueText: '0', customers: 0 });
  });
});

describe('returns netted', () => {
  const NETTED = [
    'x,1,2024-01-01,100',
    'x,C1,2024-01-05,-30',
    'x,2,2024-02-01,50',
    // y only returned: no buyer, so neither in the revenue nor in its months.
    'y,C2,2024-01-10,-20',
    'z,3,2024-01-20,10',
  ];

  test('a return is no order: not counted, no gap, no active customer; its amount still subtracts', async () => {
    await load(NETTED, true);
    const { result } = await runAnalysis(db, analysis({ analysisDate: '2024-03-01' }), null);
    expect(result.overview).toMatchObject({ orders: 3, repeatCustomers: 1, gaps: 1, medianDaysBetweenOrders: 31 });
    expect(result.overview.months.map((m) => [m.month, m.revenueText, m.customers])).toEqual([
      ['2024-01', '80', 2],
      ['2024-02', '50', 1],
    ]);
    expect(result.revenue).toBe('130');
    expect(result.overview.atRisk).toMatchObject({ windowRevenueText: '130' });
  });
});
