import { describe, expect, test } from 'vitest';
import type { ValueCounts } from '../../src/lib/analysis/result.ts';
import { binLabels } from '../../src/lib/charts/histogram.ts';
import { LOG_SERIES, MAX_BARS, countInto, logHistogram, seriesEdges } from '../../src/lib/charts/log-bins.ts';

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

/** Orders per customer falling off as 1/f², and three customers at 200: a long tail like Online Retail's. */
function longTailFrequency(): ValueCounts {
  const values: number[] = [];
  const counts: number[] = [];
  for (let f = 1; f <= 40; f++) {
    values.push(f);
    counts.push(Math.round(1000 / f / f));
  }
  return { values: [...values, 200], counts: [...counts, 3] };
}

describe('edges of equal ratio', () => {
  test('E6 edges have two significant digits, exact as doubles', () => {
    const edges = seriesEdges(LOG_SERIES[1], 50, 20_000, false);
    expect(edges).toEqual(expect.arrayContaining([47, 68, 100, 150, 220, 330, 470, 680, 1000, 1500, 2200, 22_000]));
    // 2.2 × 100 is 220.00000000000003 in floating point; the edge is 220 itself.
    expect(edges.includes(220)).toBe(true);
  });

  test('whole numbers: one edge per value up to 10, then the series', () => {
    const edges = seriesEdges(LOG_SERIES[1], 1, 40, true);
    expect(edges.filter((e) => e <= 100)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 22, 33, 47, 68, 100]);
  });
});

describe('log histogram of value counts', () => {
  test('a long tail: one bar per order count below 10, the top 1 % or fewer in a last "≥" bar', () => {
    const data = longTailFrequency();
    const total = sum(data.counts);
    const h = logHistogram(data, true);
    expect(h.log).toBe(true);
    expect(sum(h.counts)).toBe(total);
    expect(h.edges[0]).toBe(1);
    expect(h.edges.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(h.edges.at(-1)).toBe(Infinity);
    expect(h.counts.at(-1)!).toBeLessThanOrEqual(0.01 * total);
    // The bar before the open one would hold more than 1 % together with it: the cap is as low as it can be.
    expect(h.counts.at(-1)! + h.counts.at(-2)!).toBeGreaterThan(0.01 * total);
    const labels = binLabels(h, true);
    expect(labels.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(labels.at(-1)).toMatch(/^≥ \d+$/);
    expect(h.edges.length - 1).toBeLessThanOrEqual(MAX_BARS);
  });

  test('the three customers at 200 orders do not stretch the axis: they are in the last bar', () => {
    const h = logHistogram(longTailFrequency(), true);
    const cap = h.edges.at(-2)!;
    expect(cap).toBeLessThan(200);
    expect(h.counts.at(-1)).toBe(sum(longTailFrequency().counts.filter((_, i) => longTailFrequency().values[i] >= cap)));
  });

  test('a value on an edge starts the bar at that edge', () => {
    expect(countInto([10, 15, 22, 33], { values: [10, 14, 15, 22, 32], counts: [1, 2, 4, 8, 16] })).toEqual([3, 4, 24]);
  });

  test('money over five decades: the finest series that keeps at most 18 bars, tails open on both sides', () => {
    // Spends spread evenly over log10 from 1 to 100,000: 100 customers per 2-digit step.
    const values: number[] = [];
    for (let e = 0; e < 5; e++) for (let d = 10; d < 100; d++) values.push(Number((d * 10 ** (e - 1)).toPrecision(2)));
    // And ten customers far out on each side.
    const data = { values: [0.01, ...values, 5_000_000], counts: [10, ...values.map(() => 100), 10] };
    const h = logHistogram(data, false);
    expect(h.log && h.step).toBe(2.2);
    expect(h.edges.slice(0, 4)).toEqual([-Infinity, 1, 2.2, 4.7]);
    expect(h.edges.slice(-2)).toEqual([100_000, Infinity]);
    expect([h.counts[0], h.counts.at(-1)]).toEqual([10, 10]);
    expect(h.edges.length - 1).toBeLessThanOrEqual(MAX_BARS);
    expect(sum(h.counts)).toBe(sum(data.counts));
    for (const open of [h.counts[0], h.counts.at(-1)!]) expect(open).toBeLessThanOrEqual(0.01 * sum(data.counts));
    const labels = binLabels(h, false);
    expect(labels[0]).toMatch(/^< /);
    expect(labels.at(-1)).toMatch(/^≥ /);
    expect(binLabels(h, false, true).at(-1)).toMatch(/^≥ \d{1,3}(,\d{3})*$/);
  });

  test('a narrow spread gets finer bars (×1.2)', () => {
    const data = { values: [20, 25, 30, 39, 47], counts: [10, 20, 30, 20, 10] };
    const h = logHistogram(data, false);
    expect(h.log && h.step).toBe(1.2);
    expect(binLabels(h, false)).toEqual(['18–22', '22–27', '27–33', '33–39', '39–47', '47–56']);
    expect(h.counts).toEqual([10, 20, 30, 0, 20, 10]);
  });

  test('values ≤ 0 (refunds) go to an open first bar; when they are many, it starts at the smallest positive value', () => {
    const data = { values: [0, 47, 100, 220], counts: [30, 40, 20, 10] };
    const h = logHistogram(data, false);
    expect(h.edges[0]).toBe(-Infinity);
    expect(h.edges[1]).toBe(47);
    expect(h.counts[0]).toBe(30);
    expect(binLabels(h, false)[0]).toBe('< 47');
  });

  test('one value, no customers, nothing positive', () => {
    const one = logHistogram({ values: [5], counts: [9] }, true);
    expect(binLabels(one, true)).toEqual(['5']);
    expect(one.counts).toEqual([9]);
    expect(logHistogram({ values: [], counts: [] }, false)).toMatchObject({ edges: [], counts: [] });
    const refunds = logHistogram({ values: [0], counts: [4] }, false);
    expect(refunds.counts).toEqual([4]);
    expect(binLabels(refunds, false)).toEqual(['all']);
  });
});
