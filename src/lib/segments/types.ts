import type { ColumnKind } from '../spec/segments.ts';

/**
 * A segment's member count, or why it has none: errors are results here, shown on the segment.
 * `needsColumns`, when present, lists columns the loaded data lacks (the segment then has no
 * count at all, never 0): the data, not the definition, has to change.
 */
export type SegmentCount =
  | { ok: true; members: number; base: number; sql: string }
  | { ok: false; error: string; refused: boolean; sql: string | null; needsColumns?: string[] };

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

/** A segment in the analysis, or why it is left out of the KPIs and the overlap (`needsColumns` as in SegmentCount). */
export type SegmentOutcome =
  | { id: string; ok: true; kpis: Kpis; index: KpiIndex; tooNarrow: boolean }
  | { id: string; ok: false; error: string; needsColumns?: string[] };

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

/**
 * How a text column of `orders` is profiled: `orders` counts the segment's orders against all
 * orders; `customers` counts each customer once, by the value most of their orders have (ties go
 * to the value that sorts first; a customer with no filled value counts as empty).
 */
export interface OrderAttributeSource {
  /** The column of `orders`. */
  column: string;
  counts: 'orders' | 'customers';
  /** What the shares are of: the segment's orders (or customers), and all of them. */
  totalInside: number;
  totalBase: number;
}

export type AttributeProfile =
  | {
      /** The attribute as the profile names it: a column of `customers`, or an orders column with what is counted. */
      column: string;
      kind: 'categorical';
      values: CategoryShare[];
      otherInside: number;
      otherBase: number;
      /** Set when the attribute lives on orders. */
      orders?: OrderAttributeSource;
    }
  | {
      column: string;
      kind: 'numeric';
      meanInside: number | null;
      medianInside: number | null;
      meanBase: number | null;
      medianBase: number | null;
      /** Equal-width bins over the base's range; shares of each side (empty for a long-tailed metric, see `valueCounts`). */
      edges: number[];
      inside: number[];
      base: number[];
      /**
       * For long-tailed metrics (frequency, monetary, aov): customers per value rounded to two
       * significant digits, inside and in the base, which the chart bins on a log scale.
       */
      valueCounts?: { values: number[]; inside: number[]; base: number[]; integer: boolean };
    };

export interface SegmentProfile {
  members: number;
  base: number;
  attributes: AttributeProfile[];
  /**
   * Revenue ÷ orders, in the segment and in the base: the KPI table's AOV, which weighs each order
   * the same. The profile's aov attribute is the mean of customers' AOV, which weighs each customer
   * the same, so the two differ whenever customers with more orders spend differently per order.
   */
  revenuePerOrder: { inside: number | null; base: number | null };
}

export interface MemberPage {
  columns: string[];
  /** Per column: a native number (a DECIMAL arrives as exact text). */
  numeric: boolean[];
  rows: (string | number | boolean | null)[][];
  total: number;
  offset: number;
}
