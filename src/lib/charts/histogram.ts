import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { AnalysisResult, Histogram } from '../analysis/result.ts';
import { formatCount } from '../format.ts';
import { CUSTOMERS_COLOR } from './colors.ts';
import { BASE_OPTIONS } from './config.ts';
import { formatEdge } from './format.ts';
import { cutLinesPlugin, type CutBand, type CutLayout, type CutLine } from './plugins.ts';
import type { ChartSpec, ChartTable } from './types.ts';

export type Metric = 'recency' | 'frequency' | 'monetary';

export const METRICS: Record<Metric, { title: string; axis: string; unit: string; prefix: string; integer: boolean }> = {
  recency: { title: 'Recency', axis: 'Days since the last order', unit: ' days', prefix: 'R', integer: true },
  frequency: { title: 'Frequency', axis: 'Orders', unit: ' orders', prefix: 'F', integer: true },
  monetary: { title: 'Monetary', axis: 'Monetary value', unit: '', prefix: 'M', integer: false },
};

/**
 * Bin labels. Integer metrics have whole-number bins [a, b) holding a … b−1, labelled `30–59` (or
 * `3` for a one-value bin); others `12.5–25`.
 */
export function binLabels(h: Histogram, integer: boolean): string[] {
  return h.counts.map((_, i) => {
    const a = h.edges[i];
    const b = h.edges[i + 1];
    if (integer) return b - a <= 1 ? formatCount(a) : `${formatCount(a)}–${formatCount(b - 1)}`;
    return `${formatEdge(a, b - a)}–${formatEdge(b, b - a)}`;
  });
}

/**
 * Where, along the histogram's edges, the class above cut `c` starts: a value scores higher when it
 * is strictly above the cut, so for whole-number values that is floor(c) + 1 (the bin edge of the
 * first integer above), for others c itself.
 */
export function cutBoundary(cut: number, integer: boolean): number {
  return integer ? Math.floor(cut) + 1 : cut;
}

/**
 * A position along the edges as a fractional bar index, the unit of a category scale whose bars
 * are the bins: −0.5 is the left edge of the first bar, n − 0.5 the right edge of the last; linear
 * inside a bin. Clamped to those two ends.
 */
export function binPosition(edges: readonly number[], x: number): number {
  const n = edges.length - 1;
  if (n < 1 || x <= edges[0]) return -0.5;
  if (x >= edges[n]) return n - 0.5;
  let i = 0;
  while (i < n - 1 && x >= edges[i + 1]) i++;
  const t = (x - edges[i]) / (edges[i + 1] - edges[i]);
  return i + t - 0.5;
}

/** The score of class k (0 = the class below the first cut): F and M count up, R counts down from `bins`. */
export function scoreOfClass(k: number, bins: number, metric: Metric): number {
  return metric === 'recency' ? bins - k : k + 1;
}

/** `F3`, or `R4–5` for classes lo … hi (ascending scores). */
export function scoreLabel(lo: number, hi: number, bins: number, metric: Metric): string {
  const a = scoreOfClass(lo, bins, metric);
  const b = scoreOfClass(hi, bins, metric);
  const [min, max] = a <= b ? [a, b] : [b, a];
  return `${METRICS[metric].prefix}${min === max ? min : `${min}–${max}`}`;
}

/**
 * The dashed lines at the cut points (one per distinct boundary inside the histogram's range) and
 * the band between neighbouring lines labelled with its score. Classes whose cuts coincide (ties
 * under n-tiles) share a band: `F1–2`.
 */
export function cutLayout(h: Histogram, cuts: readonly number[], bins: number, metric: Metric): CutLayout {
  const { integer } = METRICS[metric];
  const n = h.counts.length;
  if (n === 0) return { lines: [], bands: [] };
  const upper = (k: number) => (k < cuts.length ? cutBoundary(cuts[k], integer) : Infinity);
  const lines: CutLine[] = [];
  const bands: CutBand[] = [];
  let from = -Infinity;
  for (let k = 0; k <= cuts.length;) {
    const to = upper(k);
    let last = k;
    while (last + 1 <= cuts.length && upper(last + 1) === to) last++;
    const a = binPosition(h.edges, from);
    const b = binPosition(h.edges, to);
    if (b > a) bands.push({ from: a, to: b, label: scoreLabel(k, last, bins, metric) });
    if (Number.isFinite(to) && to > h.edges[0] && to < h.edges[n]) lines.push({ at: b });
    from = to;
    k = last + 1;
  }
  return { lines, bands };
}

/**
 * The scores the values of each bin can get. A value's class is the number of cuts strictly below
 * it; under n-tiles, customers tied on a cut value may also be in the class above it.
 */
export function binScores(h: Histogram, cuts: readonly number[], bins: number, metric: Metric, ntile: boolean): string[] {
  const { integer } = METRICS[metric];
  const below = (v: number) => cuts.filter((c) => c < v).length;
  const atOrBelow = (v: number) => cuts.filter((c) => c <= v).length;
  return h.counts.map((_, i) => {
    const lo = h.edges[i];
    const last = i === h.counts.length - 1;
    const hi = integer ? h.edges[i + 1] - 1 : h.edges[i + 1];
    const hiClass = ntile && (integer || last) ? Math.min(atOrBelow(hi), cuts.length) : below(hi);
    return scoreLabel(below(lo), Math.max(below(lo), hiClass), bins, metric);
  });
}

export function histogramTable(h: Histogram, cuts: readonly number[], bins: number, metric: Metric, ntile: boolean): ChartTable {
  const labels = binLabels(h, METRICS[metric].integer);
  const scores = binScores(h, cuts, bins, metric, ntile);
  return { columns: [METRICS[metric].axis, 'Customers', 'Score'], rows: h.counts.map((n, i) => [labels[i], n, scores[i]]) };
}

/** A histogram of one RFM metric with its score cut points as dashed lines and each band's score on top. */
export function histogramChart(result: AnalysisResult, metric: Metric): ChartSpec {
  const m = METRICS[metric];
  const h = result.histograms[metric];
  const cuts = result.cuts[metric];
  const ntile = result.method === 'ntile';
  const labels = binLabels(h, m.integer);
  const scores = binScores(h, cuts, result.bins, metric, ntile);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: 'Customers',
          data: [...h.counts],
          backgroundColor: CUSTOMERS_COLOR,
          borderColor: '#ffffff',
          borderWidth: 1,
          barPercentage: 1,
          categoryPercentage: 1,
        },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      scales: {
        x: { type: 'category', grid: { display: false }, ticks: { maxRotation: 45 }, title: { display: true, text: m.axis } },
        y: { type: 'linear', beginAtZero: true, grace: '12%', ticks: { precision: 0 }, title: { display: true, text: 'Customers' } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'bar'>[]) => (items[0] ? `${m.axis}: ${labels[items[0].dataIndex]}` : ''),
            label: (item: TooltipItem<'bar'>) => `Customers: ${formatCount(h.counts[item.dataIndex] ?? 0)}`,
            afterLabel: (item: TooltipItem<'bar'>) => `Score: ${scores[item.dataIndex] ?? ''}`,
          },
        },
      },
    },
    plugins: [cutLinesPlugin(cutLayout(h, cuts, result.bins, metric))],
  };
  return {
    title: `${m.title}: ${m.axis.toLowerCase()}`,
    summary: histogramSummary(h, cuts, metric),
    note: `Dashed lines: score cut points; each band shows the score it gets.${ntile ? ' Under rank n-tiles, customers tied on a cut value can get either neighbouring score.' : ''}`,
    config,
    table: { ...histogramTable(h, cuts, result.bins, metric, ntile), caption: `${m.title}: customers per bin and score` },
  };
}

function histogramSummary(h: Histogram, cuts: readonly number[], metric: Metric): string {
  const m = METRICS[metric];
  const n = h.counts.length;
  if (n === 0) return `Histogram of ${m.title.toLowerCase()}: no customers.`;
  const width = h.edges[1] - h.edges[0];
  const values = [...new Set(cuts)].map((c) => (m.integer ? formatCount(c) : formatEdge(c, width)));
  return `Histogram of ${m.title.toLowerCase()} in ${n} bins from ${formatEdge(h.edges[0], width)} to ${formatEdge(h.edges[n], width)}${m.unit}; score cut points at ${values.join(', ') || 'none'}${m.unit}.`;
}
