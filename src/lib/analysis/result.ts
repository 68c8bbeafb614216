import type { Bins, ScoringMethod } from '../spec/analysis.ts';

/** Equal-width bins over a metric's range, for a histogram. */
export interface Histogram {
  /** counts.length + 1 ascending edges. */
  edges: number[];
  counts: number[];
}

/**
 * Customers per value of a long-tailed metric, ascending: each positive value rounded down to two
 * significant digits, every value ≤ 0 at 0 (see `valueCountsSql`). Charts bin it on a log scale.
 */
export interface ValueCounts {
  values: number[];
  counts: number[];
}

export interface GroupTotal {
  name: string;
  customers: number;
  /** For charts and shares. */
  revenue: number;
  /** The exact sum as decimal text, for display (every analysis sets it; charts need only `revenue`). */
  revenueText?: string;
}

/** One calendar month of orders, for the Overview's line chart. */
export interface MonthTotal {
  /** `YYYY-MM`. */
  month: string;
  /** Buyers with at least one purchase that month. */
  customers: number;
  /** For the chart. */
  revenue: number;
  /** The exact net amount of the buyers' orders that month, as decimal text. */
  revenueText: string;
}

/** The Overview's figures that the rest of the result does not hold; definitions in src/lib/sql/overview.ts. */
export interface OverviewFigures {
  /** The buyers' purchases (Σ frequency): with returns netted, a return is no order. */
  orders: number;
  /** Buyers with 2 or more purchases. */
  repeatCustomers: number;
  /** Gaps between a buyer's consecutive purchases, over all buyers. */
  gaps: number;
  /** Median of those gaps pooled, in calendar days; null when no buyer purchased twice. */
  medianDaysBetweenOrders: number | null;
  /** The last 12 months before the analysis date, and the revenue in them of buyers now cooling or lapsed. */
  atRisk: {
    /** `YYYY-MM-DD`, both inclusive: the day 12 months before the analysis date, and the day before it. */
    firstDay: string;
    lastDay: string;
    /** Exact decimal text. */
    revenueText: string;
    revenue: number;
    /** Cooling or lapsed buyers with an order in the window. */
    customers: number;
    /** The window's revenue from every buyer, exact decimal text. */
    windowRevenueText: string;
    windowRevenue: number;
  };
  /** Every calendar month from the first order's to the last's. */
  months: MonthTotal[];
}

/** Everything the RFM, tiers and lifecycle views show; plain data, small. */
export interface AnalysisResult {
  /** `YYYY-MM-DD` actually used. */
  analysisDate: string;
  method: ScoringMethod;
  bins: Bins;
  /** Customers with at least one order (the ones scored). */
  buyers: number;
  /** Customers from a customers file who never purchased (not scored). */
  neverPurchased: number;
  /** Exact decimal text. */
  revenue: string;
  /**
   * Where each score class ends, per dimension, in the metric's own units: for F and M the upper
   * bound of classes 1..bins−1; for R (days, lower is better) the upper bound of classes bins..2.
   */
  cuts: { recency: number[]; frequency: number[]; monetary: number[] };
  /** Customers per score, index 0 = score 1. Uneven under breakpoints (ties share a score). */
  classSizes: { r: number[]; f: number[]; m: number[] };
  /** Every occupied R-F-M cell. */
  cells: { cell: string; customers: number; avgMonetary: number }[];
  /** In map order, then "Other" when some customers fall in no segment. */
  segments: (GroupTotal & { action: string })[];
  /** Cell maps only: cells no segment claims, and cells claimed by more than one. */
  uncoveredCells: string[];
  doubleClaimedCells: string[];
  /** The Pareto cut: top X % of customers (ceil) and their share of revenue. */
  top: { percent: number; customers: number; revenue: number; revenueShare: number };
  tiers: GroupTotal[];
  lifecycle: GroupTotal[];
  /** Lorenz curve points, customers ranked by revenue descending: [share of customers, share of revenue]. */
  lorenz: [number, number][];
  /** Recency in equal-width bins; frequency and monetary, long-tailed, as value counts. */
  histograms: { recency: Histogram };
  valueCounts: { frequency: ValueCounts; monetary: ValueCounts };
  overview: OverviewFigures;
}

/** The first columns of the customer export, in order; other metrics and attributes follow. */
export const EXPORT_COLUMNS = [
  'customer_id',
  'recency_days',
  'frequency',
  'monetary',
  'r_score',
  'f_score',
  'm_score',
  'rfm_cell',
  'rfm_segment',
  'value_tier',
  'lifecycle_stage',
] as const;
