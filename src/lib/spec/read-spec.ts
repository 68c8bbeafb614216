import { ANALYSIS_PARTS } from './analysis-check.ts';
import { isRecord, partsOf, quote, show } from './check.ts';
import { IMPORT_PARTS, IMPORT_PARTS_V1 } from './import-check.ts';
import { migrateSpec, type SpecFileV1 } from './migrate.ts';
import { readSegments } from './segments-check.ts';
import type { SpecFile } from './spec-file.ts';

/** A spec is a few kilobytes; this bounds what a hostile file or link can make the page read. */
export const MAX_SPEC_BYTES = 1_000_000;
export const MAX_SPEC_SIZE = `${MAX_SPEC_BYTES / 1_000_000} MB`;

/**
 * A spec file or link as read (version 1 migrated to 2). Its envelope broken (too large, not JSON, not an object, no or
 * another version): refused whole, with the reason. Otherwise its valid parts, and one problem
 * (`path: reason`) for each thing left out.
 */
export type SpecReading = { spec: SpecFile; problems: string[] } | { spec: null; refused: string };

/**
 * The parts read one by one: each import key, `analysis.analysisDate`, `analysis.rfm` (bins,
 * method, cut points and map interlock), `analysis.tiers`, `analysis.lifecycle`,
 * `segments.minSizePercent` and each segment.
 */
const PARTS = {
  import: (v: unknown, path: string, problems: string[]) => partsOf(v, path, IMPORT_PARTS, problems),
  analysis: (v: unknown, path: string, problems: string[]) => partsOf(v, path, ANALYSIS_PARTS, problems),
  segments: readSegments,
};
/** Version 1: the same, but for its import rules naming columns by header text. */
const PARTS_V1 = { ...PARTS, import: (v: unknown, path: string, problems: string[]) => partsOf(v, path, IMPORT_PARTS_V1, problems) };

/** One validator for spec files (Open segment definitions, `apply --spec`) and share links. */
export function parseSpecFile(text: string): SpecReading {
  if (text.length > MAX_SPEC_BYTES || new TextEncoder().encode(text).length > MAX_SPEC_BYTES) {
    return { spec: null, refused: `the definitions are larger than ${MAX_SPEC_SIZE}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { spec: null, refused: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return checkSpec(json);
}

/** A parsed spec checked part by part (see `parseSpecFile`). */
export function checkSpec(json: unknown): SpecReading {
  if (!isRecord(json)) return { spec: null, refused: `spec: expected an object, got ${show(json)}` };
  if (!Object.hasOwn(json, 'version')) return { spec: null, refused: 'spec: version is missing' };
  if (json.version !== 1 && json.version !== 2)
    return { spec: null, refused: `spec.version: expected 1 or 2, got ${show(json.version)} (this page reads versions 1 and 2)` };
  const parts = json.version === 1 ? PARTS_V1 : PARTS;
  const problems: string[] = [];
  const value: Record<string, unknown> = { version: json.version };
  for (const key of Object.keys(json)) {
    if (key === 'version') continue;
    if (!Object.hasOwn(parts, key)) {
      problems.push(`spec: unknown key ${quote(key)} (known: version, ${Object.keys(parts).join(', ')})`);
      continue;
    }
    const kept = parts[key as keyof typeof parts](json[key], `spec.${key}`, problems);
    if (kept) value[key] = kept;
  }
  // Version 1 is read by its own rules, then carried forward: the page and the CLI see version 2 only.
  const spec = value.version === 1 ? migrateSpec(value as unknown as SpecFileV1) : (value as unknown as SpecFile);
  return { spec, problems };
}
