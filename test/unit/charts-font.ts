/**
 * Advance widths (px) of the characters Chart.js draws, in its default 12 px sans-serif as Debian's
 * Chromium renders it (Liberation Sans), measured there with canvas measureText: a stub canvas that
 * measures text as the browser does lets a layout test see the rotations and skips the page shows.
 */
const GROUPS: [number, string][] = [
  [2.29, "'"],
  [2.67, 'ijl'],
  [3.12, '|'],
  [3.33, ' !,./:;I[\\]ft·'],
  [4, '()-`r'],
  [4.01, '{}'],
  [4.26, '"'],
  [4.67, '*'],
  [5.63, '^'],
  [6, 'Jcksvxyz'],
  [6.59, '≥≤'],
  [6.67, '0123456789#$?L_abdeghnopqu–'],
  [7.01, '+<=>~×'],
  [7.33, 'FTZ'],
  [8, '&ABEKPSVXY'],
  [8.67, 'CDHNRUw'],
  [9.33, 'GOQ'],
  [10, 'Mm'],
  [10.67, '%'],
  [11.33, 'W'],
  [12, '→'],
  [12.18, '@'],
];
const WIDTHS_12PX = new Map(GROUPS.flatMap(([width, chars]) => [...chars].map((ch): [string, number] => [ch, width])));
/** Characters not in the table count as wide as the widest one. */
const FALLBACK = 12.18;

/** The width of `text` in a font of `size` px (Chart.js sets ctx.font before it measures). */
export function measureText(text: string, size = 12): number {
  let width = 0;
  for (const ch of text) width += WIDTHS_12PX.get(ch) ?? FALLBACK;
  return (width * size) / 12;
}
