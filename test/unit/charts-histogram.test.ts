import { describe, expect, test } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import {
  binLabels,
  binPosition,
  binScores,
  cutBoundary,
  cutLayout,
  histogramChart,
  histogramTable,
} from '../../src/lib/charts/histogram.ts';
import type { CutLayout } from '../../src/lib/charts/plugins.ts';
import { sampleResult } from './charts-fixture.ts';

const result = sampleResult();
const { recency, frequency, monetary } = result.histograms;

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
