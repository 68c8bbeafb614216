/**
 * The expected outcome of importing each file in test/fixtures/guess, computed from the file's text
 * with plain string handling written for this test alone: no app code. Amounts are integer cents,
 * dates `YYYY-MM-DD HH:MM:SS`, and Standard cleaning is applied as the README states it (no id:
 * excluded; order id starting with C: cancelled; quantity ≤ 0 or amount < 0: a return).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const GUESS_FIXTURES = path.resolve(import.meta.dirname, 'fixtures/guess');

export interface CustomerTotal {
  orders: number;
  cents: number;
  first: string;
  last: string;
}

export interface Reference {
  records: number;
  loaded: number;
  excluded: Record<string, number>;
  customers: Map<string, CustomerTotal>;
  orders: number;
  totalCents: number;
  firstDate: string;
  lastDate: string;
}

interface Rules {
  delimiter: string;
  customer: string;
  order?: string;
  date: string;
  amount: string;
  quantity?: string;
  /** Cents from an amount as the file writes it. */
  cents: (text: string) => number;
  /** `YYYY-MM-DD HH:MM:SS` from a date as the file writes it. */
  readDate: (text: string) => string;
  /** The order total is repeated on each line: taken once per order. */
  perOrder?: boolean;
  /** E-mail ids: the same address in other capitals is the same customer. */
  lowerCaseIds?: boolean;
}

/** Splits CSV text into records, honouring double quotes (with `""` inside) and CRLF. */
export function splitCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.some((f) => f !== '')) records.push(record);
      [field, record] = ['', []];
    } else field += ch;
  }
  if (field !== '' || record.length) records.push([...record, field]);
  return records;
}

/** `1.234,56` → 123456 (a point groups thousands, a comma marks cents). */
export const commaCents = (text: string) => pointCents(text.replace(/\./g, '').replace(',', '.'));

/** `-1234.5` → -123450. */
export function pointCents(text: string): number {
  const t = text.trim();
  const negative = t.startsWith('-');
  const [whole, fraction = ''] = t.replace(/^-/, '').split('.');
  const cents = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  return negative ? -cents : cents;
}

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => `${y}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(min)}:${pad(s)}`;
/** The README's rule: 00–68 are 2000–2068, 69–99 are 1969–1999. */
const century = (yy: string) => (yy.length === 4 ? Number(yy) : Number(yy) + (Number(yy) >= 69 ? 1900 : 2000));
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** `31.01.2024` or `31.01.99`. */
export function dottedDate(text: string): string {
  const [d, m, y] = text.split('.');
  return stamp(century(y), Number(m), Number(d));
}

/** `14-JUL-08`, `14 July 2008` or `Jul 14, 2008`. */
export function monthNameDate(text: string): string {
  const parts = text.replace(',', '').split(/[- ]/);
  if (/^\d/.test(parts[0])) return stamp(century(parts[2]), month(parts[1]), Number(parts[0]));
  return stamp(century(parts[2]), month(parts[0]), Number(parts[1]));
}

/** `12/5/2024 1:40 PM` (month first, 12-hour clock). */
export function usDateTime(text: string): string {
  const [date, time, half] = text.split(' ');
  const [m, d, y] = date.split('/').map(Number);
  const [h, min] = time.split(':').map(Number);
  const hour = (h % 12) + (half === 'PM' ? 12 : 0);
  return stamp(y, m, d, hour, min);
}

/** `2024-02-05T08:23:50Z` or `2024-02-05`, the time as written. */
export function isoDate(text: string): string {
  const [date, time = '00:00:00'] = text.replace('Z', '').split('T');
  return `${date} ${time}`;
}

/** A spreadsheet day number: days after 1899-12-30, a fraction being the time of day. */
export function serialDate(text: string): string {
  const value = Number(text);
  const seconds = Math.round(value * 86400);
  const t = new Date(Date.UTC(1899, 11, 30) + seconds * 1000);
  return stamp(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
}

export const RULES: Record<string, Rules> = {
  'european-semicolon.csv': {
    delimiter: ';',
    customer: 'Kundennr',
    order: 'Belegnr',
    date: 'Belegdatum',
    amount: 'Betrag',
    quantity: 'Menge',
    cents: commaCents,
    readDate: dottedDate,
  },
  'erp-order-lines.csv': {
    delimiter: ',',
    customer: 'CUSTOMER_ID',
    order: 'ORDER_ID',
    date: 'ORDER_DATE',
    amount: 'ORDER_TOTAL',
    quantity: 'QUANTITY',
    cents: pointCents,
    readDate: monthNameDate,
    perOrder: true,
  },
  'shop-orders-email.csv': {
    delimiter: ',',
    customer: 'Customer Email',
    order: 'Order Number',
    date: 'Created At',
    amount: 'Total',
    cents: pointCents,
    readDate: isoDate,
    lowerCaseIds: true,
  },
  'order-lines-total-and-price.csv': {
    delimiter: ',',
    customer: 'customer_id',
    order: 'order_id',
    date: 'order_date',
    amount: 'line_total',
    quantity: 'qty',
    cents: pointCents,
    readDate: usDateTime,
  },
  // Loaded as the duplicate-id advice says: transactions, its fee the amount, each visit an order.
  'client-visits.csv': { delimiter: ',', customer: 'client_id', date: 'visit_date', amount: 'fee', cents: pointCents, readDate: isoDate },
  'dates-day-month-name.csv': {
    delimiter: ',',
    customer: 'customer',
    order: 'order',
    date: 'date',
    amount: 'amount',
    cents: pointCents,
    readDate: monthNameDate,
  },
  'dates-month-name-day.csv': {
    delimiter: ',',
    customer: 'customer',
    order: 'order',
    date: 'date',
    amount: 'amount',
    cents: pointCents,
    readDate: monthNameDate,
  },
  'dates-serial.csv': {
    delimiter: ',',
    customer: 'Customer ID',
    order: 'Order ID',
    date: 'Order Date',
    amount: 'Amount',
    cents: pointCents,
    readDate: serialDate,
  },
  'dates-two-digit-years.csv': {
    delimiter: ';',
    customer: 'Kunde',
    order: 'Auftrag',
    date: 'Datum',
    amount: 'Betrag',
    cents: commaCents,
    readDate: dottedDate,
  },
};

export const fixtureText = (name: string) => readFileSync(path.join(GUESS_FIXTURES, name), 'utf8');

/** What importing the fixture must give, from its text alone. */
export function reference(name: string): Reference {
  const rules = RULES[name];
  const [header, ...records] = splitCsv(fixtureText(name), rules.delimiter);
  const at = (column: string) => {
    const i = header.indexOf(column);
    if (i < 0) throw new Error(`${name} has no column ${column}`);
    return i;
  };
  const excluded: Record<string, number> = {};
  const exclude = (rule: string) => (excluded[rule] = (excluded[rule] ?? 0) + 1);
  const orders = new Map<string, { customer: string; cents: number; date: string }>();
  let loaded = 0;
  records.forEach((r, n) => {
    let id = r[at(rules.customer)].trim();
    if (rules.lowerCaseIds) id = id.toLowerCase();
    const order = rules.order ? r[at(rules.order)].trim() : `record ${n + 1}`;
    const cents = rules.cents(r[at(rules.amount)]);
    const quantity = rules.quantity ? Number(r[at(rules.quantity)]) : 1;
    if (id === '') return exclude('no_customer_id');
    if (/^c/i.test(order) && rules.order) return exclude('cancelled');
    if (quantity <= 0 || cents < 0) return exclude('returns');
    loaded++;
    const key = `${id}\u0000${order}`;
    const date = rules.readDate(r[at(rules.date)].trim());
    const seen = orders.get(key);
    if (!seen) orders.set(key, { customer: id, cents, date });
    else {
      if (!rules.perOrder) seen.cents += cents;
      if (date < seen.date) seen.date = date;
    }
  });
  const customers = new Map<string, CustomerTotal>();
  for (const o of orders.values()) {
    const c = customers.get(o.customer) ?? { orders: 0, cents: 0, first: o.date, last: o.date };
    c.orders++;
    c.cents += o.cents;
    if (o.date < c.first) c.first = o.date;
    if (o.date > c.last) c.last = o.date;
    customers.set(o.customer, c);
  }
  const dates = [...orders.values()].map((o) => o.date).sort();
  return {
    records: records.length,
    loaded,
    excluded,
    customers,
    orders: orders.size,
    totalCents: [...customers.values()].reduce((s, c) => s + c.cents, 0),
    firstDate: dates[0],
    lastDate: dates[dates.length - 1],
  };
}

/** A column's values as written (trimmed), in file order. */
export function columnValues(name: string, column: string): string[] {
  const [header, ...records] = splitCsv(fixtureText(name), RULES[name].delimiter);
  const i = header.indexOf(column);
  return records.map((r) => r[i].trim());
}

/**
 * How many lines (or, given an order id column, orders) have an amount equal to the sum of quantity
 * × unit price over them, and how many orders have several lines: what the form says of a file with both.
 */
export function totalAgainstLines(
  name: string,
  columns: { amount: string; quantity: string; price: string; order?: string },
): { agree: number; compared: number; multiLineOrders: number } {
  const rules = RULES[name];
  const [amounts, quantities, prices] = [columns.amount, columns.quantity, columns.price].map((c) => columnValues(name, c));
  const orderIds = columns.order ? columnValues(name, columns.order) : amounts.map((_, i) => String(i));
  const groups = new Map<string, number[]>();
  orderIds.forEach((id, i) => groups.set(id, [...(groups.get(id) ?? []), i]));
  let agree = 0;
  for (const lines of groups.values()) {
    const sum = lines.reduce((s, i) => s + Number(quantities[i]) * rules.cents(prices[i]), 0);
    if (sum === rules.cents(amounts[lines[0]])) agree++;
  }
  return { agree, compared: groups.size, multiLineOrders: [...groups.values()].filter((l) => l.length > 1).length };
}
