import { beforeAll, describe, expect, test } from 'vitest';
import { runImport } from '../../src/lib/import/run-import.ts';
import {
  defaultImportSpec,
  defaultParseOptions,
  standardCleaning,
  type FileImport,
  type ImportSpec,
  type ParseOptions,
  type Role,
} from '../../src/lib/spec/import.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
let counter = 0;
beforeAll(async () => {
  db = await openEngine();
});

interface Input {
  csv: string;
  roles: Record<string, Role>;
  parse?: Partial<ParseOptions>;
  kind?: FileImport['kind'];
}

/** Imports small CSV texts through the real pipeline. */
async function importTexts(inputs: Input[], spec: Partial<ImportSpec> = {}) {
  const files = inputs.map((input) => {
    const name = `case-${++counter}.csv`;
    db.register(`uploads/${name}`, new TextEncoder().encode(input.csv));
    const header = input.csv.split('\n')[0].split(',');
    const file: FileImport = {
      name,
      kind: input.kind ?? 'transactions',
      parse: { ...defaultParseOptions(), ...input.parse },
      columns: header.map((h) => ({ name: h, role: input.roles[h] ?? 'attribute' })),
    };
    return file;
  });
  const full: ImportSpec = { ...defaultImportSpec(files), ...spec };
  const report = await runImport(
    db,
    full,
    files.map((f, i) => csvRegistration(f, inputs[i].csv)),
  );
  return report;
}

const orderRoles: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };
const column = async (sql: string) => (await db.rows(sql)).map((r) => Object.values(r)[0]);

describe('values', () => {
  test.each([
    ['point', '"$1,234.50"', '1234.500'],
    ['point', '1234.5 €', '1234.500'],
    ['point', '-0.001', '-0.001'],
    ['point', 'USD 12', '12.000'],
    ['comma', '"1.234,50 €"', '1234.500'],
    ['comma', '"12,5"', '12.500'],
    ['comma', '"1 234,50"', '1234.500'],
  ] as const)('%s: %s → %s', async (mark, text, exact) => {
    // Returns kept, so a negative amount is loaded and can be read back.
    await importTexts([{ csv: `id,order,date,amount\nA,1,2024-01-01,${text}\n`, roles: orderRoles, parse: { decimalMark: mark } }], {
      cleaning: { ...standardCleaning(), returns: false },
    });
    expect(await column('SELECT CAST(amount AS VARCHAR) FROM orders')).toEqual([exact]);
  });

  test.each([
    ['ymd', '2024-03-01 23:30:00 -0500', '2024-03-01 23:30:00'],
    ['ymd', '2024-03-01T23:30:00Z', '2024-03-01 23:30:00'],
    ['ymd', '2024-03-01T23:30:00+01:00', '2024-03-01 23:30:00'],
    ['ymd', '2024-03-01', '2024-03-01 00:00:00'],
    ['dmy', '03/04/2024', '2024-04-03 00:00:00'],
    ['mdy', '03/04/2024', '2024-03-04 00:00:00'],
    ['mdy', '12/1/2010 8:26', '2010-12-01 08:26:00'],
    ['dmy', '01.03.2024 14:05', '2024-03-01 14:05:00'],
    ['ymd-compact', '19970101', '1997-01-01 00:00:00'],
    ['ymd', '2008-07-14T15:05Z', '2008-07-14 15:05:00'],
    // Two-digit years by the stated rule (00–68 → 20xx, 69–99 → 19xx), never the year 8.
    ['dmy', '1/2/08', '2008-02-01 00:00:00'],
    ['mdy', '3/14/24 3:05 PM', '2024-03-14 15:05:00'],
    ['mdy', '3/14/2024 3:05pm', '2024-03-14 15:05:00'],
    ['mdy', '3/14/2024 12:05 a.m.', '2024-03-14 00:05:00'],
    ['dmy-dot', '31.12.99 23:59', '1999-12-31 23:59:00'],
    ['dmy-dot', '14.07.2008 3:05 PM', '2008-07-14 15:05:00'],
    ['month-name', '14-JUL-08', '2008-07-14 00:00:00'],
    ['month-name', '14-Jul-68', '2068-07-14 00:00:00'],
    ['month-name', '14-Jul-69', '1969-07-14 00:00:00'],
    ['month-name', '14 July 2008', '2008-07-14 00:00:00'],
    ['month-name', '3 Sept 2008', '2008-09-03 00:00:00'],
    ['month-name', '"Jul 14, 2008 3:05 PM"', '2008-07-14 15:05:00'],
    ['month-name', '"July 4th, 2008"', '2008-07-04 00:00:00'],
    ['month-name', '"Mon, 14 Jul 2008 15:05:00 +0000"', '2008-07-14 15:05:00'],
    ['serial', '39643', '2008-07-14 00:00:00'],
    ['serial', '39643.75', '2008-07-14 18:00:00'],
  ] as const)('%s: %s → %s (local date as written)', async (format, text, ts) => {
    await importTexts([{ csv: `id,order,date,amount\nA,1,${text},1\n`, roles: orderRoles, parse: { dateFormat: format } }]);
    expect(await column('SELECT CAST(order_date AS VARCHAR) FROM orders')).toEqual([ts]);
  });

  test.each([
    ['month-name', '14-Foo-2008', '14-JUL-08 / Jul 14, 2008 (month names)'],
    ['month-name', '31-Feb-2008', '14-JUL-08 / Jul 14, 2008 (month names)'],
    ['serial', '123', 'spreadsheet day number (39643)'],
    ['dmy-dot', '31.13.2024', 'DD.MM.YYYY'],
  ] as const)('%s: %s is rejected, and the reason names the format', async (format, text, label) => {
    const report = await importTexts([{ csv: `id,order,date,amount\nA,1,${text},1\n`, roles: orderRoles, parse: { dateFormat: format } }]);
    expect(report.files[0].rejected).toBe(1);
    expect(report.files[0].rejects[0].reason).toBe(`order date "${text}" is not a ${label} date`);
  });
});

describe('ids stay text', () => {
  test('zero-padded and 23-digit ids keep every character', async () => {
    await importTexts([{ csv: 'id,order,date,amount\n00001,1,2024-01-01,1\n12345678901234567890123,2,2024-01-01,1\n', roles: orderRoles }]);
    expect(await column('SELECT customer_id FROM orders ORDER BY 1')).toEqual(['00001', '12345678901234567890123']);
  });

  test('spreadsheet float ids are stripped only when every id is one', async () => {
    const report = await importTexts([
      { csv: 'id,order,date,amount\n17850.0,1,2024-01-01,1\n13047.00,2,2024-01-01,1\n', roles: orderRoles },
    ]);
    expect(report.files[0].floatIdsStripped).toBe(true);
    expect(await column('SELECT customer_id FROM orders ORDER BY 1')).toEqual(['13047', '17850']);
    const mixed = await importTexts([{ csv: 'id,order,date,amount\n17850.0,1,2024-01-01,1\n1.5,2,2024-01-01,1\n', roles: orderRoles }]);
    expect(mixed.files[0].floatIdsStripped).toBe(false);
    expect(await column('SELECT customer_id FROM orders ORDER BY 1')).toEqual(['1.5', '17850.0']);
  });

  test('id clean-up reports merged ids', async () => {
    const report = await importTexts(
      [{ csv: 'id,order,date,amount\nAnn@X.com,1,2024-01-01,1\n ann@x.com,2,2024-01-01,1\nbob@x.com,3,2024-01-01,1\n', roles: orderRoles }],
      { ids: { trim: true, lowerCase: true } },
    );
    expect(report.customers).toBe(2);
    expect(report.files[0].mergedIds).toBe(1);
  });
});

describe('cleaning rules, first match counts', () => {
  const csv = [
    'id,order,date,amount,quantity,status',
    ',1,2024-01-01,5,1,done', // no id
    'A,C2,2024-01-01,5,1,done', // cancelled (prefix)
    'A,3,2024-01-01,5,1,cancelled', // cancelled (status)
    'A,4,2024-01-01,-5,-1,done', // return
    'A,5,2024-01-01,0,1,done', // zero
    'A,6,2024-01-01,7,1,done',
    'A,6,2024-01-01,7,1,done', // exact duplicate
    ',C8,2024-01-01,5,1,done', // no id wins over cancelled
  ].join('\n');
  const roles: Record<string, Role> = { ...orderRoles, quantity: 'quantity', status: 'status' };

  test('Standard keeps zero amounts and duplicates', async () => {
    const report = await importTexts([{ csv, roles }], {
      cleaning: { ...standardCleaning(), cancelled: { enabled: true, orderIdPrefix: 'C', statusValues: ['Cancelled'] } },
    });
    expect(report.files[0]).toMatchObject({ input: 8, loaded: 3, rejected: 0, excluded: { no_customer_id: 2, cancelled: 2, returns: 1 } });
  });

  test('every rule on', async () => {
    const report = await importTexts([{ csv, roles }], {
      cleaning: {
        cancelled: { enabled: true, orderIdPrefix: 'C', statusValues: ['cancelled'] },
        currency: null,
        returns: true,
        zeroAmount: true,
        duplicates: true,
      },
    });
    expect(report.files[0]).toMatchObject({
      input: 8,
      loaded: 1,
      excluded: { no_customer_id: 2, cancelled: 2, returns: 1, zero_amount: 1, duplicate: 1 },
    });
  });
});

test('amount level "per order" takes the total once and reports conflicts', async () => {
  const csv = [
    'id,order,date,amount',
    'A,1,2024-01-01,30',
    'A,1,2024-01-01,',
    'A,1,2024-01-01,30',
    'B,2,2024-01-01,10',
    'B,2,2024-01-01,12',
  ].join('\n');
  const report = await importTexts([{ csv, roles: orderRoles }], { amountLevel: 'order' });
  expect(report.files[0].loaded).toBe(5);
  expect(report.orders).toBe(2);
  expect(report.totalAmount).toBe('40');
  expect(report.amountConflicts).toBe(1);
});

test('quantity × unit price when there is no amount column', async () => {
  const report = await importTexts([
    {
      csv: 'id,order,date,qty,price\nA,1,2024-01-01,3,0.001\nA,1,2024-01-01,2,1.5\n',
      roles: { ...orderRoles, qty: 'quantity', price: 'unit_price' },
    },
  ]);
  expect(report.totalAmount).toBe('3.003');
});

describe('customers file', () => {
  const tx = { csv: 'id,order,date,amount\nA,1,2024-01-01,1\nZ,2,2024-01-01,1\n', roles: orderRoles };
  test('coverage: never purchased and buyers missing from it', async () => {
    const report = await importTexts([tx, { csv: 'id,country\nA,FR\nB,DE\n', roles: { id: 'customer_id' }, kind: 'customers' }]);
    expect(report.customersFile).toEqual({ inFile: 2, neverPurchased: 1, buyersNotInFile: 1 });
    expect(await column('SELECT country FROM customer_attributes ORDER BY customer_id')).toEqual(['FR', 'DE']);
  });

  test('coverage with returns netted: a customer with returns only has orders, so did not "never purchase"', async () => {
    const orders = { csv: 'id,order,date,amount\nA,1,2024-01-01,1\nR,2,2024-01-01,-5\nS,3,2024-01-01,-5\n', roles: orderRoles };
    const customers = {
      csv: 'id,country\nA,FR\nR,DE\nB,NL\n',
      roles: { id: 'customer_id' } as Record<string, Role>,
      kind: 'customers' as const,
    };
    const report = await importTexts([orders, customers], { cleaning: { ...standardCleaning(), netReturns: true } });
    expect(report.returnsOnlyCustomers).toBe(2);
    expect(report.customersFile).toEqual({ inFile: 3, neverPurchased: 1, buyersNotInFile: 1 });
  });

  test('repeated ids are refused, or resolved by keeping the first', async () => {
    const customers = { csv: 'id,country\nA,FR\nA,DE\n', roles: { id: 'customer_id' } as Record<string, Role>, kind: 'customers' as const };
    await expect(importTexts([tx, customers])).rejects.toThrow(/1 customer id appear more than once \(A \(2×\)\)/);
    const report = await importTexts([tx, customers], { duplicateCustomers: 'keep-first' });
    expect(report.files[1].excluded).toEqual({ duplicate_customer: 1 });
    expect(await column('SELECT country FROM customer_attributes')).toEqual(['FR']);
  });

  test('the refusal counts every repeated id and names the most repeated first', async () => {
    const ids = ['G', 'F', 'E', 'D', 'C', 'B', 'A', 'A', 'B', 'C', 'D', 'E', 'F', 'A', '', ''];
    const customers = {
      csv: ['id,country', ...ids.map((id) => `${id},FR`)].join('\n'),
      roles: { id: 'customer_id' } as Record<string, Role>,
      kind: 'customers' as const,
    };
    await expect(importTexts([tx, customers])).rejects.toThrow(
      /: 6 customer ids appear more than once \(A \(3×\), B \(2×\), C \(2×\), D \(2×\), E \(2×\)\)\./,
    );
  });
});

test('attributes keep their names unless they clash with a canonical column', async () => {
  await importTexts([
    {
      csv: 'id,order,date,Amount_,Status,Country\nA,1,2024-01-01,1,x,FR\n',
      roles: { id: 'customer_id', order: 'order_id', date: 'order_date', Amount_: 'amount' },
    },
  ]);
  const names = (await db.rows(`SELECT column_name FROM (DESCRIBE order_lines)`)).map((r) => r.column_name);
  expect(names).toEqual(expect.arrayContaining(['customer_id', 'amount', 'status', 'Status_2', 'Country']));
});

test('bytes that are not UTF-8 are rejected with their line, never loaded silently', async () => {
  const name = `case-${++counter}.csv`;
  const bytes = new Uint8Array([
    ...new TextEncoder().encode('id,order,date,amount\nA,1,2024-01-01,1\nRen'),
    0xe9,
    ...new TextEncoder().encode('e,2,2024-01-01,1\n'),
  ]);
  db.register(`uploads/${name}`, bytes);
  const file: FileImport = {
    name,
    kind: 'transactions',
    parse: defaultParseOptions(),
    columns: ['id', 'order', 'date', 'amount'].map((h) => ({ name: h, role: orderRoles[h] })),
  };
  const report = await runImport(db, defaultImportSpec([file]), [csvRegistration(file, bytes)]);
  expect(report.files[0]).toMatchObject({ input: 2, loaded: 1, rejected: 1 });
  expect(report.files[0].rejects[0]).toMatchObject({ line: 3 });
  expect(report.files[0].rejects[0].reason).toMatch(/unicode/i);
});

test('loading again with other cleaning rules reuses the raw table instead of reading the file', async () => {
  const first = await importTexts([{ csv: 'id,order,date,amount\nA,1,2024-01-01,1\nA,1,2024-01-01,1\n', roles: orderRoles }]);
  expect(first.files[0].loaded).toBe(2);
  const again = await runImport(
    db,
    {
      ...defaultImportSpec([
        {
          name: 'x',
          kind: 'transactions',
          parse: defaultParseOptions(),
          columns: ['id', 'order', 'date', 'amount'].map((h) => ({ name: h, role: orderRoles[h] })),
        },
      ]),
      cleaning: { ...standardCleaning(), duplicates: true },
    },
    [{ reuseRaw: true, records: first.files[0].input }],
  );
  expect(again.files[0]).toMatchObject({ input: 2, loaded: 1, excluded: { duplicate: 1 } });
});

test('a customers-file column guessed as an order role is kept as an attribute, not dropped', async () => {
  const tx = { csv: 'id,order,date,amount\nA,1,2024-01-01,1\n', roles: orderRoles };
  await importTexts([
    tx,
    {
      csv: 'id,signup_date,credit\nA,2023-05-01,100\n',
      roles: { id: 'customer_id', signup_date: 'order_date', credit: 'amount' },
      kind: 'customers',
    },
  ]);
  expect(await db.rows('SELECT signup_date, credit FROM customer_attributes')).toEqual([{ signup_date: '2023-05-01', credit: '100' }]);
});

test('a record rejected while typing carries its text, fields quoted as CSV where they need it', async () => {
  const report = await importTexts([
    { csv: 'id,order,date,amount,note\nA,1,2024-01-01,1,ok\nB,2,31/31/2024,2,"say ""hi"", then"\nC,3,2024-01-02,x,\n', roles: orderRoles },
  ]);
  expect(report.files[0].rejects.map((r) => [r.line, r.text])).toEqual([
    [3, 'B,2,31/31/2024,2,"say ""hi"", then"'],
    [4, 'C,3,2024-01-02,x,'],
  ]);
});
