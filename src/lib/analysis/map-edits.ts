import type { CellSegment } from '../spec/analysis.ts';

/** Gives a cell to one segment, taking it from any other that claimed it. */
export function assignCell(segments: CellSegment[], cell: string, to: string): CellSegment[] {
  return segments.map((s) => ({
    ...s,
    cells: s.name === to ? [...new Set([...s.cells, cell])] : s.cells.filter((c) => c !== cell),
  }));
}

/** Renames a segment; refuses an empty name or one already used, so cells never become ambiguous. */
export function renameSegment(segments: CellSegment[], from: string, to: string): CellSegment[] {
  const name = to.trim();
  if (!name || segments.some((s) => s.name === name && s.name !== from)) return segments;
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
