import { describe, expect, test } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import {
  binLabels,
  binPosition,
  binScores,
  cutBoundary,
  cutLayout,
  binSentence,
  histogramChart,
  histogramTable,
  metricBars,
  type Metric,
} from '../../src/lib/charts/histogram.ts';
import type { CutLayout } from '../../src/lib/charts/plugins.ts';
import { sampleResult } from './charts-fixture.ts';

const result = sampleResult();
const { recency } = result.histograms;
// Equal-width bins as the generic bin functions take them.
const frequency = { edges: [1, 2, 3, 4, 5, 6], counts: [8, 5, 3, 4, 2] };
const monetary = { edges: [0, 250, 500, 750, 1000], counts: [12, 5, 3, 2] };

describe('histogram labels', () => {
  test('integer bins hold a … b−1; one-value bins show the value', () => {
    expect(binLabels(recency, true)).toEqual(['0–29', '30–59', '60–89', '90–119', '120–149']);
    expect(binLabels(frequency, true)).toEqual(['1', '2', '3', '4', '5']);
    expect(binLabels({ edges: [0, 1500, 3000], counts: [1, 1] }, true)).toEqual(['0–1,499', '1,500–2,999']);
  });

  test('continuous bins show both edges with the decimals the width needs', () => {
    expect(binLabels(monetary, false)).toEqual(['0–250', '250–500', '500–750', '750–1,000']);
    expect(binLabels({ edges: [0, 2.5, 5], counts: [1, 1] }, false)).toEqual(['0–2.5', '2.5–5']);
  });

  test('an empty histogram has no bars', () => {
    expect(binLabels({ edges: [], counts: [] }, true)).toEqual([]);
    expect(cutLayout({ edges: [], counts: [] }, [1, 2], 3, 'frequency')).toEqual({ lines: [], bands: [] });
  });
});

describe('cut lines', () => {
  test('the higher class starts above the cut: floor(c) + 1 for whole numbers', () => {
    expect(cutBoundary(30, true)).toBe(31);
    expect(cutBoundary(2.5, true)).toBe(3);
    expect(cutBoundary(100.5, false)).toBe(100.5);
  });

  test('positions are fractional bar indexes, clamped to the outer bar edges', () => {
    const edges = [0, 30, 60, 90];
    expect(binPosition(edges, 0)).toBe(-0.5);
    expect(binPosition(edges, 30)).toBe(0.5);
    expect(binPosition(edges, 45)).toBe(1);
    expect(binPosition(edges, 90)).toBe(2.5);
    expect(binPosition(edges, 1000)).toBe(2.5);
    expect(binPosition(edges, -5)).toBe(-0.5);
  });

  test('recency: lines just right of days 30 and 90, bands R3, R2, R1 from left to right', () => {
    const layout = cutLayout(recency, result.cuts.recency, 3, 'recency');
    const [first, second] = layout.lines.map((l) => l.at);
    expect(first).toBeCloseTo(0.5 + 1 / 30, 10);
    expect(second).toBeCloseTo(2.5 + 1 / 30, 10);
    expect(layout.bands.map((b) => [b.from, b.label])).toEqual([
      [-0.5, 'R3'],
      [first, 'R2'],
      [second, 'R1'],
    ]);
    expect(layout.bands.map((b) => b.to)).toEqual([first, second, 4.5]);
  });

  test('frequency: one-order bins put the lines on bar edges', () => {
    const layout = cutLayout(frequency, [1, 3], 3, 'frequency');
    expect(layout.lines).toEqual([{ at: 0.5 }, { at: 2.5 }]);
    expect(layout.bands.map((b) => b.label)).toEqual(['F1', 'F2', 'F3']);
  });

  test('monetary: continuous values put the line at the cut itself', () => {
    const layout = cutLayout(monetary, [100.5, 500], 3, 'monetary');
    expect(layout.lines[0].at).toBeCloseTo(-0.5 + 100.5 / 250, 10);
    expect(layout.lines[1].at).toBe(1.5);
  });

  test('tied cuts share one line and one band', () => {
    const layout = cutLayout(frequency, [1, 1, 3, 3], 5, 'frequency');
    expect(layout.lines).toEqual([{ at: 0.5 }, { at: 2.5 }]);
    expect(layout.bands.map((b) => b.label)).toEqual(['F1–2', 'F3–4', 'F5']);
  });

  test('cuts outside the range draw no line and drop empty bands', () => {
    const layout = cutLayout(recency, [10, 400], 3, 'recency');
    expect(layout.lines).toHaveLength(1);
    expect(layout.bands.map((b) => b.label)).toEqual(['R3', 'R2']);
  });

  test('the chart carries its layout in the inline plugin', () => {
    const spec = histogramChart(result, 'recency');
    const config = spec.config as ChartConfiguration<'bar'>;
    const plugin = config.plugins![0] as { id: string; layout: CutLayout };
    expect(plugin.id).toBe('cutLines');
    expect(plugin.layout).toEqual(cutLayout(recency, result.cuts.recency, 3, 'recency'));
    expect(config.data.labels).toEqual(['0–29', '30–59', '60–89', '90–119', '120–149']);
    expect(config.data.datasets[0].data).toEqual([6, 4, 2, 5, 5]);
    expect(config.options?.animation).toBe(false);
    expect(spec.summary).toContain('cut points at 30, 90 days');
  });
});

describe('scores per bin', () => {
  test('strict cuts: a value scores higher only above the cut', () => {
    expect(binScores(recency, [30, 90], 3, 'recency', false)).toEqual(['R3', 'R2–3', 'R2', 'R1–2', 'R1']);
    expect(binScores(frequency, [1, 3], 3, 'frequency', false)).toEqual(['F1', 'F2', 'F2', 'F3', 'F3']);
    expect(binScores(monetary, [100.5, 500], 3, 'monetary', false)).toEqual(['M1–2', 'M2', 'M2–3', 'M3']);
  });

  test('n-tiles: values tied on a cut can be in the class above', () => {
    expect(binScores(frequency, [1, 1], 3, 'frequency', true)).toEqual(['F1–3', 'F3', 'F3', 'F3', 'F3']);
  });

  test('table rows: bin, customers, score', () => {
    const table = histogramTable(frequency, [1, 3], 3, 'frequency', false);
    expect(table.columns).toEqual(['Orders', 'Customers', 'Score']);
    expect(table.rows).toEqual([
      ['1', 8, 'F1'],
      ['2', 5, 'F2'],
      ['3', 3, 'F2'],
      ['4', 4, 'F3'],
      ['5', 2, 'F3'],
    ]);
  });
});

describe('frequency and monetary on a log scale', () => {
  // Orders per customer falling off as 1/f², three customers at 200 orders; cut points at 1, 3 orders.
  const values = [...Array.from({ length: 40 }, (_, i) => i + 1), 200];
  const counts = [...values.slice(0, 40).map((f) => Math.round(1000 / f / f)), 3];
  const longTail = sampleResult({
    buyers: counts.reduce((a, b) => a + b, 0),
    valueCounts: {
      frequency: { values, counts },
      monetary: { values: [0, 47, 100, 150, 220, 1000, 1500, 2200, 47_000], counts: [2, 40, 80, 60, 30, 20, 10, 5, 1] },
    },
  });

  test('frequency: one bar per order count below 10, the long tail in a last "≥" bar, the scale said on the axis, note and table', () => {
    const spec = histogramChart(longTail, 'frequency');
    const config = spec.config as ChartConfiguration<'bar'>;
    const labels = config.data.labels as string[];
    expect(labels.slice(0, 10)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10–11']);
    const last = labels.at(-1)!;
    expect(last).toMatch(/^≥ \d+$/);
    expect(config.options?.scales?.x?.title).toMatchObject({ display: true, text: 'Orders (log scale)' });
    expect(spec.note).toContain('Log scale');
    expect(spec.note).toContain(`“${last}” holds the top 1\u00a0% of customers or fewer`);
    expect(spec.note).toContain('Log scale: bars ×1.2 wide (e.g. 10–11), one per value below 10.');
    expect(spec.table.columns[0]).toBe('Orders (log scale)');
    expect(spec.table.rows.at(-1)![0]).toBe(last);
    expect(spec.summary).toContain('on a log scale');
    // No bar is the whole chart any more: the tallest holds 1/f² at f = 1, about 61 %.
    const data = config.data.datasets[0].data as number[];
    expect(data.reduce((a, b) => a + b, 0)).toBe(longTail.buyers);
  });

  test('frequency: the cut points are still drawn, on the edges of one-value bars', () => {
    const spec = histogramChart(longTail, 'frequency');
    const plugin = spec.config.plugins![0] as unknown as { layout: CutLayout };
    expect(plugin.layout.lines).toEqual([{ at: 0.5 }, { at: 2.5 }]);
    expect(plugin.layout.bands.map((b) => b.label)).toEqual(['F1', 'F2', 'F3']);
  });

  test('monetary: a cut inside a bar is placed by ratio, as on a log axis; in an open bar, at its middle', () => {
    const h = { edges: [1000, 2200, 4700], counts: [1, 1], log: true };
    expect(binPosition(h.edges, 1500, true)).toBeCloseTo(-0.5 + Math.log(1.5) / Math.log(2.2), 10);
    expect(binPosition([-Infinity, 47, 68], 10, true)).toBe(0);
    expect(binPosition([47, 68, Infinity], 1e6, true)).toBe(1);
  });

  test('monetary: open bars labelled "< 47" and "≥ 22K" (in full in the table), scores over the open ends', () => {
    const spec = histogramChart(longTail, 'monetary');
    const labels = (spec.config as ChartConfiguration<'bar'>).data.labels as string[];
    expect(labels[0]).toBe('< 47');
    expect(labels.at(-1)).toMatch(/^≥ \d+(\.\d)?K$/);
    expect(spec.table.rows.at(-1)![0]).toMatch(/^≥ \d{1,3},\d{3}$/);
    expect(spec.table.rows[0]).toEqual(['< 47', 2, 'M1']);
    expect(spec.table.rows.at(-1)![2]).toBe('M3');
  });

  test('tooltips say each bar in words', () => {
    const tooltip = (metric: Metric, i: number) => {
      const config = histogramChart(longTail, metric).config as ChartConfiguration<'bar'>;
      const callbacks = config.options!.plugins!.tooltip!.callbacks as unknown as Record<string, (item: { dataIndex: number }) => string>;
      return [callbacks.label({ dataIndex: i }), callbacks.afterLabel({ dataIndex: i })];
    };
    expect(tooltip('frequency', 0)).toEqual(['1,000 customers with 1 order', 'Score F1 (3 = best)']);
    expect(tooltip('frequency', 9)).toEqual(['18 customers with 10 to 11 orders', 'Score F3 (3 = best)']);
    expect(tooltip('recency', 1)).toEqual(['4 customers last ordered 30 to 59 days ago', 'Score R2–3 (3 = best)']);
    expect(tooltip('monetary', 0)).toEqual(['2 customers with monetary value under 47', 'Score M1 (3 = best)']);
    const h = metricBars(longTail, 'frequency');
    expect(binSentence(h, h.counts.length - 1, 'frequency')).toMatch(/^\d+ customers with \d+ or more orders$/);
  });
});
