/** A record that could not be loaded: where it is and why. */
export interface RejectedRecord {
  /** Line as the reader counts it: header included, a quoted multi-line record counted once. */
  line: number;
  reason: string;
  /** The record's text when the reader could not split it. */
  text?: string;
}

export interface FileReport {
  name: string;
  kind: 'transactions' | 'customers';
  /**
   * Records in the file (header excluded), counted from its bytes apart from the read
   * (record-count.ts); loaded + rejected + sum(excluded) equals it unless a record was lost.
   */
  input: number;
  loaded: number;
  rejected: number;
  /** Excluded records per cleaning rule, in rule order. */
  excluded: Record<string, number>;
  /** The first rejected records (all of them are in the downloadable CSV). */
  rejects: RejectedRecord[];
  floatIdsStripped: boolean;
  mergedIds: number;
}

export interface ImportReport {
  files: FileReport[];
  customers: number;
  orders: number;
  lines: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Exact decimal, as text. */
  totalAmount: string | null;
  currencies: string[];
  /** Orders whose lines disagree on the order amount (amount level "per order"). */
  amountConflicts: number;
  /** Buyers whose net spend is ≤ 0 (returns netted, or free orders only), lowest first: they get the lowest M score and the last tier. */
  nonPositiveBuyers: { total: number; first: { customerId: string; monetary: string }[] };
  /** With returns netted: customers whose orders are all returns, so they are not buyers. */
  returnsOnlyCustomers: number;
  customersFile: { inFile: number; neverPurchased: number; buyersNotInFile: number } | null;
}

/**
 * Input records that are neither loaded, rejected nor excluded: 0 when every record is accounted
 * for; negative when more came out of the read than the file holds.
 */
export function unaccounted(file: FileReport): number {
  const excluded = Object.values(file.excluded).reduce((a, b) => a + b, 0);
  return file.input - (file.loaded + file.rejected + excluded);
}

/** What an `unaccounted` figure other than 0 means, in words. */
export function unaccountedText(missing: number): string {
  const n = Math.abs(missing).toLocaleString('en-US');
  const records = Math.abs(missing) === 1 ? 'record' : 'records';
  return missing > 0
    ? `${n} ${records} unaccounted for: counted in the file, but neither loaded, rejected nor excluded.`
    : `${n} ${records} more came out of the reader than the file holds: some record was read twice.`;
}

/** How many reject rows a report carries; the CSV download has all. */
export const REPORT_REJECT_LIMIT = 200;

/** How many buyers with net spend ≤ 0 a report lists by name. */
export const REPORT_NON_POSITIVE_LIMIT = 50;
