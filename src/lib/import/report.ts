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
  /** Records in the file (header excluded): loaded + rejected + sum(excluded). */
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
  customersFile: { inFile: number; neverPurchased: number; buyersNotInFile: number } | null;
}

/** How many reject rows a report carries; the CSV download has all. */
export const REPORT_REJECT_LIMIT = 200;
