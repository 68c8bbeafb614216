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
  /** Bars along the y axis (long lists such as RFM segments). */
  horizontal?: boolean;
}

/**
 * Customers and revenue per group as two bar datasets on one percentage axis: the share of all
 * customers and the share of all revenue, so that a group's weight in each reads side by side.
 * Tooltips and the table give the counts and amounts.
 */
export function groupChart(groups: readonly GroupTotal[], options: GroupChartOptions): ChartSpec {
  const shares = groupShares(groups);
  const horizontal = options.horizontal ?? false;
  const valueAxis = {
    type: 'linear' as const,
    beginAtZero: true,
    ticks: { callback: (v: string | number) => `${v} %` },
    title: { display: true, text: '% of total' },
  };
  const groupAxis = { type: 'category' as const, grid: { display: false } };
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: shares.map((g) => g.name),
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
        tooltip: { callbacks: { label: (item: TooltipItem<'bar'>) => groupTooltip(shares[item.dataIndex], item.datasetIndex) } },
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

/** `Customers: 12.5 % (1,234)` or `Revenue: 40 % (56,789.00)`. */
export function groupTooltip(g: GroupShare | undefined, datasetIndex: number): string {
  if (!g) return '';
  return datasetIndex === 0
    ? `Customers: ${formatPercent(g.customerShare)} (${formatCount(g.customers)})`
    : `Revenue: ${formatPercent(g.revenueShare)} (${formatMoney(g.revenue)})`;
}

function groupSummary(shares: GroupShare[], options: GroupChartOptions): string {
  const base = `Bar chart of the share of customers and of revenue for ${shares.length} ${options.dimension.toLowerCase()} groups.`;
  if (shares.length === 0) return base;
  const top = shares.reduce((a, b) => (b.revenue > a.revenue ? b : a));
  return `${base} Largest revenue: ${top.name}, ${formatPercent(top.revenueShare)} of revenue from ${formatPercent(top.customerShare)} of customers.`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
