import type { RuleGroup, Rule } from './segments.ts';
import { defaultAnalysisSpec, defaultSegmentMap, STANDARD_SEGMENTS, withMovedCells } from './rfm-defaults.ts';
import { segmentColor, type SpecFile, type SpecFileSegments } from './spec-file.ts';

/**
 * A spec in its compact normal form: the same definitions with every analysis and segment value
 * that equals what the page fills in left out (`analysisSpecOf` and `segmentsSpecOf` give it back):
 * a segment's default colour and empty description, `enabled: true`, a condition's empty values,
 * RFM settings at their defaults, and a standard map with a few cells moved written as `moved`.
 * Import settings are kept as given: leaving one out lets the colleague's file choose it, which is
 * another meaning. Keys come in a fixed order, so the form is the same however the spec was written.
 */
export function compactSpec(spec: SpecFile): SpecFile {
  const out: SpecFile = { version: 2 };
  if (spec.import) out.import = spec.import;
  const analysis = spec.analysis && compactAnalysis(spec.analysis);
  if (analysis) out.analysis = analysis;
  if (spec.segments) out.segments = compactSegments(spec.segments);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compactAnalysis(given: NonNullable<SpecFile['analysis']>): SpecFile['analysis'] {
  const base = defaultAnalysisSpec();
  const out: NonNullable<SpecFile['analysis']> = {};
  if (given.analysisDate !== undefined && given.analysisDate !== null) out.analysisDate = given.analysisDate;
  if (given.rfm) {
    const r = given.rfm;
    const rfm: NonNullable<typeof out.rfm> = {};
    if (r.method !== undefined && r.method !== base.rfm.method) rfm.method = r.method;
    if (r.bins !== undefined && r.bins !== base.rfm.bins) rfm.bins = r.bins;
    if (r.monetary !== undefined && r.monetary !== base.rfm.monetary) rfm.monetary = r.monetary;
    if (r.thresholds !== undefined && r.thresholds !== null) rfm.thresholds = r.thresholds;
    const bins = r.bins ?? base.rfm.bins;
    if (r.map) {
      const map = { kind: r.map.kind, segments: r.map.segments.map((s) => ({ ...s, action: s.action ?? '' })) };
      const moved = bins === 5 ? movedCells(map) : null;
      if (moved) {
        if (Object.keys(moved).length) rfm.moved = moved;
      } else if (!same(map, defaultSegmentMap(bins))) rfm.map = r.map;
    } else if (r.moved && Object.keys(r.moved).length) {
      const moved = movedCells(withMovedCells(defaultSegmentMap(5), r.moved));
      if (moved && Object.keys(moved).length) rfm.moved = moved;
    }
    if (Object.keys(rfm).length) out.rfm = rfm;
  }
  if (given.tiers) {
    const tiers = Object.fromEntries(
      (['topPercent', 'scheme', 'tiers'] as const)
        .filter((k) => given.tiers![k] !== undefined && !same(given.tiers![k], base.tiers[k]))
        .map((k) => [k, given.tiers![k]]),
    );
    if (Object.keys(tiers).length) out.tiers = tiers;
  }
  if (given.lifecycle) {
    const lifecycle = Object.fromEntries(
      (['newDays', 'coolingDays', 'lapsedDays'] as const)
        .filter((k) => given.lifecycle![k] !== undefined && given.lifecycle![k] !== base.lifecycle[k])
        .map((k) => [k, given.lifecycle![k]]),
    );
    if (Object.keys(lifecycle).length) out.lifecycle = lifecycle;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The cells of a map that sit elsewhere than in the standard map (cell → segment), when the map is
 * the standard one but for them: the same segments with the same actions in the same order, each
 * of the 125 cells in exactly one. Null when it is another map.
 */
function movedCells(map: { kind: string; segments: { name: string; action: string; cells?: string[] }[] }): Record<string, string> | null {
  if (map.kind !== 'cells' || map.segments.length !== STANDARD_SEGMENTS.length) return null;
  const home = new Map(STANDARD_SEGMENTS.flatMap((s) => s.cells.map((c) => [c, s.name] as const)));
  const seen = new Set<string>();
  const moved: Record<string, string> = {};
  for (const [i, s] of map.segments.entries()) {
    if (s.name !== STANDARD_SEGMENTS[i].name || s.action !== STANDARD_SEGMENTS[i].action) return null;
    for (const cell of s.cells ?? []) {
      if (seen.has(cell) || !home.has(cell)) return null;
      seen.add(cell);
      if (home.get(cell) !== s.name) moved[cell] = s.name;
    }
  }
  if (seen.size !== home.size) return null;
  return Object.fromEntries(
    Object.keys(moved)
      .sort()
      .map((c) => [c, moved[c]]),
  );
}

function compactSegments(given: SpecFileSegments): SpecFileSegments {
  const ids = new Set(given.segments.map((s) => s.id));
  const out: SpecFileSegments = { segments: [] };
  if (given.minSizePercent !== undefined && given.minSizePercent !== 1) out.minSizePercent = given.minSizePercent;
  out.segments = given.segments.map((s, i) => {
    const seg: Record<string, unknown> = { id: s.id, name: s.name };
    if (s.description) seg.description = s.description;
    if (s.color !== undefined && s.color !== segmentColor(i)) seg.color = s.color;
    if (s.enabled === false) seg.enabled = false;
    seg.definition =
      s.definition.kind === 'rules' ? { kind: 'rules', root: compactRule(s.definition.root, ids) as RuleGroup } : s.definition;
    return seg as SpecFileSegments['segments'][number];
  });
  return out;
}

/** A rule without its default values (the tree is at most 8 groups deep: the validator saw to it). */
function compactRule(rule: Rule, ids: ReadonlySet<string>): Rule {
  switch (rule.type) {
    case 'condition': {
      const c: Record<string, unknown> = { type: 'condition', column: rule.column, op: rule.op };
      if (rule.value) c.value = rule.value;
      if (rule.value2) c.value2 = rule.value2;
      if (rule.values?.length) c.values = rule.values;
      return c as unknown as Rule;
    }
    case 'orders':
      return { type: 'orders', atLeast: rule.atLeast, where: compactRule(rule.where, ids) as RuleGroup };
    case 'segment': {
      const r: Record<string, unknown> = { type: 'segment', segment: rule.segment };
      if (rule.member === false) r.member = false;
      // The name of a segment the spec defines is that segment's own (segmentsSpecOf): only a missing one's is kept.
      if (!ids.has(rule.segment) && rule.name !== undefined) r.name = rule.name;
      return r as unknown as Rule;
    }
    default:
      return { type: 'group', combine: rule.combine, rules: rule.rules.map((r) => compactRule(r, ids)) };
  }
}
