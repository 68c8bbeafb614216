import { describe, expect, test } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import { finalizeConfig, formatCell, numericColumns } from '../../src/lib/charts/config.ts';
import { chartFilename, formatMoney, formatPercent } from '../../src/lib/charts/format.ts';
import { groupChart, groupShares, groupTable, groupTooltip } from '../../src/lib/charts/groups.ts';
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

  test('tiers: vertical bars; tooltips give counts and amounts', () => {
    const spec = groupChart(result.tiers, { title: 'By tier', dimension: 'Tier' });
    expect((spec.config as ChartConfiguration<'bar'>).options?.indexAxis).toBe('x');
    const shares = groupShares(result.tiers);
    expect(groupTooltip(shares[0], 0)).toBe('Customers: 22.7 % (5)');
    expect(groupTooltip(shares[0], 1)).toBe('Revenue: 74.6 % (746.00)');
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
