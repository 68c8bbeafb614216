import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { GroupTotal } from '../analysis/result.ts';
import { formatCount } from '../format.ts';
import { CUSTOMERS_COLOR, REVENUE_COLOR } from './colors.ts';
import { BASE_OPTIONS } from './config.ts';
import { formatMoney, formatPercent } from './format.ts';
import type { ChartSpec, ChartTable } from './types.ts';

/** A group's shares of all customers and of all revenue of the groups shown (0–1; 0 when the total is 0). */
export interface GroupShare extends GroupTotal {
  customerShare: number;
  revenueShare: number;
}

export function groupShares(groups: readonly GroupTotal[]): GroupShare[] {
  const customers = groups.reduce((n, g) => n + g.customers, 0);
  const revenue = groups.reduce((n, g) => n + g.revenue, 0);
  return groups.map((g) => ({
    name: g.name,
    customers: g.customers,
    revenue: g.revenue,
    customerShare: customers > 0 ? g.customers / customers : 0,
    revenueShare: revenue > 0 ? g.revenue / revenue : 0,
  }));
}

export function groupTable(shares: GroupShare[], dimension: string): ChartTable {
  return {
    columns: [dimension, 'Customers', '% of customers', 'Revenue', '% of revenue'],
    rows: shares.map((g) => [g.name, g.customers, formatPercent(g.customerShare), formatMoney(g.revenue), formatPercent(g.revenueShare)]),
  };
}

export interface GroupChartOptions {
  title: string;
  /** The table's first column and the tooltips' noun: 'Segment', 'Tier', 'Stage'. */
  dimension: string;
  /** Bars along the y axis (long lists such as RFM segments); by default only when the names would not fit upright. */
  horizontal?: boolean;
}

/**
 * Customers and revenue per group as two bar datasets on one percentage axis: the share of all
 * customers and the share of all revenue, so that a group's weight in each reads side by side.
 * Tooltips and the table give the counts and amounts.
 */
export function groupChart(groups: readonly GroupTotal[], options: GroupChartOptions): ChartSpec {
  const shares = groupShares(groups);
  const horizontal = options.horizontal ?? !fitsUpright(shares.map((g) => g.name));
  const valueAxis = {
    type: 'linear' as const,
    beginAtZero: true,
    ticks: { callback: (v: string | number) => `${v} %` },
    title: { display: true, text: '% of total' },
  };
  // Names on the x axis stay horizontal, broken into lines between words ('never purchased' on
  // two lines), so that neighbours never overlap as rotated labels did.
  const groupAxis = horizontal
    ? { type: 'category' as const, grid: { display: false } }
    : { type: 'category' as const, grid: { display: false }, ticks: { autoSkip: false, maxRotation: 0, minRotation: 0 } };
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: shares.map((g) => (horizontal ? g.name : wrapLabel(g.name))),
      datasets: [
        { label: 'Customers', data: shares.map((g) => round2(100 * g.customerShare)), backgroundColor: CUSTOMERS_COLOR },
        { label: 'Revenue', data: shares.map((g) => round2(100 * g.revenueShare)), backgroundColor: REVENUE_COLOR },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: valueAxis, y: groupAxis } : { x: groupAxis, y: valueAxis },
      plugins: {
        legend: { position: 'top' },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'bar'>) => groupTooltip(shares[item.dataIndex], item.datasetIndex),
          },
        },
      },
    },
  };
  return {
    title: options.title,
    summary: groupSummary(shares, options),
    config,
    table: groupTable(shares, options.dimension),
    height: horizontal ? Math.max(260, 60 + shares.length * 34) : 300,
  };
}

/**
 * A group in words, led by the bar pointed at: `Champions: 743 customers (15.7 % of customers),
 * 50.2 % of revenue` on a customers bar, `Champions: 50.2 % of revenue (12,345.00), 743
 * customers` on a revenue bar.
 */
export function groupTooltip(g: GroupShare | undefined, datasetIndex: number): string {
  if (!g) return '';
  const who = `${formatCount(g.customers)} ${g.customers === 1 ? 'customer' : 'customers'}`;
  return datasetIndex === 0
    ? `${g.name}: ${who} (${formatPercent(g.customerShare)} of customers), ${formatPercent(g.revenueShare)} of revenue`
    : `${g.name}: ${formatPercent(g.revenueShare)} of revenue (${formatMoney(g.revenue)}), ${who}`;
}

/** Upright bars fit their names under them, wrapped, at the narrowest card (about 65 px a bar for 6 bars). */
export const UPRIGHT_MAX_BARS = 6;
export const UPRIGHT_MAX_LINE = 10;

export function fitsUpright(names: readonly string[]): boolean {
  return names.length <= UPRIGHT_MAX_BARS && names.every((n) => n.split(/\s+/).every((word) => word.length <= UPRIGHT_MAX_LINE));
}

/** A category name as lines of at most `width` characters, broken between words; one word stays whole. */
export function wrapLabel(name: string, width = UPRIGHT_MAX_LINE): string | string[] {
  const lines: string[] = [];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 1 ? lines : name;
}

function groupSummary(shares: GroupShare[], options: GroupChartOptions): string {
  const base = `Bar chart of the share of customers and of revenue for ${shares.length} ${options.dimension.toLowerCase()} groups.`;
  if (shares.length === 0) return base;
  const top = shares.reduce((a, b) => (b.revenue > a.revenue ? b : a));
  return `${base} Largest revenue: ${top.name}, ${formatPercent(top.revenueShare)} of revenue from ${formatPercent(top.customerShare)} of customers.`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
