import { detectDelimiter, detectEncoding, guessDateFormat, guessNumberFormat, guessRoles } from '../mapping/index.ts';
import { columnFor, hasAmountSource, hasRole } from '../sql/columns.ts';
import type { DateFormat, FileImport, FileKind, ParseOptions } from '../spec/import.ts';
import { decodeHead } from './read-head.ts';
import { previewRecords, type Preview } from './preview.ts';

/** What the mapping form shows for one file, derived from its first bytes. */
export interface Inspection {
  mapping: FileImport;
  preview: Preview;
  /** Date formats the values allow when they do not decide (03/04/2024): the user must choose. */
  dateChoices: DateFormat[];
  currencySymbols: string[];
}

/** First look at a file: encoding, delimiter, header, roles, date and number formats. */
export function inspectFile(name: string, head: Uint8Array, complete: boolean): Inspection {
  const encoding = detectEncoding(head).encoding;
  const text = decodeHead(head, encoding);
  const delimiter = detectDelimiter(text);
  const header = looksLikeHeader(text, delimiter);
  return reinspect(
    { name, kind: 'transactions', parse: { delimiter, header, encoding, decimalMark: 'point', dateFormat: 'ymd' }, columns: [] },
    head,
    complete,
    'all',
  );
}

/**
 * The same file read again with changed parse options. Roles are guessed afresh only when the
 * columns changed (or when asked), so a person's choices survive e.g. a date-format change.
 */
export function reinspect(
  previous: FileImport,
  head: Uint8Array,
  complete: boolean,
  guess: 'all' | 'formats' | 'none' = 'none',
): Inspection {
  const preview = previewRecords(decodeHead(head, previous.parse.encoding), previous.parse.delimiter, previous.parse.header, complete);
  return inspectPreview(previous, preview, guess);
}

/** `reinspect` on records already split: a CSV head's, or a parquet file's first rows as text. */
export function inspectPreview(previous: FileImport, preview: Preview, guess: 'all' | 'formats' | 'none' = 'none'): Inspection {
  const parse: ParseOptions = { ...previous.parse };
  const sameColumns = previous.columns.length === preview.headers.length && previous.columns.every((c, i) => c.name === preview.headers[i]);
  const rolesChanged = guess === 'all' || !sameColumns;
  const columns = rolesChanged ? guessRoles(preview.headers, preview.rows) : previous.columns;
  let kind: FileKind = previous.kind;
  const mapping: FileImport = { ...previous, parse, columns };
  if (rolesChanged) kind = guessKind(mapping);

  const values = (role: 'order_date' | 'amount' | 'unit_price') => {
    const col = columnFor(mapping, role);
    const i = col ? preview.headers.indexOf(col) : -1;
    return i < 0 ? [] : preview.rows.map((r) => r[i] ?? '').filter((v) => v.trim() !== '');
  };
  const date = guessDateFormat(values('order_date'));
  const numbers = guessNumberFormat([...values('amount'), ...values('unit_price')]);
  if (rolesChanged || guess === 'formats') {
    if (date.format) parse.dateFormat = date.format;
    parse.decimalMark = numbers.decimalMark;
  }
  return {
    mapping: { ...mapping, kind, parse },
    preview,
    dateChoices: date.ambiguous ? date.candidates : [],
    currencySymbols: numbers.currencySymbols,
  };
}

/** A file with dates and amounts holds transactions; one with only ids and traits, customers. */
export function guessKind(file: FileImport): FileKind {
  return hasRole(file, 'order_date') && hasAmountSource(file) ? 'transactions' : 'customers';
}

/** A header row is text where the rows below have numbers or dates in the same columns. */
function looksLikeHeader(text: string, delimiter: ParseOptions['delimiter']): boolean {
  const { rows } = previewRecords(text, delimiter, false, false, 6);
  if (rows.length < 2) return true;
  const numeric = (v: string | undefined) => v !== undefined && /^[\s$€£¥-]*[\d.,]+[\s%]*$/.test(v.trim());
  const [first, ...later] = rows;
  const numericColumns = first.map((_, i) => i).filter((i) => later.every((r) => numeric(r[i])));
  // With no numeric column to compare against, assume the usual: a header.
  return numericColumns.length === 0 || numericColumns.some((i) => !numeric(first[i]));
}
