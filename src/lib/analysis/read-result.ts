import type { SqlRunner } from '../import/sql-runner.ts';
import { LIFECYCLE_STAGES, type AnalysisSpec } from '../spec/analysis.ts';
import { lifecycleTotalsSql, NEVER_PURCHASED } from '../sql/lifecycle.ts';
import { histogramSql, summarySql } from '../sql/metrics.ts';
import { valueCountsSql } from '../sql/value-counts.ts';
import { cellsSql, cutRowsSql, mValue, scoreClassesSql } from '../sql/rfm.ts';
import { overviewActivityRowsSql, overviewMonthsRowsSql, revenueAtRiskSql } from '../sql/overview.ts';
import { OTHER_SEGMENT, segmentTotalsSql } from '../sql/segments.ts';
import { lorenzSql, tierTotalsSql, topSql } from '../sql/tiers.ts';
import { trimDecimal } from '../import/decimal-text.ts';
import type { AnalysisResult, GroupTotal, Histogram, OverviewFigures, ValueCounts } from './result.ts';
import { checkCellMap } from './segment-map.ts';

type Row = Record<string, unknown>;

const num = (v: unknown): number => (v == null ? 0 : Number(v));

/** The rows behind each part of the result, kept so that a change re-reads only what it touched. */
export type ResultRows = Record<string, Row[]>;

/**
 * Which stage tables each part reads (the Pareto top is cheap and also depends on its percent: always
 * read). Parts with none read tables only an import builds: an import passes no rows to reuse, so
 * they are read once per import.
 */
const PART_STAGES: Record<string, readonly string[]> = {
  summary: ['metrics'],
  classes: ['scores'],
  cutRows: ['scores'],
  cells: ['scores'],
  segments: ['segments'],
  tiers: ['tiers'],
  lifecycle: ['lifecycle'],
  lorenz: ['metrics'],
  recency: ['metrics'],
  frequency: ['metrics'],
  monetary: ['metrics', 'scores'],
  activity: [],
  months: [],
  // The window counts back from the analysis date, which reruns metrics and so lifecycle.
  atRisk: ['lifecycle'],
};

/**
 * Reads every field of the result from the stage tables, one small query per part. With the rows
 * of a previous read and the set of stages that reran, parts whose stages did not rerun are reused.
 */
export async function readResult(
  db: SqlRunner,
  spec: AnalysisSpec,
  analysisDate: string,
  reuse: { rows: ResultRows; stale: ReadonlySet<string> } | null = null,
): Promise<{ result: AnalysisResult; rows: ResultRows }> {
  const { rfm } = spec;
  const queries: Record<string, string | null> = {
    summary: summarySql(),
    classes: scoreClassesSql(),
    cutRows: rfm.method === 'ntile' ? null : cutRowsSql(rfm),
    cells: cellsSql(),
    segments: segmentTotalsSql(),
    tiers: tierTotalsSql(),
    lifecycle: lifecycleTotalsSql(),
    lorenz: lorenzSql(),
    recency: histogramSql('recency_days', true),
    frequency: valueCountsSql('frequency'),
    monetary: valueCountsSql(mValue(rfm)),
    activity: overviewActivityRowsSql(),
    months: overviewMonthsRowsSql(),
    atRisk: revenueAtRiskSql(analysisDate),
  };
  const rows: ResultRows = {};
  for (const [part, sql] of Object.entries(queries)) {
    const kept = reuse?.rows[part];
    if (sql === null) rows[part] = [];
    else if (kept && !PART_STAGES[part].some((stage) => reuse.stale.has(stage))) rows[part] = kept;
    else rows[part] = await db.rows(sql);
  }
  const [top] = await db.rows(topSql(spec.tiers.topPercent));
  const [summary] = rows.summary;
  const { classes, cutRows, cells, segments, tiers, lifecycle, lorenz } = rows;

  const neverPurchased = num(summary.never_purchased);
  const cellCheck = rfm.map.kind === 'cells' ? checkCellMap(rfm.map.segments, rfm.bins) : { uncovered: [], doubleClaimed: [] };
  const result: AnalysisResult = {
    analysisDate,
    method: rfm.method,
    bins: rfm.bins,
    buyers: num(summary.buyers),
    neverPurchased,
    revenue: trimDecimal(String(summary.revenue)),
    cuts: rfm.method === 'ntile' ? ntileCuts(classes, rfm.bins) : listCuts(cutRows),
    classSizes: {
      r: classSizes(classes, 'r', rfm.bins),
      f: classSizes(classes, 'f', rfm.bins),
      m: classSizes(classes, 'm', rfm.bins),
    },
    cells: cells.map((c) => ({ cell: String(c.rfm_cell), customers: num(c.customers), avgMonetary: num(c.avg_monetary) })),
    segments: segmentTotals(segments, spec),
    uncoveredCells: cellCheck.uncovered,
    doubleClaimedCells: cellCheck.doubleClaimed,
    top: {
      percent: spec.tiers.topPercent,
      customers: num(top.customers),
      revenue: num(top.revenue),
      revenueShare: num(top.revenue_share),
    },
    tiers: inOrder(
      tiers,
      'value_tier',
      spec.tiers.tiers.map((t) => t.name),
    ),
    lifecycle: [
      ...inOrder(lifecycle, 'lifecycle_stage', LIFECYCLE_STAGES),
      ...(neverPurchased > 0 ? [{ name: NEVER_PURCHASED, customers: neverPurchased, revenue: 0, revenueText: '0' }] : []),
    ],
    lorenz: [[0, 0], ...lorenz.map((p): [number, number] => [num(p.customer_share), num(p.revenue_share)])],
    histograms: { recency: readHistogram(rows.recency) },
    valueCounts: { frequency: readValueCounts(rows.frequency), monetary: readValueCounts(rows.monetary) },
    overview: readOverview(rows),
  };
  return { result, rows };
}

function readOverview(rows: ResultRows): OverviewFigures {
  const [activity] = rows.activity;
  const [risk] = rows.atRisk;
  return {
    orders: num(activity.orders),
    repeatCustomers: num(activity.repeat_customers),
    gaps: num(activity.gaps),
    medianDaysBetweenOrders: activity.median_gap_days == null ? null : num(activity.median_gap_days),
    atRisk: {
      firstDay: String(risk.first_day),
      lastDay: String(risk.last_day),
      revenueText: trimDecimal(String(risk.at_risk_text)),
      revenue: num(risk.at_risk),
      customers: num(risk.at_risk_customers),
      windowRevenueText: trimDecimal(String(risk.window_revenue_text)),
      windowRevenue: num(risk.window_revenue),
    },
    months: rows.months.map((m) => ({
      month: String(m.month),
      customers: num(m.customers),
      revenue: num(m.revenue),
      revenueText: trimDecimal(String(m.revenue_text)),
    })),
  };
}

function classSizes(rows: Row[], dim: string, bins: number): number[] {
  const sizes = new Array<number>(bins).fill(0);
  for (const r of rows) if (r.dim === dim) sizes[num(r.score) - 1] = num(r.customers);
  return sizes;
}

/** ntile classes have no cut points: a class ends at its largest value (an empty class repeats the previous end). */
function ntileCuts(rows: Row[], bins: number): AnalysisResult['cuts'] {
  const upper = (dim: string, score: number) => rows.find((r) => r.dim === dim && num(r.score) === score)?.upper;
  const ends = (dim: string, scores: number[]) => {
    const out: number[] = [];
    for (const s of scores) {
      const u = upper(dim, s);
      out.push(u == null ? (out.at(-1) ?? 0) : num(u));
    }
    return out;
  };
  const up = Array.from({ length: bins - 1 }, (_, i) => i + 1);
  return {
    recency: ends(
      'r',
      up.map((k) => bins + 1 - k),
    ),
    frequency: ends('f', up),
    monetary: ends('m', up),
  };
}

function listCuts(rows: Row[]): AnalysisResult['cuts'] {
  return {
    recency: rows.map((r) => num(r.recency)),
    frequency: rows.map((r) => num(r.frequency)),
    monetary: rows.map((r) => num(r.monetary)),
  };
}

function segmentTotals(rows: Row[], spec: AnalysisSpec): AnalysisResult['segments'] {
  const byIndex = new Map(rows.map((r) => [r.segment_index == null ? null : num(r.segment_index), r]));
  const total = (r: Row | undefined) => ({
    customers: num(r?.customers),
    revenue: num(r?.revenue),
    revenueText: String(r?.revenue_text ?? '0'),
  });
  const out: AnalysisResult['segments'] = spec.rfm.map.segments.map((s, i) => ({
    name: s.name,
    action: s.action,
    ...total(byIndex.get(i)),
  }));
  const other = byIndex.get(null);
  if (other) out.push({ name: OTHER_SEGMENT, action: 'In no segment of the map: give their cells a segment.', ...total(other) });
  return out;
}

/** Totals in a fixed order of names, zero for names nobody has. */
function inOrder(rows: Row[], column: string, names: readonly string[]): GroupTotal[] {
  const byName = new Map(rows.map((r) => [String(r[column]), r]));
  return [...new Set(names)].map((name) => ({
    name,
    customers: num(byName.get(name)?.customers),
    revenue: num(byName.get(name)?.revenue),
    revenueText: String(byName.get(name)?.revenue_text ?? '0'),
  }));
}

function readHistogram(rows: Row[]): Histogram {
  if (rows.length === 0) return { edges: [], counts: [] };
  const lo = num(rows[0].lo);
  const width = num(rows[0].width);
  const bins = num(rows[0].bins);
  const counts = new Array<number>(bins).fill(0);
  for (const r of rows) counts[num(r.bin)] = num(r.customers);
  return { edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * width), counts };
}

/** `toPrecision(2)` turns 0.7000000000000001 (0.7 computed in SQL) back into 0.7: every value has two significant digits. */
function readValueCounts(rows: Row[]): ValueCounts {
  return { values: rows.map((r) => Number(num(r.value).toPrecision(2))), counts: rows.map((r) => num(r.customers)) };
}
