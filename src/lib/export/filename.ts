import { slug } from '../format.ts';
import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './sha256.ts';

/** The first 6 hex digits of the text's SHA-256: `3f9a1c`. */
export function shortHash(text: string): string {
  return sha256Hex(text).slice(0, 6);
}

/** A segment definition's short hash: the same definition gives the same hash, whatever its key order. */
export function definitionHash(definition: unknown): string {
  return shortHash(canonicalJson(definition));
}

export interface ExportFilenameParts {
  segment: string;
  /** YYYY-MM-DD */
  analysisDate: string;
  definitionHash: string;
  /** A tool format id (`klaviyo`) or the plain export's name (`customers`). */
  format: string;
}

/**
 * `champions-2024-12-31-3f9a1c-klaviyo.csv`: the segment, the analysis date and the definition's short
 * hash name every file, so two downloads of different segments or dates never share a name.
 */
export function exportFilename({ segment, analysisDate, definitionHash, format }: ExportFilenameParts): string {
  return [slug(segment) || 'segment', slug(analysisDate), slug(definitionHash), slug(format)].filter(Boolean).join('-') + '.csv';
}
