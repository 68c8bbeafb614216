import type { AnalysisResult } from '../../src/lib/analysis/result.ts';

/** A small hand-made result: 3 bins, typed thresholds, round numbers. */
export function sampleResult(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    analysisDate: '2024-06-01',
    method: 'thresholds',
    bins: 3,
    buyers: 22,
    neverPurchased: 2,
    revenue: '1000',
    cuts: { recency: [30, 90], frequency: [1, 3], monetary: [100.5, 500] },
    classSizes: { r: [10, 5, 7], f: [8, 8, 6], m: [9, 7, 6] },
    cells: [
      { cell: '331', customers: 2, avgMonetary: 100 },
      { cell: '332', customers: 1, avgMonetary: 400 },
      { cell: '311', customers: 4, avgMonetary: 10 },
      { cell: '123', customers: 5, avgMonetary: 50 },
      { cell: '122', customers: 5, avgMonetary: 30 },
      { cell: '211', customers: 5, avgMonetary: 20 },
    ],
    segments: [
      { name: 'Champions', customers: 3, revenue: 600, action: 'Reward them.' },
      { name: 'Lost', customers: 10, revenue: 400, action: 'Win them back.' },
    ],
    uncoveredCells: [],
    doubleClaimedCells: [],
    top: { percent: 20, customers: 5, revenue: 746, revenueShare: 0.746 },
    tiers: [
      { name: 'Gold', customers: 5, revenue: 746 },
      { name: 'Bronze', customers: 17, revenue: 254 },
    ],
    lifecycle: [
      { name: 'new', customers: 4, revenue: 100 },
      { name: 'lapsed', customers: 18, revenue: 900 },
      { name: 'never purchased', customers: 2, revenue: 0 },
    ],
    lorenz: [
      [0, 0],
      [0.25, 0.5],
      [0.5, 0.8],
      [0.75, 0.95],
      [1, 1],
    ],
    histograms: {
      recency: { edges: [0, 30, 60, 90, 120, 150], counts: [6, 4, 2, 5, 5] },
    },
    valueCounts: {
      frequency: { values: [1, 2, 3, 4, 5], counts: [8, 5, 3, 4, 2] },
      monetary: { values: [0, 10, 47, 100, 220, 470, 1000, 2200], counts: [1, 3, 4, 5, 3, 3, 2, 1] },
    },
    overview: {
      orders: 40,
      repeatCustomers: 8,
      gaps: 18,
      medianDaysBetweenOrders: 30,
      atRisk: {
        firstDay: '2023-06-01',
        lastDay: '2024-05-31',
        revenueText: '250.5',
        revenue: 250.5,
        customers: 6,
        windowRevenueText: '800',
        windowRevenue: 800,
      },
      months: [
        { month: '2024-04', customers: 12, revenue: 400, revenueText: '400' },
        { month: '2024-05', customers: 15, revenue: 600, revenueText: '600' },
      ],
    },
    ...overrides,
  };
}
