import type { CellSegment } from '../spec/analysis.ts';
import { OTHER_SEGMENT } from '../sql/segments.ts';

/** Gives a cell to one segment, taking it from any other that claimed it. */
export function assignCell(segments: CellSegment[], cell: string, to: string): CellSegment[] {
  return segments.map((s) => ({
    ...s,
    cells: s.name === to ? [...new Set([...s.cells, cell])] : s.cells.filter((c) => c !== cell),
  }));
}

/**
 * Renames a segment; refuses an empty name, one already used (cells would become ambiguous) and
 * "Other", the row of customers in no segment (the page keys rows by name).
 */
export function renameSegment<T extends { name: string }>(segments: T[], from: string, to: string): T[] {
  const name = to.trim();
  if (!name || name === OTHER_SEGMENT || segments.some((s) => s.name === name && s.name !== from)) return segments;
  return segments.map((s) => (s.name === from ? { ...s, name } : s));
}

/** Moves every cell of one segment into another and removes it. */
export function mergeSegments(segments: CellSegment[], from: string, into: string): CellSegment[] {
  const moved = segments.find((s) => s.name === from)?.cells ?? [];
  return segments.filter((s) => s.name !== from).map((s) => (s.name === into ? { ...s, cells: [...new Set([...s.cells, ...moved])] } : s));
}

/** The segments claiming each cell, in map order (the first one wins). */
export function claimsByCell(segments: readonly CellSegment[]): Map<string, string[]> {
  const claims = new Map<string, string[]>();
  for (const s of segments) for (const c of s.cells) claims.set(c, [...(claims.get(c) ?? []), s.name]);
  return claims;
}
