import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { guessRoles } from '../../src/lib/mapping/index.ts';
import type { ColumnMapping, Role } from '../../src/lib/spec/import.ts';

const FIXTURES = new URL('../fixtures/headers/', import.meta.url);

function readFixture(name: string): { headers: string[]; rows: string[][] } {
  const text = readFileSync(new URL(name, FIXTURES), 'utf8');
  const [headers, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  return { headers, rows };
}

/** Which column took each role other than attribute and ignore. */
function coreRoles(mapping: ColumnMapping[]): Partial<Record<Role, string>> {
  const roles: Partial<Record<Role, string>> = {};
  for (const { name, role } of mapping) {
    if (role === 'attribute' || role === 'ignore') continue;
    expect(roles[role], `${role} given twice`).toBeUndefined();
    roles[role] = name;
  }
  return roles;
}

describe('guessRoles on real export headers', () => {
  test.each([
    {
      file: 'shopify-orders.csv',
      expected: {
        customer_id: 'Email',
        order_id: 'Name',
        order_date: 'Created at',
        amount: 'Total',
        quantity: 'Lineitem quantity',
        unit_price: 'Lineitem price',
        status: 'Financial Status',
        currency: 'Currency',
        full_name: 'Billing Name',
        phone: 'Billing Phone',
        consent: 'Accepts Marketing',
      },
    },
    {
      file: 'woocommerce-orders.csv',
      expected: {
        customer_id: 'Customer Email',
        order_id: 'Order ID',
        order_date: 'Order Date',
        amount: 'Order Total',
        quantity: 'Quantity',
        unit_price: 'Item Cost',
        status: 'Order Status',
        currency: 'Order Currency',
        email: 'Billing Email',
        first_name: 'Billing First Name',
        last_name: 'Billing Last Name',
      },
    },
    {
      file: 'stripe-payments.csv',
      expected: {
        customer_id: 'Customer ID',
        order_id: 'id',
        order_date: 'Created (UTC)',
        amount: 'Amount',
        status: 'Status',
        currency: 'Currency',
        email: 'Customer Email',
      },
    },
    {
      file: 'hubspot-deals.csv',
      expected: {
        customer_id: 'Associated Contact IDs',
        order_id: 'Record ID',
        order_date: 'Close Date',
        amount: 'Amount',
        status: 'Deal Stage',
        currency: 'Currency',
      },
    },
  ])('$file', ({ file, expected }) => {
    const { headers, rows } = readFixture(file);
    const mapping = guessRoles(headers, rows);
    expect(mapping.map((m) => m.name)).toEqual(headers);
    expect(coreRoles(mapping)).toEqual(expected);
    // Ignored means blank in every preview row, and every blank column is ignored.
    headers.forEach((header, c) => {
      const blank = rows.every((row) => (row[c] ?? '').trim() === '');
      expect(mapping[c].role === 'ignore', header).toBe(blank);
    });
  });

  test('Shopify keeps the refund, discount and shipping money as attributes', () => {
    const { headers, rows } = readFixture('shopify-orders.csv');
    const roleOf = new Map(guessRoles(headers, rows).map((m) => [m.name, m.role]));
    for (const name of ['Subtotal', 'Shipping', 'Taxes', 'Discount Amount', 'Refunded Amount', 'Id']) {
      expect(roleOf.get(name), name).toBe('attribute');
    }
    expect(roleOf.get('Paid at')).toBe('attribute');
    // The buyer's name is a contact field now, not an attribute of the order.
    expect(roleOf.get('Billing Name')).toBe('full_name');
  });
});

/** Guesses roles and returns them in column order. */
function roles(headers: string[], rows: string[][]): Role[] {
  return guessRoles(headers, rows).map((m) => m.role);
}

describe('guessRoles from names', () => {
  test.each([['Customer ID'], ['customer_id'], ['CustomerID'], ['Customer-Id'], ['CUSTOMER NO'], ['Client ID']])(
    '%s is the customer id whatever its spelling',
    (header) => {
      expect(roles([header, 'Total'], [['C1', '10.00']])).toEqual(['customer_id', 'amount']);
    },
  );

  test.each([['Total'], ['Sales'], ['Revenue'], ['Amount'], ['Subtotal'], ['dollar_value'], ['Amount (USD)'], ['Total EUR']])(
    'numeric %s is the amount',
    (header) => {
      expect(
        roles(
          ['Customer', header],
          [
            ['a', '12.50'],
            ['b', '3'],
          ],
        ),
      ).toEqual(['customer_id', 'amount']);
    },
  );

  test('a name that fits but values that do not: a Total of words is no amount', () => {
    expect(
      roles(
        ['Customer', 'Total'],
        [
          ['a', 'many'],
          ['b', 'few'],
        ],
      ),
    ).toEqual(['customer_id', 'attribute']);
  });

  test('prefers a customer id to an e-mail, and an e-mail to a name; the others are contact fields', () => {
    const headers = ['Customer Name', 'Email', 'Customer ID'];
    const rows = [['Ann Lee', 'ann@example.com', '17']];
    expect(roles(headers, rows)).toEqual(['full_name', 'email', 'customer_id']);
    expect(roles(headers.slice(0, 2), rows)).toEqual(['full_name', 'customer_id']);
    expect(roles(headers.slice(0, 1), rows)).toEqual(['customer_id']);
  });

  test('order numbers: InvoiceNo, Order Number, Deal ID', () => {
    expect(roles(['InvoiceNo', 'CustomerID'], [['536365', '17850']])).toEqual(['order_id', 'customer_id']);
    expect(roles(['Order Number', 'Email'], [['1001', 'a@b.co']])).toEqual(['order_id', 'customer_id']);
    expect(roles(['Deal ID', 'Deal Name'], [['88', 'Big deal']])).toEqual(['order_id', 'attribute']);
  });

  test('dates: the order date beats other dates in the file', () => {
    const headers = ['Fulfilled at', 'Paid at', 'Created at', 'Cancelled at'];
    const row = ['2024-03-02', '2024-03-01', '2024-03-01', '2024-03-05'];
    expect(roles(headers, [row])).toEqual(['attribute', 'attribute', 'order_date', 'attribute']);
    expect(roles(['Create Date', 'Close Date'], [['2024-01-01', '2024-02-01']])).toEqual(['attribute', 'order_date']);
  });

  test('Financial Status beats Fulfillment Status; a status needs words, not numbers', () => {
    expect(roles(['Fulfillment Status', 'Financial Status'], [['fulfilled', 'paid']])).toEqual(['attribute', 'status']);
    expect(roles(['Status'], [['1'], ['2']])).toEqual(['attribute']);
  });

  test('quantity and unit price without an amount: no amount is invented', () => {
    const headers = ['CustomerID', 'Quantity', 'UnitPrice', 'Weight'];
    const rows = [
      ['1', '2', '3.50', '0.25'],
      ['2', '1', '12.00', '1.5'],
    ];
    expect(roles(headers, rows)).toEqual(['customer_id', 'quantity', 'unit_price', 'attribute']);
  });

  test('a price with no quantity beside it is the amount', () => {
    expect(roles(['Email', 'Price'], [['a@b.co', '9.99']])).toEqual(['customer_id', 'amount']);
    expect(roles(['Email', 'Price', 'Total'], [['a@b.co', '9.99', '9.99']])).toEqual(['customer_id', 'attribute', 'amount']);
  });

  test('without preview rows the names alone decide', () => {
    expect(roles(['Order ID', 'Customer Email', 'Order Date', 'Order Total', 'Note'], [])).toEqual([
      'order_id',
      'customer_id',
      'order_date',
      'amount',
      'attribute',
    ]);
  });
});

describe('guessRoles from values', () => {
  test('a Name column full of e-mail addresses is the customer, before a customer name (then the full name)', () => {
    const rows = [
      ['Ann Lee', 'ann@example.com', '2024-01-02', '10'],
      ['Bo Chan', 'bo@example.org', '2024-01-03', '12'],
    ];
    expect(roles(['Customer Name', 'Name', 'When', 'Total'], rows)).toEqual(['full_name', 'customer_id', 'order_date', 'amount']);
    expect(roles(['Customer Name', 'Login'], rows)).toEqual(['full_name', 'customer_id']);
  });

  test('e-mails of staff do not make a customer', () => {
    const rows = [
      ['Ann Lee', 'rep@shop.example'],
      ['Bo Chan', 'rep@shop.example'],
    ];
    expect(roles(['Customer Name', 'Owner Email'], rows)).toEqual(['customer_id', 'attribute']);
  });

  test('a column named Name holding #1001 is the order number (Shopify)', () => {
    const rows = [
      ['#1001', 'ann@example.com'],
      ['#1002', 'bo@example.org'],
    ];
    expect(roles(['Name', 'Email'], rows)).toEqual(['order_id', 'customer_id']);
  });

  test('Stripe charge ids make `id` the order id, before an invoice id', () => {
    const rows = [
      ['ch_3Oq1', 'in_1Oq1', 'cus_P1'],
      ['py_3Oq2', '', 'cus_P2'],
    ];
    expect(roles(['id', 'Invoice ID', 'Customer ID'], rows)).toEqual(['order_id', 'attribute', 'customer_id']);
  });

  test('values like $1,234.50 are money', () => {
    const rows = [
      ['a', '$1,234.50'],
      ['b', '$12.00'],
    ];
    expect(roles(['Customer', 'Paid'], rows)).toEqual(['customer_id', 'amount']);
    // A name that rules the amount out wins over money-looking values.
    expect(roles(['Customer', 'Discount'], rows)).toEqual(['customer_id', 'attribute']);
    expect(roles(['Customer', 'Discount Amount'], rows)).toEqual(['customer_id', 'attribute']);
  });

  test('a column of dates is the order date when no name says so', () => {
    const rows = [
      ['x1', '01/03/2024'],
      ['x2', '15/03/2024'],
    ];
    expect(roles(['Customer', 'Ship'], rows)).toEqual(['customer_id', 'order_date']);
    expect(
      roles(
        ['Customer', 'Ship', 'Date'],
        rows.map((r) => [...r, '2024-03-01']),
      ),
    ).toEqual(['customer_id', 'attribute', 'order_date']);
  });

  test('a column of currency codes is the currency', () => {
    expect(
      roles(
        ['Customer', 'Cur.'],
        [
          ['a', 'EUR'],
          ['b', 'GBP'],
        ],
      ),
    ).toEqual(['customer_id', 'currency']);
    expect(
      roles(
        ['Customer', 'Country'],
        [
          ['a', 'FRA'],
          ['b', 'GBR'],
        ],
      ),
    ).toEqual(['customer_id', 'attribute']);
  });

  test('headerless CDNOW: padded id, YYYYMMDD, count, dollars', () => {
    const rows = [
      ['00001', '19970101', '1', '11.77'],
      ['00002', '19970112', '1', '12.00'],
      ['00002', '19970112', '5', '77.00'],
      ['00003', '19970102', '2', '20.76'],
    ];
    expect(roles(['column1', 'column2', 'column3', 'column4'], rows)).toEqual(['customer_id', 'order_date', 'quantity', 'amount']);
  });

  test('an unknown named number column stays an attribute', () => {
    expect(
      roles(
        ['Email', 'Card Exp Month'],
        [
          ['a@b.co', '12'],
          ['c@d.co', '3'],
        ],
      ),
    ).toEqual(['customer_id', 'attribute']);
  });

  test('ragged rows and blank columns: nothing is dropped, only blank columns are ignored', () => {
    const headers = ['Customer ID', 'Total', 'Notes', 'Extra'];
    const rows = [['1', '5.00'], ['2', '6.00', '', ''], ['3']];
    expect(guessRoles(headers, rows)).toEqual([
      { name: 'Customer ID', role: 'customer_id' },
      { name: 'Total', role: 'amount' },
      { name: 'Notes', role: 'ignore' },
      { name: 'Extra', role: 'ignore' },
    ]);
  });

  test('a column of NULL stand-ins is not blank: it stays an attribute', () => {
    expect(
      roles(
        ['Customer ID', 'Memo'],
        [
          ['1', 'NULL'],
          ['2', 'N/A'],
        ],
      ),
    ).toEqual(['customer_id', 'attribute']);
  });
});

test('a column named amount stays the amount when a few preview values are unreadable', () => {
  const rows = [['10.00'], ['20.00'], ['abc'], ['30'], ['x'], ['5.5']];
  expect(guessRoles(['amount'], rows).map((c) => c.role)).toEqual(['amount']);
});

describe('guessRoles: contact fields', () => {
  const rows = [['C1', '2024-01-02', '10.00', 'Ann', 'Lee', 'ann@example.com', '+44 20 7946 0001', 'true', 'yes']];
  const headers = [
    'Customer ID',
    'Order Date',
    'Total',
    'First Name',
    'Last Name',
    'Email',
    'Phone',
    'email_opt_in',
    'Accepts Email Marketing',
  ];

  test('e-mail, names, phone and consent take their roles; consent said in words beats a bare opt-in flag', () => {
    expect(roles(headers, rows)).toEqual([
      'customer_id',
      'order_date',
      'amount',
      'first_name',
      'last_name',
      'email',
      'phone',
      'attribute',
      'consent',
    ]);
    expect(roles(headers.slice(0, 8), rows)).toContain('consent');
  });

  test("a column of addresses under another person's name is not the customer's e-mail", () => {
    expect(roles(['Customer ID', 'Total', 'Owner Email'], [['C1', '10.00', 'rep@shop.example']])).toEqual([
      'customer_id',
      'amount',
      'attribute',
    ]);
  });

  test('a named e-mail column whose values are not addresses is no e-mail', () => {
    expect(roles(['Customer ID', 'Total', 'Email'], [['C1', '10.00', 'none given']])).toEqual(['customer_id', 'amount', 'attribute']);
  });
});
