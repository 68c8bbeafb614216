/**
 * The format fixtures through `segment-workbench apply` with no spec (the page's guesses): the
 * report's counts and each customer's orders, total and purchases against expected.ts; and the
 * workbooks it cannot read refused as the page refuses them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FORMATS_DIR } from '../fixtures/formats/build.ts';
import { expectedCounts, expectedCustomers, FORMAT_CASES, hundredthsOf } from '../fixtures/formats/expected.ts';
import { runCli } from './run-cli.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sw-cli-formats-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(FORMAT_CASES)('apply $file', (c) => {
  test('reports every record and gives each customer its orders and total', async () => {
    const run = await runCli('apply', path.join(FORMATS_DIR, c.file));
    expect(run.code, run.stderr).toBe(0);
    const { input, loaded, excluded } = expectedCounts(c);
    expect(run.stderr).toContain(`${c.file}: ${input} records: ${loaded} loaded, 0 rejected, ${excluded} excluded`);
    if (c.file.endsWith('.xlsx')) expect(run.stderr).toContain(`${c.file}: reading sheet "Orders" (the first of 2: Orders, Notes)`);

    const rows = Papa.parse<Record<string, string>>(run.stdout, { header: true, skipEmptyLines: true }).data;
    const figures = new Map(
      rows.map((r) => [
        r.customer_id,
        { orders: Number(r.frequency), hundredths: hundredthsOf(r.monetary), first: r.first_purchase, last: r.last_purchase },
      ]),
    );
    expect(figures).toEqual(expectedCustomers(c));
  });
});

describe('workbooks other than .xlsx, and a broken .xlsx', () => {
  test.each([
    ['orders.xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
    ['orders.numbers', [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]],
  ])('%s is refused with "save it as CSV or .xlsx"', async (name, bytes) => {
    const file = path.join(dir, name);
    writeFileSync(file, new Uint8Array(bytes));
    const run = await runCli('apply', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${name} is a spreadsheet workbook in a format that cannot be read here`);
    expect(run.stderr).toContain('save it as CSV or .xlsx first');
  });

  test('an .xlsx that is not a workbook says it could not be read, and why', async () => {
    const run = await runCli('apply', path.join(FIXTURES, 'orders.xlsx'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/orders\.xlsx could not be read as an Excel workbook \(.+\): open it in Excel/);
  });
});
