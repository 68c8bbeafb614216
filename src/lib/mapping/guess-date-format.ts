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

// A time of day, then maybe a UTC offset, as src/lib/sql/values.ts reads them.
const TIME = String.raw`(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?`;
const YMD = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const YMD_SLASH = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`);
const YMD_COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`);
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);

/** Every format one value fits (empty when it is not a date). */
export function matchDateFormats(value: string): DateFormat[] {
  const text = value.trim();
  let m = YMD.exec(text);
  if (m !== null) return valid(+m[1], +m[2], +m[3]) ? ['ymd'] : [];
  m = YMD_SLASH.exec(text);
  if (m !== null) return valid(+m[1], +m[2], +m[3]) ? ['ymd-slash'] : [];
  m = YMD_COMPACT.exec(text);
  // A narrow year range keeps eight-digit ids from passing as dates.
  if (m !== null) return +m[1] >= 1900 && +m[1] <= 2099 && valid(+m[1], +m[2], +m[3]) ? ['ymd-compact'] : [];
  m = DAY_MONTH.exec(text);
  if (m === null) return [];
  const [a, b] = [+m[1], +m[3]];
  // Two-digit years as strptime's %y reads them: 69–99 are 19xx, the rest 20xx.
  const year = m[4].length === 4 ? +m[4] : +m[4] + (+m[4] >= 69 ? 1900 : 2000);
  const formats: DateFormat[] = [];
  if (valid(year, b, a)) formats.push('dmy');
  if (valid(year, a, b)) formats.push('mdy');
  return formats;
}

/**
 * Finds the format shared by a column's dates. Values that are no date at all (blanks, `N/A`) are
 * skipped, but if fewer than half the non-blank values are dates there is no format. When the dates
 * fit both `dmy` and `mdy` (no part above 12) the answer is ambiguous, never a silent pick.
 */
export function guessDateFormat(values: string[]): DateFormatGuess {
  const filled = values.filter((v) => v.trim() !== '');
  const matches = filled.map(matchDateFormats).filter((formats) => formats.length > 0);
  if (matches.length === 0 || matches.length * 2 < filled.length) {
    return { format: null, ambiguous: false, candidates: [] };
  }
  const candidates = DATE_FORMATS.filter((f) => matches.every((formats) => formats.includes(f)));
  if (candidates.length === 1) return { format: candidates[0], ambiguous: false, candidates };
  return { format: null, ambiguous: candidates.length > 1, candidates };
}

function valid(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
