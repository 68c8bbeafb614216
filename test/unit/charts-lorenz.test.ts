import { describe, expect, test } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import { lorenzAt, lorenzChart, lorenzPoints, lorenzTable, topCutLabel } from '../../src/lib/charts/lorenz.ts';
import type { CutLayout } from '../../src/lib/charts/plugins.ts';
import { sampleResult } from './charts-fixture.ts';

const result = sampleResult();

describe('Pareto / Lorenz curve', () => {
  test('points in percent', () => {
    expect(lorenzPoints(result.lorenz)).toEqual([
      { x: 0, y: 0 },
      { x: 25, y: 50 },
      { x: 50, y: 80 },
      { x: 75, y: 95 },
      { x: 100, y: 100 },
    ]);
  });

  test('reads the curve linearly between points', () => {
    expect(lorenzAt(result.lorenz, 0.1)).toBeCloseTo(0.2, 10);
    expect(lorenzAt(result.lorenz, 0.5)).toBe(0.8);
    expect(lorenzAt(result.lorenz, 0.6)).toBeCloseTo(0.86, 10);
    expect(lorenzAt(result.lorenz, 1)).toBe(1);
    expect(lorenzAt([], 0.5)).toBe(0);
  });

  test('top-cut label', () => {
    expect(topCutLabel(result.top)).toBe('top 20 % → 74.6 % of revenue');
    expect(topCutLabel({ percent: 12.5, customers: 3, revenue: 1, revenueShare: 0.5 })).toBe('top 12.5 % → 50 % of revenue');
  });

  test('chart: curve, diagonal, and the cut as a line with its label', () => {
    const spec = lorenzChart(result);
    const config = spec.config as ChartConfiguration<'line'>;
    expect(config.data.datasets).toHaveLength(2);
    expect(config.data.datasets[1].data).toEqual([
      { x: 0, y: 0 },
      { x: 100, y: 100 },
    ]);
    const plugin = config.plugins![0] as { id: string; layout: CutLayout };
    expect(plugin.layout.lines).toEqual([{ at: 20, label: 'top 20 % → 74.6 % of revenue', dotY: 74.6 }]);
    expect(spec.summary).toContain('the top 20 % of customers (5) bring 74.6 % of revenue');
  });

  test('table: deciles from the curve, the cut from the exact result', () => {
    const table = lorenzTable(result);
    expect(table.rows).toHaveLength(10);
    expect(table.rows[0]).toEqual(['10 %', '20 %']);
    expect(table.rows[1]).toEqual(['20 %', '74.6 %']);
    expect(table.rows[9]).toEqual(['100 %', '100 %']);
    expect(lorenzTable(sampleResult({ top: { percent: 15, customers: 4, revenue: 1, revenueShare: 0.31 } })).rows[1]).toEqual([
      '15 %',
      '31 %',
    ]);
  });
});
