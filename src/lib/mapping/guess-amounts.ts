import type { AmountLevel, DecimalMark, FileImport } from '../spec/import.ts';
import { roleValues, type GuessNote, type RoleValues } from './guess-notes.ts';
import { numberValue } from './parse-number.ts';

/** Orders with several lines needed before their amounts can show an order-level total. */
const ENOUGH_ORDERS = 2;
// Amounts are compared to the cent: quantity × price is rounded where the file's amount is.
const CENT = 0.005;

/**
 * Line or order level, from how the amount column behaves within orders of several lines: when
 * every such order repeats one amount on all its lines, or fills it on the first line only, the
 * amount is the order's total and is taken once per order (summing it would count it once per
 * line). Needs an order id and an amount column, and at least two orders of several lines.
 */
export function guessAmountLevel(mapping: FileImport, headers: string[], rows: string[][]): { level: AmountLevel; note: GuessNote | null } {
  const orders = roleValues(mapping, headers, rows, 'order_id');
  const amounts = roleValues(mapping, headers, rows, 'amount');
  if (orders === null || amounts === null) return { level: 'line', note: null };
  const multi = [...linesByOrder(orders).values()].filter((lines) => lines.length > 1).map((lines) => lines.map((i) => amounts.values[i]));
  if (multi.length < ENOUGH_ORDERS) return { level: 'line', note: null };
  const repeats = (a: string[]) => a[0] !== '' && a.every((v) => v === a[0]);
  const firstOnly = (a: string[]) => a[0] !== '' && a.slice(1).every((v) => v === '');
  const where = `${multi.length} orders with several lines in the first ${rows.length} rows`;
  if (multi.every(repeats)) {
    return {
      level: 'order',
      note: note(
        `${amounts.column} repeats one value on every line of an order (all ${where}): it is the order's total, taken once per order, not summed`,
      ),
    };
  }
  if (multi.every((a) => repeats(a) || firstOnly(a))) {
    return {
      level: 'order',
      note: note(
        `${amounts.column} is filled on an order's first line and blank or repeated on the others (all ${where}): it is the order's total, taken once per order`,
      ),
    };
  }
  return { level: 'line', note: null };
}

function note(text: string): GuessNote {
  return { topic: 'amount-level', text: `Per order: ${text}.` };
}

/**
 * Which source gives an order's amount, and why, when the form could use more than one: a mapped
 * amount column is used as it stands, since it is what was charged (discounts, tax or shipping may
 * make it differ from quantity × unit price); the preview says how often the two agree. With no
 * amount column, quantity × unit price is the amount.
 */
export function amountSourceNote(mapping: FileImport, headers: string[], rows: string[][], level: AmountLevel): GuessNote | null {
  const amount = roleValues(mapping, headers, rows, 'amount');
  const quantity = roleValues(mapping, headers, rows, 'quantity');
  const price = roleValues(mapping, headers, rows, 'unit_price');
  if (quantity === null || price === null) return null;
  const product = `${quantity.column} × ${price.column}`;
  if (amount === null) {
    return { topic: 'amount-source', text: `Amounts are ${product} on each line: there is no amount column.` };
  }
  const orders = level === 'order' ? roleValues(mapping, headers, rows, 'order_id') : null;
  const { agree, compared, example } = agreement(mapping.parse.decimalMark, { amount, quantity, price }, orders);
  const used = `${amount.column} is used for amounts, not ${product}: an amount column is what was charged, which discounts, tax or shipping can make differ from quantity × price`;
  const unit = orders ? `orders (${amount.column} against the sum of ${product} over the order's lines)` : 'lines';
  const rowCount = rows.length;
  let evidence = '';
  if (compared > 0 && agree === compared) evidence = ` In the first ${rowCount} rows they agree on all ${compared} ${unit}.`;
  else if (compared > 0)
    evidence = ` In the first ${rowCount} rows they agree on ${agree} of ${compared} ${unit}${example ? `; for example ${example}` : ''}.`;
  return {
    topic: 'amount-source',
    text: `${used}.${evidence} To use ${product} instead, set ${amount.column}'s role to Attribute.`,
  };
}

/**
 * How often the amount equals quantity × unit price: per line, or, given the order ids, per order
 * (the order's first amount against the sum over its lines).
 */
function agreement(
  mark: DecimalMark,
  { amount, quantity, price }: Record<'amount' | 'quantity' | 'price', RoleValues>,
  orders: RoleValues | null,
): { agree: number; compared: number; example: string | null } {
  const read = (v: string) => (v === '' ? null : numberValue(v, mark));
  const products = amount.values.map((_, i) => {
    const [q, p] = [read(quantity.values[i]), read(price.values[i])];
    return q === null || p === null ? null : q * p;
  });
  const groups = orders ? [...linesByOrder(orders).values()] : amount.values.map((_, i) => [i]);
  let [agree, compared] = [0, 0];
  let example: string | null = null;
  for (const lines of groups) {
    const given = read(amount.values[lines[0]]);
    const parts = lines.map((i) => products[i]);
    if (given === null || parts.some((p) => p === null)) continue;
    const sum = parts.reduce((a, b) => a! + b!, 0)!;
    compared++;
    if (Math.abs(given - sum) <= CENT) agree++;
    else example ??= `${amount.values[lines[0]]} against ${round(sum, mark)}`;
  }
  return { agree, compared, example };
}

/** Row indexes by order id (blank ids left out), in order of first appearance. */
function linesByOrder(orders: RoleValues): Map<string, number[]> {
  const byOrder = new Map<string, number[]>();
  orders.values.forEach((id, i) => {
    if (id !== '') byOrder.set(id, [...(byOrder.get(id) ?? []), i]);
  });
  return byOrder;
}

function round(n: number, mark: DecimalMark): string {
  const text = n.toFixed(2);
  return mark === 'comma' ? text.replace('.', ',') : text;
}
