import { describe, expect, test } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import {
  aggregateRf,
  heatmapChart,
  heatmapLegend,
  heatmapTable,
  heatmapTooltip,
  scoreAxisTitle,
  type RfPoint,
} from '../../src/lib/charts/heatmap.ts';
import { EMPTY_CELL_COLOR, heatColor } from '../../src/lib/charts/colors.ts';
import { sampleResult } from './charts-fixture.ts';

const result = sampleResult();

describe('R×F heatmap', () => {
  test('sums customers over M and weights the average monetary by customers', () => {
    const grid = aggregateRf(result.cells, 3);
    expect(grid).toHaveLength(9);
    // R from best to worst, F from 1 up.
    expect(grid.map((c) => `${c.r}${c.f}`)).toEqual(['31', '32', '33', '21', '22', '23', '11', '12', '13']);
    expect(grid.find((c) => c.r === 3 && c.f === 3)).toEqual({ r: 3, f: 3, customers: 3, avgMonetary: 200 });
    expect(grid.find((c) => c.r === 1 && c.f === 2)).toEqual({ r: 1, f: 2, customers: 10, avgMonetary: 40 });
    expect(grid.find((c) => c.r === 2 && c.f === 2)).toEqual({ r: 2, f: 2, customers: 0, avgMonetary: null });
    expect(grid.reduce((n, c) => n + c.customers, 0)).toBe(22);
  });

  test('ignores malformed and out-of-range cells', () => {
    const grid = aggregateRf(
      [
        { cell: '41', customers: 3, avgMonetary: 1 },
        { cell: '411', customers: 3, avgMonetary: 1 },
        { cell: '111', customers: 1, avgMonetary: 5 },
      ],
      3,
    );
    expect(grid.reduce((n, c) => n + c.customers, 0)).toBe(1);
  });

  test('table: R, F (scores, best said), customers, avg monetary for every square', () => {
    const table = heatmapTable(aggregateRf(result.cells, 3), 3);
    expect(table.columns).toEqual(['R score (3 = best)', 'F score (3 = best)', 'Customers', 'Avg monetary']);
    expect(table.rows.slice(0, 3)).toEqual([
      [3, 1, 4, '10.00'],
      [3, 2, 0, '–'],
      [3, 3, 3, '200.00'],
    ]);
  });

  test('matrix config: x = F, y = R, value and colour per mode', () => {
    const byCustomers = heatmapChart(result, 'customers');
    const config = byCustomers.config as ChartConfiguration<'matrix'>;
    expect(config.type).toBe('matrix');
    expect(config.options?.animation).toBe(false);
    expect(config.options?.maintainAspectRatio).toBe(false);
    const data = config.data.datasets[0].data as RfPoint[];
    const r1f2 = data.find((p) => p.y === 1 && p.x === 2)!;
    expect(r1f2.v).toBe(10);
    const colors = config.data.datasets[0].backgroundColor as string[];
    expect(colors[data.indexOf(r1f2)]).toBe(heatColor(1));
    expect(colors[data.findIndex((p) => p.customers === 0)]).toBe(EMPTY_CELL_COLOR);
    expect(byCustomers.summary).toContain('R 1, F 2 with 10 customers');

    const byAverage = heatmapChart(result, 'avgMonetary').config as ChartConfiguration<'matrix'>;
    const points = byAverage.data.datasets[0].data as RfPoint[];
    expect(points.find((p) => p.y === 3 && p.x === 3)!.v).toBe(200);
    expect((byAverage.data.datasets[0].backgroundColor as string[])[points.findIndex((p) => p.y === 3 && p.x === 3)]).toBe(heatColor(1));
  });

  test('tooltip says the square, its customers and their average monetary in words', () => {
    expect(heatmapTooltip({ r: 3, f: 3, customers: 1234, avgMonetary: 200, x: 3, y: 3, v: 1234 })).toBe(
      'R3, F3: 1,234 customers, average monetary 200.00',
    );
    expect(heatmapTooltip({ r: 2, f: 2, customers: 0, avgMonetary: null, x: 2, y: 2, v: 0 })).toBe('R2, F2: 0 customers');
    const config = heatmapChart(result, 'customers').config as ChartConfiguration<'matrix'>;
    const callbacks = config.options!.plugins!.tooltip!.callbacks as unknown as { label: (item: { raw: RfPoint }) => string };
    const data = config.data.datasets[0].data as RfPoint[];
    expect(callbacks.label({ raw: data.find((p) => p.r === 1 && p.f === 2)! })).toBe('R1, F2: 10 customers, average monetary 40.00');
  });

  test('both axes: one tick per score, labelled R1…R3 and F1…F3, titles saying which score is best', () => {
    const config = heatmapChart(result, 'customers').config as ChartConfiguration<'matrix'>;
    for (const [axis, letter, name] of [
      ['x', 'F', 'frequency'],
      ['y', 'R', 'recency'],
    ] as const) {
      const scale = config.options!.scales![axis] as unknown as {
        afterBuildTicks: (s: { ticks: { value: number }[] }) => void;
        ticks: { callback: (v: number) => string };
        title: { display: boolean; text: string };
      };
      const built = { ticks: [{ value: 0.5 }, { value: 1.5 }] };
      scale.afterBuildTicks(built);
      expect(built.ticks.map((t) => scale.ticks.callback(t.value))).toEqual([`${letter}1`, `${letter}2`, `${letter}3`]);
      expect(scale.title).toEqual({ display: true, text: `${letter} score: ${name} (3 = best)` });
    }
    expect(scoreAxisTitle('R', 5)).toBe('R score: recency (5 = best)');
  });

  test('a colour legend from 0 (pale) to the largest square (dark), with the grey of empty squares', () => {
    const spec = heatmapChart(result, 'customers');
    const plugin = (spec.config.plugins as { id: string; legend?: unknown }[]).find((p) => p.id === 'colorLegend');
    expect(plugin?.legend).toEqual({
      title: 'Customers',
      low: '0',
      high: '10',
      stops: Array.from({ length: 28 }, (_, i) => heatColor(i / 27)),
      empty: { color: EMPTY_CELL_COLOR, label: 'none' },
    });
    expect(heatmapLegend(200, 'avgMonetary')).toMatchObject({ title: 'Average monetary', low: '0.00', high: '200.00' });
    expect(spec.summary).toContain('Colour scale: customers from 0 (pale) to 10 (dark)');
    expect(spec.note).toContain('3 = best');
  });
});
