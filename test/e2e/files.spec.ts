import path from 'node:path';
import { expect, test, type WorkbenchPage } from './fixtures.ts';
import { GUESS_FIXTURES, pointCents, reference, totalAgainstLines, type CustomerTotal } from '../guess-reference.ts';

/** Every customer's orders, exact total, first and last order, as one line the test can compare. */
const PER_CUSTOMER_SQL = `SELECT string_agg(customer_id || '|' || orders || '|' || total || '|' || first || '|' || last, ';' ORDER BY customer_id)
FROM (SELECT customer_id, count(*) AS orders, CAST(sum(amount) AS VARCHAR) AS total,
  CAST(min(order_date) AS VARCHAR) AS first, CAST(max(order_date) AS VARCHAR) AS last FROM orders GROUP BY customer_id)`;

async function loadedCustomers(app: WorkbenchPage): Promise<Map<string, CustomerTotal>> {
  const [line] = await app.sqlColumn(PER_CUSTOMER_SQL);
  return new Map(
    line.split(';').map((entry) => {
      const [id, orders, total, first, last] = entry.split('|');
      return [id, { orders: Number(orders), cents: pointCents(total), first, last }];
    }),
  );
}

/** Loads with no setting changed, and checks the report and every customer's total against the reference. */
async function loadAndCompare(app: WorkbenchPage, name: string): Promise<void> {
  const expected = reference(name);
  await app.load();
  expect(await app.count('input', name)).toBe(expected.records);
  expect(await app.count('loaded', name)).toBe(expected.loaded);
  expect(await app.count('rejected', name)).toBe(0);
  for (const [rule, n] of Object.entries(expected.excluded)) expect(await app.count(`excluded-${rule}`, name)).toBe(n);
  expect(await app.accountedFor(name)).toBe(expected.records);
  expect(await app.count('customers')).toBe(expected.customers.size);
  expect(await app.count('orders')).toBe(expected.orders);
  expect(await loadedCustomers(app)).toEqual(expected.customers);
}

test('a European export (;, DD.MM.YYYY, decimal commas, German names) loads as transactions with no setting changed', async ({
  app,
  page,
}) => {
  const name = 'european-semicolon.csv';
  await app.open();
  await app.chooseFiles(path.join(GUESS_FIXTURES, name));
  const mapping = page.getByRole('region', { name: `Mapping of ${name}` });
  await expect(mapping.getByLabel('This file holds')).toHaveValue('transactions');
  await expect(mapping.getByLabel('Delimiter')).toHaveValue(';');
  await expect(mapping.getByLabel('Decimal mark')).toHaveValue('comma');
  await expect(mapping.getByLabel('Date format')).toHaveValue('dmy-dot');
  await expect(mapping.getByLabel('Date format').locator('option:checked')).toHaveText('DD.MM.YYYY');
  await expect(mapping.getByLabel('Role of Kundennr')).toHaveValue('customer_id');
  await expect(mapping.getByLabel('Role of Betrag')).toHaveValue('amount');
  const guesses = mapping.getByRole('list', { name: `Guesses for ${name}` });
  await expect(guesses).toContainText(
    'File kind. Transactions: it has an order id (Belegnr), an order date (Belegdatum) and an amount (Betrag).',
  );
  await expect(guesses).toContainText('the commas sit inside numbers, so they are decimal commas');
  await expect(guesses).toContainText('Belegdatum read as DD.MM.YYYY');
  await expect(mapping.getByRole('list', { name: 'Mapping problems' })).toHaveCount(0);
  await loadAndCompare(app, name);
});

test('an ERP dump (14-JUL-08 dates, the order total on every line) loads per order, and says so', async ({ app, page }) => {
  const name = 'erp-order-lines.csv';
  await app.open();
  await app.chooseFiles(path.join(GUESS_FIXTURES, name));
  const mapping = page.getByRole('region', { name: `Mapping of ${name}` });
  await expect(mapping.getByLabel('This file holds')).toHaveValue('transactions');
  await expect(mapping.getByLabel('Date format')).toHaveValue('month-name');
  await expect(mapping.getByLabel('Role of ORDER_TOTAL')).toHaveValue('amount');
  const guesses = mapping.getByRole('list', { name: `Guesses for ${name}` });
  const lines = totalAgainstLines(name, { amount: 'ORDER_TOTAL', quantity: 'QUANTITY', price: 'UNIT_PRICE', order: 'ORDER_ID' });
  await expect(guesses).toContainText(
    `Amount level. Per order: ORDER_TOTAL repeats one value on every line of an order (all ${lines.multiLineOrders} orders with several lines`,
  );
  await expect(guesses).toContainText('Change it under Amounts and cleaning.');
  await expect(guesses).toContainText(`ORDER_TOTAL is used for amounts, not QUANTITY × UNIT_PRICE`);
  await expect(guesses).toContainText(`they agree on ${lines.agree} of ${lines.compared} orders`);
  await expect(guesses).toContainText('two-digit years 00–68 are read as 2000–2068, and 69–99 as 1969–1999');
  // The guess set the import-wide setting, where it can be changed.
  const settings = page.getByRole('region', { name: 'Import settings' });
  await expect(settings.getByRole('radio', { name: /^Per order/ })).toBeChecked();
  await loadAndCompare(app, name);
  await expect(app.report.getByTestId('total-amount')).not.toHaveText('–');
});

// The other guessing cases, each dropped as it is: e-mail ids, a total beside quantity × price, and every date format.
for (const name of [
  'shop-orders-email.csv',
  'order-lines-total-and-price.csv',
  'dates-day-month-name.csv',
  'dates-month-name-day.csv',
  'dates-serial.csv',
  'dates-two-digit-years.csv',
]) {
  test(`${name} loads with no setting changed to the reference's customers and totals`, async ({ app, page }) => {
    await app.open();
    await app.chooseFiles(path.join(GUESS_FIXTURES, name));
    const mapping = page.getByRole('region', { name: `Mapping of ${name}` });
    await expect(mapping.getByLabel('This file holds')).toHaveValue('transactions');
    await expect(mapping.getByRole('list', { name: 'Mapping problems' })).toHaveCount(0);
    await loadAndCompare(app, name);
  });
}

test('a file guessed as customers but holding visits: the duplicate-id refusal suggests loading it as transactions', async ({
  app,
  page,
}) => {
  const name = 'client-visits.csv';
  await app.open();
  await app.chooseFiles(path.join(GUESS_FIXTURES, name));
  const mapping = page.getByRole('region', { name: `Mapping of ${name}` });
  await expect(mapping.getByLabel('This file holds')).toHaveValue('customers');
  await page.getByRole('button', { name: /^Load$/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This looks like transactions, not customers' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'choose "transactions" under "This file holds"' })).toBeVisible();
});
