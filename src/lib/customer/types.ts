import type { AnalysisSpec } from '../spec/analysis.ts';
import type { SegmentDefinition } from '../spec/segments.ts';

/** A value as the story shows it: dates and exact decimals as text. */
export type StoryValue = string | number | boolean | null;

/** A dimension of RFM. */
export type Dim = 'r' | 'f' | 'm';

/** One buyer's metrics from the analysis tables. */
export interface CustomerMetrics {
  recencyDays: number;
  frequency: number;
  /** Net spend, exact decimal text. */
  monetary: string;
  /** Average order value (a double), null when there is none. */
  aov: number | null;
  /** `YYYY-MM-DD HH:MM:SS` */
  firstPurchase: string;
  lastPurchase: string;
  tenureDays: number;
}

export interface CustomerScores {
  r: number;
  f: number;
  m: number;
  /** `'545'` */
  cell: string;
  segment: string;
  /** Position of the segment in the map; null for "Other". */
  segmentIndex: number | null;
  /** The value M scores, as the scoring compares it: spend or average order value, a double. */
  mValue: number;
}

/**
 * Where this customer's score class lies in the data, per dimension. Breakpoints and thresholds:
 * the method's cut points (a class is `lower < value ≤ upper`). Rank n-tiles have no cut points:
 * the smallest and largest value among the buyers who got the same score.
 */
export type ScoreBands =
  { kind: 'cuts'; cuts: Record<Dim, number[]> } | { kind: 'ranges'; ranges: Record<Dim, { min: number; max: number }> };

/** A buyer's place in the ranking by spend, as value tiers read it. */
export interface TierPosition {
  /** 1 = highest spend (ties in id order). */
  rank: number;
  buyers: number;
  /** Cumulative share of positive revenue down to this buyer, in %; null when net spend ≤ 0. */
  revenueShare: number | null;
  /** rank / buyers × 100; null when net spend ≤ 0. */
  percentile: number | null;
}

/** Everything the explanations are derived from: the analysis spec the tables were built with, and the customer's row. */
export interface CustomerFacts {
  id: string;
  /** `YYYY-MM-DD` actually used. */
  analysisDate: string;
  spec: AnalysisSpec;
  /** Null for a customers-file customer who never bought (not scored). */
  metrics: CustomerMetrics | null;
  scores: CustomerScores | null;
  bands: ScoreBands | null;
  valueTier: string | null;
  tier: TierPosition | null;
  lifecycleStage: string;
}

/** How each value was derived, in words. */
export interface StoryExplanations {
  r: string | null;
  f: string | null;
  m: string | null;
  segment: string;
  /** The RFM segment's recommended action, when it has one. */
  action: string | null;
  tier: string;
  lifecycle: string;
}

/** A segment whose membership the story shows. */
export interface StorySegment {
  id: string;
  name: string;
  definition: SegmentDefinition;
}

/** One top-level rule of a segment, in words, and whether it holds for the customer. */
export interface RuleCheck {
  text: string;
  holds: boolean;
  /** The customer's value of the rule's column, when the rule names one column of theirs. */
  value?: StoryValue;
  column?: string;
}

export interface Membership {
  segmentId: string;
  name: string;
  /** Null when the segment could not be evaluated (see `error`). */
  member: boolean | null;
  error: string | null;
  /** How the checks combine: a rule group's and/or, or one SQL condition. */
  combine: 'and' | 'or' | 'sql';
  checks: RuleCheck[];
  why: string;
}

export interface OrdersPageQuery {
  offset: number;
  limit: number;
}

/** One page of a customer's orders, newest first. */
export interface CustomerOrders {
  columns: string[];
  /** Per column: numbers (right-aligned); `amount` is exact text and shown as money. */
  numeric: boolean[];
  rows: StoryValue[][];
  total: number;
  offset: number;
  limit: number;
}

export interface CustomerStory {
  facts: CustomerFacts;
  /** False when the id is not in the loaded data. */
  found: boolean;
  explanations: StoryExplanations;
  /** The customer's other columns (the customers file's attributes), as the `customers` view has them. */
  attributes: { name: string; value: StoryValue }[];
  memberships: Membership[];
  orders: CustomerOrders;
}
