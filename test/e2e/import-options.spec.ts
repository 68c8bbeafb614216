import path from 'node:path';
import { expect, FIXTURES, test } from './fixtures.ts';

test('a European export: windows-1252, semicolons, decimal comma, dates the user must disambiguate', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(FIXTURES, 'european-orders-cp1252.csv'));
  const mapping = page.getByRole('region', { name: 'Mapping of european-orders-cp1252.csv' });
  await expect(mapping.getByLabel('Encoding')).toHaveValue('windows-1252');
  await expect(mapping.getByLabel('Delimiter')).toHaveValue(';');
  await expect(mapping.getByLabel('Decimal mark')).toHaveValue('comma');
  await expect(mapping.getByLabel('Role of total')).toHaveValue('amount');
  // 03/04/2024 could be either: never a silent guess.
  await expect(mapping.getByRole('list', { name: 'Mapping problems' })).toContainText('day-first or month-first');
  await expect(page.getByRole('button', { name: 'Load', exact: true })).toBeDisabled();

  await mapping.getByLabel('Date format').selectOption('dmy');
  await app.load();
  expect(await app.count('loaded', 'european-orders-cp1252.csv')).toBe(4);
  await expect(app.report.getByTestId('total-amount')).toHaveText('1,346.5');
  await expect(app.report).toContainText('2024-02-01 to 2024-12-11');
  expect(await app.sqlColumn('SELECT DISTINCT customer_id FROM orders ORDER BY 1')).toEqual(['Björn', 'Renée Müller', 'Zoë']);
  expect(await app.sqlColumn('SELECT CAST(min(order_date) AS VARCHAR) FROM orders')).toEqual(['2024-02-01 00:00:00']);
});

test('changing a cleaning rule and loading again shows what each rule excluded', async ({ app, page }) => {
  await app.open('?sample=retail-v1');
  await app.loaded();
  await app.section('Data');
  await expect(app.report).toBeVisible();
  const tx = 'retail-v1-transactions.csv';
  const loadedBefore = await app.count('loaded', tx);
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  const settings = page.getByRole('region', { name: 'Import settings' });
  const duplicates = settings.getByTestId('rule-count-duplicate');
  await expect(duplicates).toContainText('— 0 at the last load');
  await settings.getByLabel('Exclude exact duplicate records').check();
  await app.load();
  const excludedDuplicates = await app.count('excluded-duplicate', tx);
  // Python's csv module: 148 lines repeat an earlier line exactly and pass every earlier rule.
  expect(excludedDuplicates).toBe(148);
  expect(await app.count('loaded', tx)).toBe(loadedBefore - excludedDuplicates);
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  await expect(duplicates).not.toContainText('— 0 at');
});
