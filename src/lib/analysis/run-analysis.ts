import { WorkbenchError } from '../errors.ts';
import type { SqlRunner } from '../import/sql-runner.ts';
import type { AnalysisSpec } from '../spec/analysis.ts';
import { attributeColumnsSql, customersViewSql } from '../sql/customers-view.ts';
import { customerLifecycleSql } from '../sql/lifecycle.ts';
import { customerMetricsSql, dateLiteral, defaultAnalysisDateSql } from '../sql/metrics.ts';
import { customerScoresSql } from '../sql/rfm.ts';
import { customerSegmentsSql } from '../sql/segments.ts';
import { customerTiersSql, topSql } from '../sql/tiers.ts';
import { readResult, type ResultRows } from './read-result.ts';
import type { AnalysisResult } from './result.ts';

/** Each stage's inputs as JSON, from the last run: what `runAnalysis` compares to skip work. */
export interface StageKeys {
  metrics: string;
  scores: string;
  segments: string;
  tiers: string;
  lifecycle: string;
  view: string;
}

/**
 * What a run leaves for the next: its stage keys, the rows its result was read from, and facts of
 * the loaded data that only an import changes (an import passes null, so they are read afresh).
 */
export interface AnalysisKeys extends StageKeys {
  rows?: ResultRows;
  facts?: { defaultDate: string; attributes: string[] };
}

type Stage = keyof StageKeys;

/** Stages in the order they run, each with the stages it reads. */
const UPSTREAM: Record<Stage, Stage[]> = {
  metrics: [],
  scores: ['metrics'],
  segments: ['scores'],
  tiers: ['metrics'],
  lifecycle: ['metrics'],
  view: ['metrics', 'scores', 'segments', 'tiers', 'lifecycle'],
};

/** The stages to rerun: those whose key changed, and every stage below one that reruns. */
export function staleStages(keys: StageKeys, previous: StageKeys | null): Set<Stage> {
  const stale = new Set<Stage>();
  for (const stage of Object.keys(UPSTREAM) as Stage[]) {
    if (!previous || previous[stage] !== keys[stage] || UPSTREAM[stage].some((s) => stale.has(s))) stale.add(stage);
  }
  return stale;
}

/**
 * Builds (or updates) `customer_metrics`, `customer_scores`, `customer_segments`, `customer_tiers`,
 * `customer_lifecycle` and the `customers` view from `orders` and `customer_attributes`, then reads
 * the result. Only stages whose inputs changed since `previous` rerun; pass null after an import.
 * If it throws, the tables may be half updated: pass null on the next call.
 */
export async function runAnalysis(
  db: SqlRunner,
  spec: AnalysisSpec,
  previous: AnalysisKeys | null,
): Promise<{ result: AnalysisResult; keys: AnalysisKeys }> {
  // Every builder that needs no data runs first, so a bad spec fails before any table changes.
  const sql = {
    scores: customerScoresSql(spec.rfm),
    segments: customerSegmentsSql(spec.rfm.map),
    tiers: customerTiersSql(spec.tiers),
    lifecycle: customerLifecycleSql(spec.lifecycle),
  };
  if (spec.analysisDate !== null) dateLiteral(spec.analysisDate);
  topSql(spec.tiers.topPercent);

  const facts = previous?.facts ?? {
    defaultDate: await defaultDate(db),
    attributes: (await db.rows(attributeColumnsSql())).map((r) => String(r.name)),
  };
  const analysisDate = spec.analysisDate ?? facts.defaultDate;
  const { attributes } = facts;
  const { method, bins, monetary, thresholds } = spec.rfm;
  const keys: StageKeys = {
    metrics: JSON.stringify({ analysisDate }),
    scores: JSON.stringify({ method, bins, monetary, thresholds: method === 'thresholds' ? thresholds : null }),
    // Actions are text for people: editing one changes no table.
    segments: JSON.stringify(spec.rfm.map, (key, value: unknown) => (key === 'action' ? undefined : value)),
    tiers: JSON.stringify({ scheme: spec.tiers.scheme, tiers: spec.tiers.tiers }),
    lifecycle: JSON.stringify(spec.lifecycle),
    view: JSON.stringify(attributes),
  };

  const stale = staleStages(keys, previous);
  if (stale.has('metrics')) {
    await db.exec(customerMetricsSql(analysisDate));
  }
  if (stale.has('scores')) await db.exec(sql.scores);
  if (stale.has('segments')) await db.exec(sql.segments);
  if (stale.has('tiers')) await db.exec(sql.tiers);
  if (stale.has('lifecycle')) await db.exec(sql.lifecycle);
  // A view is rebound on every query and refuses columns whose types changed: recreate it with its tables.
  if (stale.has('view')) await db.exec(customersViewSql(attributes));

  const reuse = previous?.rows ? { rows: previous.rows, stale } : null;
  const { result, rows } = await readResult(db, spec, analysisDate, reuse);
  return { result, keys: { ...keys, rows, facts } };
}

async function defaultDate(db: SqlRunner): Promise<string> {
  const [row] = await db.rows(defaultAnalysisDateSql());
  if (row?.analysis_date == null) throw new WorkbenchError('mapping', 'No orders were loaded, so there is nothing to analyse.');
  return String(row.analysis_date);
}
