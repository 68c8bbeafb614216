import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { AnalysisResult } from '../analysis/result.ts';
import { formatCount } from '../format.ts';
import { EMPTY_CELL_COLOR, heatColor, heatLevel, heatTextColor } from './colors.ts';
import { BASE_OPTIONS } from './config.ts';
import { formatCompact, formatMoney } from './format.ts';
import { COLOR_LEGEND_HEIGHT, cellLabelsPlugin, colorLegendPlugin, type ColorLegend } from './plugins.ts';
import type { ChartSpec, ChartTable } from './types.ts';

export type HeatmapMode = 'customers' | 'avgMonetary';

export const HEATMAP_MODES: Record<HeatmapMode, string> = {
  customers: 'Customers',
  avgMonetary: 'Average monetary',
};

/** One R-F square, summed over M. `avgMonetary` is null for an empty square. */
export interface RfCell {
  r: number;
  f: number;
  customers: number;
  avgMonetary: number | null;
}

/** A matrix data point: x = F score, y = R score, v = the coloured value. */
export interface RfPoint extends RfCell {
  x: number;
  y: number;
  v: number;
}

/**
 * Every R-F square of a `bins × bins` grid, R from best to worst, F from 1 up: customers summed
 * over M, average monetary weighted by customers (Σ customers × avg / Σ customers).
 */
export function aggregateRf(cells: AnalysisResult['cells'], bins: number): RfCell[] {
  const sums = new Map<string, { customers: number; spend: number }>();
  for (const c of cells) {
    const r = Number(c.cell[0]);
    const f = Number(c.cell[1]);
    if (c.cell.length !== 3 || !(r >= 1 && r <= bins && f >= 1 && f <= bins)) continue;
    const s = sums.get(`${r}${f}`) ?? { customers: 0, spend: 0 };
    s.customers += c.customers;
    s.spend += c.customers * c.avgMonetary;
    sums.set(`${r}${f}`, s);
  }
  const out: RfCell[] = [];
  for (let r = bins; r >= 1; r--) {
    for (let f = 1; f <= bins; f++) {
      const s = sums.get(`${r}${f}`);
      out.push({ r, f, customers: s?.customers ?? 0, avgMonetary: s && s.customers > 0 ? s.spend / s.customers : null });
    }
  }
  return out;
}

/** The coloured value of a square in a mode; 0 for an empty square. */
export function heatValue(cell: RfCell, mode: HeatmapMode): number {
  return mode === 'customers' ? cell.customers : (cell.avgMonetary ?? 0);
}

/** `R score: recency (5 = best)`: the scores count up to `bins`, the best. */
export function scoreAxisTitle(dimension: 'R' | 'F', bins: number): string {
  return `${dimension} score: ${dimension === 'R' ? 'recency' : 'frequency'} (${bins} = best)`;
}

export function heatmapTable(grid: RfCell[], bins: number): ChartTable {
  return {
    columns: [`R score (${bins} = best)`, `F score (${bins} = best)`, 'Customers', 'Avg monetary'],
    rows: grid.map((c) => [c.r, c.f, c.customers, c.avgMonetary === null ? '–' : formatMoney(c.avgMonetary)]),
  };
}

/** The R×F heatmap: x = F score, y = R score (best at the top), colour from customers or average monetary. */
export function heatmapChart(result: AnalysisResult, mode: HeatmapMode): ChartSpec {
  const bins = result.bins;
  const grid = aggregateRf(result.cells, bins);
  const points: RfPoint[] = grid.map((c) => ({ ...c, x: c.f, y: c.r, v: heatValue(c, mode) }));
  const max = Math.max(0, ...points.map((p) => p.v));
  const levels = points.map((p) => heatLevel(p.v, max));
  const colors = points.map((p, i) => (p.customers === 0 ? EMPTY_CELL_COLOR : heatColor(levels[i])));
  const texts = points.map((p) => (p.customers === 0 ? '' : mode === 'customers' ? formatCompact(p.customers) : formatCompact(p.v)));
  // One tick per score, on the middle of its row or column, labelled `R5`, `F1`.
  const axis = (dimension: 'R' | 'F') => ({
    type: 'linear' as const,
    min: 0.5,
    max: bins + 0.5,
    offset: false,
    reverse: false,
    grid: { display: false },
    border: { display: false },
    afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
      scale.ticks = Array.from({ length: bins }, (_, i) => ({ value: i + 1 }));
    },
    ticks: { autoSkip: false, callback: (v: string | number) => `${dimension}${v}` },
    title: { display: true, text: scoreAxisTitle(dimension, bins) },
  });
  const legend = heatmapLegend(max, mode);
  const config: ChartConfiguration<'matrix'> = {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: HEATMAP_MODES[mode],
          data: points,
          backgroundColor: colors,
          borderColor: '#ffffff',
          borderWidth: 1,
          width: ({ chart }) => (chart.chartArea ? chart.chartArea.width / bins : 0),
          height: ({ chart }) => (chart.chartArea ? chart.chartArea.height / bins : 0),
        },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      layout: { padding: { bottom: COLOR_LEGEND_HEIGHT } },
      scales: { x: axis('F'), y: axis('R') },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'matrix'>) => heatmapTooltip(item.raw as RfPoint),
          },
        },
      },
    },
    plugins: [cellLabelsPlugin({ texts, colors: levels.map(heatTextColor) }), colorLegendPlugin(legend)],
  };
  return {
    title: 'R × F heatmap',
    summary: `${heatmapSummary(grid, mode, bins)} Colour scale: ${legend.title.toLowerCase()} from ${legend.low} (pale) to ${legend.high} (dark); grey squares hold no customers.`,
    note: `Customers by R score (rows) and F score (columns), summed over M; ${bins} = best. Colour: ${HEATMAP_MODES[mode].toLowerCase()}, darker is more.`,
    config,
    table: { ...heatmapTable(grid, bins), caption: 'R × F squares, summed over M' },
    height: 340 + COLOR_LEGEND_HEIGHT,
  };
}

/** `R5, F1: 119 customers, average monetary 1,234.00`. */
export function heatmapTooltip(p: RfPoint): string {
  const who = `R${p.r}, F${p.f}: ${formatCount(p.customers)} ${p.customers === 1 ? 'customer' : 'customers'}`;
  return p.avgMonetary === null ? who : `${who}, average monetary ${formatMoney(p.avgMonetary)}`;
}

/** Enough strips for the scale to read as continuous, as the squares' colours are. */
const LEGEND_STOPS = 28;

/** The colour scale from 0 (pale) to the largest square's value (dark), and the grey of an empty square. */
export function heatmapLegend(max: number, mode: HeatmapMode): ColorLegend {
  const value = (n: number) => (mode === 'customers' ? formatCount(n) : formatMoney(n));
  return {
    title: HEATMAP_MODES[mode],
    low: value(0),
    high: value(max),
    stops: Array.from({ length: LEGEND_STOPS }, (_, i) => heatColor(i / (LEGEND_STOPS - 1))),
    empty: { color: EMPTY_CELL_COLOR, label: 'none' },
  };
}

function heatmapSummary(grid: RfCell[], mode: HeatmapMode, bins: number): string {
  const base = `Heatmap of ${bins} R scores by ${bins} F scores, coloured by ${HEATMAP_MODES[mode].toLowerCase()}.`;
  const occupied = grid.filter((c) => c.customers > 0);
  if (occupied.length === 0) return `${base} No customers.`;
  const top = occupied.reduce((a, b) => (heatValue(b, mode) > heatValue(a, mode) ? b : a));
  const value = mode === 'customers' ? `${formatCount(top.customers)} customers` : `an average of ${formatMoney(top.avgMonetary ?? 0)}`;
  return `${base} Highest: R ${top.r}, F ${top.f} with ${value}.`;
}
