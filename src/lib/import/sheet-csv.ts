/**
 * A spreadsheet's cells as CSV text, so that a workbook is imported exactly as a CSV is: the same
 * preview, guessing, record count and report, a row being a record. Values are written as the
 * workbook stores them, not as its cells display them:
 *
 * - numbers in the text the file holds them in (`19.99`, `0.1`), without grouping or currency
 *   formats, an exponent (`1.5E-3`) written out in decimal;
 * - dates (numbers with a date format) as ISO `yyyy-mm-dd`, with ` hh:mm:ss` when they hold a time
 *   of day (to the nearest second);
 * - text as it is, leading zeros and spaces included (`00123`); booleans as TRUE / FALSE.
 *
 * Rows are padded to the widest row, so that every record has the header's field count; empty
 * rows inside the sheet stay (each is a record with nothing in it, as an empty CSV line of commas).
 */

/** A number cell's value as the file stores it (the text of its `<v>` element). */
export interface StoredNumber {
  stored: string;
}

/** A cell as read-excel-file gives it, numbers kept as their stored text. */
export type SheetCell = string | number | boolean | Date | StoredNumber | null | undefined;

export function sheetToCsv(rows: readonly (readonly SheetCell[])[]): string {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  let csv = '';
  for (const row of rows) {
    const fields: string[] = [];
    for (let i = 0; i < width; i++) fields.push(csvField(cellText(row[i])));
    csv += fields.join(',') + '\n';
  }
  return csv;
}

export function cellText(cell: SheetCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return plainDecimal(String(cell));
  if (typeof cell === 'object') return plainDecimal(cell.stored);
  return cell;
}

/** A stored number's text without an exponent: `1.5E-3` → `0.0015`, `1E+21` → `1000000000000000000000`. */
export function plainDecimal(text: string): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text.trim());
  if (!match) return text;
  const [, sign, whole, fraction = '', exponent] = match;
  const shifted = shiftPoint(whole, fraction, Number(exponent));
  return sign === '-' && /[1-9]/.test(shifted) ? `-${shifted}` : shifted;
}

/** The digits `whole.fraction` with the decimal point moved `by` places (right when positive). */
function shiftPoint(whole: string, fraction: string, by: number): string {
  const digits = whole + fraction;
  const point = whole.length + by;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : point > digits.length ? digits + '0'.repeat(point - digits.length) : digits;
  const at = point <= 0 ? 1 : point;
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = padded.slice(at).replace(/0+$/, '');
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

/** A date as ISO text, read in UTC (the workbook's serial number has no time zone). */
function isoDate(date: Date): string {
  // The serial number becomes milliseconds with rounding error: a time is meant to the second.
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  const day = rounded.toISOString().slice(0, 10);
  const time = rounded.toISOString().slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/** RFC 4180 quoting where the import's reader needs it: a delimiter, quote or line end, or a leading space (before a quote it would open one). */
function csvField(text: string): string {
  return /[",\r\n]|^ /.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
