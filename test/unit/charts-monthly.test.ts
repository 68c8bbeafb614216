import { describe, expect, test } from 'vitest';
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { MonthTotal } from '../../src/lib/analysis/result.ts';
import { finalizeConfig } from '../../src/lib/charts/config.ts';
import { monthLabel, monthlyChart, monthlyTable, partialMonthsNote } from '../../src/lib/charts/monthly.ts';
import { registerCharts } from '../../src/lib/charts/register.ts';

const months: MonthTotal[] = [
  { month: '2023-11', customers: 40, revenue: 1500.5, revenueText: '1500.5' },
  { month: '2023-12', customers: 0, revenue: 0, revenueText: '0' },
  { month: '2024-01', customers: 75, revenue: 12345.675, revenueText: '12345.675' },
  { month: '2024-02', customers: 90, revenue: 9000, revenueText: '9000' },
];

const lineConfig = () => monthlyChart(months).config as ChartConfiguration<'line'>;

describe('revenue and active customers by month', () => {
  test('month labels are English and locale-free', () => {
    expect(monthLabel('2011-12')).toBe('Dec 2011');
    expect(monthLabel('2024-01')).toBe('Jan 2024');
  });

  test('two lines, each on its own axis: revenue left, customers right', () => {
    const config = lineConfig();
    expect(config.type).toBe('line');
    expect(config.data.labels).toEqual(['Nov 2023', 'Dec 2023', 'Jan 2024', 'Feb 2024']);
    const [revenue, customers] = config.data.datasets;
    expect([revenue.label, revenue.yAxisID, revenue.data]).toEqual(['Revenue', 'revenue', [1500.5, 0, 12345.675, 9000]]);
    expect([customers.label, customers.yAxisID, customers.data]).toEqual(['Active customers', 'customers', [40, 0, 75, 90]]);
    const scales = config.options!.scales as Record<string, { position?: string; beginAtZero?: boolean }>;
    expect(scales.revenue).toMatchObject({ position: 'left', beginAtZero: true });
    expect(scales.customers).toMatchObject({ position: 'right', beginAtZero: true });
  });

  test('the table: every month with its exact revenue and its customers', () => {
    expect(monthlyTable(months)).toEqual({
      columns: ['Month', 'Revenue', 'Active customers'],
      rows: [
        ['2023-11', '1,500.50', 40],
        ['2023-12', '0.00', 0],
        ['2024-01', '12,345.675', 75],
        ['2024-02', '9,000.00', 90],
      ],
      caption: 'Revenue and active customers by month',
    });
  });

  test('summary names the span and both peaks; an empty series says so', () => {
    expect(monthlyChart(months).summary).toBe(
      'Line chart of revenue and active customers per month, Nov 2023 to Feb 2024 (4 months). ' +
        'Revenue peaks in Jan 2024 at 12,345.675; active customers peak in Feb 2024 at 90.',
    );
    expect(monthlyChart([]).summary).toBe('Line chart of revenue and active customers by month: no orders.');
  });

  test('tooltips name the line and its value', () => {
    const label = lineConfig().options!.plugins!.tooltip!.callbacks!.label! as (item: TooltipItem<'line'>) => string;
    expect(label({ datasetIndex: 0, parsed: { x: 2, y: 12345.675 } } as TooltipItem<'line'>)).toBe('Revenue: 12,345.68');
    expect(label({ datasetIndex: 1, parsed: { x: 2, y: 1234 } } as TooltipItem<'line'>)).toBe('Active customers: 1,234');
  });

  test('partial first and last months are noted, whole ones not', () => {
    expect(partialMonthsNote('2010-12-01 08:26:00', '2011-12-09 12:50:00')).toBe(
      'Orders run from 2010-12-01 to 2011-12-09: the last month holds only part of a month.',
    );
    expect(partialMonthsNote('2023-01-15', '2024-02-29 23:00:00')).toBe(
      'Orders run from 2023-01-15 to 2024-02-29: the first month holds only part of a month.',
    );
    expect(partialMonthsNote('2023-01-15', '2023-03-30')).toBe(
      'Orders run from 2023-01-15 to 2023-03-30: the first and last months hold only part of a month.',
    );
    expect(partialMonthsNote('2023-01-01', '2023-12-31')).toBe('');
    expect(partialMonthsNote(null, '2023-12-31')).toBe('');
    expect(monthlyChart(months, 'Orders run from x to y.').note).toMatch(/that month\. Orders run from x to y\.$/);
  });

  test('renders with the registered line controller: both axes built, ticks formatted', () => {
    const Chart = registerCharts();
    const ctx: unknown = new Proxy(
      { measureText: (t: string) => ({ width: String(t).length * 6 }), getLineDash: () => [] } as Record<string, unknown>,
      { get: (t, key: string) => (key in t ? t[key] : () => undefined), set: (t, key: string, v) => ((t[key] = v), true) },
    );
    const canvas = { width: 800, height: 300, style: {}, getContext: () => ctx };
    (ctx as Record<string, unknown>).canvas = canvas;
    const chart = new Chart(canvas as unknown as HTMLCanvasElement, finalizeConfig(monthlyChart(months).config as ChartConfiguration));
    const revenue = chart.scales.revenue;
    const customers = chart.scales.customers;
    expect(revenue.position).toBe('left');
    expect(customers.position).toBe('right');
    expect(revenue.max).toBeGreaterThanOrEqual(12345.675);
    expect(customers.max).toBeGreaterThanOrEqual(90);
    expect(revenue.ticks.map((t) => t.label)).toContain('10K');
    expect(customers.ticks.every((t) => t.label === '' || /^\d[\d,]*$/.test(String(t.label)))).toBe(true);
    chart.destroy();
  });
});
