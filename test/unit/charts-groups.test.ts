import { describe, expect, test } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import { finalizeConfig, formatCell, numericColumns } from '../../src/lib/charts/config.ts';
import { buttonName, chartFilename, formatLogEdge, formatMoney, formatPercent } from '../../src/lib/charts/format.ts';
import { fitsUpright, groupChart, groupShares, groupTable, groupTooltip, wrapLabel } from '../../src/lib/charts/groups.ts';
import { sampleResult } from './charts-fixture.ts';

const result = sampleResult();

describe('customers and revenue by group', () => {
  test('shares of the groups shown; zero totals give zero shares', () => {
    const shares = groupShares(result.segments);
    expect(shares[0].customerShare).toBeCloseTo(3 / 13, 10);
    expect(shares[0].revenueShare).toBe(0.6);
    expect(groupShares([{ name: 'x', customers: 0, revenue: 0 }])[0]).toMatchObject({ customerShare: 0, revenueShare: 0 });
  });

  test('table rows', () => {
    expect(groupTable(groupShares(result.segments), 'Segment')).toEqual({
      columns: ['Segment', 'Customers', '% of customers', 'Revenue', '% of revenue'],
      rows: [
        ['Champions', 3, '23.1 %', '600.00', '60 %'],
        ['Lost', 10, '76.9 %', '400.00', '40 %'],
      ],
    });
    expect(groupTable(groupShares(result.lifecycle), 'Stage').rows[2]).toEqual(['never purchased', 2, '8.3 %', '0.00', '0 %']);
  });

  test('segments: horizontal bars, two datasets in percent', () => {
    const spec = groupChart(result.segments, { title: 'By segment', dimension: 'Segment', horizontal: true });
    const config = spec.config as ChartConfiguration<'bar'>;
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels).toEqual(['Champions', 'Lost']);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Customers', 'Revenue']);
    expect(config.data.datasets[0].data).toEqual([23.08, 76.92]);
    expect(config.data.datasets[1].data).toEqual([60, 40]);
    expect(spec.summary).toContain('Champions, 60 % of revenue from 23.1 % of customers');
  });

  test('tiers: vertical bars; tooltips say the group, its customers and its revenue share in words', () => {
    const spec = groupChart(result.tiers, { title: 'By tier', dimension: 'Tier' });
    const config = spec.config as ChartConfiguration<'bar'>;
    expect(config.options?.indexAxis).toBe('x');
    const shares = groupShares(result.tiers);
    expect(groupTooltip(shares[0], 0)).toBe('Gold: 5 customers (22.7 % of customers), 74.6 % of revenue');
    expect(groupTooltip(shares[0], 1)).toBe('Gold: 74.6 % of revenue (746.00), 5 customers');
    // The chart's own tooltip callbacks: no separate title, the sentence as the label.
    const callbacks = config.options!.plugins!.tooltip!.callbacks as unknown as {
      title: () => string;
      label: (item: { dataIndex: number; datasetIndex: number }) => string;
    };
    expect(callbacks.title()).toBe('');
    expect(callbacks.label({ dataIndex: 1, datasetIndex: 0 })).toBe('Bronze: 17 customers (77.3 % of customers), 25.4 % of revenue');
  });

  test('lifecycle: upright names broken between words, never rotated, all shown', () => {
    const spec = groupChart(result.lifecycle, { title: 'By stage', dimension: 'Stage' });
    const config = spec.config as ChartConfiguration<'bar'>;
    expect(config.data.labels).toEqual(['new', 'lapsed', ['never', 'purchased']]);
    expect(config.options?.scales?.x?.ticks).toMatchObject({ autoSkip: false, maxRotation: 0 });
  });

  test('names that would not fit upright turn the bars horizontal', () => {
    expect(fitsUpright(['new', 'active', 'repeat', 'cooling', 'lapsed', 'never purchased'])).toBe(true);
    expect(fitsUpright(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe(false);
    expect(fitsUpright(['Extraordinarily loyal'])).toBe(false);
    const many = 'abcdefg'.split('').map((name) => ({ name, customers: 1, revenue: 1 }));
    expect((groupChart(many, { title: 't', dimension: 'Tier' }).config as ChartConfiguration<'bar'>).options?.indexAxis).toBe('y');
  });

  test('labels wrap between words at 10 characters; a longer word stays whole', () => {
    expect(wrapLabel('never purchased')).toEqual(['never', 'purchased']);
    expect(wrapLabel('Big spenders in UK')).toEqual(['Big', 'spenders', 'in UK']);
    expect(wrapLabel('Gold')).toBe('Gold');
    expect(wrapLabel('Extraordinarily')).toBe('Extraordinarily');
  });
});

describe('chart helpers', () => {
  test('formats', () => {
    expect(formatPercent(0.746)).toBe('74.6 %');
    expect(formatPercent(0.2)).toBe('20 %');
    expect(formatMoney(12345.6)).toBe('12,345.60');
    expect(formatCell(1234)).toBe('1,234');
    expect(formatCell(2.345)).toBe('2.35');
    expect(formatCell('x')).toBe('x');
  });

  test('log-scale edges: two significant digits, short on an axis, in full in a table', () => {
    expect([0.47, 68, 1500, 22000, 1_000_000].map((n) => formatLogEdge(n))).toEqual(['0.47', '68', '1.5K', '22K', '1M']);
    expect([0.47, 68, 1500, 22000].map((n) => formatLogEdge(n, true))).toEqual(['0.47', '68', '1,500', '22,000']);
  });

  test("a chart's buttons are named after it, visible text first", () => {
    expect(buttonName('Show table', 'R × F heatmap')).toBe('Show table: R × F heatmap');
    expect(buttonName('Download PNG', 'R × F heatmap')).toBe('Download PNG: R × F heatmap');
  });

  test('PNG file name from the title', () => {
    expect(chartFilename('R × F heatmap')).toBe('r-f-heatmap.png');
    expect(chartFilename('Customers and revenue by RFM segment')).toBe('customers-and-revenue-by-rfm-segment.png');
    expect(chartFilename('×')).toBe('chart.png');
  });

  test('numeric columns are right-aligned', () => {
    expect(numericColumns({ columns: ['a', 'b', 'c', 'd'], rows: [['x', 1, '12.5 %', '1,000.00']] })).toEqual([false, true, true, true]);
    expect(numericColumns({ columns: ['a'], rows: [] })).toEqual([false]);
  });

  test('finalizeConfig forces deterministic, responsive options and adds the PNG background', () => {
    const config = finalizeConfig<'bar'>({ type: 'bar', data: { datasets: [] }, options: { responsive: false } });
    expect(config.options).toMatchObject({ animation: false, responsive: true, maintainAspectRatio: false });
    expect(config.plugins?.map((p) => p.id)).toEqual(['whiteBackground']);
  });
});
