import Papa from 'papaparse';
import { EXPORT_COLUMNS } from '../analysis/result.ts';
import { formulaSafe } from './formula-safe.ts';

/**
 * The customer export file from the rows of `exportCustomersSql`: the browser's download and the
 * CLI's output both come from here, so the two cannot drift apart.
 */
export function customersCsv(rows: readonly Record<string, unknown>[]): string {
  const fields = rows.length ? Object.keys(rows[0]) : [...EXPORT_COLUMNS];
  return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => (r[f] == null ? '' : formulaSafe(String(r[f]))))) });
}
