import type { DateFormat } from '../spec/import.ts';
import { DATE_FORMATS } from '../spec/import.ts';

/** The date format a column's values share, or why there is none. */
export interface DateFormatGuess {
  /** The one format every date fits; null when none does, or when several do (see ambiguous). */
  format: DateFormat | null;
  /** True when the dates fit both day-first and month-first: the user must choose. */
  ambiguous: boolean;
  /** Every format all the dates fit, in `DATE_FORMATS` order. */
  candidates: DateFormat[];
}

/** How a two-digit year is read, in the words the form and the README use. */
export const TWO_DIGIT_YEAR_RULE = 'two-digit years 00–68 are read as 2000–2068, and 69–99 as 1969–1999';

/** Spreadsheet day numbers: Excel's 1900 date system counts days from 1899-12-30. */
export const SERIAL_EPOCH = '1899-12-30';

// A time of day, then maybe a UTC offset, as src/lib/sql/values.ts reads them.
const TIME = String.raw`(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?`;
const YMD = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const YMD_SLASH = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`);
const YMD_COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`);
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
// A weekday name may lead (`Mon, 14 Jul 2008`, as e-mail and HTTP dates are written).
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const ORDINAL = '(?:st|nd|rd|th)?';
const DAY_NAME = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})${ORDINAL}[-\s/.]+([a-z]{3,})\.?[-\s/.,]+(\d{4}|\d{2})${TIME}$`, 'i');
const NAME_DAY = new RegExp(String.raw`^${WEEKDAY}([a-z]{3,})\.?[-\s/.]+(\d{1,2})${ORDINAL},?[-\s/.]+(\d{4}|\d{2})${TIME}$`, 'i');
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SERIAL = /^\d{5}(?:\.\d+)?$/;

/** Every format one value fits (empty when it is not a date written as text). */
export function matchDateFormats(value: string): DateFormat[] {
  const text = value.trim();
  let m = YMD.exec(text);
  if (m !== null) return valid(+m[1], +m[2], +m[3]) && validTime(m, 4) ? ['ymd'] : [];
  m = YMD_SLASH.exec(text);
  if (m !== null) return valid(+m[1], +m[2], +m[3]) && validTime(m, 4) ? ['ymd-slash'] : [];
  m = YMD_COMPACT.exec(text);
  // A narrow year range keeps eight-digit ids from passing as dates.
  if (m !== null) return +m[1] >= 1900 && +m[1] <= 2099 && valid(+m[1], +m[2], +m[3]) && validTime(m, 4) ? ['ymd-compact'] : [];
  m = DAY_MONTH.exec(text);
  if (m !== null) {
    if (!validTime(m, 5)) return [];
    const [a, b, year] = [+m[1], +m[3], fullYear(m[4])];
    const formats: DateFormat[] = [];
    if (valid(year, b, a)) formats.push(m[2] === '.' ? 'dmy-dot' : 'dmy');
    if (valid(year, a, b)) formats.push('mdy');
    return formats;
  }
  m = DAY_NAME.exec(text);
  if (m !== null) return validTime(m, 4) && valid(fullYear(m[3]), monthNumber(m[2]), +m[1]) ? ['month-name'] : [];
  m = NAME_DAY.exec(text);
  if (m !== null) return validTime(m, 4) && valid(fullYear(m[3]), monthNumber(m[1]), +m[2]) ? ['month-name'] : [];
  return [];
}

/** True when a date as written has a two-digit year (`14-JUL-08`, `3/14/24`), read by TWO_DIGIT_YEAR_RULE. */
export function hasTwoDigitYear(value: string): boolean {
  const text = value.trim();
  const dayMonth = DAY_MONTH.exec(text);
  const named = DAY_NAME.exec(text) ?? NAME_DAY.exec(text);
  return (dayMonth?.[4] ?? named?.[3])?.length === 2;
}

/** True for a spreadsheet day number with five digits (10000 is 1927-05-18, 99999 is 2173-10-14). */
export function isSerialDate(value: string): boolean {
  return SERIAL.test(value.trim());
}

/**
 * Finds the format shared by a column's dates. Values that are no date at all (blanks, `N/A`) are
 * skipped, but if fewer than half the non-blank values are dates there is no format. When the dates
 * fit both day-first and month-first (no part above 12) the answer is ambiguous, never a silent
 * pick. A column whose every value is a five-digit number is read as spreadsheet day numbers: a
 * date column Excel saved without its date format.
 */
export function guessDateFormat(values: string[]): DateFormatGuess {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length > 0 && filled.every(isSerialDate)) return { format: 'serial', ambiguous: false, candidates: ['serial'] };
  const matches = filled.map(matchDateFormats).filter((formats) => formats.length > 0);
  if (matches.length === 0 || matches.length * 2 < filled.length) {
    return { format: null, ambiguous: false, candidates: [] };
  }
  const candidates = DATE_FORMATS.filter((f) => matches.every((formats) => formats.includes(f)));
  if (candidates.length === 1) return { format: candidates[0], ambiguous: false, candidates };
  return { format: null, ambiguous: candidates.length > 1, candidates };
}

/** A two-digit year by TWO_DIGIT_YEAR_RULE, as DuckDB's and Python's strptime read `%y`. */
function fullYear(text: string): number {
  const year = +text;
  return text.length === 4 ? year : year + (year >= 69 ? 1900 : 2000);
}

/** 1–12 for a word that begins with an English month's first three letters (`Jul`, `JULY`, `Sept`), else 0. */
function monthNumber(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

/** A time's parts (captured from `at` on) as strptime accepts them: 0–23 h, or 1–12 with AM/PM. */
function validTime(m: RegExpExecArray, at: number): boolean {
  const [hour, minute, second, half] = [m[at], m[at + 1], m[at + 2], m[at + 3]];
  if (hour === undefined) return true;
  if (+minute > 59 || (second !== undefined && +second > 59)) return false;
  return half === undefined ? +hour <= 23 : +hour >= 1 && +hour <= 12;
}

function valid(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
