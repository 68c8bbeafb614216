import { beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { AnalysisSpec } from '../../src/lib/spec/analysis.ts';
import {
  defaultImportSpec,
  defaultParseOptions,
  standardCleaning,
  type CleaningRules,
  type FileImport,
  type ImportSpec,
  type Role,
} from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
let counter = 0;
beforeAll(async () => {
  db = await openEngine();
});

/** Imports one small transactions CSV through the real pipeline, with the given roles and spec changes. */
async function importCsv(csv: string, roles: Record<string, Role>, spec: Partial<Omit<ImportSpec, 'files'>> = {}) {
  const name = `cleaning-${++counter}.csv`;
  db.register(`uploads/${name}`, new TextEncoder().encode(csv));
  const header = csv.split('\n')[0].split(',');
  const file: FileImport = {
    name,
    kind: 'transactions',
    parse: defaultParseOptions(),
    columns: header.map((h) => ({ name: h, role: roles[h] ?? 'attribute' })),
  };
  return runImport(db, { ...defaultImportSpec([file]), ...spec }, [csvRegistration(file, csv)]);
}

const cleaning = (changes: Partial<CleaningRules>): CleaningRules => ({ ...standardCleaning(), ...changes });
const rows = (sql: string) => db.rows(sql);
const byCustomer = async (sql: string) => Object.fromEntries((await rows(sql)).map((r) => [String(r.customer_id), String(r.value)]));
const analyse = (changes: Partial<AnalysisSpec> = {}) => runAnalysis(db, { ...defaultAnalysisSpec(), ...changes }, null);

const roles: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount', status: 'status' };

describe('keep only', () => {
  const csv = [
    'id,order,date,amount,status,captured',
    'A,1,2024-01-01,10,Paid,true',
    'A,2,2024-01-02,20,paid ,false', // not captured
    'B,3,2024-01-03,30,Failed,true',
    'B,4,2024-01-04,40,PAID,TRUE',
    ',5,2024-01-05,50,Failed,true', // no id comes first
  ].join('\n');

  test('every rule must hold; values compare trimmed and case-insensitively; counted as its own rule', async () => {
    const report = await importCsv(csv, roles, {
      cleaning: cleaning({
        keepOnly: [
          { column: 'status', values: ['paid', 'succeeded'] },
          { column: 'captured', values: ['true'] },
        ],
      }),
    });
    expect(report.files[0]).toMatchObject({ input: 5, loaded: 2, excluded: { no_customer_id: 1, not_kept: 2 } });
    expect(await byCustomer('SELECT customer_id, CAST(sum(amount) AS VARCHAR) AS value FROM orders GROUP BY 1')).toEqual({
      A: '10.000',
      B: '40.000',
    });
  });

  test('a rule on a column the file lacks, or with no values yet, keeps everything', async () => {
    const report = await importCsv(csv, roles, {
      cleaning: cleaning({
        keepOnly: [
          { column: 'Deal Stage', values: ['Closed won'] },
          { column: 'status', values: [] },
        ],
      }),
    });
    expect(report.files[0]).toMatchObject({ loaded: 4, excluded: { no_customer_id: 1 } });
  });
});

describe('cancelled', () => {
  const csv = [
    'id,order,date,amount,status,Cancelled at',
    'A,1,2024-01-01,10,cancelled,',
    'A,2,2024-01-02,20,paid,2024-01-03 10:00:00',
    'B,3,2024-01-03,30,paid, ',
  ].join('\n');

  test('an empty status list excludes nothing, whatever the status says', async () => {
    const report = await importCsv(csv, roles);
    expect(report.files[0]).toMatchObject({ loaded: 3, excluded: {} });
  });

  test('a filled "Cancelled at" marks the record cancelled; spaces do not', async () => {
    const report = await importCsv(csv, roles, {
      cleaning: cleaning({ cancelled: { enabled: true, orderIdPrefix: 'C', statusValues: [], filledColumn: 'Cancelled at' } }),
    });
    expect(report.files[0]).toMatchObject({ loaded: 2, excluded: { cancelled: 1 } });
    expect((await rows('SELECT order_id FROM orders ORDER BY 1')).map((r) => r.order_id)).toEqual(['1', '3']);
  });

  test('switching cancelled off switches the column rule off too', async () => {
    const report = await importCsv(csv, roles, {
      cleaning: cleaning({ cancelled: { enabled: false, orderIdPrefix: 'C', statusValues: [], filledColumn: 'Cancelled at' } }),
    });
    expect(report.files[0]).toMatchObject({ loaded: 3, excluded: {} });
  });
});

describe('refunds', () => {
  test('per line: each record gives its amount less its refund; a fully refunded payment counts as 0', async () => {
    const csv = [
      'id,order,date,amount,refunded',
      'A,1,2024-01-01,100.00,0.00',
      'A,2,2024-01-02,50.00,50.00',
      'B,3,2024-01-03,80,30.5',
    ].join('\n');
    const report = await importCsv(csv, roles, { cleaning: cleaning({ refundColumn: 'refunded' }) });
    expect(report.files[0]).toMatchObject({ loaded: 3, excluded: {} });
    expect(await byCustomer('SELECT customer_id, CAST(sum(amount) AS VARCHAR) AS value FROM orders GROUP BY 1')).toEqual({
      A: '100.000',
      B: '49.500',
    });
    expect(report.orders).toBe(3);
  });

  test('per order: subtracted once, from the order total its first line carries', async () => {
    const csv = [
      'id,order,date,amount,refunded,product',
      'A,#1,2024-01-01,60.00,15.00,mug',
      'A,#1,2024-01-01,,,plate',
      'B,#2,2024-01-02,20.00,20.00,cup',
    ].join('\n');
    const report = await importCsv(csv, roles, { amountLevel: 'order', cleaning: cleaning({ refundColumn: 'refunded' }) });
    expect(await byCustomer('SELECT customer_id, CAST(amount AS VARCHAR) AS value FROM orders')).toEqual({ A: '45.000', B: '0.000' });
    expect(report.totalAmount).toBe('45');
  });

  test('a refund that is not a number rejects its record, saying which value', async () => {
    const report = await importCsv('id,order,date,amount,refunded\nA,1,2024-01-01,10,ten\nA,2,2024-01-01,10,\n', roles, {
      cleaning: cleaning({ refundColumn: 'refunded' }),
    });
    expect(report.files[0]).toMatchObject({ loaded: 1, rejected: 1 });
    expect(report.files[0].rejects[0]).toMatchObject({ line: 2, reason: 'refunded amount "ten" is not a number' });
  });
});

describe('fill down per order', () => {
  // Shopify's shape: an order's fields on its first line only, its line items below.
  const csv = [
    'Name,Email,Financial Status,Total,Created at,Cancelled at,Lineitem name,Lineitem quantity',
    '#1001,ann@x.com,paid,30.00,2024-03-01 10:00:00 -0500,,Mug,1',
    '#1001,,,,,,Plate,2',
    '#1001,,,,,,Bowl,1',
    '#1002,bob@x.com,voided,12.00,2024-03-02 11:00:00 -0500,2024-03-02 12:00:00 -0500,Cup,1',
    '#1002,,,,,,Saucer,1',
    '#1003,ann@x.com,paid,8.00,2024-03-05 09:00:00 -0500,,Spoon,3',
  ].join('\n');
  const shopify: Record<string, Role> = {
    Name: 'order_id',
    Email: 'customer_id',
    'Financial Status': 'status',
    Total: 'amount',
    'Created at': 'order_date',
  };
  const spec = (fillDown: boolean): Partial<ImportSpec> => ({
    amountLevel: 'order',
    cleaning: cleaning({
      fillDown,
      cancelled: { enabled: true, orderIdPrefix: 'C', statusValues: [], filledColumn: 'Cancelled at' },
      keepOnly: [{ column: 'Financial Status', values: ['paid'] }],
    }),
  });

  test('without it, every line after the first is excluded for a blank id (the issue as reported)', async () => {
    const report = await importCsv(csv, shopify, spec(false));
    expect(report.files[0]).toMatchObject({ loaded: 2, excluded: { no_customer_id: 3, not_kept: 1 } });
  });

  test('with it, each line inherits its order fields; line attributes stay the line’s own', async () => {
    const report = await importCsv(csv, shopify, spec(true));
    // The voided order's two lines go under "not kept", checked before "cancelled at".
    expect(report.files[0]).toMatchObject({ input: 6, loaded: 4, excluded: { not_kept: 2 } });
    expect(
      (await rows(`SELECT order_id, customer_id, "Lineitem name" AS item, status FROM order_lines ORDER BY rec_no`)).map((r) => [
        r.order_id,
        r.customer_id,
        r.item,
        r.status,
      ]),
    ).toEqual([
      ['#1001', 'ann@x.com', 'Mug', 'paid'],
      ['#1001', 'ann@x.com', 'Plate', 'paid'],
      ['#1001', 'ann@x.com', 'Bowl', 'paid'],
      ['#1003', 'ann@x.com', 'Spoon', 'paid'],
    ]);
    expect(await byCustomer('SELECT customer_id, CAST(sum(amount) AS VARCHAR) AS value FROM orders GROUP BY 1')).toEqual({
      'ann@x.com': '38.000',
    });
    expect(report.amountConflicts).toBe(0);
    expect(report.orders).toBe(2);
  });

  test('a cancelled order’s every line is cancelled, its date filled from its first line', async () => {
    const report = await importCsv(csv, shopify, {
      ...spec(true),
      cleaning: cleaning({
        fillDown: true,
        cancelled: { enabled: true, orderIdPrefix: '', statusValues: [], filledColumn: 'Cancelled at' },
      }),
    });
    expect(report.files[0]).toMatchObject({ loaded: 4, rejected: 0, excluded: { cancelled: 2 } });
  });
});

describe('customer ids from an e-mail inside text, or a fallback column', () => {
  test('HubSpot-like associations: the first e-mail, else the company, lower-cased', async () => {
    const csv = [
      'deal,date,amount,contact,company',
      '1,2024-01-01,100,Hank Scorpio (Hank@Globex.example),Globex',
      '2,2024-01-02,50,Bill L (bill@initech.example);Peter G (peter@initech.example),Initech',
      '3,2024-01-03,25,,Umbrella Corp',
      '4,2024-01-04,10,No Mail Person,Initrode',
      '5,2024-01-05,5,,',
    ].join('\n');
    const report = await importCsv(
      csv,
      { deal: 'order_id', date: 'order_date', amount: 'amount', contact: 'customer_id' },
      { ids: { trim: true, lowerCase: true, extractEmail: true, fallbackColumn: 'company' } },
    );
    expect(report.files[0]).toMatchObject({ loaded: 4, excluded: { no_customer_id: 1 } });
    expect(await byCustomer('SELECT customer_id, order_id AS value FROM orders')).toEqual({
      'hank@globex.example': '1',
      'bill@initech.example': '2',
      'umbrella corp': '3',
      initrode: '4',
    });
  });
});

describe('net returns', () => {
  // Online Retail's customer 12346: 74,215 units at 1.04 bought, and all of it returned on a credit note.
  const csv = [
    'id,order,date,amount',
    '12346,541431,2011-01-18 10:01:00,77183.60',
    '12346,C541433,2011-01-18 10:17:00,-77183.60',
    ...Array.from({ length: 9 }, (_, i) => `${20000 + i},${600000 + i},2011-12-0${1 + (i % 8)} 12:00:00,${(i + 1) * 10000}`),
    '20000,C600100,2011-12-09 12:00:00,-4000',
    '30000,C600200,2011-12-09 13:00:00,-15', // returns only: no purchase in the file
    '40000,600300,2011-11-20 09:00:00,50',
    '40000,600301,2011-11-25 09:00:00,-80', // a negative line that is not a credit note: net spend -30
    '50000,600400,2011-10-02 09:00:00,49', // net -451: listed before -30, whose text sorts first
    '50000,C600401,2011-10-03 09:00:00,-500',
  ].join('\n');
  const roles4: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };
  const segmentOf = async (id: string) =>
    (
      await rows(
        `SELECT rfm_segment, m_score, value_tier, monetary::VARCHAR AS monetary, frequency FROM customers WHERE customer_id = '${id}'`,
      )
    )[0];

  test('excluded (the default): 12346 is Platinum and Cannot Lose Them on a purchase it returned', async () => {
    await importCsv(csv, roles4);
    await analyse();
    expect(await segmentOf('12346')).toMatchObject({ rfm_segment: 'Cannot Lose Them', m_score: 4, value_tier: 'Platinum' });
  });

  test('netted: 12346 spent 0, gets the lowest M and the last tier, and is listed; returns are no purchases', async () => {
    const report = await importCsv(csv, roles4, { cleaning: cleaning({ netReturns: true }) });
    expect(report.files[0]).toMatchObject({ input: 17, loaded: 17, excluded: {} });
    expect(report.returnsOnlyCustomers).toBe(1);
    expect(report.nonPositiveBuyers).toEqual({
      total: 3,
      first: [
        { customerId: '50000', monetary: '-451' },
        { customerId: '40000', monetary: '-30' },
        { customerId: '12346', monetary: '0' },
      ],
    });
    const { result } = await analyse();
    const gone = await segmentOf('12346');
    expect(gone).toMatchObject({ m_score: 1, value_tier: 'Bronze', monetary: '0.000', frequency: 1 });
    expect(gone.rfm_segment).not.toBe('Cannot Lose Them');
    expect(await segmentOf('20000')).toMatchObject({ monetary: '6000.000', frequency: 1 });
    expect(await segmentOf('40000')).toMatchObject({ monetary: '-30.000', frequency: 1, m_score: 1, value_tier: 'Bronze' });
    expect(await rows(`SELECT 1 FROM customers WHERE customer_id = '30000'`)).toEqual([]);
    // The Lorenz curve rises to 1 over positive spend and never falls back or passes it.
    const shares = result.lorenz.map(([, share]) => share);
    expect(shares.every((s, i) => s <= 1 + 1e-12 && (i === 0 || s >= shares[i - 1]))).toBe(true);
    expect(shares.at(-1)).toBe(1);
    // Tiers are shares of positive spend: each counts once, and the totals add up to the net revenue.
    const tierCustomers = result.tiers.reduce((n, t) => n + t.customers, 0);
    expect(tierCustomers).toBe(result.buyers);
  });

  test('the lowest M whatever the method, even when most buyers spent ≤ 0', async () => {
    const csvNet = [
      'id,order,date,amount',
      ...['a', 'b', 'c', 'd'].flatMap((id, i) => [`${id},${i},2024-01-01,${i + 1}`, `${id},C${i},2024-01-02,-${2 * (i + 1)}`]),
      'e,9,2024-01-01,5',
    ].join('\n');
    await importCsv(csvNet, roles4, { cleaning: cleaning({ netReturns: true }) });
    for (const method of ['ntile', 'breakpoints'] as const) {
      await analyse({ rfm: { ...defaultAnalysisSpec().rfm, method } });
      expect(await byCustomer('SELECT customer_id, m_score AS value FROM customers')).toEqual({ a: '1', b: '1', c: '1', d: '1', e: '5' });
      expect(await byCustomer('SELECT customer_id, value_tier AS value FROM customers')).toMatchObject({
        a: 'Bronze',
        b: 'Bronze',
        c: 'Bronze',
        d: 'Bronze',
      });
    }
  });
});
