import { hasAmountSource, hasRole } from '../sql/columns.ts';
import type { FileImport } from './import.ts';

/** What still stops a file from loading, in words for the mapping form. */
export function mappingProblems(file: FileImport, dateChoices: readonly string[], dateConfirmed: boolean): string[] {
  const has = (role: Parameters<typeof hasRole>[1]) => hasRole(file, role);
  const problems: string[] = [];
  if (!has('customer_id')) problems.push('Choose the customer id column.');
  if (file.kind === 'transactions') {
    if (!has('order_date')) problems.push('Choose the order date column.');
    if (!hasAmountSource(file)) {
      problems.push('Choose the amount column, or quantity and unit price.');
    }
    if (dateChoices.length > 0 && !dateConfirmed) {
      problems.push('The dates could be day-first or month-first (e.g. 03/04/2024): choose DD/MM or MM/DD.');
    }
  }
  return problems;
}
