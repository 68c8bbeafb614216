import type { DateFormat } from '../spec/import.ts';
import { DATE_FORMAT_LABELS } from '../sql/values.ts';
import { hasTwoDigitYear, SERIAL_EPOCH, TWO_DIGIT_YEAR_RULE, type DateFormatGuess } from './guess-date-format.ts';
import type { GuessNote } from './guess-notes.ts';

const DAY_MS = 86_400_000;

/**
 * The date format guessed for a column, in words: the format, an example from the file, and the
 * rules that read it (two-digit years, spreadsheet day numbers, a dropped time zone). When the
 * dates fit both orders, what else in the file points one way: dots and decimal commas are
 * written where the day comes first.
 */
export function dateNote(column: string, values: string[], guess: DateFormatGuess, decimalComma: boolean): GuessNote | null {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return null;
  const text = (t: string): GuessNote => ({ topic: 'date-format', text: t });
  if (guess.ambiguous) {
    const hints = [filled.some((v) => /^\d{1,2}\.\d{1,2}\./.test(v)) && 'dates written with dots', decimalComma && 'decimal commas'].filter(
      Boolean,
    );
    const hint = hints.length ? ` The file has ${hints.join(' and ')}, which are written where the day comes first (DD/MM).` : '';
    return text(
      `${column}: no date in the first ${values.length} rows has a part above 12 (e.g. ${filled[0]}), so they could be day-first or month-first: choose the date format.${hint}`,
    );
  }
  const format = guess.format;
  if (format === null) return null;
  const example = filled[0];
  const parts = [`${column} read as ${DATE_FORMAT_LABELS[format]}, e.g. ${example}${decided(format, filled)}`];
  if (format === 'month-name') parts[0] = `${column} has English month names, e.g. ${example}: day and month are read by name`;
  if (format === 'serial') {
    const days = Math.floor(Number(example));
    const day = new Date(Date.parse(SERIAL_EPOCH) + days * DAY_MS).toISOString().slice(0, 10);
    parts[0] = `${column} holds spreadsheet day numbers: ${days} is ${day}, counted from ${SERIAL_EPOCH} as Excel's 1900 date system does (a fraction is the time of day)`;
  }
  const twoDigit = filled.find(hasTwoDigitYear);
  if (twoDigit) parts.push(`${TWO_DIGIT_YEAR_RULE} (${twoDigit})`);
  if (filled.some((v) => /:\d{2}(?:\.\d+)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$/.test(v))) {
    parts.push('a time zone or Z at the end is dropped: the date and time as written count');
  }
  return text(parts.join('; ') + '.');
}

/** Why a day-first or month-first date is that: the first date with a part above 12. */
function decided(format: DateFormat, filled: string[]): string {
  if (format !== 'dmy' && format !== 'dmy-dot' && format !== 'mdy') return '';
  const proof = filled.find((v) => {
    const m = /^(\d{1,2})\D(\d{1,2})\D/.exec(v);
    return m !== null && +(format === 'mdy' ? m[2] : m[1]) > 12;
  });
  return proof ? ` (${proof} has its day, above 12, ${format === 'mdy' ? 'second' : 'first'})` : '';
}
