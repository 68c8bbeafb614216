import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, FIXTURES, test } from './fixtures.ts';

test('a malformed file: every record loaded, excluded or rejected with its line and reason', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(FIXTURES, 'malformed-orders.csv'));
  await app.load();
  const file = 'malformed-orders.csv';
  // 9 data lines, but the unterminated quote on line 9 swallows line 10: 8 records.
  expect(await app.count('input', file)).toBe(8);
  expect(await app.count('loaded', file)).toBe(2);
  expect(await app.count('rejected', file)).toBe(5);
  expect(await app.count('excluded-no_customer_id', file)).toBe(1);

  const rejects = app.report.getByRole('table', { name: `Rejected records of ${file}` });
  const lines = await rejects.locator('tbody tr td:first-child').allInnerTexts();
  expect(lines).toEqual(['3', '4', '6', '8', '9']);
  await expect(rejects.locator('tbody tr').nth(1)).toContainText('order date "not a date" is not a YYYY-MM-DD date');
  await expect(rejects.locator('tbody tr').nth(2)).toContainText('amount "abc" is not a number');
  // Every reject shows its record's text, the typed ones too (their fields as the file wrote them).
  await expect(rejects.locator('tbody tr').nth(1).locator('td').nth(2)).toHaveText('1003,A3,not a date,30.00');
  await expect(rejects.locator('tbody tr').nth(2).locator('td').nth(2)).toHaveText('1005,A4,2024-01-08,abc');
  await expect(rejects.locator('tbody tr').nth(4)).toContainText('unterminated quote');
  // The reader's own kind of error, which reached the page as null ("null: Expected …") when results streamed.
  await expect(rejects.locator('tbody tr').nth(0)).toContainText('too many columns: Expected Number of Columns: 4 Found: 5');
  await expect(rejects.locator('tbody tr').nth(3)).toContainText('missing columns: Expected Number of Columns: 4 Found: 3');
  // So does any ENUM a query returns in the console.
  expect(await app.sqlColumn(`SELECT CAST('ok' AS ENUM('sad', 'ok')) AS mood`)).toEqual(['ok']);

  const download = page.waitForEvent('download');
  await app.report.getByRole('button', { name: 'Download rejected records (CSV)' }).click();
  const csv = Papa.parse<string[]>(readFileSync(await (await download).path(), 'utf8'), { skipEmptyLines: true }).data;
  expect(csv[0]).toEqual(['line', 'reason', 'text']);
  expect(csv.slice(1).map((r) => r[0])).toEqual(['3', '4', '6', '8', '9']);
  expect(csv[5][2]).toBe('1008,A7,2024-01-11,"unterminated,5\n1009,A8,2024-01-12,9\n');

  // A double click writes the file once: the button is off while it is written (it wrote two files before).
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await app.report.getByRole('button', { name: 'Download rejected records (CSV)' }).dblclick();
  await expect(app.report.getByRole('button', { name: 'Download rejected records (CSV)' })).toBeEnabled();
  // A query through the same worker queue: any second file's request has ended by its answer.
  await app.sqlColumn('SELECT 1');
  await expect.poll(() => downloads.length).toBe(1);
  expect(downloads).toEqual(['malformed-orders.csv-rejected.csv']);

  // $1,234.50 was read exactly.
  expect(await app.sqlColumn(`SELECT CAST(amount AS VARCHAR) FROM orders WHERE order_id = '1006'`)).toEqual(['1234.500']);
});

test('an .xls or .numbers workbook gets "save it as CSV or .xlsx", a broken .xlsx why it cannot be read, and the page stays usable', async ({
  app,
  page,
}) => {
  await app.open();
  const upload = (name: string, bytes: number[]) =>
    page.getByLabel('Load data').setInputFiles({ name, mimeType: '', buffer: Buffer.from(bytes) });
  await upload('orders.xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await expect(page.getByRole('alert')).toContainText('orders.xls is a spreadsheet workbook in a format that cannot be read here');
  await expect(page.getByRole('alert')).toContainText('save it as CSV or .xlsx first');
  await upload('orders.numbers', [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
  await expect(page.getByRole('alert')).toContainText('orders.numbers is a spreadsheet workbook');
  // An .xlsx is read (formats.spec.ts); this one is a ZIP header and text, not a workbook.
  await app.chooseFiles(path.join(FIXTURES, 'orders.xlsx'));
  await expect(page.getByRole('alert')).toContainText(/orders\.xlsx could not be read as an Excel workbook \(.+\): open it in Excel/);
  await expect(page.getByRole('region', { name: /^Mapping of / })).toHaveCount(0);
  await app.chooseFiles(path.join(FIXTURES, 'malformed-orders.csv'));
  await app.load();
  expect(await app.count('loaded', 'malformed-orders.csv')).toBe(2);
});

test('a SQL error is shown in the console and the page stays usable', async ({ app }) => {
  await app.open();
  await app.chooseFiles(path.join(FIXTURES, 'malformed-orders.csv'));
  await app.load();
  const console = await app.sql('SELECT no_such_column FROM orders');
  await expect(console.getByRole('alert', { name: 'Query error' })).toContainText('no_such_column');
  expect(await app.sqlColumn('SELECT count(*) FROM orders')).toEqual(['2']);
});

test('a file DuckDB would misread or read as nothing is refused with the reason; nothing is loaded', async ({ app, page }) => {
  await app.open();
  const upload = (name: string, text: string) =>
    page.getByLabel('Load data').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const load = page.getByRole('button', { name: 'Load', exact: true });

  // LF, then CRLF: DuckDB's reader would fail on the second kind.
  await upload('mixed.csv', 'customer_id,order_id,order_date,amount\nA,1,2024-01-01,1\r\nB,2,2024-01-02,2\n');
  await load.click();
  await expect(page.getByRole('alert')).toContainText('mixed.csv cannot be read: its lines end in different ways (LF and CRLF)');
  await expect(app.report).toHaveCount(0);

  await page.getByRole('button', { name: /^Remove mixed\.csv/ }).click();
  await upload('header-only.csv', 'customer_id,order_id,order_date,amount\n');
  await load.click();
  await expect(page.getByRole('alert')).toContainText('header-only.csv has no records below its header');
  await expect(app.report).toHaveCount(0);

  await upload('empty.csv', '');
  await expect(page.getByRole('alert')).toContainText('empty.csv is empty.');
});

test('when the reader returns more than the file holds, the report says so', async ({ app, page }) => {
  await app.open();
  // DuckDB 1.4.3 rejects line 3 and still reads its tail `"B"y,5,2024-01-02,7` as a row (see record-accounting.test.ts).
  const csv = 'customer_id,order_id,order_date,amount\nA,1,2024-01-01,5\n"A"x,"B"y,5,2024-01-02,7\nC,3,2024-01-03,4\n';
  await page.getByLabel('Load data').setInputFiles({ name: 'doubled.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await app.load();
  expect(await app.count('input', 'doubled.csv')).toBe(3);
  expect(await app.accountedFor('doubled.csv')).toBe(4);
  // With 2 of 3 records rejected, the many-rejects alert leads the report too; this one is the count's.
  await expect(app.report.getByRole('alert').filter({ hasText: 'came out of the reader' })).toHaveText(
    'doubled.csv: 1 record more came out of the reader than the file holds: some record was read twice.',
  );
});

test('a wrong date format: the report leads with the rejects, their reason and an example, and the fix loads them all', async ({
  app,
  page,
}) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-dayfirst-'));
  const lines = ['order_id,customer_id,order_date,amount'];
  // Day-first dates; half of them could be read month-first (day ≤ 12), the rest cannot.
  for (let i = 1; i <= 60; i++) lines.push(`${i},c${i % 7},${String(((i * 7) % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2024,${i}.50`);
  const file = path.join(dir, 'day-first.csv');
  writeFileSync(file, lines.join('\n'));
  const monthFirst = lines.slice(1).filter((l) => Number(l.split(',')[2].slice(0, 2)) <= 12).length;

  await app.open();
  await app.chooseFiles(file);
  await page.getByRole('region', { name: 'Mapping of day-first.csv' }).getByLabel('Date format').selectOption('mdy');
  await app.load();
  const rejected = 60 - monthFirst;
  expect(await app.count('rejected', 'day-first.csv')).toBe(rejected);
  const lead = app.report.getByRole('alert', { name: 'Many records of day-first.csv rejected' });
  await expect(lead).toContainText(`of day-first.csv's records were rejected (${rejected} of 60)`);
  await expect(lead).toContainText('Most common reason: order date "…" is not a MM/DD/YYYY date, for example');
  await expect(lead).toContainText('These dates look day-first (DD/MM/YYYY)');
  // It comes before everything else in the report.
  await expect(app.report.locator('h2 + *')).toHaveAttribute('aria-label', 'Many records of day-first.csv rejected');

  await lead.getByRole('button', { name: 'Apply this fix and load again' }).click();
  await expect.poll(() => app.count('loaded', 'day-first.csv'), { timeout: 60_000 }).toBe(60);
  expect(await app.count('rejected', 'day-first.csv')).toBe(0);
  await expect(lead).toBeHidden();
});
