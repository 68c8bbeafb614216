import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customersCsv } from '../../src/lib/csv/customers-csv.ts';
import { exportCustomersSql } from '../../src/lib/sql/export.ts';
import { formatRounded } from '../../src/lib/format.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { loadCsvFixture } from './load-fixture.ts';

/** Fractional amounts whose averages do not end after two decimals. */
const ORDERS = [
  'id,order,date,amount',
  'x,1,2024-01-01,100',
  'x,2,2024-01-02,100',
  'x,3,2024-01-03,53.16',
  'y,4,2024-01-04,0.005',
  'z,5,2024-01-05,19.99',
  'z,6,2024-01-06,0.01',
].join('\n');

let db: TestEngine;
beforeAll(async () => {
  db = await openEngine();
  db.register('uploads/fractions.csv', new TextEncoder().encode(ORDERS));
  await loadCsvFixture(db, { 'fractions.csv': ORDERS }, (name) => `uploads/${name}`, '2024-12-31');
});
afterAll(() => db.close());

describe('the customer export', () => {
  test('AOV is rounded to 2 places (half away from zero) in the export only; monetary stays exact', async () => {
    const rows = Papa.parse<Record<string, string>>(customersCsv(await db.rows(exportCustomersSql())), { header: true }).data;
    const byId = new Map(rows.map((r) => [r.customer_id, r]));
    expect([byId.get('x')?.aov, byId.get('y')?.aov, byId.get('z')?.aov]).toEqual(['84.39', '0.01', '10']);
    expect([byId.get('x')?.monetary, byId.get('y')?.monetary, byId.get('z')?.monetary]).toEqual(['253.16', '0.005', '20']);
    // The view keeps full precision: scores and rules read it.
    const [x] = await db.rows(`SELECT aov FROM customers WHERE customer_id = 'x'`);
    expect(Number(x.aov)).toBeCloseTo(253.16 / 3, 12);
  });

  test("the page rounds averages as the export does (DuckDB's round), ties and binary near-ties included", async () => {
    const values = [84.38666666666667, 0.125, 1.005, 2.675, 0.005, 1234.565, 99.995, 10];
    for (const v of values) {
      const [row] = await db.rows(`SELECT CAST(CAST(round(${v}::DOUBLE, 2) AS DECIMAL(38, 2)) AS VARCHAR) AS r`);
      expect(formatRounded(v).replaceAll(',', ''), String(v)).toBe(String(row.r));
    }
  });
});
