import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { AnalysisResult } from '../../src/lib/analysis/result.ts';
import { runAnalysis, type AnalysisKeys } from '../../src/lib/analysis/run-analysis.ts';
import { logHistogram } from '../../src/lib/charts/log-bins.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { AnalysisSpec } from '../../src/lib/spec/analysis.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { userSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { profileSegment, readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import { profileLogBars } from '../../src/lib/charts/segments.ts';
import { hasShared, registerOnlineRetail, SHARED } from './shared-data.ts';

type Reference = Record<string, string>;
type Ours = Record<string, unknown>;

/** How many customers agree with the reference on each column; ours keyed by customer_id. */
function agreement(reference: Reference[], ours: Map<string, Ours>, pairs: [string, string][]): Record<string, number> {
  const counts: Record<string, number> = { customers: 0, ...Object.fromEntries(pairs.map(([r]) => [r, 0])) };
  for (const ref of reference) {
    const row = ours.get(ref.customer_id);
    if (!row) continue;
    counts.customers++;
    for (const [r, o] of pairs) {
      const same = r === 'monetary' ? Math.abs(Number(ref[r]) - Number(row[o])) < 0.0005 : Number(ref[r]) === Number(row[o]);
      if (same) counts[r]++;
    }
  }
  return counts;
}

describe.skipIf(!hasShared)('analysis of Online Retail matches the independent reference (../shared absent: skipped)', () => {
  let db: TestEngine;
  let reference: Reference[];
  let keys: AnalysisKeys;
  let ntile: AnalysisResult;

  const customersRows = async () =>
    new Map(
      (
        await db.rows(
          `SELECT customer_id, recency_days, frequency, CAST(monetary AS VARCHAR) AS monetary, r_score, f_score, m_score FROM customers`,
        )
      ).map((r) => [String(r.customer_id), r]),
    );

  beforeAll(async () => {
    const text = readFileSync(path.join(SHARED, 'data/online-retail/reference-rfm.csv'), 'utf8');
    reference = Papa.parse<Reference>(text, { header: true, skipEmptyLines: true }).data;
    db = await openEngine();
    const retail = registerOnlineRetail(db);
    await runImport(db, retail.spec, retail.files);
    const run = await runAnalysis(db, defaultAnalysisSpec(), null);
    keys = run.keys;
    ntile = run.result;
  }, 120_000);

  test('summary: 4,339 buyers, revenue 8911407.904, analysis date 2011-12-10', () => {
    expect(reference).toHaveLength(4_339);
    expect(ntile.buyers).toBe(4_339);
    expect(ntile.neverPurchased).toBe(0);
    expect(ntile.revenue).toBe('8911407.904');
    expect(ntile.analysisDate).toBe('2011-12-10');
  });

  test('every customer: metrics and ntile scores equal the reference', async () => {
    const counts = agreement(reference, await customersRows(), [
      ['recency_days', 'recency_days'],
      ['frequency', 'frequency'],
      ['monetary', 'monetary'],
      ['R_ntile', 'r_score'],
      ['F_ntile', 'f_score'],
      ['M_ntile', 'm_score'],
    ]);
    expect(counts).toEqual({
      customers: 4_339,
      recency_days: 4_339,
      frequency: 4_339,
      monetary: 4_339,
      R_ntile: 4_339,
      F_ntile: 4_339,
      M_ntile: 4_339,
    });
    expect(ntile.classSizes.r).toEqual([867, 868, 868, 868, 868]);
  });

  test('the rest of the result is whole and consistent', () => {
    const sum = (groups: { customers: number }[]) => groups.reduce((a, g) => a + g.customers, 0);
    expect(ntile.segments.map((s) => s.name)).not.toContain('Other');
    expect(sum(ntile.segments)).toBe(4_339);
    expect(sum(ntile.tiers)).toBe(4_339);
    expect(sum(ntile.lifecycle)).toBe(4_339);
    expect(ntile.cells.reduce((a, c) => a + c.customers, 0)).toBe(4_339);
    expect(ntile.uncoveredCells).toEqual([]);
    expect(ntile.doubleClaimedCells).toEqual([]);
    expect(ntile.lorenz.length).toBeLessThanOrEqual(201);
    expect(ntile.lorenz[0]).toEqual([0, 0]);
    expect(ntile.lorenz.at(-1)).toEqual([1, 1]);
    for (const h of Object.values(ntile.histograms)) {
      expect(h.counts.reduce((a, b) => a + b, 0)).toBe(4_339);
      expect(h.edges).toHaveLength(h.counts.length + 1);
      expect(h.counts.length).toBeGreaterThanOrEqual(15);
      expect(h.counts.length).toBeLessThanOrEqual(21);
    }
  });

  test('frequency and monetary as charted (log bins, capped tail) count the reference customers exactly', () => {
    for (const metric of ['frequency', 'monetary'] as const) {
      const h = logHistogram(ntile.valueCounts[metric], metric === 'frequency');
      const values = reference.map((r) => Number(r[metric]));
      const expected = h.counts.map((_, i) => values.filter((v) => v >= h.edges[i] && v < h.edges[i + 1]).length);
      expect(h.counts, metric).toEqual(expected);
      expect(h.edges.at(-1), metric).toBe(Infinity);
      expect(h.counts.at(-1)!, metric).toBeLessThanOrEqual(0.01 * 4_339);
      expect(Math.max(...h.counts) / 4_339, metric).toBeLessThan(0.35);
    }
  });

  test('a segment profile draws frequency and monetary on the same log bins, counted exactly inside and in the base', async () => {
    const gate = userSqlRunner(db);
    const schema = await readSegmentSchema(gate, ntile.analysisDate);
    const repeat = {
      kind: 'rules' as const,
      root: { type: 'group' as const, combine: 'and' as const, rules: [condition('frequency', 'gte', '5')] },
    };
    const profile = await profileSegment(gate, repeat, schema);
    for (const metric of ['frequency', 'monetary'] as const) {
      const attribute = profile.attributes.find((a) => a.column === metric);
      if (attribute?.kind !== 'numeric' || !attribute.valueCounts) throw new Error(`${metric}: no value counts`);
      const bars = logHistogram({ values: attribute.valueCounts.values, counts: attribute.valueCounts.base }, metric === 'frequency');
      const drawn = profileLogBars(attribute.valueCounts);
      const values = reference.map((r) => Number(r[metric]));
      const members = reference.filter((r) => Number(r.frequency) >= 5).map((r) => Number(r[metric]));
      const count = (list: number[], i: number) => list.filter((v) => v >= bars.edges[i] && v < bars.edges[i + 1]).length;
      expect(drawn.base, metric).toEqual(bars.counts.map((_, i) => count(values, i) / values.length));
      expect(drawn.inside, metric).toEqual(bars.counts.map((_, i) => count(members, i) / members.length));
      // No longer one tall bar.
      expect(Math.max(...drawn.base), metric).toBeLessThan(0.35);
    }
  });

  test('the top 20 %: 868 customers bring 74.617 % of revenue', () => {
    expect(ntile.top.customers).toBe(868);
    expect(ntile.top.revenue).toBeCloseTo(6_649_437.461, 3);
    expect(Math.abs(ntile.top.revenueShare - 0.7461713718676612)).toBeLessThan(1e-9);
  });

  test('every customer: breakpoint scores equal the reference, recomputing only the scores and below', async () => {
    const spec: AnalysisSpec = defaultAnalysisSpec();
    spec.rfm.method = 'breakpoints';
    const run = await runAnalysis(db, spec, keys);
    expect(run.keys.metrics).toBe(keys.metrics);
    const counts = agreement(reference, await customersRows(), [
      ['R_bp', 'r_score'],
      ['F_bp', 'f_score'],
      ['M_bp', 'm_score'],
    ]);
    expect(counts).toEqual({ customers: 4_339, R_bp: 4_339, F_bp: 4_339, M_bp: 4_339 });
    const summary = JSON.parse(readFileSync(path.join(SHARED, 'data/online-retail/reference-summary.json'), 'utf8'));
    const sizes = (dim: string) => Object.values(summary.score_counts_breakpoints[dim] as Record<string, number>);
    expect(run.result.classSizes).toEqual({ r: sizes('R_bp'), f: sizes('F_bp'), m: sizes('M_bp') });
    const bp = summary.breakpoints_type7;
    run.result.cuts.recency.forEach((c, i) => expect(c).toBeCloseTo(bp.recency_days[i], 9));
    run.result.cuts.frequency.forEach((c, i) => expect(c).toBeCloseTo(bp.frequency[i], 9));
    run.result.cuts.monetary.forEach((c, i) => expect(c).toBeCloseTo(bp.monetary[i], 9));
  });
});
