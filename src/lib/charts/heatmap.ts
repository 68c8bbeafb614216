import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { AnalysisResult } from '../analysis/result.ts';
import { formatCount } from '../format.ts';
import { EMPTY_CELL_COLOR, heatColor, heatLevel, heatTextColor } from './colors.ts';
import { BASE_OPTIONS } from './config.ts';
import { formatCompact, formatMoney } from './format.ts';
import { cellLabelsPlugin } from './plugins.ts';
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

export function heatmapTable(grid: RfCell[]): ChartTable {
  return {
    columns: ['R', 'F', 'Customers', 'Avg monetary'],
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
  const axis = (title: string) => ({
    type: 'linear' as const,
    min: 0.5,
    max: bins + 0.5,
    offset: false,
    reverse: false,
    grid: { display: false },
    border: { display: false },
    ticks: { stepSize: 1, callback: (v: string | number) => (Number.isInteger(Number(v)) ? String(v) : '') },
    title: { display: true, text: title },
  });
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
      scales: { x: axis('F score (frequency)'), y: axis('R score (recency)') },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'matrix'>[]) => {
              const p = items[0]?.raw as RfPoint | undefined;
              return p ? `R ${p.r} · F ${p.f}` : '';
            },
            label: (item: TooltipItem<'matrix'>) => heatmapTooltip(item.raw as RfPoint),
          },
        },
      },
    },
    plugins: [cellLabelsPlugin({ texts, colors: levels.map(heatTextColor) })],
  };
  return {
    title: 'R × F heatmap',
    summary: heatmapSummary(grid, mode, bins),
    note: `Customers by R score (rows) and F score (columns), summed over M; colour: ${HEATMAP_MODES[mode].toLowerCase()}.`,
    config,
    table: { ...heatmapTable(grid), caption: 'R × F squares, summed over M' },
    height: 340,
  };
}

export function heatmapTooltip(p: RfPoint): string[] {
  return [`Customers: ${formatCount(p.customers)}`, `Avg monetary: ${p.avgMonetary === null ? '–' : formatMoney(p.avgMonetary)}`];
}

function heatmapSummary(grid: RfCell[], mode: HeatmapMode, bins: number): string {
  const base = `Heatmap of ${bins} R scores by ${bins} F scores, coloured by ${HEATMAP_MODES[mode].toLowerCase()}.`;
  const occupied = grid.filter((c) => c.customers > 0);
  if (occupied.length === 0) return `${base} No customers.`;
  const top = occupied.reduce((a, b) => (heatValue(b, mode) > heatValue(a, mode) ? b : a));
  const value = mode === 'customers' ? `${formatCount(top.customers)} customers` : `an average of ${formatMoney(top.avgMonetary ?? 0)}`;
  return `${base} Highest: R ${top.r}, F ${top.f} with ${value}.`;
}
