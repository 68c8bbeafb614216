import { EXPORT_COLUMNS } from '../analysis/result.ts';
import { CsvPages } from '../export/csv-pages.ts';

/**
 * The customer export file from the rows of `exportCustomersSql`, in one piece (headers and cells
 * safe to open in a spreadsheet): the same writer the paged exports use, so a download and the CLI's
 * output cannot drift apart.
 */
export function customersCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  // Given columns keep their order (object keys would put a column named "2024" first) and head an empty file too.
  const fields = columns ?? (rows.length ? Object.keys(rows[0]) : [...EXPORT_COLUMNS]);
  const csv = new CsvPages(fields);
  return csv.header() + csv.page(rows);
}
