import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { MonthTotal } from '../analysis/result.ts';
import { formatAmount, formatCount } from '../format.ts';
import { CUSTOMERS_COLOR, REVENUE_COLOR } from './colors.ts';
import { BASE_OPTIONS } from './config.ts';
import { formatCompact, formatMoney } from './format.ts';
import type { ChartSpec, ChartTable } from './types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2011-12` → `Dec 2011`, the same in every locale. */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTHS[Number(m) - 1]} ${year}`;
}

/** One row per month: the month as `YYYY-MM`, its exact revenue, its active customers. */
export function monthlyTable(months: readonly MonthTotal[]): ChartTable {
  return {
    columns: ['Month', 'Revenue', 'Active customers'],
    rows: months.map((m) => [m.month, formatAmount(m.revenueText), m.customers]),
    caption: 'Revenue and active customers by month',
  };
}

/**
 * Whether the first or last month holds only part of a calendar month, from the first and last
 * order dates (`YYYY-MM-DD…`): then a note says so, since a half month looks like a fall.
 */
export function partialMonthsNote(firstDay: string | null, lastDay: string | null): string {
  if (!firstDay || !lastDay) return '';
  const [first, last] = [firstDay.slice(0, 10), lastDay.slice(0, 10)];
  const [y, m, d] = last.split('-').map(Number);
  const monthEnd = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const partial = [first.endsWith('-01') ? null : 'first', d === monthEnd ? null : 'last'].filter(Boolean);
  if (partial.length === 0) return '';
  const which = partial.length === 2 ? 'the first and last months hold' : `the ${partial[0]} month holds`;
  return `Orders run from ${first} to ${last}: ${which} only part of a month.`;
}

function peak(months: readonly MonthTotal[], value: (m: MonthTotal) => number): MonthTotal {
  return months.reduce((best, m) => (value(m) > value(best) ? m : best));
}

function monthlySummary(months: readonly MonthTotal[]): string {
  if (months.length === 0) return 'Line chart of revenue and active customers by month: no orders.';
  const first = monthLabel(months[0].month);
  const last = monthLabel(months[months.length - 1].month);
  const revenue = peak(months, (m) => m.revenue);
  const customers = peak(months, (m) => m.customers);
  return (
    `Line chart of revenue and active customers per month, ${first} to ${last} (${formatCount(months.length)} months). ` +
    `Revenue peaks in ${monthLabel(revenue.month)} at ${formatAmount(revenue.revenueText)}; ` +
    `active customers peak in ${monthLabel(customers.month)} at ${formatCount(customers.customers)}.`
  );
}

/**
 * Revenue (left axis) and active customers (right axis) per calendar month as two lines: the two
 * move on different scales, so each has its own axis, coloured as its line.
 */
export function monthlyChart(months: readonly MonthTotal[], note = ''): ChartSpec {
  const axis = (title: string, color: string, position: 'left' | 'right', format: (v: number) => string) => ({
    type: 'linear' as const,
    position,
    beginAtZero: true,
    title: { display: true, text: title, color },
    ticks: { color, callback: (v: string | number) => format(Number(v)) },
    grid: { drawOnChartArea: position === 'left' },
  });
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      labels: months.map((m) => monthLabel(m.month)),
      datasets: [
        {
          label: 'Revenue',
          data: months.map((m) => m.revenue),
          yAxisID: 'revenue',
          borderColor: REVENUE_COLOR,
          backgroundColor: REVENUE_COLOR,
          borderWidth: 2,
          pointRadius: 2,
          tension: 0,
        },
        {
          label: 'Active customers',
          data: months.map((m) => m.customers),
          yAxisID: 'customers',
          borderColor: CUSTOMERS_COLOR,
          backgroundColor: CUSTOMERS_COLOR,
          borderWidth: 2,
          borderDash: [6, 3],
          pointRadius: 2,
          tension: 0,
        },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { type: 'category', grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
        revenue: axis('Revenue', REVENUE_COLOR, 'left', formatCompact),
        customers: axis('Active customers', CUSTOMERS_COLOR, 'right', (v) => (Number.isInteger(v) ? formatCount(v) : '')),
      },
      plugins: {
        // Point-style swatches: a dashed line's box would be drawn as a dashed frame.
        legend: { position: 'top', labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8 } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) =>
              item.datasetIndex === 0
                ? `Revenue: ${formatMoney(item.parsed.y ?? 0)}`
                : `Active customers: ${formatCount(item.parsed.y ?? 0)}`,
          },
        },
      },
    },
  };
  return {
    title: 'Revenue and active customers by month',
    summary: monthlySummary(months),
    note: ['Per calendar month of the order date; active customers ordered at least once that month.', note].filter(Boolean).join(' '),
    config,
    table: monthlyTable(months),
    height: 300,
  };
}
