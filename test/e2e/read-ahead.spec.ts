import path from 'node:path';
import { expect, FIXTURES, test } from './fixtures.ts';

// The engine reads chosen files while the mapping is looked at (session.ts `readAhead`); Load reuses
// what was read only for the file parsed as it is at Load.

test('a file read ahead and then decoded another way loads as it is decoded at Load', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(FIXTURES, 'customer-ids.csv'));
  await expect(page.getByRole('button', { name: 'Remove customer-ids.csv' })).toBeVisible();
  // Read ahead as UTF-8 ("Zoë"); then as Windows-1252, where the two bytes of "ë" are two letters.
  await page.getByLabel('Encoding').selectOption('windows-1252');
  await app.load();
  expect(await app.count('input')).toBe(7);
  expect(await app.sqlColumn(`SELECT customer_id FROM orders WHERE customer_id LIKE 'Zo%'`)).toEqual(['Zo\u00c3\u00ab "Z" Ltd']);
});

test('a file parsed one way, another, and back again loads as it is parsed at Load', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(FIXTURES, 'customer-ids.csv'));
  await expect(page.getByRole('button', { name: 'Remove customer-ids.csv' })).toBeVisible();
  // Each change cancels the read ahead under way and asks for another.
  await page.getByLabel('First row is a header').uncheck();
  await page.getByLabel('First row is a header').check();
  await page.getByLabel('Delimiter').selectOption(';');
  await page.getByLabel('Delimiter').selectOption(',');
  await app.load();
  expect(await app.count('input')).toBe(7);
  expect(await app.accountedFor('customer-ids.csv')).toBe(7);
});
