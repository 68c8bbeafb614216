import { hasAmountSource } from '../sql/columns.ts';
import type { FileImport, FileKind } from '../spec/import.ts';
import { roleValues, type GuessNote } from './guess-notes.ts';
import { nameScores } from './name-scores.ts';

/** Below this many rows, ids that never repeat say little about the file. */
const ENOUGH_ROWS = 10;

/**
 * Transactions or customers, from what the values show before what the names say: a file with an
 * order id, an order date and an amount holds transactions, and so does one whose customer ids
 * repeat beside a date and an amount (a customer on many rows is a customer with many orders).
 * Without a date and an amount it holds customers. A date and an amount found only by their values
 * (the names say neither), beside ids that never repeat and no order id, are a customer's traits —
 * a signup date, a credit limit — so that file holds customers too.
 */
export function guessKind(mapping: FileImport, headers: string[], rows: string[][]): { kind: FileKind; note: GuessNote } {
  const column = (role: 'order_id' | 'order_date' | 'amount' | 'quantity') => mapping.columns.find((c) => c.role === role)?.name;
  const [order, date, amount] = [column('order_id'), column('order_date'), column('amount')];
  const note = (kind: FileKind, why: string) => ({
    kind,
    note: { topic: 'kind' as const, text: `${kind === 'transactions' ? 'Transactions' : 'Customers'}: ${why}.` },
  });
  const amountWords = amount ? `an amount (${amount})` : `quantity × unit price (${column('quantity')})`;
  if (date === undefined || !hasAmountSource(mapping)) {
    const missing = date === undefined ? 'no column reads as an order date' : 'no column reads as an amount';
    return note('customers', `${missing}, so each row is taken as one customer`);
  }
  if (order !== undefined) return note('transactions', `it has an order id (${order}), an order date (${date}) and ${amountWords}`);

  const ids = roleValues(mapping, headers, rows, 'customer_id');
  const repeated = ids === null ? null : firstRepeat(ids.values);
  if (ids !== null && repeated !== null) {
    return note(
      'transactions',
      `customer ids repeat (${repeated.id} is on ${repeated.times} of the first ${rows.length} rows) beside an order date (${date}) and ${amountWords}`,
    );
  }
  const named = (role: 'order_date' | 'amount', header: string | undefined) =>
    header !== undefined && (nameScores(header)[role] ?? 0) >= 50;
  if (ids !== null && rows.length >= ENOUGH_ROWS && !named('order_date', date) && !(amount === undefined || named('amount', amount))) {
    return note(
      'customers',
      `each customer id (${ids.column}) is on one row of the first ${rows.length}, and neither ${date} nor ${amount} is named as an order date or amount`,
    );
  }
  return note('transactions', `it has an order date (${date}) and ${amountWords}`);
}

/** The most repeated non-blank value and how often it appears, or null when none repeats. */
function firstRepeat(values: string[]): { id: string; times: number } | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: { id: string; times: number } | null = null;
  for (const [id, times] of counts) if (times > 1 && (best === null || times > best.times)) best = { id, times };
  return best;
}
