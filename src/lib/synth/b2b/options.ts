import { parseDay } from '../calendar.ts';

/** What to generate for the B2B sample. The same options always give byte-identical files. */
export interface B2bOptions {
  /** Any 32-bit unsigned integer. */
  seed: number;
  /** Rows of the accounts file. */
  accounts: number;
  /** First day invoices are written for, `YYYY-MM-DD`. */
  start: string;
  /** Last day, inclusive, `YYYY-MM-DD`. */
  end: string;
}

/** public/samples/b2b-v1. */
export const B2B_SAMPLE_OPTIONS: Readonly<B2bOptions> = {
  seed: 20240301,
  accounts: 500,
  start: '2023-01-01',
  end: '2024-12-31',
};

/** Throws naming the first bad option. */
export function validateB2bOptions(options: B2bOptions): void {
  const { seed, accounts, start, end } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`invalid seed: ${seed}`);
  if (!Number.isSafeInteger(accounts) || accounts < 1 || accounts > 999_999) throw new Error(`invalid accounts: ${accounts}`);
  if (parseDay(end, 'end') < parseDay(start, 'start')) throw new Error(`invalid end: ${end} is before start ${start}`);
}
