import Papa from 'papaparse';
import { EXPORT_COLUMNS } from '../analysis/result.ts';
import { formulaSafe } from './formula-safe.ts';

/**
 * The customer export file from the rows of `exportCustomersSql` (headers and cells safe to open in a
 * spreadsheet): the browser's download and the
 * CLI's output both come from here, so the two cannot drift apart.
 */
export function customersCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  // Given columns keep their order (object keys would put a column named "2024" first) and head an empty file too.
  const fields = columns ?? (rows.length ? Object.keys(rows[0]) : [...EXPORT_COLUMNS]);
  return Papa.unparse({
    fields: fields.map(formulaSafe),
    data: rows.map((r) => fields.map((f) => (r[f] == null ? '' : formulaSafe(String(r[f]))))),
  });
}
