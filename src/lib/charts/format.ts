/** Number formats of the charts; counts and percentages come from `../format.ts`. */
import { slug } from '../format.ts';

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const byDigits = [0, 1, 2].map((d) => new Intl.NumberFormat('en-US', { maximumFractionDigits: d }));

/** `12,345.60`: an amount in the data's own currency, which the result does not name. */
export function formatMoney(n: number): string {
  return money.format(n);
}

export { formatPercent } from '../format.ts';

/** `1.2K`, `35`: short enough to print inside a heatmap cell. */
export function formatCompact(n: number): string {
  return compact.format(n);
}

const twoDigits = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 2 });
const twoDigitsFull = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });

/** A log-scale edge (two significant digits): `1.5K`, `680`, `0.47` on an axis; `1,500` in full. */
export function formatLogEdge(n: number, full = false): string {
  return (full ? twoDigitsFull : twoDigits).format(n);
}

/** A bin edge with as many decimals as the bin width needs: width 250 → `1,250`, width 0.5 → `3.5`. */
export function formatEdge(value: number, width: number): string {
  const digits = width >= 10 ? 0 : width >= 1 ? 1 : 2;
  return byDigits[digits].format(value);
}

/** `Show table: R × F heatmap`: a chart button's accessible name, its visible text first. */
export function buttonName(action: string, title: string): string {
  return `${action}: ${title}`;
}

/** `customers-by-rfm-segment.png` from a chart title. */
export function chartFilename(title: string): string {
  return `${slug(title) || 'chart'}.png`;
}
