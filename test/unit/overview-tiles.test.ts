import { describe, expect, test } from 'vitest';
import { figureTiles, formatDays, largestSegments, lifecycleMix } from '../../src/lib/overview/tiles.ts';
import { sectionHref } from '../../src/lib/address/url-state.ts';
import { sampleResult } from './charts-fixture.ts';

const result = sampleResult();
const tile = (id: string, r = result) => figureTiles(r).find((t) => t.id === id)!;

describe('the overview tiles', () => {
  test('each key figure, formatted, with the section it links to', () => {
    expect(figureTiles(result).map((t) => [t.label, t.value, t.section])).toEqual([
      ['Customers', '22', 'data'],
      ['Orders', '40', 'data'],
      ['Revenue', '1,000.00', 'value'],
      ['Repeat-purchase rate', '36.4 %', 'rfm'],
      ['Median days between orders', '30 days', 'rfm'],
      ['Top 20 % revenue share', '74.6 %', 'value'],
      ['Revenue at risk', '250.50', 'value'],
    ]);
    expect(sectionHref('rfm')).toBe('#view=rfm');
  });

  test('details: never-purchased customers, orders per customer, the counts behind each share', () => {
    expect(tile('customers').detail).toBe('and 2 customers in the customers file who never purchased');
    expect(tile('customers', sampleResult({ neverPurchased: 0 })).detail).toBe('');
    expect(tile('orders').detail).toBe('1.8 per customer');
    expect(tile('repeat').detail).toBe('8 of 22 customers');
    expect(tile('gap').detail).toBe('over 18 gaps between orders');
    expect(tile('top').detail).toBe('from the top 5 customers by spend');
    expect(tile('risk').detail).toBe('31.3 % of the last 12 months’ revenue, from 6 customers');
  });

  test('revenue at risk states its window and that both days are included', () => {
    expect(tile('risk').definition).toBe(
      'Orders from 2023-06-01 to 2024-05-31 (the 12 months before the analysis date 2024-06-01, both days included) of customers whose lifecycle stage is now cooling or lapsed.',
    );
  });

  test('the top cut follows the Pareto setting', () => {
    const top = tile('top', sampleResult({ top: { percent: 12.5, customers: 3, revenue: 500, revenueShare: 0.5 } }));
    expect([top.label, top.value, top.detail]).toEqual(['Top 12.5 % revenue share', '50 %', 'from the top 3 customers by spend']);
  });

  test('nobody ordered twice: no median', () => {
    const overview = { ...result.overview, gaps: 0, medianDaysBetweenOrders: null, repeatCustomers: 0 };
    const gap = tile('gap', sampleResult({ overview }));
    expect([gap.value, gap.detail]).toEqual(['–', 'no customer ordered twice']);
  });

  test('days: one decimal at most, singular for one', () => {
    expect([formatDays(32), formatDays(12.5), formatDays(1), formatDays(0), formatDays(1234)]).toEqual([
      '32 days',
      '12.5 days',
      '1 day',
      '0 days',
      '1,234 days',
    ]);
  });

  test('largest segments: by customers, ties in map order, empty ones left out, at most five', () => {
    const segments = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name, i) => ({
      name,
      customers: [3, 7, 0, 7, 1, 2, 5][i],
      revenue: 1,
      action: `do ${name}`,
    }));
    const largest = largestSegments(sampleResult({ segments, buyers: 25 }));
    expect(largest.map((s) => [s.name, s.customers, s.share, s.action])).toEqual([
      ['B', 7, 0.28, 'do B'],
      ['D', 7, 0.28, 'do D'],
      ['G', 5, 0.2, 'do G'],
      ['A', 3, 0.12, 'do A'],
      ['F', 2, 0.08, 'do F'],
    ]);
    expect(largestSegments(sampleResult({ segments: segments.slice(0, 3) }))).toHaveLength(2);
  });

  test('lifecycle mix: shares of every customer, never purchased included', () => {
    expect(lifecycleMix(result.lifecycle)).toEqual([
      { name: 'new', customers: 4, share: 4 / 24 },
      { name: 'lapsed', customers: 18, share: 18 / 24 },
      { name: 'never purchased', customers: 2, share: 2 / 24 },
    ]);
    expect(lifecycleMix([{ name: 'new', customers: 0, revenue: 0 }])).toEqual([{ name: 'new', customers: 0, share: 0 }]);
  });
});
