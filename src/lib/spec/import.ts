/**
 * The import part of the spec: how each file is read, what each column means, and which records
 * the cleaning rules exclude. It holds definitions only, never data.
 */

/**
 * What a column means to the analysis. Contact roles (e-mail, names, phone, marketing consent) say
 * who a customer is for exports to marketing tools; everything else is an attribute (or ignored).
 */
export type Role =
  | 'customer_id'
  | 'order_id'
  | 'order_date'
  | 'amount'
  | 'quantity'
  | 'unit_price'
  | 'status'
  | 'currency'
  | ContactRole
  | 'attribute'
  | 'ignore';

export type ContactRole = 'email' | 'first_name' | 'last_name' | 'full_name' | 'phone' | 'consent';
export const CONTACT_ROLES: readonly ContactRole[] = ['email', 'first_name', 'last_name', 'full_name', 'phone', 'consent'];

export const ROLES: readonly Role[] = [
  'customer_id',
  'order_id',
  'order_date',
  'amount',
  'quantity',
  'unit_price',
  'status',
  'currency',
  ...CONTACT_ROLES,
  'attribute',
  'ignore',
];

/** 'whitespace' means runs of spaces/tabs separate fields (whitespace-aligned text). */
export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|', 'whitespace'];

export type Encoding =
  'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1' | 'windows-1252' | 'macintosh' | 'iso-8859-2' | 'windows-1250' | 'shift_jis' | 'gbk';
export const ENCODINGS: readonly Encoding[] = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'latin-1',
  'windows-1252',
  'macintosh',
  'iso-8859-2',
  'windows-1250',
  'shift_jis',
  'gbk',
];

/** What each encoding is, for the mapping form and messages. */
export const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'latin-1': 'Latin-1 (ISO-8859-1)',
  'windows-1252': 'Windows-1252 (Western)',
  macintosh: 'Mac Roman',
  'iso-8859-2': 'ISO-8859-2 (Latin-2)',
  'windows-1250': 'Windows-1250 (Central)',
  shift_jis: 'Shift_JIS (Japanese)',
  gbk: 'GBK (Chinese)',
};

/**
 * How dates are written. A time of day may follow any of them (24-hour, or 12-hour with AM/PM); a
 * trailing UTC offset or `Z` is ignored (the local date as written counts: there is no time-zone
 * support offline). `dmy` and `mdy` read `/`, `-` and `.` between the parts; `dmy-dot` is
 * `DD.MM.YYYY` by name. `month-name` reads English month names in either order (`14-JUL-08`,
 * `14 July 2008`, `Jul 14, 2008`); `serial` reads spreadsheet day numbers (Excel's 1900 system).
 * Two-digit years: 00–68 are 2000–2068, 69–99 are 1969–1999 (the POSIX `%y` rule).
 */
export type DateFormat = 'ymd' | 'ymd-compact' | 'dmy' | 'dmy-dot' | 'mdy' | 'ymd-slash' | 'month-name' | 'serial';
export const DATE_FORMATS: readonly DateFormat[] = ['ymd', 'ymd-compact', 'dmy', 'dmy-dot', 'mdy', 'ymd-slash', 'month-name', 'serial'];

/** How numbers are written: `1,234.50` (point) or `1.234,50` (comma). Currency symbols are stripped. */
export type DecimalMark = 'point' | 'comma';

export interface ParseOptions {
  delimiter: Delimiter;
  header: boolean;
  encoding: Encoding;
  decimalMark: DecimalMark;
  dateFormat: DateFormat;
}

export interface ColumnMapping {
  /** Column name as read (deduplicated; `column1`… when the file has no header). */
  name: string;
  role: Role;
}

/** Line level: each record's amount is summed into its order. Order level: taken once per order. */
export type AmountLevel = 'line' | 'order';

/** Keep only the records whose column holds one of the values (compared trimmed, case-insensitively). */
export interface KeepOnlyRule {
  column: string;
  values: string[];
}

/**
 * Which records the import excludes, and how amounts are read. Rules that name a column apply to
 * each transactions file that has it. The fields marked optional were added later: a spec without
 * them means what it always meant (their defaults are off).
 */
export interface CleaningRules {
  /** Records without a customer id are always excluded: there is no one to attribute them to. */
  cancelled: {
    enabled: boolean;
    orderIdPrefix: string;
    /** Empty: no status value marks a record cancelled. */
    statusValues: string[];
    /** A column whose any non-empty value marks the record cancelled (Shopify's `Cancelled at`). */
    filledColumn?: string | null;
  };
  /** Records whose column is not one of the values are excluded (`Deal Stage`: `Closed won`); all rules must hold. */
  keepOnly?: KeepOnlyRule[];
  /** Keep only this currency when the currency column has several (null: keep all). */
  currency: string | null;
  /** Quantity ≤ 0 or amount < 0: returns. */
  returns: boolean;
  /**
   * Returns (quantity ≤ 0 or amount < 0, and orders whose id has the cancelled prefix) are
   * subtracted from their customer's spend instead of excluded; they are not purchases, so they
   * count in no frequency or date. The `returns` exclusion then does not apply.
   */
  netReturns?: boolean;
  /** A column of amounts refunded, subtracted from the amount at the same level (line or order). */
  refundColumn?: string | null;
  /**
   * Line-item exports that write an order's fields on its first line only: each empty order-level
   * field (customer, date, status, currency, amount at order level, and the columns these rules
   * name) takes the value of the first line of the same order id that has one. Line attributes stay as they are.
   */
  fillDown?: boolean;
  zeroAmount: boolean;
  duplicates: boolean;
}

export interface IdCleanup {
  trim: boolean;
  lowerCase: boolean;
  /** The id is the first e-mail address written in the column (`Ann Lee (ann@example.com)`); none: empty. */
  extractEmail?: boolean;
  /** A column whose value is the id where the id column gives none (a deal's company when it has no contact). */
  fallbackColumn?: string | null;
}

export type FileKind = 'transactions' | 'customers';

export interface FileImport {
  /** The file's name as registered (`uploads/<name>`). */
  name: string;
  kind: FileKind;
  parse: ParseOptions;
  columns: ColumnMapping[];
  /** The export this file was recognised as (a preset id of src/lib/sources), null when none. */
  source?: string | null;
}

export interface ImportSpec {
  files: FileImport[];
  amountLevel: AmountLevel;
  cleaning: CleaningRules;
  ids: IdCleanup;
  /** For a customers file with repeated ids: refuse to load, or keep each id's first record. */
  duplicateCustomers: 'refuse' | 'keep-first';
}

/** The order cleaning rules apply in; each excluded record counts under the first that matches. */
export const EXCLUSION_RULES = [
  'no_customer_id',
  'not_kept',
  'cancelled',
  'other_currency',
  'returns',
  'zero_amount',
  'duplicate',
] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

/** "Standard": exclude no-id, cancelled and quantity ≤ 0; keep zero amounts and duplicates. */
export function standardCleaning(): CleaningRules {
  return {
    cancelled: { enabled: true, orderIdPrefix: 'C', statusValues: [], filledColumn: null },
    keepOnly: [],
    currency: null,
    returns: true,
    netReturns: false,
    refundColumn: null,
    fillDown: false,
    zeroAmount: false,
    duplicates: false,
  };
}

export function defaultParseOptions(): ParseOptions {
  return { delimiter: ',', header: true, encoding: 'utf-8', decimalMark: 'point', dateFormat: 'ymd' };
}

/**
 * WHATWG decoder labels: 'latin-1' decodes as windows-1252, which agrees on every printable byte;
 * GBK as gb18030, which is the very decoder the standard gives GBK (a superset of it), and the one
 * label whose decoding Node's ICU shares with browsers byte for byte (its own `gbk` differs).
 */
export const DECODER_LABEL: Record<Encoding, string> = {
  'utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'latin-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  macintosh: 'macintosh',
  'iso-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  shift_jis: 'shift_jis',
  gbk: 'gb18030',
};

/** The spec a fresh page starts from for these files: Standard cleaning, amounts per line. */
export function defaultImportSpec(files: FileImport[]): ImportSpec {
  return { files, amountLevel: 'line', cleaning: standardCleaning(), ids: defaultIdCleanup(), duplicateCustomers: 'refuse' };
}

export function defaultIdCleanup(): Required<IdCleanup> {
  return { trim: true, lowerCase: false, extractEmail: false, fallbackColumn: null };
}
