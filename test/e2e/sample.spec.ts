import { expect, test, type WorkbenchPage } from './fixtures.ts';

/**
 * Figures from Python's csv module over public/samples/retail-v1 with the sample's cleaning rules
 * (no id → cancelled: C prefix or status "cancelled" → quantity ≤ 0 or amount < 0), not from the app.
 * retail-v2 loads the same transactions file and the same customer ids, so its figures are the same.
 */
async function expectSampleAccountedFor(app: WorkbenchPage, id: string): Promise<void> {
  await app.section('Data');
  await expect(app.report).toBeVisible();
  const tx = `${id}-transactions.csv`;
  expect(await app.count('input', tx)).toBe(40_000);
  expect(await app.accountedFor(tx)).toBe(40_000);
  expect(await app.count('loaded', tx)).toBe(37_425);
  expect(await app.count('rejected', tx)).toBe(0);
  expect(await app.count('excluded-no_customer_id', tx)).toBe(1_160);
  expect(await app.count('excluded-cancelled', tx)).toBe(644);
  expect(await app.count('excluded-returns', tx)).toBe(771);
  expect(await app.count('input', `${id}-customers.csv`)).toBe(5_000);
  await expect(app.report.getByRole('table', { name: `Records of ${tx}` })).toBeVisible();
  await expect(app.report).not.toContainText('unaccounted');
  await expect(app.report).toContainText('Loaded + rejected + excluded = 40,000, the records counted in the file');
  await expect(app.report).toContainText('5,000 customers in the file; 329 never purchased');
  await expect(app.report).toContainText('48 buyers are missing from it');
  expect(await app.count('customers')).toBe(4_719);
  // The report's customer count is what the engine holds.
  const customers = await app.count('customers');
  expect(await app.sqlColumn('SELECT count(DISTINCT customer_id) FROM orders')).toEqual([String(customers)]);
}

for (const id of ['retail-v1', 'retail-v2']) {
  test(`?sample=${id} opens on that bundled sample, every record accounted for`, async ({ app, page }) => {
    await app.open(`?sample=${id}`);
    await app.loaded();
    await expect(page.getByRole('group', { name: 'Data loaded' })).toContainText(`${id}-transactions.csv`);
    await expectSampleAccountedFor(app, id);
    await app.section('Data');
    await page.getByRole('button', { name: 'Change files or settings' }).click();
    const customers = page.getByRole('region', { name: `Mapping of ${id}-customers.csv` });
    await expect(customers.getByLabel('This file holds')).toHaveValue('customers');
    // The id column stays the customer id, whatever other columns (v2's e-mail) the file has.
    await expect(customers.getByLabel('Role of customer_id')).toHaveValue('customer_id');
    const contactColumns = ['email', 'first_name', 'last_name', 'phone', 'accepts_email_marketing'];
    for (const column of contactColumns)
      await expect(customers.getByLabel(`Role of ${column}`, { exact: true })).toHaveCount(id === 'retail-v2' ? 1 : 0);
  });
}

test('"Try sample data" loads the newest sample, retail-v2, with one click', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await app.loaded();
  const header = page.getByRole('group', { name: 'Data loaded' });
  await expect(header).toContainText('retail-v2-transactions.csv');
  await expect(header).toContainText('retail-v2-customers.csv');
  await expectSampleAccountedFor(app, 'retail-v2');
});
