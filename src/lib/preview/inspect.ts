import { dateNote } from '../mapping/date-note.ts';
import { guessDelimiter } from '../mapping/detect-delimiter.ts';
import { guessAmountLevel, amountSourceNote } from '../mapping/guess-amounts.ts';
import { guessIdCleanup } from '../mapping/guess-ids.ts';
import { guessKind } from '../mapping/guess-kind.ts';
import type { GuessNote, GuessTopic, SuggestedSettings } from '../mapping/guess-notes.ts';
import { detectEncoding, guessDateFormat, guessNumberFormat, guessRoles, numberShape } from '../mapping/index.ts';
import { columnFor } from '../sql/columns.ts';
import type { DateFormat, FileImport, FileKind, ParseOptions } from '../spec/import.ts';
import { decodeHead } from './read-head.ts';
import { previewRecords, type Preview } from './preview.ts';

/**
 * How many records of a file's head the guesses look at (the form shows the first ten): enough for
 * a customer's second order to show up, and for a date with a day above 12.
 */
export const GUESS_ROWS = 500;

/** What the mapping form shows for one file, derived from its first bytes. */
export interface Inspection {
  mapping: FileImport;
  preview: Preview;
  /** Date formats the values allow when they do not decide (03/04/2024): the user must choose. */
  dateChoices: DateFormat[];
  currencySymbols: string[];
  /** Each guess and why, for the form to show beside what it guessed. */
  notes: GuessNote[];
  /** The import-wide settings this file's values call for (amount level, id clean-up). */
  suggested: SuggestedSettings;
}

/** First look at a file: encoding, delimiter, header, roles, date and number formats. */
export function inspectFile(name: string, head: Uint8Array, complete: boolean): Inspection {
  const encoding = detectEncoding(head).encoding;
  const text = decodeHead(head, encoding);
  const { delimiter } = guessDelimiter(text);
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
  const text = decodeHead(head, previous.parse.encoding);
  const preview = previewRecords(text, previous.parse.delimiter, previous.parse.header, complete, GUESS_ROWS);
  const inspection = inspectPreview(previous, preview, guess);
  const delimiter = guessDelimiter(text);
  if (delimiter.delimiter !== previous.parse.delimiter || !delimiter.decimalCommas) return inspection;
  const name = previous.parse.delimiter === ';' ? 'Semicolons' : previous.parse.delimiter === '\t' ? 'Tabs' : 'Pipes';
  const note: GuessNote = {
    topic: 'delimiter',
    text: `${name} separate the fields (${delimiter.fields} a line): the commas sit inside numbers, so they are decimal commas, not separators.`,
  };
  return { ...inspection, notes: ordered([...inspection.notes, note]) };
}

/** `reinspect` on records already split: a CSV head's, or a parquet file's first rows as text. */
export function inspectPreview(previous: FileImport, preview: Preview, guess: 'all' | 'formats' | 'none' = 'none'): Inspection {
  const parse: ParseOptions = { ...previous.parse };
  const { headers, rows } = preview;
  const sameColumns = previous.columns.length === headers.length && previous.columns.every((c, i) => c.name === headers[i]);
  const rolesChanged = guess === 'all' || !sameColumns;
  const columns = rolesChanged ? guessRoles(headers, rows) : previous.columns;
  const mapping: FileImport = { ...previous, parse, columns };
  const kindGuess = guessKind(mapping, headers, rows);
  const kind: FileKind = rolesChanged ? kindGuess.kind : previous.kind;

  const values = (role: 'order_date' | 'amount' | 'unit_price') => {
    const col = columnFor(mapping, role);
    const i = col ? headers.indexOf(col) : -1;
    return i < 0 ? [] : rows.map((r) => r[i] ?? '').filter((v) => v.trim() !== '');
  };
  const date = guessDateFormat(values('order_date'));
  const amounts = [...values('amount'), ...values('unit_price')];
  const numbers = guessNumberFormat(amounts);
  if (rolesChanged || guess === 'formats') {
    if (date.format) parse.dateFormat = date.format;
    parse.decimalMark = numbers.decimalMark;
  }

  const notes: GuessNote[] = [kindGuess.note];
  const level = guessAmountLevel(mapping, headers, rows);
  const ids = guessIdCleanup(mapping, headers, rows);
  if (kind === 'transactions') {
    if (parse.decimalMark === 'comma' && numbers.decimalMark === 'comma') {
      const example = amounts.find((v) => numberShape(v)?.mark === 'comma');
      notes.push({ topic: 'decimal-mark', text: `Decimal comma: amounts are written like ${example}, the comma before the decimals.` });
    }
    const dateColumn = columnFor(mapping, 'order_date');
    const dateValues = values('order_date');
    if (dateColumn && (date.ambiguous || date.format === parse.dateFormat)) {
      const note = dateNote(dateColumn, dateValues, date, numbers.decimalMark === 'comma');
      if (note) notes.push(note);
    }
    if (level.note) notes.push(level.note);
    const source = amountSourceNote({ ...mapping, parse }, headers, rows, level.level);
    if (source) notes.push(source);
  }
  if (ids.note) notes.push(ids.note);
  return {
    mapping: { ...mapping, kind, parse },
    preview,
    dateChoices: date.ambiguous ? date.candidates : [],
    currencySymbols: numbers.currencySymbols,
    notes: ordered(notes),
    suggested: { amountLevel: kind === 'transactions' ? level.level : 'line', lowerCaseIds: ids.lowerCase },
  };
}

const TOPICS: readonly GuessTopic[] = ['kind', 'delimiter', 'decimal-mark', 'date-format', 'amount-level', 'amount-source', 'ids'];

function ordered(notes: GuessNote[]): GuessNote[] {
  return [...notes].sort((a, b) => TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic));
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
