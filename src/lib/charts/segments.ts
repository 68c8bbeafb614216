import type { ChartConfiguration, ChartEvent, TooltipItem } from 'chart.js';
import { formatCount, formatRounded } from '../format.ts';
import { overlapMeasures } from '../segments/kpis.ts';
import type { AttributeProfile, Kpis, KpiIndex } from '../segments/types.ts';
import { CUSTOMERS_COLOR, EMPTY_CELL_COLOR, MUTED_COLOR, REVENUE_COLOR, heatColor, heatLevel, heatTextColor } from './colors.ts';
import { BASE_OPTIONS } from './config.ts';
import { formatMoney, formatPercent } from './format.ts';
import { UPRIGHT_MAX_BARS, fitsUpright, wrapLabel } from './groups.ts';
import { binLabels } from './histogram.ts';
import { countInto, logHistogram } from './log-bins.ts';
import { cellLabelsPlugin } from './plugins.ts';
import type { ChartSpec } from './types.ts';

/** A valid segment as the charts need it. */
export interface SegmentRow {
  name: string;
  color: string;
  kpis: Kpis;
  index: KpiIndex;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const pct = (share: number) => round1(100 * share);
const percentAxis = { type: 'linear' as const, beginAtZero: true, ticks: { callback: (v: string | number) => `${v} %` } };

/** Each segment's share of all customers and of all revenue: segments may overlap, so shares are of the base, not of each other. */
export function segmentSharesChart(rows: readonly SegmentRow[]): ChartSpec {
  const horizontal = !fitsUpright(rows.map((r) => r.name));
  const names = {
    type: 'category' as const,
    grid: { display: false },
    ...(horizontal ? {} : { ticks: { autoSkip: false, maxRotation: 0 } }),
  };
  const shares = { ...percentAxis, title: { display: true, text: '% of the base' } };
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: rows.map((r) => (horizontal ? r.name : wrapLabel(r.name))),
      datasets: [
        { label: '% of customers', data: rows.map((r) => pct(r.kpis.shareOfCustomers)), backgroundColor: CUSTOMERS_COLOR },
        { label: '% of revenue', data: rows.map((r) => pct(r.kpis.shareOfRevenue)), backgroundColor: REVENUE_COLOR },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: shares, y: names } : { x: names, y: shares },
      plugins: {
        legend: { position: 'top' },
        tooltip: { callbacks: { title: () => '', label: (item: TooltipItem<'bar'>) => segmentShareTooltip(rows[item.dataIndex]) } },
      },
    },
  };
  const top = rows.length ? rows.reduce((a, b) => (b.kpis.shareOfRevenue > a.kpis.shareOfRevenue ? b : a)) : null;
  return {
    title: 'Segment size and revenue share',
    summary:
      `Bar chart of each of ${rows.length} segments' share of customers and of revenue.` +
      (top
        ? ` Largest revenue share: ${top.name}, ${formatPercent(top.kpis.shareOfRevenue)} from ${formatPercent(top.kpis.shareOfCustomers)} of customers.`
        : ''),
    note: 'Segments may overlap, so the bars need not add up to 100 %.',
    config,
    table: {
      columns: ['Segment', 'Customers', '% of customers', 'Revenue', '% of revenue'],
      rows: rows.map((r) => [
        r.name,
        r.kpis.customers,
        formatPercent(r.kpis.shareOfCustomers),
        formatMoney(r.kpis.revenue),
        formatPercent(r.kpis.shareOfRevenue),
      ]),
    },
    height: horizontal ? Math.max(260, 60 + rows.length * 34) : 300,
  };
}

/** `Mobile big spenders: 1,234 customers (12.3 % of customers), 40 % of revenue`. */
export function segmentShareTooltip(row: SegmentRow | undefined): string {
  if (!row) return '';
  const { customers, shareOfCustomers, shareOfRevenue } = row.kpis;
  return `${row.name}: ${formatCount(customers)} ${customers === 1 ? 'customer' : 'customers'} (${formatPercent(shareOfCustomers)} of customers), ${formatPercent(shareOfRevenue)} of revenue`;
}

export const INDEX_KPIS: { key: keyof KpiIndex; label: string; color: string }[] = [
  { key: 'ordersPerCustomer', label: 'Orders per customer', color: CUSTOMERS_COLOR },
  { key: 'aov', label: 'Average order value', color: REVENUE_COLOR },
  { key: 'revenuePerCustomer', label: 'Revenue per customer', color: '#2e8b57' },
  { key: 'avgRecency', label: 'Average recency (days)', color: MUTED_COLOR },
];

/** Per-customer KPIs as an index against the whole base (base = 100), one group of bars per segment. */
export function kpiIndexChart(rows: readonly SegmentRow[]): ChartSpec {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.name),
      datasets: INDEX_KPIS.map((k) => ({ label: k.label, data: rows.map((r) => round1(r.index[k.key] ?? 0)), backgroundColor: k.color })),
    },
    options: {
      ...BASE_OPTIONS,
      indexAxis: 'y',
      scales: {
        x: { type: 'linear', beginAtZero: true, title: { display: true, text: 'Index (whole base = 100)' } },
        y: { type: 'category', grid: { display: false } },
      },
      plugins: {
        legend: { position: 'top' },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'bar'>) => kpiIndexTooltip(rows[item.dataIndex], INDEX_KPIS[item.datasetIndex]),
          },
        },
      },
    },
  };
  return {
    title: 'KPI index against the base',
    summary: `Horizontal bar chart of ${rows.length} segments' KPIs as an index, where the whole customer base is 100. Above 100 outperforms the base; for recency, above 100 means longer since the last order.`,
    note: 'Base = 100. For recency, higher means longer since the last order.',
    config,
    table: {
      columns: ['Segment', ...INDEX_KPIS.map((k) => `${k.label} index`)],
      rows: rows.map((r) => [r.name, ...INDEX_KPIS.map((k) => (r.index[k.key] === null ? '–' : Math.round(r.index[k.key]!)))]),
    },
    height: Math.max(260, 80 + rows.length * 60),
  };
}

/** `Mobile big spenders: average order value index 120 (whole base = 100)`. */
export function kpiIndexTooltip(row: SegmentRow | undefined, kpi: (typeof INDEX_KPIS)[number] | undefined): string {
  if (!row || !kpi) return '';
  const value = row.index[kpi.key];
  return `${row.name}: ${kpi.label.toLowerCase()} index ${value === null ? '–' : Math.round(value)} (whole base = 100)`;
}

const ofRow = (overlap: readonly (readonly number[])[], i: number, j: number) => overlapMeasures(overlap, i, j).ofRow ?? 0;

/** A matrix point: x = column segment, y = row segment, v = % of the row segment in the column segment. */
interface OverlapPoint {
  x: number;
  y: number;
  v: number;
  both: number;
}

/**
 * Every pair of segments: colour = share of the row segment's customers who are also in the
 * column segment. `onPick` hears a click on a cell with the two segments' positions.
 */
export function overlapChart(
  names: readonly string[],
  overlap: readonly (readonly number[])[],
  onPick: (row: number, column: number) => void,
): ChartSpec {
  const n = names.length;
  const points: OverlapPoint[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      points.push({ x: j + 1, y: i + 1, v: ofRow(overlap, i, j), both: overlap[i][j] });
    }
  }
  const levels = points.map((p) => heatLevel(p.v, 1));
  const colors = points.map((p, k) => (p.both === 0 ? EMPTY_CELL_COLOR : heatColor(levels[k])));
  // One tick per segment, labelled with its name; rows run from the first segment at the top.
  // Columns are narrow: their names stand upright, broken between words, or, past six segments,
  // as the numbers the row names start with.
  const numbered = n > UPRIGHT_MAX_BARS;
  const rowName = (k: number) => (numbered ? `${k + 1}. ${names[k]}` : names[k]);
  const columnName = (k: number) => (numbered ? `${k + 1}` : wrapLabel(names[k]));
  const axis = (reverse: boolean, label: (k: number) => string | string[]) => ({
    type: 'linear' as const,
    min: 0.5,
    max: n + 0.5,
    reverse,
    offset: false,
    grid: { display: false },
    border: { display: false },
    afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
      scale.ticks = names.map((_, k) => ({ value: k + 1 }));
    },
    ticks: {
      autoSkip: false,
      maxRotation: 0,
      callback: (v: string | number) => (names[Number(v) - 1] === undefined ? '' : label(Number(v) - 1)),
    },
  });
  const config: ChartConfiguration<'matrix'> = {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: '% of the row segment',
          data: points,
          backgroundColor: colors,
          borderColor: '#ffffff',
          borderWidth: 1,
          width: ({ chart }) => (chart.chartArea ? chart.chartArea.width / Math.max(1, n) : 0),
          height: ({ chart }) => (chart.chartArea ? chart.chartArea.height / Math.max(1, n) : 0),
        },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      scales: { x: axis(false, columnName), y: axis(true, rowName) },
      onClick: (_event: ChartEvent, elements: { index: number }[]) => {
        const p = elements[0] ? points[elements[0].index] : undefined;
        if (p) onPick(p.y - 1, p.x - 1);
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'matrix'>[]) => {
              const p = items[0]?.raw as OverlapPoint | undefined;
              return p ? `${names[p.y - 1]} → ${names[p.x - 1]}` : '';
            },
            label: (item: TooltipItem<'matrix'>) => {
              const p = item.raw as OverlapPoint;
              return `${formatCount(p.both)} customers in both, ${formatPercent(p.v)} of the row segment`;
            },
          },
        },
      },
    },
    plugins: [cellLabelsPlugin({ texts: points.map((p) => (p.both ? formatPercent(p.v) : '')), colors: levels.map(heatTextColor) })],
  };
  return {
    title: 'Segment overlap',
    summary: `Heatmap of ${n} by ${n} segments: each cell is the share of the row segment's customers who are also in the column segment. Click a cell to list those customers.`,
    note: 'Row segment → column segment: % of the row segment also in the column segment. Click a cell to list the customers in both.',
    config,
    table: {
      columns: ['Segment', ...names],
      rows: names.map((name, i) => [name, ...names.map((_, j) => formatPercent(ofRow(overlap, i, j)))]),
    },
    height: Math.max(280, 90 + n * 44),
  };
}

const valueLabel = (v: string | null) => v ?? '(empty)';

/** One attribute inside the segment against the base: shares of its top values, or a histogram. */
export function profileChart(attribute: AttributeProfile, segmentName: string): ChartSpec {
  const isCategorical = attribute.kind === 'categorical';
  const logBars = attribute.kind === 'numeric' && attribute.valueCounts ? profileLogBars(attribute.valueCounts) : null;
  // Ranges short on the axis (`-4.29K–24.2K`, so that a rotated first label stays on the canvas), in full in the table.
  const edges = attribute.kind === 'numeric' ? attribute.edges : [];
  const ranges = (format: (n: number) => string) => edges.slice(0, -1).map((a, i) => `${format(a)}–${format(edges[i + 1])}`);
  const labels = isCategorical ? attribute.values.map((v) => valueLabel(v.value)) : (logBars?.labels ?? ranges(formatShortEdge));
  const fullLabels = isCategorical ? labels : (logBars?.fullLabels ?? ranges(formatEdgeLabel));
  const inside = isCategorical ? attribute.values.map((v) => pct(v.shareInside)) : (logBars?.inside ?? attribute.inside).map(pct);
  const base = isCategorical ? attribute.values.map((v) => pct(v.shareBase)) : (logBars?.base ?? attribute.base).map(pct);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: segmentName, data: inside, backgroundColor: CUSTOMERS_COLOR },
        { label: 'All customers', data: base, backgroundColor: MUTED_COLOR },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      indexAxis: isCategorical ? 'y' : 'x',
      scales: isCategorical
        ? { x: percentAxis, y: { type: 'category', grid: { display: false } } }
        : { x: { type: 'category', grid: { display: false } }, y: percentAxis },
      plugins: {
        legend: { position: 'top' },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'bar'>) =>
              profileTooltip(
                attribute.column,
                fullLabels[item.dataIndex],
                Number(item.raw) / 100,
                item.datasetIndex === 0 ? segmentName : null,
              ),
          },
        },
      },
    },
  };
  const table = isCategorical
    ? {
        columns: ['Value', `% in ${segmentName}`, '% of all customers', 'Lift'],
        rows: attribute.values.map((v) => [
          valueLabel(v.value),
          formatPercent(v.shareInside),
          formatPercent(v.shareBase),
          v.lift === null ? '–' : round2(v.lift),
        ]),
      }
    : {
        columns: ['Range', `% in ${segmentName}`, '% of all customers'],
        rows: fullLabels.map((l, i) => [l, `${inside[i]} %`, `${base[i]} %`]),
      };
  return {
    title: logBars ? `${attribute.column} (log scale)` : attribute.column,
    summary: profileSummary(attribute, segmentName),
    config,
    table,
    height: isCategorical ? Math.max(180, 60 + labels.length * 30) : 220,
  };
}

/** `34.3 % of High-value, lapsing have rfm_segment Loyal`; `segment` null for all customers. */
export function profileTooltip(column: string, value: string | undefined, share: number, segment: string | null): string {
  return `${formatPercent(share)} of ${segment ?? 'all customers'} have ${column} ${value ?? ''}`.trimEnd();
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const edgeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const formatEdgeLabel = (n: number) => edgeFormat.format(n);
const shortFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
const formatShortEdge = (n: number) => shortFormat.format(n);

/** "62 % mobile in this segment vs 40 % overall" for the value with the highest lift; means for numbers. */
export function profileSummary(attribute: AttributeProfile, segmentName: string): string {
  if (attribute.kind === 'numeric') {
    // Two places, rounded as the KPI table and the export round (DuckDB's round).
    const mean = (v: number | null) => (v === null ? '–' : formatRounded(v));
    return `${attribute.column}: mean ${mean(attribute.meanInside)} in ${segmentName} vs ${mean(attribute.meanBase)} overall; median ${mean(attribute.medianInside)} vs ${mean(attribute.medianBase)}.`;
  }
  const top = attribute.values.filter((v) => v.inside > 0).sort((a, b) => (b.lift ?? 0) - (a.lift ?? 0))[0];
  if (!top) return `${attribute.column}: no values in ${segmentName}.`;
  return `${attribute.column}: ${formatPercent(top.shareInside)} ${valueLabel(top.value)} in ${segmentName} vs ${formatPercent(top.shareBase)} overall (lift ${round2(top.lift ?? 0)}).`;
}

type ProfileValueCounts = NonNullable<Extract<AttributeProfile, { kind: 'numeric' }>['valueCounts']>;

/**
 * A long-tailed metric's profile bars on the RFM panel's log scale: bins chosen from the base's
 * values (open "< L" and "≥ X" bars for the tails), both sides counted into them, as shares.
 */
export function profileLogBars(counts: ProfileValueCounts) {
  const bars = logHistogram({ values: counts.values, counts: counts.base }, counts.integer);
  const inside = countInto(bars.edges, { values: counts.values, counts: counts.inside });
  const share = (list: number[]) => {
    const total = list.reduce((a, b) => a + b, 0);
    return list.map((n) => (total ? n / total : 0));
  };
  return {
    labels: binLabels(bars, counts.integer),
    fullLabels: binLabels(bars, counts.integer, true),
    inside: share(inside),
    base: share(bars.counts),
  };
}
