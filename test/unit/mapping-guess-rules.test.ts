import { describe, expect, test } from 'vitest';
import { duplicateCustomersMessage } from '../../src/lib/import/duplicate-advice.ts';
import { combineSuggestions } from '../../src/lib/mapping/guess-notes.ts';
import { inspectFile, type Inspection } from '../../src/lib/preview/inspect.ts';
import { defaultParseOptions, type FileImport } from '../../src/lib/spec/import.ts';

const inspectText = (text: string): Inspection => inspectFile('file.csv', new TextEncoder().encode(text), true);
const lines = (header: string, row: (i: number) => string, n = 12) =>
  [header, ...Array.from({ length: n }, (_, i) => row(i))].join('\n') + '\n';
const date = (i: number) => `2024-0${(i % 9) + 1}-${String((i % 27) + 1).padStart(2, '0')}`;
const noteOf = (i: Inspection, topic: string) => i.notes.find((n) => n.topic === topic)?.text ?? '';

describe('the file kind weighs the values before the names', () => {
  test('an order id, a date and an amount: transactions, though no customer repeats', () => {
    const i = inspectText(lines('customer_id,order_id,order_date,amount', (n) => `c${n},${n},${date(n)},${n}.50`));
    expect(i.mapping.kind).toBe('transactions');
    expect(noteOf(i, 'kind')).toBe('Transactions: it has an order id (order_id), an order date (order_date) and an amount (amount).');
  });

  test('customer ids that repeat beside a date and a number found by their values alone: transactions', () => {
    // Neither `Zeitpunkt` nor `Wert` is a known name: only their values say date and amount.
    const i = inspectText(lines('Kundennr;Zeitpunkt;Wert', (n) => `K${n % 4};${date(n)};${n},75`));
    expect(i.mapping.columns.map((c) => c.role)).toEqual(['customer_id', 'order_date', 'amount']);
    expect(i.mapping.kind).toBe('transactions');
    expect(noteOf(i, 'kind')).toMatch(
      /^Transactions: customer ids repeat \(K0 is on 3 of the first 12 rows\) beside an order date \(Zeitpunkt\)/,
    );
  });

  test('the same columns with every id once: a customer’s traits, so customers', () => {
    const i = inspectText(lines('Kundennr;Zeitpunkt;Wert', (n) => `K${n};${date(n)};${n},75`));
    expect(i.mapping.kind).toBe('customers');
    expect(noteOf(i, 'kind')).toMatch(/^Customers: each customer id \(Kundennr\) is on one row of the first 12/);
  });

  test('a signup date and a credit limit beside unique ids: customers', () => {
    const i = inspectText(lines('customer_id,signup_date,credit_limit', (n) => `c${n},${date(n)},${n}00.00`));
    expect(i.mapping.kind).toBe('customers');
  });

  test('every id once, but the names say order date and amount: transactions', () => {
    const i = inspectText(lines('customer_id,order_date,amount', (n) => `c${n},${date(n)},${n}.50`));
    expect(i.mapping.kind).toBe('transactions');
  });

  test('ids that repeat without a date or an amount: customers, and the kind note says what is missing', () => {
    const i = inspectText(lines('customer_id,name', (n) => `c${n % 3},Ann`));
    expect(i.mapping.kind).toBe('customers');
    expect(noteOf(i, 'kind')).toBe('Customers: no column reads as an order date, so each row is taken as one customer.');
  });
});

describe('amount level', () => {
  test('a total on the first line of an order and blank on the others: per order', () => {
    const rows = [
      'order,customer,date,total',
      '1,a,2024-01-01,30.00',
      '1,a,2024-01-01,',
      '2,b,2024-01-02,12.50',
      '2,b,2024-01-02,',
      '2,b,2024-01-02,',
    ];
    const i = inspectText(rows.join('\n') + '\n');
    expect(i.suggested.amountLevel).toBe('order');
    expect(noteOf(i, 'amount-level')).toMatch(
      /^Per order: total is filled on an order's first line and blank or repeated on the others \(all 2 orders/,
    );
  });

  test('amounts that differ within an order: per line, and nothing said', () => {
    const rows = [
      'order,customer,date,total',
      '1,a,2024-01-01,30.00',
      '1,a,2024-01-01,5.00',
      '2,b,2024-01-02,12.50',
      '2,b,2024-01-02,12.50',
    ];
    const i = inspectText(rows.join('\n') + '\n');
    expect(i.suggested.amountLevel).toBe('line');
    expect(noteOf(i, 'amount-level')).toBe('');
  });

  test('one order of several lines is not enough to call a total an order total', () => {
    const rows = ['order,customer,date,total', '1,a,2024-01-01,30.00', '1,a,2024-01-01,30.00', '2,b,2024-01-02,12.50'];
    expect(inspectText(rows.join('\n') + '\n').suggested.amountLevel).toBe('line');
  });

  test('no amount column: quantity × unit price is the amount, and the form says so', () => {
    const i = inspectText(lines('order_id,customer_id,order_date,quantity,unit_price', (n) => `${n},c${n % 3},${date(n)},2,4.50`));
    expect(noteOf(i, 'amount-source')).toBe('Amounts are quantity × unit_price on each line: there is no amount column.');
  });
});

describe('customer ids', () => {
  test('e-mail addresses turn lower-case and trim on', () => {
    const i = inspectText(lines('email,order_date,amount', (n) => `${n % 2 ? 'Ann' : 'ann'}@example.com,${date(n)},1.00`));
    expect(i.suggested.lowerCaseIds).toBe(true);
    expect(noteOf(i, 'ids')).toMatch(
      /^Customer ids lower-cased and trimmed: email holds e-mail addresses \(the first rows have Ann@example\.com\)/,
    );
  });

  test('other ids are left as they are', () => {
    const i = inspectText(lines('customer_id,order_date,amount', (n) => `C${n % 3},${date(n)},1.00`));
    expect(i.suggested.lowerCaseIds).toBe(false);
    expect(noteOf(i, 'ids')).toBe('');
  });

  test('suggestions combine over the files: a customers file never sets the amount level', () => {
    const order = { amountLevel: 'order' as const, lowerCaseIds: false };
    const mail = { amountLevel: 'line' as const, lowerCaseIds: true };
    expect(combineSuggestions([{ kind: 'customers', suggested: order }])).toEqual({ amountLevel: 'line', lowerCaseIds: false });
    expect(
      combineSuggestions([
        { kind: 'transactions', suggested: order },
        { kind: 'customers', suggested: mail },
      ]),
    ).toEqual({
      amountLevel: 'order',
      lowerCaseIds: true,
    });
  });
});

describe('the duplicate-id error fits the guess', () => {
  const file = (roles: [string, FileImport['columns'][number]['role']][]): FileImport => ({
    name: 'visits.csv',
    kind: 'customers',
    parse: defaultParseOptions(),
    columns: roles.map(([name, role]) => ({ name, role })),
  });

  test('a customers file with a date column: this looks like transactions', () => {
    const message = duplicateCustomersMessage(
      file([
        ['client_id', 'customer_id'],
        ['visit_date', 'order_date'],
        ['fee', 'attribute'],
      ]),
      9,
      'CL001 (7×)',
    );
    expect(message).toMatch(
      /^visits\.csv: 9 customer ids appear more than once \(CL001 \(7×\)\)\. This looks like transactions, not customers/,
    );
    expect(message).toContain('beside an order date (visit_date)');
    expect(message).toContain('choose "transactions" under "This file holds"');
  });

  test('a customers file with nothing of an order: fix the file or keep the first record', () => {
    const message = duplicateCustomersMessage(
      file([
        ['id', 'customer_id'],
        ['country', 'attribute'],
      ]),
      1,
      'A (2×)',
    );
    expect(message).toBe(
      'visits.csv: 1 customer id appear more than once (A (2×)). They would multiply orders: fix the file, or choose "keep the first record of each id".',
    );
  });
});

describe('an amount from the values alone', () => {
  test('numbers with decimals under an unknown name are the amount when nothing else is', () => {
    const i = inspectText(lines('order_id,customer_id,order_date,Wert', (n) => `${n},c${n % 3},${date(n)},${n}.25`));
    expect(i.mapping.columns.find((c) => c.name === 'Wert')?.role).toBe('amount');
  });

  test('…but not beside quantity and unit price, which make the amount', () => {
    const i = inspectText(
      lines('order_id,customer_id,order_date,quantity,unit_price,latitude', (n) => `${n},c${n % 3},${date(n)},2,4.50,52.${n}1`),
    );
    expect(i.mapping.columns.find((c) => c.name === 'latitude')?.role).toBe('attribute');
    expect(noteOf(i, 'amount-source')).toBe('Amounts are quantity × unit_price on each line: there is no amount column.');
  });
});
