import type { Bins, CellSegment } from '../spec/analysis.ts';

/** Every R-F-M cell of a grid, `'111'` to e.g. `'555'`, highest first. */
export function allCells(bins: Bins): string[] {
  const cells: string[] = [];
  for (let r = bins; r >= 1; r--) for (let f = bins; f >= 1; f--) for (let m = bins; m >= 1; m--) cells.push(`${r}${f}${m}`);
  return cells;
}

/** What a cell map leaves out or claims twice; `invalid` lists cells that are not on the grid. */
export interface CellMapCheck {
  uncovered: string[];
  doubleClaimed: string[];
  invalid: string[];
}

/**
 * Checks a cell map against the bins³ grid. A cell claimed twice still has one owner (the first
 * segment in map order), and an uncovered cell lands in "Other": both are allowed but worth showing.
 */
export function checkCellMap(segments: readonly CellSegment[], bins: Bins): CellMapCheck {
  const grid = allCells(bins);
  const onGrid = new Set(grid);
  const claims = new Map<string, number>();
  const invalid = new Set<string>();
  for (const segment of segments) {
    for (const cell of new Set(segment.cells)) {
      if (onGrid.has(cell)) claims.set(cell, (claims.get(cell) ?? 0) + 1);
      else invalid.add(cell);
    }
  }
  return {
    uncovered: grid.filter((c) => !claims.has(c)),
    doubleClaimed: grid.filter((c) => (claims.get(c) ?? 0) > 1),
    invalid: [...invalid],
  };
}
