import type { ChartConfiguration } from 'chart.js';
import type {} from 'chartjs-chart-matrix';

/** The Chart.js configurations the analysis charts use. */
export type AnyChartConfig = ChartConfiguration<'bar'> | ChartConfiguration<'line'> | ChartConfiguration<'matrix'>;

/** A chart's text alternative: a header row and one row per bar, cell or point; the first column heads its row. */
export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
  /** Defaults to the chart's title. */
  caption?: string;
}

/** Everything ChartCard shows for one chart; builders return it, components spread it. */
export interface ChartSpec {
  title: string;
  /** One or two sentences for the canvas's aria-label. */
  summary: string;
  config: AnyChartConfig;
  table: ChartTable;
  /** Height of the drawing area in CSS pixels. */
  height?: number;
  /** A short explanation under the title. */
  note?: string;
}
