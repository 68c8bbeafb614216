import Papa from 'papaparse';
import { formulaSafe } from '../../src/lib/csv/formula-safe.ts';

/**
 * The export file as the app wrote it in one piece before exports were paged (customersCsv's body,
 * verbatim): the reference the paged writer must match byte for byte.
 */
export function onePieceCsv(rows: readonly Record<string, unknown>[], fields: readonly string[]): string {
  return Papa.unparse({
    fields: fields.map(formulaSafe),
    data: rows.map((r) => fields.map((f) => (r[f] == null ? '' : formulaSafe(String(r[f]))))),
  });
}
