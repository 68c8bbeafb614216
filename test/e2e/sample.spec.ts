import { expect, test } from './fixtures.ts';

test('?sample=retail-v1 opens on the bundled sample, every record accounted for', async ({ app, page }) => {
  await app.open('?sample=retail-v1');
  await expect(app.report).toBeVisible({ timeout: 120_000 });
  const tx = 'retail-v1-transactions.csv';
  const input = await app.count('input', tx);
  expect(input).toBeGreaterThan(10_000);
  expect(await app.accountedFor(tx)).toBe(input);
  expect(await app.count('excluded-no_customer_id', tx)).toBeGreaterThan(0);
  expect(await app.count('excluded-cancelled', tx)).toBeGreaterThan(0);
  await expect(app.report).toContainText('never purchased');
  // The report's customer count is what the engine holds.
  const customers = await app.count('customers');
  expect(await app.sqlColumn('SELECT count(DISTINCT customer_id) FROM orders')).toEqual([String(customers)]);
  await expect(page.getByRole('region', { name: 'Mapping of retail-v1-customers.csv' }).getByLabel('This file holds')).toHaveValue(
    'customers',
  );
});

test('"Try sample data" loads the sample with one click', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await expect(app.report).toBeVisible({ timeout: 120_000 });
  expect(await app.count('customers')).toBeGreaterThan(1_000);
});
