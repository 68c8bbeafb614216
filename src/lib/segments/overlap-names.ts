import { formatCount, formatPercent } from '../format.ts';
import { overlapMeasures } from './kpis.ts';

/**
 * The accessible name of one overlap-matrix button: what it opens and the cell's numbers, so a
 * screen reader hears the figures a sighted user reads in the cell. The visible count appears in it
 * word for word (WCAG 2.5.3, label in name):
 * `Show customers in Champions and Big spenders: 123 customers, 45 % of Champions, Jaccard index 0.12`.
 */
export function overlapCellName(overlap: readonly (readonly number[])[], names: readonly string[], row: number, column: number): string {
  const m = overlapMeasures(overlap, row, column);
  if (row === column) return `Show customers in ${names[row]}: ${formatCount(m.both)} customers`;
  const share = m.ofRow === null ? '' : `, ${formatPercent(m.ofRow)} of ${names[row]}`;
  const jaccard = m.jaccard === null ? '' : `, Jaccard index ${m.jaccard.toFixed(2)}`;
  return `Show customers in ${names[row]} and ${names[column]}: ${formatCount(m.both)} customers${share}${jaccard}`;
}
