import { settingsFrom, sourceSettings } from '../sources/recognise.ts';
import type { AnalysisSpec, Bins, CellSegment, LifecycleSpec, RangeSegment, RfmSpec, Thresholds, TierSpec } from './analysis.ts';
import type { ColumnRef, KeepOnlyRuleV2 } from './column-ref.ts';
import { resolvedCleaning, resolvedIds } from './import-part.ts';
import {
  defaultImportSpec,
  type CleaningRules,
  type FileImport,
  type IdCleanup,
  type ImportSpec,
  type ParseOptions,
  type Role,
} from './import.ts';
import { defaultAnalysisSpec, defaultSegmentMap, withMovedCells } from './rfm-defaults.ts';
import { NO_SUGGESTION, type SuggestedSettings } from '../mapping/guess-notes.ts';
import { defaultSegmentsSpec, type Rule, type RuleGroup, type SegmentSpec, type SegmentsSpec } from './segments.ts';

/** Changes to what the page guesses for one file. */
export interface FileOverrides {
  /** The known export the file is (a preset id), or null to read it as no known export; absent: recognised from its header. */
  source?: string | null;
  parse?: Partial<ParseOptions>;
  /** Column name → role; columns not named keep their guessed role. */
  columns?: Record<string, Role>;
  /**
   * The roles the definitions were made with (version 2): a file of this kind that maps none of
   * them is asked to (a share link names roles, never the header text of the file it was made on).
   */
  roles?: Role[];
}

/**
 * Cleaning rules as a spec (version 2) writes them: a rule that names a column names it by role or
 * attribute name (column-ref.ts), never by the header text of the file it was made on.
 */
export interface SpecCleaning extends Partial<Omit<CleaningRules, 'cancelled' | 'keepOnly' | 'refundColumn'>> {
  cancelled?: Partial<Omit<CleaningRules['cancelled'], 'filledColumn'>> & { filledColumn?: ColumnRef | null };
  keepOnly?: KeepOnlyRuleV2[];
  refundColumn?: ColumnRef | null;
}
export type SpecIds = Partial<Omit<IdCleanup, 'fallbackColumn'>> & { fallbackColumn?: ColumnRef | null };

/**
 * A saved definition (spec version 2), for the page, share links and the command line: every part
 * optional, and what is left out is what the page would start from (guessed mapping, "Standard"
 * cleaning, rank quintiles, the 11-segment map). It holds definitions only, never data.
 * `import.transactions.columns` are hints (a column of that header takes that role where a file has
 * one); the cleaning rules name columns by role or attribute name. Version 1 reads as version 2 (migrate.ts).
 */
export interface SpecFile {
  version: 2;
  import?: {
    transactions?: FileOverrides;
    customers?: FileOverrides;
    amountLevel?: ImportSpec['amountLevel'];
    cleaning?: SpecCleaning;
    ids?: SpecIds;
    duplicateCustomers?: ImportSpec['duplicateCustomers'];
  };
  analysis?: {
    analysisDate?: string | null;
    /**
     * `moved`: the standard 11-segment map (5 bins, no `map`) with these cells given to another of
     * its segments (cell → segment name): how a link carries a map edited a little.
     */
    rfm?: Partial<Omit<RfmSpec, 'map'>> & { map?: SpecFileSegmentMap; moved?: Record<string, string> };
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
  const { moved, ...rfm } = given.rfm ?? {};
  const bins: Bins = rfm.bins ?? base.rfm.bins;
  // As on the page: a change of bins starts the map again from that size's default.
  const map = rfm.map
    ? rfm.map.kind === 'cells'
      ? { kind: 'cells' as const, segments: rfm.map.segments.map((s) => ({ ...s, action: s.action ?? '' })) }
      : { kind: 'ranges' as const, segments: rfm.map.segments.map((s) => ({ ...s, action: s.action ?? '' })) }
    : withMovedCells(defaultSegmentMap(bins), moved);
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
  const cleaning = resolvedCleaning(files, given.cleaning);
  return {
    files,
    amountLevel: given.amountLevel ?? base.amountLevel,
    cleaning: { ...base.cleaning, ...cleaning, cancelled: { ...base.cleaning.cancelled, ...cleaning.cancelled } },
    ids: { ...base.ids, ...resolvedIds(files, given.ids) },
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
  return { version: 2, segments: structuredClone(spec) };
}
