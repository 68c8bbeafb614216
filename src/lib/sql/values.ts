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

/** Digits before and after the point of a canonical number text, to size an exact DECIMAL. */
export function numberDigitsSql(canonical: string): { integer: string; fraction: string } {
  const unsigned = `ltrim(${canonical}, '+-')`;
  return {
    integer: `length(split_part(${unsigned}, '.', 1))`,
    fraction: `length(split_part(${unsigned}, '.', 2))`,
  };
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

const TIMES = ['%H:%M:%S.%f', '%H:%M:%S', '%H:%M', '%I:%M:%S %p', '%I:%M %p'];

function withTimes(date: string): string[] {
  return [...TIMES.map((t) => `${date} ${t}`), date];
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
  let text = `trim(${expr})`;
  text = `regexp_replace(${text}, '^(\\d{4}-\\d{2}-\\d{2})T', '\\1 ')`;
  text = `regexp_replace(${text}, '(\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)\\s*(Z|UTC|GMT|[+-]\\d{2}(:?\\d{2})?)$', '\\1')`;
  if (format === 'dmy' || format === 'mdy') {
    text = `regexp_replace(${text}, '^(\\d{1,2})[.-](\\d{1,2})[.-](\\d{2,4})', '\\1/\\2/\\3')`;
  }
  return `try_strptime(${text}, ${literalList(DATE_PATTERNS[format])})`;
}
