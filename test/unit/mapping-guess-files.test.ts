import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { GuessTopic } from '../../src/lib/mapping/guess-notes.ts';
import { inspectFile, type Inspection } from '../../src/lib/preview/inspect.ts';
import type { ParseOptions, Role } from '../../src/lib/spec/import.ts';
import { columnValues, GUESS_FIXTURES, totalAgainstLines } from '../guess-reference.ts';

/** The first look the page and the CLI take at a fixture, with no setting changed. */
function inspect(name: string): Inspection {
  return inspectFile(name, new Uint8Array(readFileSync(path.join(GUESS_FIXTURES, name))), true);
}

const roles = (i: Inspection) =>
  Object.fromEntries(i.mapping.columns.filter((c) => c.role !== 'attribute' && c.role !== 'ignore').map((c) => [c.role, c.name]));
const note = (i: Inspection, topic: GuessTopic) => i.notes.find((n) => n.topic === topic)?.text ?? '';

interface Case {
  file: string;
  kind: 'transactions' | 'customers';
  parse: Partial<ParseOptions>;
  roles: Partial<Record<Role, string>>;
  amountLevel: 'line' | 'order';
  lowerCaseIds: boolean;
  /** What the form must say, topic by topic. */
  says: Partial<Record<GuessTopic, RegExp>>;
}

// What the notes must quote, read from the fixtures' text here.
const ERP = totalAgainstLines('erp-order-lines.csv', {
  amount: 'ORDER_TOTAL',
  quantity: 'QUANTITY',
  price: 'UNIT_PRICE',
  order: 'ORDER_ID',
});
const ERP_DATE = columnValues('erp-order-lines.csv', 'ORDER_DATE')[0];
const LINES = totalAgainstLines('order-lines-total-and-price.csv', { amount: 'line_total', quantity: 'qty', price: 'unit_price' });
const FIRST_CAPITALISED = columnValues('shop-orders-email.csv', 'Customer Email')
  .find((v) => v !== v.toLowerCase())!
  .replaceAll('.', '\\.');

const CASES: Case[] = [
  {
    file: 'european-semicolon.csv',
    kind: 'transactions',
    parse: { delimiter: ';', decimalMark: 'comma', dateFormat: 'dmy-dot', header: true },
    roles: { customer_id: 'Kundennr', order_id: 'Belegnr', order_date: 'Belegdatum', quantity: 'Menge', amount: 'Betrag' },
    amountLevel: 'line',
    lowerCaseIds: false,
    says: {
      kind: /^Transactions: it has an order id \(Belegnr\), an order date \(Belegdatum\) and an amount \(Betrag\)/,
      delimiter: /commas sit inside numbers, so they are decimal commas/,
      'decimal-mark': /Decimal comma: amounts are written like 1\.377,00/,
      // The first 12 invoices fall on 1–12 January: a later date decides.
      'date-format': /Belegdatum read as DD\.MM\.YYYY, e\.g\. 01\.01\.2024 \(15\.01\.2024 has its day, above 12, first\)/,
    },
  },
  {
    file: 'erp-order-lines.csv',
    kind: 'transactions',
    parse: { delimiter: ',', decimalMark: 'point', dateFormat: 'month-name' },
    roles: {
      order_id: 'ORDER_ID',
      customer_id: 'CUSTOMER_ID',
      order_date: 'ORDER_DATE',
      unit_price: 'UNIT_PRICE',
      quantity: 'QUANTITY',
      amount: 'ORDER_TOTAL',
    },
    amountLevel: 'order',
    lowerCaseIds: false,
    says: {
      'date-format': new RegExp(
        `ORDER_DATE has English month names, e\\.g\\. ${ERP_DATE}.*two-digit years 00–68 are read as 2000–2068, and 69–99 as 1969–1999 \\(${ERP_DATE}\\)`,
      ),
      'amount-level': new RegExp(
        `^Per order: ORDER_TOTAL repeats one value on every line of an order \\(all ${ERP.multiLineOrders} orders with several`,
      ),
      'amount-source': new RegExp(
        `^ORDER_TOTAL is used for amounts, not QUANTITY × UNIT_PRICE: .* they agree on ${ERP.agree} of ${ERP.compared} orders .*for example \\d+\\.\\d\\d against \\d+\\.\\d\\d`,
      ),
    },
  },
  {
    file: 'shop-orders-email.csv',
    kind: 'transactions',
    parse: { dateFormat: 'ymd' },
    roles: { order_id: 'Order Number', customer_id: 'Customer Email', order_date: 'Created At', amount: 'Total', currency: 'Currency' },
    amountLevel: 'line',
    lowerCaseIds: true,
    says: {
      ids: new RegExp(
        `^Customer ids lower-cased and trimmed: Customer Email holds e-mail addresses \\(the first rows have ${FIRST_CAPITALISED}\\)`,
      ),
      'date-format': /a time zone or Z at the end is dropped/,
    },
  },
  {
    file: 'order-lines-total-and-price.csv',
    kind: 'transactions',
    parse: { dateFormat: 'mdy' },
    roles: {
      order_id: 'order_id',
      customer_id: 'customer_id',
      order_date: 'order_date',
      quantity: 'qty',
      unit_price: 'unit_price',
      amount: 'line_total',
    },
    amountLevel: 'line',
    lowerCaseIds: false,
    says: {
      'amount-source': new RegExp(
        `^line_total is used for amounts, not qty × unit_price: an amount column is what was charged.*agree on ${LINES.agree} of ${LINES.compared} lines.*set line_total's role to Attribute`,
      ),
      'date-format': new RegExp(
        `order_date read as MM/DD/YYYY, e\\.g\\. ${columnValues('order-lines-total-and-price.csv', 'order_date')[0]}`,
      ),
    },
  },
  {
    file: 'client-visits.csv',
    kind: 'customers',
    parse: {},
    roles: { customer_id: 'client_id', order_date: 'visit_date' },
    amountLevel: 'line',
    lowerCaseIds: false,
    says: { kind: /^Customers: no column reads as an amount/ },
  },
  {
    file: 'dates-day-month-name.csv',
    kind: 'transactions',
    parse: { dateFormat: 'month-name' },
    roles: { customer_id: 'customer', order_id: 'order', order_date: 'date', amount: 'amount' },
    amountLevel: 'line',
    lowerCaseIds: false,
    says: { 'date-format': /^date has English month names, e\.g\. 1 January 2008/ },
  },
  {
    file: 'dates-month-name-day.csv',
    kind: 'transactions',
    parse: { dateFormat: 'month-name' },
    roles: { customer_id: 'customer', order_id: 'order', order_date: 'date', amount: 'amount' },
    amountLevel: 'line',
    lowerCaseIds: false,
    says: { 'date-format': /^date has English month names, e\.g\. Jan 1, 2008/ },
  },
  {
    file: 'dates-serial.csv',
    kind: 'transactions',
    parse: { dateFormat: 'serial' },
    roles: { customer_id: 'Customer ID', order_id: 'Order ID', order_date: 'Order Date', amount: 'Amount' },
    amountLevel: 'line',
    lowerCaseIds: false,
    says: { 'date-format': /^Order Date holds spreadsheet day numbers: 39600 is 2008-06-01, counted from 1899-12-30/ },
  },
  {
    file: 'dates-two-digit-years.csv',
    kind: 'transactions',
    parse: { delimiter: ';', decimalMark: 'comma', dateFormat: 'dmy-dot' },
    roles: { customer_id: 'Kunde', order_id: 'Auftrag', order_date: 'Datum', amount: 'Betrag' },
    amountLevel: 'line',
    lowerCaseIds: false,
    says: { 'date-format': /two-digit years 00–68 are read as 2000–2068, and 69–99 as 1969–1999 \(01\.01\.99\)/ },
  },
];

describe('each fixture is guessed right with no setting changed, and every guess is said', () => {
  test.each(CASES)('$file', (c) => {
    const inspection = inspect(c.file);
    expect(inspection.mapping.kind).toBe(c.kind);
    expect(inspection.mapping.parse).toMatchObject(c.parse);
    expect(roles(inspection)).toEqual(c.roles);
    expect(inspection.dateChoices).toEqual([]);
    expect(inspection.suggested).toEqual({ amountLevel: c.amountLevel, lowerCaseIds: c.lowerCaseIds });
    for (const [topic, text] of Object.entries(c.says)) expect(note(inspection, topic as GuessTopic)).toMatch(text);
    // Every file's kind is said, and no topic twice.
    expect(note(inspection, 'kind')).not.toBe('');
    expect(new Set(inspection.notes.map((n) => n.topic)).size).toBe(inspection.notes.length);
  });
});
