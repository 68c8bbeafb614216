import { settingsFrom, sourceSettings } from '../sources/recognise.ts';
import type { AnalysisSpec, Bins, CellSegment, LifecycleSpec, RangeSegment, RfmSpec, Thresholds, TierSpec } from './analysis.ts';
import {
  defaultImportSpec,
  type CleaningRules,
  type FileImport,
  type IdCleanup,
  type ImportSpec,
  type ParseOptions,
  type Role,
} from './import.ts';
import { defaultAnalysisSpec, defaultSegmentMap } from './rfm-defaults.ts';
import { NO_SUGGESTION, type SuggestedSettings } from '../mapping/guess-notes.ts';
import { defaultSegmentsSpec, type Rule, type RuleGroup, type SegmentSpec, type SegmentsSpec } from './segments.ts';

/** Changes to what the page guesses for one file. */
export interface FileOverrides {
  /** The known export the file is (a preset id), or null to read it as no known export; absent: recognised from its header. */
  source?: string | null;
  parse?: Partial<ParseOptions>;
  /** Column name → role; columns not named keep their guessed role. */
  columns?: Record<string, Role>;
}

/**
 * A saved definition for the command line: every part optional, and what is left out is what the
 * page would start from (guessed mapping, "Standard" cleaning, rank quintiles, the 11-segment map).
 */
export interface SpecFile {
  version: 1;
  import?: {
    transactions?: FileOverrides;
    customers?: FileOverrides;
    amountLevel?: ImportSpec['amountLevel'];
    cleaning?: Partial<Omit<CleaningRules, 'cancelled'>> & { cancelled?: Partial<CleaningRules['cancelled']> };
    ids?: Partial<IdCleanup>;
    duplicateCustomers?: ImportSpec['duplicateCustomers'];
  };
  analysis?: {
    analysisDate?: string | null;
    rfm?: Partial<Omit<RfmSpec, 'map'>> & { map?: SpecFileSegmentMap };
    tiers?: Partial<TierSpec>;
    lifecycle?: Partial<LifecycleSpec>;
  };
  /** Segment definitions; optional fields of each segment take the page's defaults. */
  segments?: SpecFileSegments;
}

export interface SpecFileSegments {
  minSizePercent?: number;
  segments: (Pick<SegmentSpec, 'id' | 'name' | 'definition'> & Partial<Omit<SegmentSpec, 'id' | 'name' | 'definition'>>)[];
}

/** A segment map as written in a spec file: an action is optional. */
type SpecFileSegmentMap =
  | { kind: 'cells'; segments: (Omit<CellSegment, 'action'> & { action?: string })[] }
  | { kind: 'ranges'; segments: (Omit<RangeSegment, 'action'> & { action?: string })[] };

/** The full analysis spec: the page's defaults with the file's choices on top. */
export function analysisSpecOf(file: SpecFile): AnalysisSpec {
  const base = defaultAnalysisSpec();
  const given = file.analysis ?? {};
  const rfm = given.rfm ?? {};
  const bins: Bins = rfm.bins ?? base.rfm.bins;
  // As on the page: a change of bins starts the map again from that size's default.
  const map = rfm.map
    ? rfm.map.kind === 'cells'
      ? { kind: 'cells' as const, segments: rfm.map.segments.map((s) => ({ ...s, action: s.action ?? '' })) }
      : { kind: 'ranges' as const, segments: rfm.map.segments.map((s) => ({ ...s, action: s.action ?? '' })) }
    : defaultSegmentMap(bins);
  const thresholds: Thresholds | null = rfm.thresholds ?? base.rfm.thresholds;
  return {
    analysisDate: given.analysisDate === undefined ? base.analysisDate : given.analysisDate,
    rfm: { ...base.rfm, ...rfm, bins, thresholds, map },
    tiers: { ...base.tiers, ...given.tiers },
    lifecycle: { ...base.lifecycle, ...given.lifecycle },
  };
}

/**
 * The full import spec for these mapped files: the page's defaults, then what the files' values
 * suggest (as the page sets it when the files are chosen), then what their recognised sources call
 * for, then the spec file's choices on top.
 */
export function importSpecOf(files: FileImport[], file: SpecFile, suggested: SuggestedSettings = NO_SUGGESTION): ImportSpec {
  const base = { ...defaultImportSpec(files), ...sourceSettings(files, settingsFrom(suggested)) };
  const given = file.import ?? {};
  return {
    files,
    amountLevel: given.amountLevel ?? base.amountLevel,
    cleaning: { ...base.cleaning, ...given.cleaning, cancelled: { ...base.cleaning.cancelled, ...given.cleaning?.cancelled } },
    ids: { ...base.ids, ...given.ids },
    duplicateCustomers: given.duplicateCustomers ?? base.duplicateCustomers,
  };
}

const SEGMENT_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#882255', '#999933', '#332288', '#44aa99'];

/** A palette colour for the segment at `index`: distinct, colour-blind-friendly (Okabe–Ito and Tol). */
export function segmentColor(index: number): string {
  return SEGMENT_COLORS[index % SEGMENT_COLORS.length];
}

/**
 * A rule as the compiler expects it: a condition's missing values are empty; a segment reference
 * is "is in" unless it says otherwise, and carries the referenced segment's name from `names`
 * (the file's own, when it names a segment the file does not define).
 */
function completeRule(rule: Rule, names: ReadonlyMap<string, string>): Rule {
  if (rule.type === 'condition') return { ...rule, value: rule.value ?? '', value2: rule.value2 ?? '', values: rule.values ?? [] };
  if (rule.type === 'orders') return { ...rule, where: completeRule(rule.where, names) as RuleGroup };
  if (rule.type === 'segment') return { ...rule, member: rule.member ?? true, name: names.get(rule.segment) ?? rule.name ?? '' };
  return { ...rule, rules: rule.rules.map((r) => completeRule(r, names)) };
}

/** The segments a spec file defines, with the page's defaults for what it leaves out. */
export function segmentsSpecOf(file: SpecFile): SegmentsSpec {
  const base = defaultSegmentsSpec();
  const given = file.segments;
  if (!given) return base;
  const names = new Map(given.segments.map((s) => [s.id, s.name]));
  return {
    minSizePercent: given.minSizePercent ?? base.minSizePercent,
    segments: given.segments.map((seg, i) => ({
      id: seg.id,
      name: seg.name,
      color: seg.color ?? segmentColor(i),
      description: seg.description ?? '',
      enabled: seg.enabled ?? true,
      definition:
        seg.definition.kind === 'rules' ? { kind: 'rules', root: completeRule(seg.definition.root, names) as RuleGroup } : seg.definition,
    })),
  };
}

/** A spec file holding the given segments, to save and open again (here or with the command line). */
export function segmentsFile(spec: SegmentsSpec): SpecFile {
  return { version: 1, segments: structuredClone(spec) };
}
