import { expect, test } from './fixtures.ts';

test('?sample=retail-v1 opens on the bundled sample, every record accounted for', async ({ app, page }) => {
  await app.open('?sample=retail-v1');
  await app.loaded();
  await app.section('Data');
  await expect(app.report).toBeVisible();
  const tx = 'retail-v1-transactions.csv';
  // Figures from Python's csv module over public/samples/retail-v1 with the sample's cleaning rules
  // (no id → cancelled: C prefix or status "cancelled" → quantity ≤ 0 or amount < 0), not from the app.
  expect(await app.count('input', tx)).toBe(40_000);
  expect(await app.accountedFor(tx)).toBe(40_000);
  expect(await app.count('loaded', tx)).toBe(37_425);
  expect(await app.count('rejected', tx)).toBe(0);
  expect(await app.count('excluded-no_customer_id', tx)).toBe(1_160);
  expect(await app.count('excluded-cancelled', tx)).toBe(644);
  expect(await app.count('excluded-returns', tx)).toBe(771);
  expect(await app.count('input', 'retail-v1-customers.csv')).toBe(5_000);
  await expect(app.report.getByRole('table', { name: `Records of ${tx}` })).toBeVisible();
  await expect(app.report).not.toContainText('unaccounted');
  await expect(app.report).toContainText('Loaded + rejected + excluded = 40,000, the records counted in the file');
  await expect(app.report).toContainText('5,000 customers in the file; 329 never purchased');
  await expect(app.report).toContainText('48 buyers are missing from it');
  expect(await app.count('customers')).toBe(4_719);
  // The report's customer count is what the engine holds.
  const customers = await app.count('customers');
  expect(await app.sqlColumn('SELECT count(DISTINCT customer_id) FROM orders')).toEqual([String(customers)]);
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  await expect(page.getByRole('region', { name: 'Mapping of retail-v1-customers.csv' }).getByLabel('This file holds')).toHaveValue(
    'customers',
  );
});

test('"Try sample data" loads the sample with one click', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await app.loaded();
  await app.section('Data');
  await expect(app.report).toBeVisible();
  expect(await app.count('customers')).toBe(4_719);
});
