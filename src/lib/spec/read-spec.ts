import { ANALYSIS_PARTS } from './analysis-check.ts';
import { isRecord, partsOf, quote, show } from './check.ts';
import { IMPORT_PARTS } from './import-check.ts';
import { readSegments } from './segments-check.ts';
import type { SpecFile } from './spec-file.ts';

/** A spec is a few kilobytes; this bounds what a hostile file or link can make the page read. */
export const MAX_SPEC_BYTES = 1_000_000;
export const MAX_SPEC_SIZE = `${MAX_SPEC_BYTES / 1_000_000} MB`;

/**
 * A spec file or link as read. Its envelope broken (too large, not JSON, not an object, no or
 * another version): refused whole, with the reason. Otherwise its valid parts, and one problem
 * (`path: reason`) for each thing left out.
 */
export type SpecReading = { value: SpecFile; problems: string[] } | { value: null; refused: string };

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

/** One validator for spec files (Open segment definitions, `apply --spec`) and share links. */
export function parseSpecFile(text: string): SpecReading {
  if (text.length > MAX_SPEC_BYTES || new TextEncoder().encode(text).length > MAX_SPEC_BYTES) {
    return { value: null, refused: `the definitions are larger than ${MAX_SPEC_SIZE}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { value: null, refused: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return checkSpec(json);
}

/** A parsed spec checked part by part (see `parseSpecFile`). */
export function checkSpec(json: unknown): SpecReading {
  if (!isRecord(json)) return { value: null, refused: `spec: expected an object, got ${show(json)}` };
  if (!Object.hasOwn(json, 'version')) return { value: null, refused: 'spec: version is missing' };
  if (json.version !== 1)
    return { value: null, refused: `spec.version: expected 1, got ${show(json.version)} (this page reads version 1)` };
  const problems: string[] = [];
  const value: Record<string, unknown> = { version: 1 };
  for (const key of Object.keys(json)) {
    if (key === 'version') continue;
    if (!Object.hasOwn(PARTS, key)) {
      problems.push(`spec: unknown key ${quote(key)} (known: version, ${Object.keys(PARTS).join(', ')})`);
      continue;
    }
    const kept = PARTS[key as keyof typeof PARTS](json[key], `spec.${key}`, problems);
    if (kept) value[key] = kept;
  }
  return { value: value as unknown as SpecFile, problems };
}
