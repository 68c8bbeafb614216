import { isRecord } from '../spec/check.ts';
import { checkSpec, parseSpecFile } from '../spec/read-spec.ts';
import type { SpecFile } from '../spec/spec-file.ts';

/**
 * Named sets of definitions kept in this browser (the app's store, keys `library:<id>`). A set
 * holds a spec file exactly as "Save segment definitions" writes it and `segment-workbench apply
 * --spec` reads it, so exporting one gives that file back; its summary (segments, RFM map, other
 * settings) is worked out from the spec, never trusted from storage.
 */

export const LIBRARY_VERSION = 1;
/** The file name ending a set is exported with, and read back from on import. */
export const SET_FILE_SUFFIX = '.segments.json';
/** A name is a label on a list, not a document. */
export const MAX_NAME_LENGTH = 120;

/** What a set contains, as the list says it. */
export interface SetSummary {
  segments: number;
  segmentNames: string[];
  rfmMap: boolean;
  /** Analysis settings besides the RFM map (analysis date, bins, tiers, lifecycle). */
  analysisSettings: boolean;
  importSettings: boolean;
}

export interface DefinitionSet {
  id: string;
  name: string;
  /** ISO 8601. */
  savedAt: string;
  spec: SpecFile;
  summary: SetSummary;
}

/** A stored record as written: the set and the version of this layout. */
export interface StoredSet extends DefinitionSet {
  version: typeof LIBRARY_VERSION;
}

export const setKey = (id: string): `library:${string}` => `library:${id}`;

export function summarize(spec: SpecFile): SetSummary {
  const segments = spec.segments?.segments ?? [];
  const { rfm, ...otherAnalysis } = spec.analysis ?? {};
  const { map, ...otherRfm } = rfm ?? {};
  return {
    segments: segments.length,
    segmentNames: segments.map((s) => s.name),
    rfmMap: map !== undefined,
    analysisSettings: Object.keys(otherAnalysis).length > 0 || Object.keys(otherRfm).length > 0,
    importSettings: spec.import !== undefined && Object.keys(spec.import).length > 0,
  };
}

/** The summary in words: "3 segments (Champions, Lapsed, VIP) · RFM map · analysis settings". */
export function describeSummary(summary: SetSummary, namesShown = 4): string {
  const { segments, segmentNames } = summary;
  const shown = segmentNames.slice(0, namesShown).join(', ');
  const more = segmentNames.length > namesShown ? ` and ${segmentNames.length - namesShown} more` : '';
  const parts = [segments === 0 ? 'no segments' : `${segments} segment${segments === 1 ? '' : 's'} (${shown}${more})`];
  if (summary.rfmMap) parts.push('RFM map');
  if (summary.analysisSettings) parts.push('analysis settings');
  if (summary.importSettings) parts.push('import settings');
  return parts.join(' · ');
}

/** A name as kept: spaces trimmed and runs of white space (and control characters) made one space, cut to its maximum. */
export function cleanName(name: string): string {
  return name
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH)
    .trim();
}

/** `name`, or with the first free " (2)", " (3)"… when another set has it already (compared without case). */
export function uniqueName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  const base = name.replace(/ \(\d+\)$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * A new set from a spec file's text; refused (with the reason, in words) when the file cannot be
 * read or holds no segment. Parts with problems are left out of the set and named in `problems`,
 * as opening the file would.
 */
export function newSet(
  text: string,
  init: { id: string; name: string; savedAt: string },
): { set: DefinitionSet; problems: string[] } | { refused: string } {
  const reading = parseSpecFile(text);
  if (!reading.spec) return { refused: reading.refused };
  if (!reading.spec.segments?.segments.length) return { refused: 'it defines no segments' };
  const name = cleanName(init.name);
  if (!name) return { refused: 'a set needs a name' };
  const spec = reading.spec;
  return { set: { id: init.id, name, savedAt: init.savedAt, spec, summary: summarize(spec) }, problems: reading.problems };
}

/** The record written for a set. */
export function storedSet(set: DefinitionSet): StoredSet {
  return { version: LIBRARY_VERSION, ...structuredClone(set) };
}

/**
 * A stored record read back, checked as a spec file is (storage can hold what another tab, an
 * older page or devtools wrote): null when it is not a set this page can list.
 */
export function readSet(raw: unknown, key: string): DefinitionSet | null {
  if (!isRecord(raw) || raw.version !== LIBRARY_VERSION) return null;
  const { id, name, savedAt } = raw;
  if (typeof id !== 'string' || key !== setKey(id) || typeof name !== 'string' || !cleanName(name)) return null;
  if (typeof savedAt !== 'string' || Number.isNaN(Date.parse(savedAt))) return null;
  const reading = checkSpec(raw.spec);
  if (!reading.spec?.segments) return null;
  return { id, name: cleanName(name), savedAt, spec: reading.spec, summary: summarize(reading.spec) };
}

/** Newest first; sets saved at the same moment by name. */
export function listOrder(sets: readonly DefinitionSet[]): DefinitionSet[] {
  return [...sets].sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.name.localeCompare(b.name));
}

/** A set as a file: the spec file's JSON, which "Open segment definitions", Import and `apply --spec` read. */
export function setFileText(set: DefinitionSet): string {
  return `${JSON.stringify(set.spec, null, 2)}\n`;
}

/** `<name>.segments.json`, with the characters file systems refuse made `-`. */
export function setFilename(name: string): string {
  const safe = cleanName(name)
    .replace(/[<>:"/\\|?*]/g, '-')
    .replace(/^\.+/, '');
  return `${safe || 'definitions'}${SET_FILE_SUFFIX}`;
}

/** The set's name a file gives on import: its name without `.segments.json` (or `.json`). */
export function nameFromFilename(filename: string): string {
  const lower = filename.toLowerCase();
  const stem = lower.endsWith(SET_FILE_SUFFIX)
    ? filename.slice(0, -SET_FILE_SUFFIX.length)
    : lower.endsWith('.json')
      ? filename.slice(0, -'.json'.length)
      : filename;
  return cleanName(stem) || 'Imported definitions';
}

/** A new set's id: 16 hex digits. (Not `crypto.randomUUID`, which a page served over plain http does not have.) */
export function newSetId(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return Array.from(random(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Now, as a set's `savedAt`. */
export const savedNow = (): string => new Date().toISOString();
