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
