import { beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import type { AnalysisResult } from '../../src/lib/analysis/result.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { countInto, logHistogram } from '../../src/lib/charts/log-bins.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { csvRegistration, transactionsFile } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

/**
 * One order per line: [customer, amount]. Totals chosen on and beside two-digit edges: 0.29 and 2.9
 * (which floating-point division puts just under 29), 0.3 from three orders of 0.1, 0.005, 19.99, 22 exactly, 99.995, 100,
 * 280,206.02 and a zero (the import drops negative lines, so no total is below 0).
 */
const ORDERS: [string, string][] = [
  ['tenths', '0.1'],
  ['tenths', '0.1'],
  ['tenths', '0.1'],
  ['half-cent', '0.005'],
  ['cents', '0.29'],
  ['small', '2.9'],
  ['cd', '19.99'],
  ['edge', '22'],
  ['under-100', '99.995'],
  ['hundred', '100'],
  ['whale', '280206.02'],
  ['zero', '0'],
  ['regular', '10'],
  ['regular', '10'],
  ['regular', '10'],
  ['regular', '2.5'],
];

/** The exact monetary total of each customer, as decimals added in cents and tenths of a cent. */
function totals(): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [id, amount] of ORDERS) sums.set(id, Math.round(((sums.get(id) ?? 0) + Number(amount)) * 1000) / 1000);
  return sums;
}

describe('value counts of frequency and monetary, on the wasm engine', () => {
  let db: TestEngine;
  let result: AnalysisResult;

  beforeAll(async () => {
    db = await openEngine();
    const csv = [
      'id,order,date,amount',
      ...ORDERS.map(([id, amount], i) => `${id},${i + 1},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${amount}`),
    ].join('\n');
    db.register('uploads/value-counts.csv', new TextEncoder().encode(csv));
    const file = transactionsFile('value-counts.csv', { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' });
    await runImport(db, defaultImportSpec([file]), [csvRegistration(file, csv)]);
    result = (await runAnalysis(db, defaultAnalysisSpec(), null)).result;
  }, 60_000);

  test('monetary: each total rounded down to two significant digits, exact on the edges', () => {
    const m = result.valueCounts.monetary;
    expect(Object.fromEntries(m.values.map((v, i) => [v, m.counts[i]]))).toEqual({
      0: 1,
      0.005: 1,
      0.29: 1, // 0.29 / 0.01 is 28.999999999999996 in floating point: still 0.29, not 0.28
      0.3: 1,
      2.9: 1,
      19: 1, // 19.99
      22: 1, // on an edge, stays on it
      32: 1, // 32.5
      99: 1, // 99.995 rounds down
      100: 1,
      280000: 1,
    });
  });

  test('frequency: whole order counts, exact', () => {
    const f = result.valueCounts.frequency;
    expect(f.values).toEqual([1, 3, 4]);
    expect(f.counts).toEqual([9, 1, 1]);
  });

  test('binned on any two-digit edges, the counts equal counting the exact totals', () => {
    const exact = [...totals().values()];
    for (const edges of [
      [-Infinity, 0.0047, 0.3, 22, 100, Infinity],
      [-Infinity, 0.01, 0.31, 19, 20, 99, 100, Infinity],
      logHistogram(result.valueCounts.monetary, false).edges,
    ]) {
      const expected = edges.slice(0, -1).map((a, i) => exact.filter((v) => v >= a && v < edges[i + 1]).length);
      expect(countInto(edges, result.valueCounts.monetary), JSON.stringify(edges)).toEqual(expected);
    }
  });
});
