import type { DateFormat, DecimalMark } from '../spec/import.ts';
import { literal, literalList } from './quote.ts';

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
  const stripped = `regexp_replace(trim(${expr}), ${keep}, '', 'g')`;
  const canonical = mark === 'point' ? stripped : `replace(${stripped}, ',', '.')`;
  return `CASE WHEN regexp_full_match(trim(${expr}), ${literal(NUMBER_SHAPE[mark])}) AND regexp_matches(${expr}, '[0-9]') THEN ${canonical} END`;
}

/**
 * An upper bound on the digits before and after the decimal mark of a number text, to size an
 * exact DECIMAL without a pattern match per value: exact for plain numbers, and at worst a few
 * digits wide for ones with a currency suffix or thousands separators (a wider type loses nothing).
 */
export function numberDigitsSql(expr: string, mark: DecimalMark): { integer: string; fraction: string } {
  // rtrim with this character set is slow, so only values that end in something else pay for it.
  const trimmed = `trim(${expr})`;
  const t = `CASE WHEN regexp_matches(${trimmed}, '\\d$') THEN ${trimmed} ELSE rtrim(${trimmed}, ${literal(AFFIX_CHARS)}) END`;
  const at = `strpos(${t}, ${mark === 'point' ? "'.'" : "','"})`;
  return {
    integer: `CASE WHEN ${at} > 0 THEN ${at} - 1 ELSE length(${t}) END`,
    fraction: `CASE WHEN ${at} > 0 THEN length(${t}) - ${at} ELSE 0 END`,
  };
}

/** What can follow the digits of an amount: spaces, currency symbols and codes, a percent sign. */
const AFFIX_CHARS = ' \u00a0\u202f%€$£¥₹₽₩₺₪₫฿₴₦¢ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The trimmed text when it casts as a number (a cheap cast, no pattern), else NULL. */
function plainNumber(expr: string): string {
  const t = `trim(${expr})`;
  return `CASE WHEN TRY_CAST(${t} AS DOUBLE) IS NOT NULL THEN ${t} END`;
}

/**
 * An exact DECIMAL from text written with the chosen decimal mark, or NULL. With a decimal point,
 * a plain number casts directly and only the rest (currency, thousands separators) goes through
 * the pattern; with a decimal comma every value must, since `1.234` means 1234 there.
 */
export function decimalFromText(expr: string, mark: DecimalMark, type: string): string {
  const slow = `TRY_CAST(${numberText(expr, mark)} AS ${type})`;
  return mark === 'point' ? `coalesce(TRY_CAST(${plainNumber(expr)} AS ${type}), ${slow})` : slow;
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

// Most common first: try_strptime stops at the first pattern that fits.
const TIMES = ['%H:%M:%S', '%H:%M', '%H:%M:%S.%f', '%I:%M:%S %p', '%I:%M %p'];

function withTimes(date: string): string[] {
  return [`${date} ${TIMES[0]}`, date, ...TIMES.slice(1).map((t) => `${date} ${t}`)];
}

/** strptime patterns for each date format; a time of day may follow. */
export const DATE_PATTERNS: Record<DateFormat, string[]> = {
  ymd: withTimes('%Y-%m-%d'),
  'ymd-compact': withTimes('%Y%m%d'),
  'ymd-slash': withTimes('%Y/%m/%d'),
  dmy: [...withTimes('%d/%m/%Y'), ...withTimes('%d/%m/%y')],
  mdy: [...withTimes('%m/%d/%Y'), ...withTimes('%m/%d/%y')],
};

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  ymd: 'YYYY-MM-DD',
  'ymd-compact': 'YYYYMMDD',
  'ymd-slash': 'YYYY/MM/DD',
  dmy: 'DD/MM/YYYY',
  mdy: 'MM/DD/YYYY',
};

/**
 * A TIMESTAMP from text in the chosen format, or NULL. A trailing UTC offset is dropped so the
 * local date as written counts (offline there is no time-zone support, and `2024-03-01 23:30
 * -0500` is an order of 1 March to the shop that wrote it).
 */
export function timestampFromText(expr: string, format: DateFormat): string {
  // ISO text casts natively (fast); an offset other than UTC makes the cast fail, and the slow path drops it.
  const fast = format === 'ymd' ? `TRY_CAST(trim(${expr}) AS TIMESTAMP)` : null;
  let text = `trim(${expr})`;
  text = `regexp_replace(${text}, '^(\\d{4}-\\d{2}-\\d{2})T', '\\1 ')`;
  text = `regexp_replace(${text}, '(\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)\\s*(Z|UTC|GMT|[+-]\\d{2}(:?\\d{2})?)$', '\\1')`;
  if (format === 'dmy' || format === 'mdy') {
    text = `regexp_replace(${text}, '^(\\d{1,2})[.-](\\d{1,2})[.-](\\d{2,4})', '\\1/\\2/\\3')`;
  }
  const slow = `try_strptime(${text}, ${literalList(DATE_PATTERNS[format])})`;
  return fast ? `coalesce(${fast}, ${slow})` : slow;
}
