import type { ColumnKind } from '../spec/segments.ts';

/** A segment's member count, or why it has none: errors are results here, shown on the segment. */
export type SegmentCount =
  { ok: true; members: number; base: number; sql: string } | { ok: false; error: string; refused: boolean; sql: string | null };

/** What a value picker suggests for a column. */
export interface ColumnSummary {
  column: string;
  kind: ColumnKind;
  /** Most common values first; `null` is the empty value. */
  top: { value: string | null; count: number }[];
  distinct: number;
  /** For numbers and dates. */
  min: string | null;
  max: string | null;
  /** For numbers: the 10th, 20th … 90th percentiles (empty when there are no values). */
  deciles: number[];
}

/** Sums a segment's KPIs are derived from. */
export interface KpiSums {
  customers: number;
  revenue: number;
  /** The exact revenue as decimal text, for display. */
  revenueText: string;
  orders: number;
  avgRecency: number | null;
}

export interface Kpis extends KpiSums {
  shareOfCustomers: number;
  shareOfRevenue: number;
  ordersPerCustomer: number | null;
  aov: number | null;
  revenuePerCustomer: number | null;
}

/** Per-customer KPIs against the base's (base = 100); null where either side is undefined. */
export interface KpiIndex {
  ordersPerCustomer: number | null;
  aov: number | null;
  revenuePerCustomer: number | null;
  avgRecency: number | null;
}

export type SegmentOutcome =
  { id: string; ok: true; kpis: Kpis; index: KpiIndex; tooNarrow: boolean } | { id: string; ok: false; error: string };

export interface SegmentAnalysis {
  base: Kpis;
  segments: SegmentOutcome[];
  /** Ids of the valid segments, in order: the rows and columns of `overlap`. */
  overlapIds: string[];
  /** Customers in both segments; the diagonal holds each segment's size. */
  overlap: number[][];
}

export interface CategoryShare {
  value: string | null;
  inside: number;
  base: number;
  shareInside: number;
  shareBase: number;
  /** shareInside / shareBase; null when the value is absent from the base. */
  lift: number | null;
}

export type AttributeProfile =
  | { column: string; kind: 'categorical'; values: CategoryShare[]; otherInside: number; otherBase: number }
  | {
      column: string;
      kind: 'numeric';
      meanInside: number | null;
      medianInside: number | null;
      meanBase: number | null;
      medianBase: number | null;
      /** Equal-width bins over the base's range; shares of each side. */
      edges: number[];
      inside: number[];
      base: number[];
    };

export interface SegmentProfile {
  members: number;
  base: number;
  attributes: AttributeProfile[];
}

export interface MemberPage {
  columns: string[];
  /** Per column: a native number (a DECIMAL arrives as exact text). */
  numeric: boolean[];
  rows: (string | number | boolean | null)[][];
  total: number;
  offset: number;
}
