import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { AnalysisResult } from '../analysis/result.ts';
import { formatCount } from '../format.ts';
import { CUSTOMERS_COLOR, MUTED_COLOR } from './colors.ts';
import { BASE_OPTIONS } from './config.ts';
import { formatPercent } from './format.ts';
import { cutLinesPlugin } from './plugins.ts';
import type { ChartSpec, ChartTable } from './types.ts';

/** Lorenz points in percent for a linear scale: x = share of customers, y = share of revenue. */
export function lorenzPoints(lorenz: AnalysisResult['lorenz']): { x: number; y: number }[] {
  return lorenz.map(([x, y]) => ({ x: 100 * x, y: 100 * y }));
}

/** The share of revenue (0–1) at share of customers `x` (0–1), linear between the curve's points. */
export function lorenzAt(lorenz: AnalysisResult['lorenz'], x: number): number {
  if (lorenz.length === 0) return 0;
  if (x <= lorenz[0][0]) return lorenz[0][1];
  for (let i = 1; i < lorenz.length; i++) {
    const [x1, y1] = lorenz[i];
    if (x <= x1) {
      const [x0, y0] = lorenz[i - 1];
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return lorenz[lorenz.length - 1][1];
}

/** `top 20 % → 74.6 % of revenue` */
export function topCutLabel(top: AnalysisResult['top']): string {
  return `top ${formatPercent(top.percent / 100)} → ${formatPercent(top.revenueShare)} of revenue`;
}

/** `The top 20 % of customers bring 74.6 % of revenue`, from shares 0–1. */
export function lorenzTooltip(customerShare: number, revenueShare: number): string {
  return `The top ${formatPercent(customerShare)} of customers bring ${formatPercent(revenueShare)} of revenue`;
}

/** Deciles read from the curve, and the top-X % cut itself from the exact result. */
export function lorenzTable(result: AnalysisResult): ChartTable {
  const rows = new Map<number, string>();
  for (let d = 10; d <= 100; d += 10) rows.set(d, formatPercent(lorenzAt(result.lorenz, d / 100)));
  rows.set(result.top.percent, formatPercent(result.top.revenueShare));
  return {
    columns: ['Top share of customers', 'Share of revenue'],
    rows: [...rows.entries()].sort(([a], [b]) => a - b).map(([p, share]) => [formatPercent(p / 100), share]),
  };
}

/** The Pareto / Lorenz curve with the diagonal of equal spend and the top-X % cut marked. */
export function lorenzChart(result: AnalysisResult): ChartSpec {
  const { top } = result;
  const percentAxis = (title: string) => ({
    type: 'linear' as const,
    min: 0,
    max: 100,
    ticks: { stepSize: 20, callback: (v: string | number) => `${v} %` },
    title: { display: true, text: title },
  });
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'Customers ranked by revenue',
          data: lorenzPoints(result.lorenz),
          borderColor: CUSTOMERS_COLOR,
          backgroundColor: CUSTOMERS_COLOR,
          borderWidth: 2,
          pointRadius: 0,
          pointHoverRadius: 4,
          tension: 0,
        },
        {
          label: 'Equal spend (diagonal)',
          data: [
            { x: 0, y: 0 },
            { x: 100, y: 100 },
          ],
          borderColor: MUTED_COLOR,
          backgroundColor: MUTED_COLOR,
          borderWidth: 1,
          borderDash: [6, 4],
          pointRadius: 0,
          pointHoverRadius: 0,
        },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: { x: percentAxis('Share of customers, ranked by revenue'), y: percentAxis('Share of revenue') },
      plugins: {
        legend: { position: 'top' },
        tooltip: {
          filter: (item: TooltipItem<'line'>) => item.datasetIndex === 0,
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'line'>) => lorenzTooltip(item.parsed.x! / 100, item.parsed.y! / 100),
          },
        },
      },
    },
    plugins: [cutLinesPlugin({ lines: [{ at: top.percent, label: topCutLabel(top), dotY: 100 * top.revenueShare }], bands: [] })],
  };
  return {
    title: 'Pareto curve: share of revenue by top customers',
    summary: `Lorenz curve of revenue over customers ranked by revenue: the top ${formatPercent(top.percent / 100)} of customers (${formatCount(top.customers)}) bring ${formatPercent(top.revenueShare)} of revenue; the diagonal is equal spend.`,
    note: `The dashed line marks the top ${formatPercent(top.percent / 100)} of customers (${formatCount(top.customers)}).`,
    config,
    table: { ...lorenzTable(result), caption: 'Share of revenue by top share of customers (deciles read from the curve)' },
    height: 320,
  };
}
