import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import type { ChartTable } from './types.ts';
import { whiteBackgroundPlugin } from './plugins.ts';
import { formatCount } from '../format.ts';

/** Options every chart shares: no animation (deterministic tests and screenshots), filling a fixed-height box. */
export const BASE_OPTIONS = { animation: false, responsive: true, maintainAspectRatio: false } as const;

/** A copy of `config` with the shared options enforced and a white background for PNG export. */
export function finalizeConfig<T extends ChartType>(config: ChartConfiguration<T>): ChartConfiguration<T> {
  return {
    ...config,
    options: { ...config.options, ...BASE_OPTIONS } as ChartConfiguration<T>['options'],
    plugins: [...(config.plugins ?? []), whiteBackgroundPlugin as Plugin<T>],
  };
}

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A table cell as text: whole numbers with thousands separators, others with at most two decimals. */
export function formatCell(value: string | number): string {
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? formatCount(value) : decimal.format(value);
}

const NUMERIC = /^[-+]?[\d,]*\.?\d+( ?%)?$/;

/** Per column: whether every non-empty cell is a number (right-aligned in the table). */
export function numericColumns(table: ChartTable): boolean[] {
  return table.columns.map(
    (_, i) =>
      table.rows.length > 0 &&
      table.rows.every((row) => {
        const cell = row[i];
        return typeof cell === 'number' || cell === '' || cell === '–' || NUMERIC.test(String(cell));
      }),
  );
}
