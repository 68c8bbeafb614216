/** One cell of the R × F grid of the segment map editor: R = bins is the top row, F = 1 the left column. */
export interface GridCell {
  r: number;
  f: number;
}

/**
 * Where a key takes the active cell of the R × F grid, as in the ARIA grid pattern: arrows move one
 * cell and stop at an edge, Home and End go to the row's first and last cell (with Ctrl, the grid's),
 * Page Up and Page Down to the column's top and bottom. Up is a higher R, as R = bins is drawn on top.
 * `null` for a key the grid leaves alone (Tab, Enter, Space…).
 */
export function gridKeyTarget(cell: GridCell, key: string, ctrl: boolean, bins: number): GridCell | null {
  const within = (n: number) => Math.min(bins, Math.max(1, n));
  switch (key) {
    case 'ArrowUp':
      return { r: within(cell.r + 1), f: cell.f };
    case 'ArrowDown':
      return { r: within(cell.r - 1), f: cell.f };
    case 'ArrowLeft':
      return { r: cell.r, f: within(cell.f - 1) };
    case 'ArrowRight':
      return { r: cell.r, f: within(cell.f + 1) };
    case 'Home':
      return ctrl ? { r: bins, f: 1 } : { r: cell.r, f: 1 };
    case 'End':
      return ctrl ? { r: 1, f: bins } : { r: cell.r, f: bins };
    case 'PageUp':
      return { r: bins, f: cell.f };
    case 'PageDown':
      return { r: 1, f: cell.f };
    default:
      return null;
  }
}
