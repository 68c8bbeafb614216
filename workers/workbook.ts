import readXlsxFile from 'read-excel-file/universal';
import { WorkbenchError } from '../src/lib/errors.ts';
import { sheetToCsv, type SheetCell, type StoredNumber } from '../src/lib/import/sheet-csv.ts';

/** A workbook's first sheet as CSV text (UTF-8), and what the page says about where it came from. */
export interface WorkbookCsv {
  csv: Uint8Array;
  /** The sheet read: the first in the workbook's order. */
  sheet: string;
  /** Every sheet's name, in order. */
  sheets: string[];
}

/**
 * Reads an .xlsx workbook (read-excel-file: unzip and XML parsing in plain JavaScript, no request,
 * the same code in the worker and in the command line) and writes its first sheet as CSV
 * (src/lib/import/sheet-csv.ts), which is then imported as any CSV is.
 */
export async function workbookToCsv(name: string, data: ArrayBuffer): Promise<WorkbookCsv> {
  let sheets;
  try {
    sheets = await readXlsxFile<StoredNumber>(data, { trim: false, parseNumber: (stored) => ({ stored }) });
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new WorkbenchError(
      'unsupported-file',
      `${name} could not be read as an Excel workbook (${why}): open it in Excel or another spreadsheet and save it again as .xlsx or CSV.`,
    );
  }
  const [first] = sheets;
  if (!first || first.data.length === 0) throw new WorkbenchError('unsupported-file', `${name} has no rows in its first sheet.`);
  const rows = first.data as unknown as SheetCell[][];
  return { csv: new TextEncoder().encode(sheetToCsv(rows)), sheet: first.sheet, sheets: sheets.map((s) => s.sheet) };
}
