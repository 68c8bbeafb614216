import { beforeAll, describe, expect, test } from 'vitest';
import { runImport } from '../../src/lib/import/run-import.ts';
import { defaultImportSpec, type ImportSpec } from '../../src/lib/spec/import.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { hasShared, sharedBytes } from './shared-data.ts';

const columns = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
const roles: Record<string, string> = {
  InvoiceNo: 'order_id',
  Quantity: 'quantity',
  InvoiceDate: 'order_date',
  UnitPrice: 'unit_price',
  CustomerID: 'customer_id',
};

describe.skipIf(!hasShared)('Online Retail under "Standard" cleaning', () => {
  let db: TestEngine;
  beforeAll(async () => {
    db = await openEngine();
    db.register('uploads/online-retail.csv', sharedBytes('data/online-retail/online-retail.csv.gz'));
  });

  test('accounts for all 541,909 records and matches the reference totals', async () => {
    const spec: ImportSpec = defaultImportSpec([
      {
        name: 'online-retail.csv',
        kind: 'transactions',
        parse: { delimiter: ',', header: true, encoding: 'utf-8', decimalMark: 'point', dateFormat: 'ymd' },
        columns: columns.map((name) => ({ name, role: (roles[name] ?? 'attribute') as never })),
      },
    ]);
    const report = await runImport(db, spec, [{ path: 'uploads/online-retail.csv', delimiter: ',' }]);
    const [file] = report.files;
    expect(file.input).toBe(541_909);
    expect(file.loaded + file.rejected + Object.values(file.excluded).reduce((a, b) => a + b, 0)).toBe(541_909);
    expect(file.rejected).toBe(0);
    expect(file.loaded).toBe(397_924);
    expect(report.customers).toBe(4_339);
    expect(report.orders).toBe(18_536);
    expect(report.totalAmount).toBe('8911407.904');
    expect(file.floatIdsStripped).toBe(false);
    expect(file.excluded).toMatchInlineSnapshot(`
      {
        "cancelled": 8905,
        "no_customer_id": 135080,
      }
    `);
  });
});
