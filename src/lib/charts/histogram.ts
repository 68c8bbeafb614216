import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { AnalysisResult, Histogram } from '../analysis/result.ts';
import { formatCount } from '../format.ts';
import { CUSTOMERS_COLOR } from './colors.ts';
import { BASE_OPTIONS } from './config.ts';
import { formatEdge, formatLogEdge } from './format.ts';
import { TAIL_SHARE, logHistogram } from './log-bins.ts';
import { cutLinesPlugin, type CutBand, type CutLayout, type CutLine } from './plugins.ts';
import type { ChartSpec, ChartTable } from './types.ts';

export type Metric = 'recency' | 'frequency' | 'monetary';

export const METRICS: Record<Metric, { title: string; axis: string; unit: string; prefix: string; integer: boolean }> = {
  recency: { title: 'Recency', axis: 'Days since the last order', unit: ' days', prefix: 'R', integer: true },
  frequency: { title: 'Frequency', axis: 'Orders', unit: ' orders', prefix: 'F', integer: true },
  monetary: { title: 'Monetary', axis: 'Monetary value', unit: '', prefix: 'M', integer: false },
};

/** A histogram as drawn: `log` bins may open with an edge of −∞ and close with +∞ (see `logHistogram`). */
export type Bars = Histogram & { log?: boolean; step?: number };

/** The histogram a metric is drawn with: recency in equal-width days, frequency and monetary on a log scale. */
export function metricBars(result: AnalysisResult, metric: Metric): Bars {
  return metric === 'recency' ? result.histograms.recency : logHistogram(result.valueCounts[metric], METRICS[metric].integer);
}

/** An edge as text: whole numbers in full; log edges short on an axis (`1.5K`), in full in tables. */
function edgeText(h: Bars, value: number, width: number, integer: boolean, full: boolean): string {
  if (integer) return formatCount(value);
  return h.log ? formatLogEdge(value, full) : formatEdge(value, width);
}

/**
 * Bin labels. Integer metrics have whole-number bins [a, b) holding a … b−1, labelled `30–59` (or
 * `3` for a one-value bin); others `12.5–25`. An open first bin reads `< 47` (`≤ 1` for whole
 * numbers), an open last bin `≥ 22K`. `full` spells log edges out (`22,000`) for tables.
 */
export function binLabels(h: Bars, integer: boolean, full = false): string[] {
  return h.counts.map((_, i) => {
    const a = h.edges[i];
    const b = h.edges[i + 1];
    const text = (v: number) => edgeText(h, v, b - a, integer, full);
    if (a === -Infinity && b === Infinity) return 'all';
    if (a === -Infinity) return integer ? `≤ ${text(b - 1)}` : `< ${text(b)}`;
    if (b === Infinity) return `≥ ${text(a)}`;
    if (integer) return b - a <= 1 ? text(a) : `${text(a)}–${text(b - 1)}`;
    return `${text(a)}–${text(b)}`;
  });
}

/** A bin in words for a tooltip: `3`, `10 to 14`, `22,000 or more`, `under 47`. */
export function binPhrase(h: Bars, i: number, integer: boolean): string {
  const a = h.edges[i];
  const b = h.edges[i + 1];
  const text = (v: number) => edgeText(h, v, b - a, integer, true);
  if (a === -Infinity && b === Infinity) return 'any';
  if (a === -Infinity) return integer ? `${text(b - 1)} or fewer` : `under ${text(b)}`;
  if (b === Infinity) return `${text(a)} or more`;
  if (integer) return b - a <= 1 ? text(a) : `${text(a)} to ${text(b - 1)}`;
  return `${text(a)} to ${text(b)}`;
}

const customers = (n: number) => `${formatCount(n)} ${n === 1 ? 'customer' : 'customers'}`;

/** `1,494 customers with 1 order`, `812 customers last ordered 1 to 37 days ago`, `40 customers with monetary value 1,000 to 1,500`. */
export function binSentence(h: Bars, i: number, metric: Metric): string {
  const n = h.counts[i] ?? 0;
  const phrase = binPhrase(h, i, METRICS[metric].integer);
  if (metric === 'recency') return `${customers(n)} last ordered ${phrase} days ago`;
  if (metric === 'frequency') return `${customers(n)} with ${phrase} ${phrase === '1' ? 'order' : 'orders'}`;
  return `${customers(n)} with monetary value ${phrase}`;
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
 * are the bins: −0.5 is the left edge of the first bar, n − 0.5 the right edge of the last; inside
 * a bin linear, or by ratio on a log scale; the middle of an open bin. Clamped to those two ends.
 */
export function binPosition(edges: readonly number[], x: number, log = false): number {
  const n = edges.length - 1;
  if (n < 1 || x <= edges[0]) return -0.5;
  if (x >= edges[n]) return n - 0.5;
  let i = 0;
  while (i < n - 1 && x >= edges[i + 1]) i++;
  const [a, b] = [edges[i], edges[i + 1]];
  const t = !Number.isFinite(a) || !Number.isFinite(b) ? 0.5 : log && a > 0 ? Math.log(x / a) / Math.log(b / a) : (x - a) / (b - a);
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
export function cutLayout(h: Bars, cuts: readonly number[], bins: number, metric: Metric): CutLayout {
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
    const a = binPosition(h.edges, from, h.log);
    const b = binPosition(h.edges, to, h.log);
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
export function binScores(h: Bars, cuts: readonly number[], bins: number, metric: Metric, ntile: boolean): string[] {
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

export function histogramTable(h: Bars, cuts: readonly number[], bins: number, metric: Metric, ntile: boolean): ChartTable {
  const labels = binLabels(h, METRICS[metric].integer, true);
  const scores = binScores(h, cuts, bins, metric, ntile);
  return { columns: [axisTitle(h, metric), 'Customers', 'Score'], rows: h.counts.map((n, i) => [labels[i], n, scores[i]]) };
}

/** `Orders (log scale)`, or the plain axis name for equal-width bins. */
export function axisTitle(h: Bars, metric: Metric): string {
  return `${METRICS[metric].axis}${h.log ? ' (log scale)' : ''}`;
}

/**
 * How the bars are cut, said under the chart title: `Log scale: bars ×2.2 wide (e.g. 470–1K). “≥ 10K”
 * holds the top 1 % of customers or fewer.`, then what the dashed lines are.
 */
export function histogramNote(h: Bars, metric: Metric, ntile: boolean): string {
  const parts: string[] = [];
  const { integer } = METRICS[metric];
  if (h.log) {
    const labels = binLabels(h, integer);
    const example = h.counts.findIndex(
      (_, i) => Number.isFinite(h.edges[i]) && Number.isFinite(h.edges[i + 1]) && (!integer || h.edges[i] >= 10),
    );
    const shown = example >= 0 ? ` (e.g. ${labels[example]})` : '';
    parts.push(`Log scale: bars ×${h.step} wide${shown}${integer ? ', one per value below 10' : ''}.`);
    // A no-break space keeps "1 %" on one line.
    if (h.edges.at(-1) === Infinity) parts.push(`“${labels.at(-1)}” holds the top ${TAIL_SHARE * 100}\u00a0% of customers or fewer.`);
  }
  parts.push('Dashed lines: score cut points; each band shows its score.');
  if (ntile) parts.push('Customers tied on a cut value can get either neighbouring score (rank n-tiles).');
  return parts.join(' ');
}

/** A histogram of one RFM metric with its score cut points as dashed lines and each band's score on top. */
export function histogramChart(result: AnalysisResult, metric: Metric): ChartSpec {
  const m = METRICS[metric];
  const h = metricBars(result, metric);
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
        // Every bar keeps its label, the open "≥" one above all: rotated as steeply as the bars need, never skipped.
        x: {
          type: 'category',
          grid: { display: false },
          ticks: { autoSkip: false, maxRotation: 90 },
          title: { display: true, text: axisTitle(h, metric) },
        },
        y: { type: 'linear', beginAtZero: true, grace: '12%', ticks: { precision: 0 }, title: { display: true, text: 'Customers' } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'bar'>) => binSentence(h, item.dataIndex, metric),
            afterLabel: (item: TooltipItem<'bar'>) => `Score ${scores[item.dataIndex] ?? ''} (${result.bins} = best)`,
          },
        },
      },
    },
    plugins: [cutLinesPlugin(cutLayout(h, cuts, result.bins, metric))],
  };
  return {
    title: `${m.title}: ${m.axis.toLowerCase()}`,
    summary: histogramSummary(h, cuts, metric),
    note: histogramNote(h, metric, ntile),
    config,
    table: { ...histogramTable(h, cuts, result.bins, metric, ntile), caption: `${m.title}: customers per bin and score` },
  };
}

function histogramSummary(h: Bars, cuts: readonly number[], metric: Metric): string {
  const m = METRICS[metric];
  const n = h.counts.length;
  if (n === 0) return `Histogram of ${m.title.toLowerCase()}: no customers.`;
  const finite = h.edges.filter(Number.isFinite);
  const width = finite.length > 1 ? finite[1] - finite[0] : 1;
  const text = (v: number) => (m.integer ? formatCount(v) : h.log ? formatLogEdge(v, true) : formatEdge(v, width));
  const values = [...new Set(cuts)].map(text);
  const low = h.edges[0] === -Infinity ? `under ${text(h.edges[1])}` : text(h.edges[0]);
  const high = h.edges[n] === Infinity ? `${text(h.edges[n - 1])} or more` : text(h.edges[n]);
  const range = `from ${low} to ${high}`;
  const scale = h.log ? ' on a log scale' : '';
  return `Histogram of ${m.title.toLowerCase()}${scale} in ${n} bins ${range}${m.unit}; score cut points at ${values.join(', ') || 'none'}${m.unit}.`;
}
