import { isCurrencyAffix } from './currency.ts';
import { isSerialDate, matchDateFormats } from './guess-date-format.ts';
import { numberShape } from './parse-number.ts';

/** What a column's preview values look like. Ratios are shares of the filled values (0 when none). */
export interface ColumnProfile {
  /** Rows looked at. */
  rows: number;
  /** Values neither blank nor a stand-in for nothing (`NULL`, `N/A`, `-`). */
  filled: number;
  /** True when every value is blank: the only case where a column is ignored. */
  blank: boolean;
  date: number;
  /** Dates with separators; an eight-digit number may be an id as easily as a date. */
  separatedDate: number;
  /** Five-digit numbers: spreadsheet day numbers, when the column's name says it holds dates. */
  serialDate: number;
  numeric: number;
  /** Numbers with a fractional part (`11.77`). */
  decimal: number;
  /** Whole numbers from 0 to 10,000 without a leading zero: counts. */
  smallCount: number;
  /** Digits with leading zeros (`00001`): identifiers. */
  zeroPadded: number;
  /** Whole numbers of any size, zero-padded or not. */
  integer: number;
  /** Numbers written with a currency sign or code (`$1,234.50`, `12,50 €`). */
  money: number;
  email: number;
  /** Shopify order names (`#1001`). */
  hashNumber: number;
  /** Stripe charge and payment ids (`ch_…`, `py_…`). */
  stripePayment: number;
  currencyCode: number;
  /** Two or more words of letters only (`Brion Stark`). */
  personName: number;
  /** One token mixing letters and digits (`C1234`, `cus_9s6X`). */
  code: number;
  boolean: number;
}

const NOTHING = new Set(['null', 'na', 'n/a', 'nan', 'none', '-', '--', '#n/a']);
const BOOLEAN = new Set(['true', 'false', 'yes', 'no', 'y', 'n']);
const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[a-z]{2,}$/i;

/** Profiles one column of preview values. */
export function profileColumn(values: string[]): ColumnProfile {
  const cells = values.map((v) => v.trim());
  const filled = cells.filter((v) => v !== '' && !NOTHING.has(v.toLowerCase()));
  const share = (test: (v: string) => boolean): number => (filled.length === 0 ? 0 : filled.filter(test).length / filled.length);
  return {
    rows: cells.length,
    filled: filled.length,
    blank: cells.length > 0 && cells.every((v) => v === ''),
    date: share((v) => matchDateFormats(v).length > 0),
    separatedDate: share((v) => !/^\d+$/.test(v) && matchDateFormats(v).length > 0),
    serialDate: share(isSerialDate),
    numeric: share((v) => numberShape(v) !== null),
    decimal: share((v) => numberShape(v)?.fraction === true),
    smallCount: share((v) => /^(?:0|[1-9]\d{0,3}|10000)$/.test(v)),
    zeroPadded: share((v) => /^0\d+$/.test(v)),
    integer: share((v) => /^\d+$/.test(v)),
    money: share((v) => (numberShape(v)?.currency.length ?? 0) > 0),
    email: share((v) => EMAIL.test(v)),
    hashNumber: share((v) => /^#\d+$/.test(v)),
    stripePayment: share((v) => /^(?:ch|py)_[A-Za-z0-9]+$/.test(v)),
    currencyCode: share((v) => isCurrencyAffix(v)),
    personName: share((v) => /^\p{L}[\p{L}'.-]*(?: \p{L}[\p{L}'.-]*)+$/u.test(v)),
    code: share((v) => /^[\p{L}\p{N}_-]+$/u.test(v) && /\p{L}/u.test(v) && /\p{N}/u.test(v)),
    boolean: share((v) => BOOLEAN.has(v.toLowerCase())),
  };
}
