/** Colours of the charts: the app's accent for customers, a warm colour for revenue. */
export const CUSTOMERS_COLOR = '#2456c9';
export const REVENUE_COLOR = '#e08214';
export const CUT_COLOR = '#b3261e';
export const MUTED_COLOR = '#8c8c8c';
export const TEXT_COLOR = '#1d2330';
/** A heatmap cell nobody is in. */
export const EMPTY_CELL_COLOR = '#f1f2f4';

const LOW: [number, number, number] = [232, 239, 252];
const HIGH: [number, number, number] = [22, 58, 140];

/** Where `value` sits between 0 and `max`, clamped to 0–1; 0 when max is not positive. */
export function heatLevel(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value / max));
}

/** A sequential blue scale: level 0 is pale, level 1 dark. */
export function heatColor(level: number): string {
  const mix = (i: number) => Math.round(LOW[i] + (HIGH[i] - LOW[i]) * level);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** Text that stays readable on `heatColor(level)`. */
export function heatTextColor(level: number): string {
  return level > 0.5 ? '#ffffff' : TEXT_COLOR;
}
