/**
 * Neutralises a text cell for spreadsheets: one that starts with = + - @, tab, CR or NUL gets a
 * leading `'`, multi-line cells included. Plain numbers stay numbers (so `-5` is left alone).
 */
export function formulaSafe(cell: string): string {
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(cell)) return cell;
  return /^[=+\-@\t\r\0]/.test(cell) ? `'${cell}` : cell;
}
