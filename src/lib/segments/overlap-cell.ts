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

/** The choice's words: `In both`, `Only in Champions`. */
export function cellLabel(cell: OverlapCell, names: readonly [string, string]): string {
  return cell === 'both' ? 'In both' : `Only in ${cell === 'only-first' ? names[0] : names[1]}`;
}
