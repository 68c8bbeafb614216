import type { AnalysisResult } from './result.ts';

export interface CutRow {
  label: string;
  /** Per score 1..bins: the class's upper bound ('older' / 'more' for the open-ended class) and its customers. */
  cells: { bound: string; customers: number }[];
}

/**
 * The cut-point table: where each score's class ends and how many customers it holds. R runs the
 * other way (fewer days is better), so its cuts are listed from the best class down.
 */
export function cutTableRows(result: Pick<AnalysisResult, 'bins' | 'cuts' | 'classSizes'>, monetary: 'total' | 'average'): CutRow[] {
  const { bins, cuts, classSizes } = result;
  const row = (label: string, sizes: number[], bound: (i: number) => number | undefined, open: string): CutRow => ({
    label,
    cells: sizes.map((customers, i) => ({ bound: String(bound(i) ?? open), customers })),
  });
  return [
    row('R: recency ≤ days', classSizes.r, (i) => (i === 0 ? undefined : cuts.recency[bins - 1 - i]), 'older'),
    row('F: orders ≤', classSizes.f, (i) => cuts.frequency[i], 'more'),
    row(monetary === 'average' ? 'M: average order ≤' : 'M: spend ≤', classSizes.m, (i) => cuts.monetary[i], 'more'),
  ];
}
