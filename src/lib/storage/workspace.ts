import type { Inspection } from '../preview/inspect.ts';
import { isRecord, oneOf, quote, show, type Check } from '../spec/check.ts';
import { IMPORT_PARTS } from '../spec/import-check.ts';
import type { AnalysisSpec } from '../spec/analysis.ts';
import type { FileImport, FileKind } from '../spec/import.ts';
import { readHeldSql } from '../spec/held-sql.ts';
import { parseSpecFile } from '../spec/read-spec.ts';
import { defaultAnalysisSpec } from '../spec/rfm-defaults.ts';
import type { SegmentsSpec } from '../spec/segments.ts';
import { importPartOf, resolvedCleaning, resolvedIds, type ImportSettings } from '../spec/import-part.ts';
import type { FileOverrides, SpecFile } from '../spec/spec-file.ts';

/**
 * The work kept for a set of files between visits: how each file is read, the import settings,
 * the analysis settings and the segments. It is found again by the files' fingerprint — each
 * file's name, size and first line — and read back through the validator spec files and share
 * links go through, so a record an older page wrote, or one edited by hand, can leave parts out
 * but never break the page.
 */

/** One file as it is recognised again: its name, its size in bytes, and its first line's columns as read. */
export interface FileFingerprint {
  name: string;
  size: number;
  header: string[];
}

/** How one file is read: its kind, and the spec file's overrides for it (known export, read options, each column's role). */
export interface SavedMapping extends FileOverrides {
  kind: FileKind;
}

export interface SavedFile extends FileFingerprint {
  mapping: SavedMapping;
}

/** The import settings that are not per file. */
export type { ImportSettings } from '../spec/import-part.ts';

export interface SavedWorkspace {
  version: 1;
  /** When it was written, ISO 8601. */
  savedAt: string;
  /** In fingerprint order (see `fingerprintOrder`). */
  files: SavedFile[];
  /** The import settings, the analysis settings and the segments, as a spec file holds them. */
  spec: SpecFile;
  /** The SQL segments from a share link still waiting for the user's confirmation (absent: none). */
  heldSql?: string[];
}

/** A saved record as read back: its valid parts, with each part left out named in `problems` (`path: reason`). */
export interface WorkspaceReading {
  savedAt: Date | null;
  /** Per file in fingerprint order; null where its saved mapping was left out. */
  mappings: (SavedMapping | null)[];
  spec: SpecFile;
  /** SQL segments from a link not yet confirmed: they stay held after a reload. */
  held: string[];
  problems: string[];
}

export const WORKSPACE_VERSION = 1;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Files in one order whatever order they were dropped in: by name, then size, then first line. */
export function fingerprintOrder<T extends FileFingerprint>(files: readonly T[]): T[] {
  return [...files].sort(
    (a, b) => compareText(a.name, b.name) || a.size - b.size || compareText(JSON.stringify(a.header), JSON.stringify(b.header)),
  );
}

/** The first line as read: the header's names, or the first record when the file has no header. */
export function firstLineOf(inspection: Inspection): string[] {
  return inspection.mapping.parse.header ? inspection.preview.headers : (inspection.preview.rows[0] ?? []);
}

/**
 * The storage key of these files' work: `workspace:` and a 64-bit FNV-1a hash of their
 * fingerprints. (Not SHA-256: the page may be served over plain http, where the browser offers no
 * `crypto.subtle`.) The hash only names the record: what is read back is checked against the files.
 */
export function workspaceKey(files: readonly FileFingerprint[]): `workspace:${string}` {
  const text = JSON.stringify(fingerprintOrder(files).map((f) => [f.name, f.size, f.header]));
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return `workspace:${hash.toString(16).padStart(16, '0')}`;
}

/** A file's mapping as saved: what the mapping form shows for it. */
export function savedMappingOf(mapping: FileImport): SavedMapping {
  return {
    kind: mapping.kind,
    source: mapping.source ?? null,
    parse: { ...mapping.parse },
    columns: Object.fromEntries(mapping.columns.map((c) => [c.name, c.role])),
  };
}

/** Everything one record holds, from what is in use. */
export function workspaceRecord(input: {
  files: readonly { fingerprint: FileFingerprint; mapping: FileImport }[];
  settings: ImportSettings;
  analysis: AnalysisSpec;
  segments: SegmentsSpec;
  /** The SQL segments waiting for confirmation. */
  held?: readonly string[];
  savedAt: Date;
}): SavedWorkspace {
  const files = input.files.map(({ fingerprint, mapping }) => ({
    name: fingerprint.name,
    size: fingerprint.size,
    header: [...fingerprint.header],
    mapping: savedMappingOf(mapping),
  }));
  const { amountLevel, cleaning, ids, duplicateCustomers } = input.settings;
  return {
    version: WORKSPACE_VERSION,
    savedAt: input.savedAt.toISOString(),
    files: fingerprintOrder(files),
    spec: structuredClone({
      version: 2,
      import: importPartOf(
        { amountLevel, cleaning, ids, duplicateCustomers },
        input.files.map((f) => f.mapping),
      ),
      analysis: input.analysis,
      segments: input.segments,
    }),
    ...(input.held?.length && { heldSql: [...input.held] }),
  };
}

const KEYS = ['version', 'savedAt', 'files', 'spec', 'heldSql'];

/** A saved mapping: its kind, and the rest checked as a spec file's overrides for one file are. */
const mappingCheck: Check = (v, path, errors) => {
  if (!isRecord(v)) return void errors.push(`${path}: expected an object, got ${show(v)}`);
  const { kind, ...overrides } = v;
  oneOf(['transactions', 'customers'])(kind, `${path}.kind`, errors);
  IMPORT_PARTS.transactions(overrides, path, errors);
};

function sameFingerprint(saved: unknown, expected: FileFingerprint): boolean {
  return (
    isRecord(saved) &&
    saved.name === expected.name &&
    saved.size === expected.size &&
    Array.isArray(saved.header) &&
    saved.header.length === expected.header.length &&
    saved.header.every((h, i) => h === expected.header[i])
  );
}

/**
 * A stored record read back for these files (their fingerprints, in any order). Refused whole —
 * with the reason — when it is not a record of this version for exactly these files; otherwise
 * its valid parts, each invalid one left out and named.
 */
export function readWorkspace(raw: unknown, expected: readonly FileFingerprint[]): { value: WorkspaceReading } | { refused: string } {
  if (!isRecord(raw)) return { refused: `the saved record is ${show(raw)}, not an object` };
  if (raw.version !== WORKSPACE_VERSION)
    return { refused: `version: expected ${WORKSPACE_VERSION}, got ${show(raw.version)} (this page reads version ${WORKSPACE_VERSION})` };
  const files = fingerprintOrder(expected);
  const saved: unknown = raw.files;
  if (!Array.isArray(saved) || saved.length !== files.length || !files.every((f, i) => sameFingerprint(saved[i], f)))
    return { refused: 'it was saved for other files' };

  const problems: string[] = [];
  for (const key of Object.keys(raw))
    if (!KEYS.includes(key)) problems.push(`record: unknown key ${quote(key)} (known: ${KEYS.join(', ')})`);

  let savedAt: Date | null = null;
  if (typeof raw.savedAt === 'string' && !Number.isNaN(Date.parse(raw.savedAt))) savedAt = new Date(raw.savedAt);
  else problems.push(`savedAt: expected a date and time, got ${show(raw.savedAt)}`);

  const mappings = (saved as unknown[]).map((file, i) => {
    const errors: string[] = [];
    const mapping = isRecord(file) ? file.mapping : undefined;
    mappingCheck(mapping, `files[${i}].mapping`, errors);
    problems.push(...errors);
    return errors.length ? null : (mapping as SavedMapping);
  });

  let spec: SpecFile = { version: 2 };
  let text: string | undefined;
  try {
    text = JSON.stringify(raw.spec);
  } catch {
    // A structure too deep to write out (only a hand-made record has one).
  }
  const reading = text === undefined ? null : parseSpecFile(text);
  if (!reading) problems.push('spec: it cannot be read');
  else if (!reading.spec) problems.push(reading.refused.startsWith('spec') ? reading.refused : `spec: ${reading.refused}`);
  else {
    spec = reading.spec;
    problems.push(...reading.problems);
  }
  const { held, problem } = readHeldSql(raw.heldSql, spec.segments);
  if (problem) problems.push(problem);
  return { value: { savedAt, mappings, spec, held, problems } };
}

/**
 * A file read as saved: its kind, known export and read options, then each column's role by name
 * (a column the file no longer has is skipped; one not named keeps its guess). `reread` reads the
 * file's head again with a mapping (`reinspect`), keeping roles when the columns stay the same.
 */
export function applyMapping(inspection: Inspection, saved: SavedMapping, reread: (mapping: FileImport) => Inspection): Inspection {
  const parse = { ...inspection.mapping.parse, ...saved.parse };
  const read = reread({ ...inspection.mapping, parse });
  const roles = saved.columns ?? {};
  const columns = read.mapping.columns.map((c) => (Object.hasOwn(roles, c.name) ? { ...c, role: roles[c.name] } : c));
  const source = saved.source === undefined ? inspection.mapping.source : saved.source;
  // Read with the saved options again: new columns have had their formats guessed afresh.
  return reread({ ...read.mapping, kind: saved.kind, source, columns, parse: { ...read.mapping.parse, ...saved.parse } });
}

/** The import settings in use with the saved ones on top (a part left out keeps what is in use). */
export function mergeImportSettings(current: ImportSettings, saved: SpecFile['import'], files: readonly FileImport[] = []): ImportSettings {
  const given = saved ?? {};
  const cleaning = resolvedCleaning(files, given.cleaning);
  return {
    amountLevel: given.amountLevel ?? current.amountLevel,
    cleaning: {
      ...current.cleaning,
      ...cleaning,
      cancelled: { ...current.cleaning.cancelled, ...cleaning.cancelled },
    },
    ids: { ...current.ids, ...resolvedIds(files, given.ids) },
    duplicateCustomers: given.duplicateCustomers ?? current.duplicateCustomers,
  };
}

/** Whether the analysis settings are other than a fresh page's. */
export function analysisChanged(spec: AnalysisSpec): boolean {
  return JSON.stringify(spec) !== JSON.stringify(defaultAnalysisSpec());
}

/** `2026-11-29 14:02`, in the reader's time zone. */
export function savedAtText(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** `a.csv`, `a.csv and b.csv`, `a.csv, b.csv and c.csv`. */
export function fileList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What a restore brought back, for the status line. */
export interface RestoredParts {
  segments: number;
  analysis: boolean;
  importSettings: boolean;
}

/** "Restored your work on orders.csv from 2026-11-29 14:02 — 3 segments, analysis settings." */
export function restoredText(files: readonly string[], savedAt: Date | null, parts: RestoredParts): string {
  const items = [
    ...(parts.segments ? [`${parts.segments} segment${parts.segments === 1 ? '' : 's'}`] : []),
    ...(parts.analysis ? ['analysis settings'] : []),
    ...(parts.importSettings ? ['import settings'] : []),
  ];
  const when = savedAt ? ` from ${savedAtText(savedAt)}` : '';
  return `Restored your work on ${fileList(files)}${when} — ${items.length ? items.join(', ') : 'the default settings'}.`;
}
