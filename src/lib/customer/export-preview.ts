import { formulaSafe } from '../csv/formula-safe.ts';
import type { Row } from '../import/sql-runner.ts';

/** The first rows of the customer export, each cell as its CSV writes it, with each row's id as loaded. */
export interface ExportPreview {
  columns: string[];
  rows: string[][];
  /** Per row, `customer_id` exactly as loaded (the cell may carry the spreadsheet guard `'`): what opens the story. */
  ids: string[];
}

/**
 * Rows of `exportCustomersSql` as `customersCsv` writes them: headers and cells made safe for
 * spreadsheets, NULL as empty. `columns` in the query's order (a row's keys would put a column named
 * `2024` first).
 */
export function exportPreview(rows: readonly Row[], columns: readonly string[]): ExportPreview {
  return {
    columns: columns.map(formulaSafe),
    rows: rows.map((r) => columns.map((c) => (r[c] == null ? '' : formulaSafe(String(r[c]))))),
    ids: rows.map((r) => String(r.customer_id ?? '')),
  };
}
