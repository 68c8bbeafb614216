import { describe, expect, test } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import { finalizeConfig } from '../../src/lib/charts/config.ts';
import { groupChart } from '../../src/lib/charts/groups.ts';
import { heatmapChart } from '../../src/lib/charts/heatmap.ts';
import { histogramChart } from '../../src/lib/charts/histogram.ts';
import { lorenzChart } from '../../src/lib/charts/lorenz.ts';
import { registerCharts } from '../../src/lib/charts/register.ts';
import { overlapChart, profileSummary, segmentSharesChart } from '../../src/lib/charts/segments.ts';
import { deriveKpis, kpiIndex } from '../../src/lib/segments/kpis.ts';
import type { ChartSpec } from '../../src/lib/charts/types.ts';
import { sampleResult } from './charts-fixture.ts';

/** A canvas whose 2D context records text and does nothing else: Chart.js uses its basic platform outside a DOM. */
function stubCanvas(width = 600, height = 300) {
  const texts: string[] = [];
  const lines: number[] = [];
  const target: Record<string, unknown> = {
    measureText: (t: string) => ({ width: String(t).length * 6 }),
    fillText: (t: string) => texts.push(String(t)),
    moveTo: (x: number) => lines.push(x),
    getLineDash: () => [],
  };
  const ctx: unknown = new Proxy(target, {
    get: (t, key: string) => (key in t ? t[key] : () => undefined),
    set: (t, key: string, value) => ((t[key] = value), true),
  });
  const canvas = { width, height, style: {}, getContext: () => ctx };
  target.canvas = canvas;
  return { canvas, texts, lines };
}

function render(spec: ChartSpec) {
  const Chart = registerCharts();
  const stub = stubCanvas();
  const chart = new Chart(stub.canvas as unknown as HTMLCanvasElement, finalizeConfig(spec.config as ChartConfiguration));
  return { chart, ...stub };
}

const result = sampleResult();

describe('charts render with Chart.js', () => {
  test('heatmap: nine cells sized from the chart area, labels in occupied cells', () => {
    const { chart, texts } = render(heatmapChart(result, 'customers'));
    const cells = chart.getDatasetMeta(0).data;
    expect(cells).toHaveLength(9);
    const { width } = cells[0].getProps(['width'], true) as { width: number };
    expect(width).toBeCloseTo(chart.chartArea.width / 3, 5);
    expect(texts).toEqual(expect.arrayContaining(['10', '4', '3']));
    chart.destroy();
  });

  test('histogram: band labels and cut lines are drawn', () => {
    const { chart, texts, lines } = render(histogramChart(result, 'frequency'));
    expect(texts).toEqual(expect.arrayContaining(['F1', 'F2', 'F3']));
    const x = chart.scales.x;
    expect(lines).toContain(x.getPixelForValue(0.5));
    expect(lines).toContain(x.getPixelForValue(2.5));
    // 0.5 on a category scale is the edge between the first two bars.
    expect(x.getPixelForValue(0.5)).toBeCloseTo((x.getPixelForValue(0) + x.getPixelForValue(1)) / 2, 5);
    chart.destroy();
  });

  test('Lorenz: the top-cut label is drawn at x = 20 %', () => {
    const { chart, texts, lines } = render(lorenzChart(result));
    expect(texts).toContain('top 20 % → 74.6 % of revenue');
    expect(lines).toContain(chart.scales.x.getPixelForValue(20));
    chart.destroy();
  });

  test('group bars: two datasets per group, horizontal for segments', () => {
    const { chart } = render(groupChart(result.segments, { title: 'Segments', dimension: 'Segment', horizontal: true }));
    expect(chart.getDatasetMeta(0).data).toHaveLength(2);
    expect(chart.getDatasetMeta(1).data).toHaveLength(2);
    expect(chart.options.animation).toBe(false);
    chart.destroy();
  });

  test('segment overlap: the first segment is the top row, names on both axes, a click names the row and column', () => {
    const picked: [number, number][] = [];
    // A (10) holds all of B (4); C (6) shares 2 with A and none with B.
    const matrix = [
      [10, 4, 2],
      [4, 4, 0],
      [2, 0, 6],
    ];
    const spec = overlapChart(['A', 'B', 'C'], matrix, (i, j) => picked.push([i, j]));
    const { chart, texts } = render(spec);
    const cells = chart.getDatasetMeta(0).data;
    const y = (k: number) => (cells[k].getProps(['y'], true) as { y: number }).y;
    // Points run row by row: row A (k = 0..2) is drawn above row C (k = 6..8).
    expect(y(0)).toBeLessThan(y(6));
    expect(texts).toEqual(expect.arrayContaining(['A', 'B', 'C', '40 %', '100 %', '20 %', '33.3 %']));
    expect(spec.table.rows[1]).toEqual(['B', '100 %', '100 %', '0 %']);
    const onClick = spec.config.options!.onClick as (e: unknown, elements: { index: number }[]) => void;
    onClick({}, [{ index: 5 }]);
    expect(picked).toEqual([[1, 2]]);
    chart.destroy();
  });
});

describe('segment charts', () => {
  const base = deriveKpis(
    { customers: 100, revenue: 1000, revenueText: '1000', orders: 200, avgRecency: 50 },
    { customers: 100, revenue: 1000, revenueText: '1000', orders: 200, avgRecency: 50 },
  );
  const kpis = deriveKpis(
    { customers: 20, revenue: 600, revenueText: '600', orders: 80, avgRecency: 25 },
    { customers: 100, revenue: 1000, revenueText: '1000', orders: 200, avgRecency: 50 },
  );

  test('sizes and revenue are shares of the whole base, since segments overlap', () => {
    const spec = segmentSharesChart([{ name: 'VIP', color: '#000000', kpis, index: kpiIndex(kpis, base) }]);
    expect(spec.config.data.datasets.map((d) => d.data)).toEqual([[20], [60]]);
  });

  test('a profile reads as "x % value in the segment vs y % overall"', () => {
    const text = profileSummary(
      {
        column: 'device',
        kind: 'categorical',
        values: [
          { value: 'desktop', inside: 38, base: 60, shareInside: 0.38, shareBase: 0.6, lift: 0.63 },
          { value: 'mobile', inside: 62, base: 40, shareInside: 0.62, shareBase: 0.4, lift: 1.55 },
        ],
        otherInside: 0,
        otherBase: 0,
      },
      'Lapsing',
    );
    expect(text).toBe('device: 62 % mobile in Lapsing vs 40 % overall (lift 1.55).');
  });
});
