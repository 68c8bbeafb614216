import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, parseCsv, test } from './fixtures.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../public/samples/b2b-v1');
const invoices = parseCsv(readFileSync(path.join(SAMPLE, 'invoices.csv'), 'utf8'));
const accounts = parseCsv(readFileSync(path.join(SAMPLE, 'accounts.csv'), 'utf8'));
/** The sample's cleaning keeps paid invoices only (src/lib/samples.ts): what Papa Parse counts, not the app. */
const paid = invoices.filter((r) => r.status === 'paid');
const payers = new Set(paid.map((r) => r.customer_id));
const formatCount = (n: number) => n.toLocaleString('en-US');

test('?sample=b2b-v1 loads accounts and paid invoices, every record accounted for; RFM and a firmographic segment work', async ({
  app,
  page,
}) => {
  await app.open('?sample=b2b-v1');
  await app.loaded();
  const header = page.getByRole('group', { name: 'Data loaded' });
  await expect(header).toContainText('b2b-v1-invoices.csv');
  await expect(header).toContainText('b2b-v1-accounts.csv');

  // The import report adds up: refunded and void invoices are excluded by the keep-only rule.
  const tx = 'b2b-v1-invoices.csv';
  expect(await app.count('input', tx)).toBe(invoices.length);
  expect(await app.accountedFor(tx)).toBe(invoices.length);
  expect(await app.count('loaded', tx)).toBe(paid.length);
  expect(await app.count('rejected', tx)).toBe(0);
  expect(await app.count('excluded-not_kept', tx)).toBe(invoices.length - paid.length);
  expect(await app.count('input', 'b2b-v1-accounts.csv')).toBe(accounts.length);
  await expect(app.report).not.toContainText('unaccounted');
  await expect(app.report).toContainText(
    `${formatCount(accounts.length)} customers in the file; ${formatCount(accounts.length - payers.size)} never purchased`,
  );
  expect(await app.count('customers')).toBe(payers.size);

  // The mapping the page guessed: the account id is the customer id in both files.
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  const invoiceMapping = page.getByRole('region', { name: `Mapping of ${tx}` });
  await expect(invoiceMapping.getByLabel('This file holds')).toHaveValue('transactions');
  for (const [column, role] of [
    ['invoice_id', 'order_id'],
    ['customer_id', 'customer_id'],
    ['invoice_date', 'order_date'],
    ['amount', 'amount'],
    ['status', 'status'],
  ])
    await expect(invoiceMapping.getByLabel(`Role of ${column}`, { exact: true })).toHaveValue(role);
  const accountMapping = page.getByRole('region', { name: 'Mapping of b2b-v1-accounts.csv' });
  await expect(accountMapping.getByLabel('This file holds')).toHaveValue('customers');
  await expect(accountMapping.getByLabel('Role of customer_id', { exact: true })).toHaveValue('customer_id');
  await expect(accountMapping.getByLabel('Role of email', { exact: true })).toHaveValue('email');

  // RFM shows, over the accounts that paid.
  await app.section('RFM');
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  await expect(rfm.getByTestId('buyers')).toHaveText(formatCount(payers.size));

  // A firmographic rule segment: the industry, and at least 20 seats.
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Tech with 20+ seats');
  const rules = page.getByRole('region', { name: 'Tech with 20+ seats', exact: true });
  await rules.getByRole('button', { name: 'Add condition' }).click();
  const industry = rules.getByRole('group', { name: 'Condition', exact: true }).nth(0);
  await industry.getByLabel('Column').selectOption('industry');
  await expect(industry.getByLabel('Operator')).toHaveValue('eq');
  await industry.getByLabel('Value', { exact: true }).fill('Technology');
  await industry.getByLabel('Value', { exact: true }).press('Enter');
  await rules.getByRole('button', { name: 'Add condition' }).click();
  const seats = rules.getByRole('group', { name: 'Condition', exact: true }).nth(1);
  await seats.getByLabel('Column').selectOption('seats');
  await seats.getByLabel('Operator').selectOption({ label: '≥' });
  await seats.getByLabel('Value', { exact: true }).fill('20');
  await seats.getByLabel('Value', { exact: true }).press('Enter');

  const [sql] = await app.sqlColumn("SELECT count(*) FROM customers WHERE industry = 'Technology' AND CAST(seats AS INTEGER) >= 20");
  // Papa Parse over the accounts file: Technology accounts with 20 seats or more, whether they paid in the period or not
  // (the engine's customers are the buyers and every account of the customers file).
  const expected = accounts.filter((a) => a.industry === 'Technology' && Number(a.seats) >= 20).length;
  expect(expected).toBeGreaterThan(0);
  expect(Number(sql)).toBe(expected);
  await expect(rules.getByTestId('member-count')).toHaveText(formatCount(expected));
});

test('the file picker offers the samples: picking the B2B one and "Try sample data" loads it', async ({ app, page }) => {
  await app.open();
  const choice = page.getByLabel('Sample', { exact: true });
  await expect(choice).toHaveValue('retail-v2');
  await choice.selectOption({ label: 'B2B subscriptions sample (synthetic, 2023–2024, accounts and invoices)' });
  await expect(page.getByText('?sample=b2b-v1')).toBeVisible();
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await app.loaded();
  await expect(page.getByRole('group', { name: 'Data loaded' })).toContainText('b2b-v1-invoices.csv');
  expect(await app.count('loaded', 'b2b-v1-invoices.csv')).toBe(paid.length);
});
