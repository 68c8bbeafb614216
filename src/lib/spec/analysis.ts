/**
 * The analysis part of the spec: analysis date, RFM scoring and segment map, value tiers and
 * lifecycle stages. Definitions only; every stage is a pure function of it and the loaded orders.
 */

/** rank n-tiles (equal groups, ties by id), tie-consistent breakpoints (quantiles), or typed cut points. */
export type ScoringMethod = 'ntile' | 'breakpoints' | 'thresholds';
export type Bins = 3 | 4 | 5;

/**
 * Cut points per dimension, ascending, `bins − 1` of them. A value's class is the number of cut
 * points strictly below it: F and M score 1 + that, R scores bins − that (recent is good).
 */
export interface Thresholds {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

/** A named segment that owns R-F-M cells such as `'555'`. */
export interface CellSegment {
  name: string;
  cells: string[];
  action: string;
}

/** A named segment by score ranges (inclusive); the first that matches wins. */
export interface RangeSegment {
  name: string;
  r: [number, number];
  f: [number, number];
  m: [number, number];
  action: string;
}

export type SegmentMap = { kind: 'cells'; segments: CellSegment[] } | { kind: 'ranges'; segments: RangeSegment[] };

export interface RfmSpec {
  method: ScoringMethod;
  bins: Bins;
  /** Score monetary on total spend or on average order value. */
  monetary: 'total' | 'average';
  /** Used when method is 'thresholds'. */
  thresholds: Thresholds | null;
  map: SegmentMap;
}

export interface NamedTier {
  name: string;
  /** Upper bound in percent: of cumulative revenue share (by revenue) or of customers ranked by revenue (by percentile). */
  upTo: number;
}

export interface TierSpec {
  /** The Pareto cut: the top X % of customers by revenue. */
  topPercent: number;
  scheme: 'revenue-share' | 'percentile';
  tiers: NamedTier[];
}

/**
 * Lifecycle thresholds in days, counted back from the analysis date. Stages, first match wins:
 * lapsed (no order for more than `lapsedDays`), cooling (more than `coolingDays`), new (first order
 * within `newDays`), repeat (2+ orders), active (one order, recent).
 */
export interface LifecycleSpec {
  newDays: number;
  coolingDays: number;
  lapsedDays: number;
}

export interface AnalysisSpec {
  /** `YYYY-MM-DD`; null means the calendar date of the latest order + 1 day. */
  analysisDate: string | null;
  rfm: RfmSpec;
  tiers: TierSpec;
  lifecycle: LifecycleSpec;
}

export const LIFECYCLE_STAGES = ['new', 'active', 'repeat', 'cooling', 'lapsed'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
