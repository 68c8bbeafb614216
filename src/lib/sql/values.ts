import type { DateFormat, DecimalMark } from '../spec/import.ts';
import { literal, literalList } from './quote.ts';
import { trimSql } from './trim.ts';

/** A currency token before or after a number: a symbol, or a three-letter code such as EUR. */
const CURRENCY = String.raw`(\p{Sc}|[A-Za-z]{3})?`;

const NUMBER_SHAPE: Record<DecimalMark, string> = {
  point: String.raw`^[+-]?\s*${CURRENCY}\s*[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?\s*${CURRENCY}$`,
  comma: String.raw`^[+-]?\s*${CURRENCY}\s*[+-]?(\d{1,3}([. '\x{00A0}\x{202F}]\d{3})+|\d+)?(,\d+)?\s*${CURRENCY}$`,
};

/**
 * A text expression reduced to `-1234.50` form, or NULL when it is not a number as written with
 * the chosen decimal mark (currency symbols and thousands separators allowed, nothing else).
 */
export function numberText(expr: string, mark: DecimalMark): string {
  const keep = mark === 'point' ? `'[^0-9.+-]'` : `'[^0-9,+-]'`;
  // Not trim(expr): the spaces trim removes are among the characters removed anyway, and a second
  // trim(expr) would be a repeated subexpression, which DuckDB's optimiser computes for every row
  // before the CASE, whichever branch the row takes; decimalFromText's fast path would then pay for
  // the slow one (a fifth of staging a 1M-row file with three number columns).
  const stripped = `regexp_replace(${expr}, ${keep}, '', 'g')`;
  const canonical = mark === 'point' ? stripped : `replace(${stripped}, ',', '.')`;
  return `CASE WHEN regexp_full_match(trim(${expr}), ${literal(NUMBER_SHAPE[mark])}) AND regexp_matches(${expr}, '[0-9]') THEN ${canonical} END`;
}

/**
 * An upper bound on the digits before and after the decimal mark of a number text, to size an
 * exact DECIMAL without a pattern match per value: exact for plain numbers, and at worst a few
 * digits wide for ones with a currency suffix or thousands separators (a wider type loses nothing).
 */
export function numberDigitsSql(expr: string, mark: DecimalMark): { integer: string; fraction: string } {
  // rtrim with this character set is slow, so only values that end in something else pay for it. The
  // last character is compared as text: a pattern (or right(), which counts graphemes) per value cost
  // most of this pass. A single character lies between '0' and '9' only when it is an ASCII digit.
  const trimmed = trimSql(expr);
  return roughDigitsSql(
    `CASE WHEN ${trimmed}[-1] BETWEEN '0' AND '9' THEN ${trimmed} ELSE rtrim(${trimmed}, ${literal(AFFIX_CHARS)}) END`,
    mark,
  );
}

/**
 * The digits before and after the decimal mark of a text as it is, spaces and suffix included: on
 * the text as read, upper bounds on numberDigitsSql's widths, a few times cheaper and never
 * narrower, since that text is the measured one with spaces before it (which hold no decimal mark)
 * and spaces or suffix characters after it (which hold none either).
 */
export function roughDigitsSql(t: string, mark: DecimalMark): { integer: string; fraction: string } {
  const at = `strpos(${t}, ${mark === 'point' ? "'.'" : "','"})`;
  return {
    integer: `CASE WHEN ${at} > 0 THEN ${at} - 1 ELSE length(${t}) END`,
    fraction: `CASE WHEN ${at} > 0 THEN length(${t}) - ${at} ELSE 0 END`,
  };
}

/** What can follow the digits of an amount: spaces, currency symbols and codes, a percent sign. */
const AFFIX_CHARS = ' \u00a0\u202f%€$£¥₹₽₩₺₪₫฿₴₦¢ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * An exact DECIMAL from text written with the chosen decimal mark, or NULL. With a decimal point,
 * a plain number casts directly and only the rest (currency, thousands separators) goes through
 * the pattern; with a decimal comma every value must, since `1.234` means 1234 there. The direct
 * cast needs no DOUBLE cast before it: every text the DECIMAL cast reads, the DOUBLE cast reads
 * too, and what only DOUBLE reads (`inf`, `nan`, `+-1`, out of range) fails the DECIMAL cast and
 * goes through the pattern either way (test/sql/decimal-from-text.test.ts).
 */
export function decimalFromText(expr: string, mark: DecimalMark, type: string): string {
  const slow = `TRY_CAST(${numberText(expr, mark)} AS ${type})`;
  return mark === 'point' ? `coalesce(TRY_CAST(${trimSql(expr)} AS ${type}), ${slow})` : slow;
}

/**
 * The exact DECIMAL type for a column: the widest scale present (at least 3, since unit prices
 * such as 0.001 exist) and room for its integer digits; DECIMAL(18,·) stays a fast 64-bit type.
 */
export function decimalType(maxIntegerDigits: number, maxFractionDigits: number): string {
  const scale = Math.min(Math.max(3, maxFractionDigits), 18);
  const width = Math.max(maxIntegerDigits, 1) + scale;
  return width <= 18 ? `DECIMAL(18, ${scale})` : `DECIMAL(38, ${Math.min(scale, 38 - Math.max(maxIntegerDigits, 1))})`;
}

/**
 * The narrowest type decimalType gives (scale 3 at least, 64-bit while it fits): when upper bounds
 * on a column's widths give it, its exact widths give it too.
 */
export const MINIMAL_DECIMAL = 'DECIMAL(18, 3)';

// Most common first: try_strptime stops at the first pattern that fits.
const TIMES = ['%H:%M:%S', '%H:%M', '%H:%M:%S.%f', '%I:%M:%S %p', '%I:%M %p', '%I:%M:%S.%f %p'];

function withTimes(date: string): string[] {
  return [`${date} ${TIMES[0]}`, date, ...TIMES.slice(1).map((t) => `${date} ${t}`)];
}

type TextDateFormat = Exclude<DateFormat, 'serial'>;

const DAY_MONTH_SHORT_YEAR = String.raw`^\d{1,2}/\d{1,2}/\d{2}(\D|$)`;

/**
 * strptime patterns for each date format as the text is rewritten first (see timestampFromText): a
 * four-digit year, and, where the format allows one, a two-digit year, told apart by a pattern
 * match first: `%Y` would read `08` as the year 8. A time of day may follow.
 */
export const DATE_PATTERNS: Record<TextDateFormat, { fourDigitYear: string[]; twoDigitYear?: { when: string; patterns: string[] } }> = {
  ymd: { fourDigitYear: withTimes('%Y-%m-%d') },
  'ymd-compact': { fourDigitYear: withTimes('%Y%m%d') },
  'ymd-slash': { fourDigitYear: withTimes('%Y/%m/%d') },
  dmy: { fourDigitYear: withTimes('%d/%m/%Y'), twoDigitYear: { when: DAY_MONTH_SHORT_YEAR, patterns: withTimes('%d/%m/%y') } },
  'dmy-dot': { fourDigitYear: withTimes('%d/%m/%Y'), twoDigitYear: { when: DAY_MONTH_SHORT_YEAR, patterns: withTimes('%d/%m/%y') } },
  mdy: { fourDigitYear: withTimes('%m/%d/%Y'), twoDigitYear: { when: DAY_MONTH_SHORT_YEAR, patterns: withTimes('%m/%d/%y') } },
  'month-name': {
    fourDigitYear: withTimes('%d %b %Y'),
    twoDigitYear: { when: String.raw`^\d{1,2} [A-Za-z]{3} \d{2}(\D|$)`, patterns: withTimes('%d %b %y') },
  },
};

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  ymd: 'YYYY-MM-DD',
  'ymd-compact': 'YYYYMMDD',
  'ymd-slash': 'YYYY/MM/DD',
  dmy: 'DD/MM/YYYY',
  'dmy-dot': 'DD.MM.YYYY',
  mdy: 'MM/DD/YYYY',
  'month-name': '14-JUL-08 / Jul 14, 2008 (month names)',
  serial: 'spreadsheet day number (39643)',
};

/**
 * A TIMESTAMP from text in the chosen format, or NULL. A trailing UTC offset is dropped so the
 * local date as written counts (offline there is no time-zone support, and `2024-03-01 23:30
 * -0500` is an order of 1 March to the shop that wrote it). Two-digit years follow the POSIX `%y`
 * rule (00–68 → 2000–2068, 69–99 → 1969–1999), as src/lib/mapping/guess-date-format.ts says.
 */
export function timestampFromText(expr: string, format: DateFormat): string {
  if (format === 'serial') return serialDaySql(expr);
  // ISO text casts natively (fast); an offset other than UTC makes the cast fail, and the slow path drops it.
  const fast = format === 'ymd' ? `TRY_CAST(${trimSql(expr)} AS TIMESTAMP)` : null;
  let text = `trim(${expr})`;
  text = `regexp_replace(${text}, '(\\d)T(\\d{1,2}:)', '\\1 \\2')`;
  text = `regexp_replace(${text}, '(\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)\\s*(Z|UTC|GMT|[+-]\\d{2}(:?\\d{2})?)$', '\\1')`;
  // `3:05pm`, `3:05 p.m.` → `3:05 PM`, as %p reads it.
  text = `regexp_replace(${text}, '(\\d)\\s*([AaPp])\\.?[Mm]\\.?$', '\\1 \\2M')`;
  if (format === 'dmy' || format === 'dmy-dot' || format === 'mdy') {
    text = `regexp_replace(${text}, '^(\\d{1,2})[.-](\\d{1,2})[.-](\\d{2,4})', '\\1/\\2/\\3')`;
  }
  if (format === 'month-name') text = monthNameText(text);
  const { fourDigitYear, twoDigitYear } = DATE_PATTERNS[format];
  const four = `try_strptime(${text}, ${literalList(fourDigitYear)})`;
  const slow = twoDigitYear
    ? `CASE WHEN regexp_matches(${text}, ${literal(twoDigitYear.when)}) THEN try_strptime(${text}, ${literalList(twoDigitYear.patterns)}) ELSE ${four} END`
    : four;
  return fast ? `coalesce(${fast}, ${slow})` : slow;
}

/**
 * Month-name dates rewritten as `14 Jul 2008 …`: a leading weekday dropped, each word cut to its
 * first three letters (`July`, `JULY.` and `Juli` → `Jul`, `Sept` → `Sep`; `PM` is two), and the
 * day put first when the month leads (`Jul 14th, 2008`).
 */
function monthNameText(text: string): string {
  let t = `regexp_replace(${text}, '^(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+', '')`;
  t = `regexp_replace(${t}, '([A-Za-z]{3})[A-Za-z]*\\.?', '\\1', 'g')`;
  t = `regexp_replace(${t}, '^(\\d{1,2})(st|nd|rd|th)?[-\\s/.]+([A-Za-z]{3})[-\\s/.,]+(\\d{4}|\\d{2})', '\\1 \\3 \\4')`;
  return `regexp_replace(${t}, '^([A-Za-z]{3})[-\\s/.]+(\\d{1,2})(st|nd|rd|th)?,?[-\\s/.]+(\\d{4}|\\d{2})', '\\2 \\1 \\4')`;
}

/**
 * A spreadsheet day number (`39643`, `39643.5` for noon) as a TIMESTAMP, to the second, counted
 * from 1899-12-30 as Excel's 1900 date system does; NULL for anything but five digits.
 */
function serialDaySql(expr: string): string {
  const t = `trim(${expr})`;
  return `CASE WHEN regexp_full_match(${t}, '\\d{5}(\\.\\d+)?') THEN TIMESTAMP '1899-12-30' + to_seconds(CAST(round(CAST(${t} AS DOUBLE) * 86400) AS BIGINT)) END`;
}
