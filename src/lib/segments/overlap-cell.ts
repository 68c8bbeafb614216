import { formatCount } from '../format.ts';

/** Which part of two segments' overlap: the customers in both, or in one and not the other. */
export type OverlapCell = 'both' | 'only-first' | 'only-second';

export const OVERLAP_CELLS: readonly OverlapCell[] = ['both', 'only-first', 'only-second'];

/** Segments by id: all of `include` and none of `exclude`, with the name files and headings use. */
export interface SegmentSelection {
  include: string[];
  exclude: string[];
  label: string;
}

/**
 * One segment's customers, or a cell of two segments' overlap: `Champions and Loyal`,
 * `Champions, not Loyal`, `Loyal, not Champions`.
 */
export function selectionOf(ids: readonly string[], cell: OverlapCell, nameOf: (id: string) => string): SegmentSelection {
  const [first, second] = ids;
  if (second === undefined || cell === 'both') return { include: [...ids], exclude: [], label: ids.map(nameOf).join(' and ') };
  const [kept, left] = cell === 'only-first' ? [first, second] : [second, first];
  return { include: [kept], exclude: [left], label: `${nameOf(kept)}, not ${nameOf(left)}` };
}

/** The choice's words, with the cell's size when the analysis has it: `In both (407)`, `Only in Champions (424)`. */
export function cellLabel(cell: OverlapCell, names: readonly [string, string], size: number | null = null): string {
  const words = cell === 'both' ? 'In both' : `Only in ${cell === 'only-first' ? names[0] : names[1]}`;
  return size === null ? words : `${words} (${formatCount(size)})`;
}

/** How many customers a cell holds, from the overlap matrix (the diagonal holds each segment's size); null when either segment is not in it. */
export function cellSize(
  overlap: { overlapIds: readonly string[]; overlap: readonly (readonly number[])[] } | null,
  ids: readonly [string, string],
  cell: OverlapCell,
): number | null {
  const [i, j] = ids.map((id) => overlap?.overlapIds.indexOf(id) ?? -1);
  if (!overlap || i < 0 || j < 0) return null;
  const both = overlap.overlap[i][j];
  return cell === 'both' ? both : cell === 'only-first' ? overlap.overlap[i][i] - both : overlap.overlap[j][j] - both;
}
