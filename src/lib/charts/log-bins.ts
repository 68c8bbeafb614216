import type { Histogram, ValueCounts } from '../analysis/result.ts';

/**
 * Bar edges per decade, finest first: the E12, E6 and E3 series of two-digit numbers, whose steps
 * are nearly equal ratios (×1.2, ×1.5, ×2.2), so that on a log scale every bar is about as wide
 * and a smooth spread of values draws a smooth outline, not a saw.
 */
export const LOG_SERIES: readonly (readonly number[])[] = [
  [1, 1.2, 1.5, 1.8, 2.2, 2.7, 3.3, 3.9, 4.7, 5.6, 6.8, 8.2],
  [1, 1.5, 2.2, 3.3, 4.7, 6.8],
  [1, 2.2, 4.7],
];
/** The step ratio of each series, for the chart's note. */
export const SERIES_STEP = [1.2, 1.5, 2.2];
/** The share of customers the open first and last bars may gather at most (when values ≤ 0 do not exceed it). */
export const TAIL_SHARE = 0.01;
/** The finest series whose bars, open ones included, number at most this is used. */
export const MAX_BARS = 18;
/** Integer metrics get one bar per value below this: a bar narrower than one unit holds nothing. */
export const ONE_BAR_PER_VALUE_BELOW = 10;

/** Equal-ratio bins: `edges[0]` may be −∞ (a first bar of every value below `edges[1]`), the last edge +∞ (a last bar "≥"). */
export interface LogHistogram extends Histogram {
  log: true;
  /** The ratio each bar spans, about: 1.2, 1.5 or 2.2. */
  step: number;
}

/** `s × 10^k` as the nearest double of its two-digit decimal, so that it compares exactly with the value counts. */
const clean = (n: number) => Number(n.toPrecision(2));

/** Every edge of a series from the decade of `lo` through the decade above `hi`; whole numbers (one per value below 10) for integers. */
export function seriesEdges(series: readonly number[], lo: number, hi: number, integer: boolean): number[] {
  const edges = new Set<number>();
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)) + 1; k++) {
    for (const s of series) {
      const edge = clean(s * 10 ** k);
      if (!integer) edges.add(edge);
      else if (edge >= ONE_BAR_PER_VALUE_BELOW) edges.add(Math.ceil(edge));
    }
  }
  if (integer) for (let v = 1; v <= ONE_BAR_PER_VALUE_BELOW; v++) edges.add(v);
  return [...edges].sort((a, b) => a - b);
}

/**
 * Value counts in bars of equal ratio. The first edge is the highest edge with at most
 * `TAIL_SHARE` of customers below it (or, when values ≤ 0 alone exceed that, the highest edge at or
 * below the smallest positive value); the last is the lowest edge above it with at most that share
 * at or above it. Customers outside go to an open first bar ("< L") and last bar ("≥ X"), drawn
 * only when someone is in them.
 */
export function logHistogram(data: ValueCounts, integer: boolean): LogHistogram | (Histogram & { log: false }) {
  const total = data.counts.reduce((a, b) => a + b, 0);
  const positive = data.values.filter((v) => v > 0);
  if (total === 0 || positive.length === 0) return { edges: total ? [-Infinity, Infinity] : [], counts: total ? [total] : [], log: false };
  const tail = TAIL_SHARE * total;
  const below = (edge: number) => sumWhere(data, (v) => v < edge);
  const atOrAbove = (edge: number) => sumWhere(data, (v) => v >= edge);
  let chosen: LogHistogram | null = null;
  for (let s = 0; s < LOG_SERIES.length && !chosen; s++) {
    const grid = seriesEdges(LOG_SERIES[s], positive[0], positive[positive.length - 1], integer);
    const lowest = grid.filter((e) => e <= positive[0]).at(-1) ?? grid[0];
    const low = grid.filter((e) => e >= lowest && below(e) <= tail).at(-1) ?? lowest;
    const high = grid.find((e) => e > low && atOrAbove(e) <= tail) ?? grid[grid.length - 1];
    const core = grid.filter((e) => e >= low && e <= high);
    const edges = [...(below(low) > 0 ? [-Infinity] : []), ...core, ...(atOrAbove(high) > 0 ? [Infinity] : [])];
    if (edges.length - 1 <= MAX_BARS || s === LOG_SERIES.length - 1) {
      chosen = { edges, counts: countInto(edges, data), log: true, step: SERIES_STEP[s] };
    }
  }
  return chosen!;
}

/** Customers per bar [edges[i], edges[i + 1]). */
export function countInto(edges: readonly number[], data: ValueCounts): number[] {
  const counts = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  data.values.forEach((v, i) => {
    let bar = 0;
    while (bar < counts.length - 1 && v >= edges[bar + 1]) bar++;
    counts[bar] += data.counts[i];
  });
  return counts;
}

function sumWhere(data: ValueCounts, keep: (v: number) => boolean): number {
  return data.values.reduce((sum, v, i) => (keep(v) ? sum + data.counts[i] : sum), 0);
}
