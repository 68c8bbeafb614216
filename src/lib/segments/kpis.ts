import type { KpiIndex, Kpis, KpiSums } from './types.ts';

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** A segment's KPIs from its sums, with shares of the base's. */
export function deriveKpis(sums: KpiSums, base: KpiSums): Kpis {
  return {
    ...sums,
    shareOfCustomers: ratio(sums.customers, base.customers) ?? 0,
    shareOfRevenue: ratio(sums.revenue, base.revenue) ?? 0,
    ordersPerCustomer: ratio(sums.orders, sums.customers),
    aov: ratio(sums.revenue, sums.orders),
    revenuePerCustomer: ratio(sums.revenue, sums.customers),
  };
}

function index(value: number | null, base: number | null): number | null {
  return value === null || base === null || base === 0 ? null : (100 * value) / base;
}

/** Each per-customer KPI as an index against the base (base = 100). */
export function kpiIndex(kpis: Kpis, base: Kpis): KpiIndex {
  return {
    ordersPerCustomer: index(kpis.ordersPerCustomer, base.ordersPerCustomer),
    aov: index(kpis.aov, base.aov),
    revenuePerCustomer: index(kpis.revenuePerCustomer, base.revenuePerCustomer),
    avgRecency: index(kpis.avgRecency, base.avgRecency),
  };
}

/**
 * One cell of an overlap matrix (the diagonal holds each segment's size): the customers in both,
 * the share of the row segment also in the column segment, and the pair's Jaccard index.
 */
export function overlapMeasures(
  overlap: readonly (readonly number[])[],
  row: number,
  column: number,
): { both: number; ofRow: number | null; jaccard: number | null } {
  const both = overlap[row][column];
  const union = overlap[row][row] + overlap[column][column] - both;
  return { both, ofRow: ratio(both, overlap[row][row]), jaccard: ratio(both, union) };
}
