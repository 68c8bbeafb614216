import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, hasShared, SHARED, test, WorkbenchPage } from './fixtures.ts';

const formatCount = (n: number) => n.toLocaleString('en-US');
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** One number from the SQL console: what the engine itself says. */
async function sqlNumber(app: WorkbenchPage, query: string): Promise<number> {
  const [value] = await app.sqlColumn(query);
  return Number(value);
}

async function openSample(app: WorkbenchPage, page: Page): Promise<Locator> {
  await app.open('?sample=retail-v1');
  await app.loaded();
  await app.section('Segments');
  return page.getByRole('region', { name: 'Segments', exact: true });
}

/** A new rule segment, named by keyboard (the name field has the focus). */
async function addRuleSegment(page: Page, panel: Locator, name: string): Promise<Locator> {
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(name);
  return page.getByRole('region', { name, exact: true });
}

async function addSqlSegment(page: Page, panel: Locator, name: string, sql: string): Promise<Locator> {
  await panel.getByRole('button', { name: 'Add SQL segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(name);
  const segment = page.getByRole('region', { name, exact: true });
  await segment.getByRole('textbox', { name: 'SQL condition or query' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(sql);
  return segment;
}

/** Adds a condition, picks a column and types a value, committed with Enter. */
async function typeCondition(segment: Locator, column: string, value: string): Promise<Locator> {
  await segment.getByRole('button', { name: 'Add condition' }).click();
  const rule = segment.getByRole('group', { name: 'Condition', exact: true }).last();
  await rule.getByLabel('Column').selectOption(column);
  await rule.getByLabel('Value', { exact: true }).fill(value);
  await rule.getByLabel('Value', { exact: true }).press('Enter');
  return rule;
}

test('a new condition means what is typed: frequency 1 is exactly one order, and a date is a calendar day', async ({ app, page }) => {
  const panel = await openSample(app, page);
  const segment = await addRuleSegment(page, panel, 'Typed');
  await segment.getByRole('button', { name: 'Add condition' }).click();
  const rule = segment.getByRole('group', { name: 'Condition', exact: true });
  await expect(rule.getByLabel('Operator')).toHaveValue('eq');
  await rule.getByLabel('Column').selectOption('frequency');
  await expect(rule.getByLabel('Operator')).toHaveValue('eq');
  await rule.getByLabel('Value', { exact: true }).fill('1');
  await rule.getByLabel('Value', { exact: true }).press('Enter');
  const once = await sqlNumber(app, 'SELECT count(*) FROM customers WHERE frequency = 1');
  // "≥ 1" would be every buyer: the two must differ for this to tell them apart.
  expect(once).toBeLessThan(await sqlNumber(app, 'SELECT count(*) FROM customers WHERE frequency >= 1'));
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(once));

  // A date column offers "on" first and starts with it: the customers whose last order was that day, at any time of it.
  await rule.getByLabel('Column').selectOption('last_purchase');
  await expect(rule.getByLabel('Operator')).toHaveValue('on');
  await expect(rule.getByLabel('Operator').locator('option').first()).toHaveText('on');
  const [day] = await app.sqlColumn(
    "SELECT strftime(last_purchase, '%Y-%m-%d') AS d FROM customers WHERE last_purchase IS NOT NULL GROUP BY d ORDER BY count(*) DESC, d LIMIT 1",
  );
  await rule.getByLabel('Value', { exact: true }).fill(day);
  await rule.getByLabel('Value', { exact: true }).press('Enter');
  const onDay = await sqlNumber(app, `SELECT count(*) FROM customers WHERE CAST(last_purchase AS DATE) = DATE '${day}'`);
  expect(onDay).toBeGreaterThan(0);
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(onDay));
});

/** The profile of `name`: its attributes of orders and the two averages, each checked against the SQL console. */
async function checkOrderProfile(app: WorkbenchPage, page: Page, name: string, where: string, columns: string[]): Promise<void> {
  await app.section('Segments');
  const profile = page.getByRole('region', { name: 'Segment profile' });
  await profile.getByLabel('Profile of segment').selectOption({ label: name });
  const highlights = profile.getByRole('list', { name: 'Profile highlights' });
  for (const column of columns) {
    await expect(highlights).toContainText(`${column} (share of orders):`);
    await expect(highlights).toContainText(`${column} (each customer's most frequent):`);
  }
  const members = `SELECT customer_id FROM customers WHERE ${where}`;
  const ordersInside = await sqlNumber(app, `SELECT count(*) FROM orders WHERE customer_id IN (${members})`);
  const ordersBase = await sqlNumber(app, 'SELECT count(*) FROM orders');
  await expect(profile.getByTestId('profile-orders-note')).toContainText(
    `the segment's ${formatCount(ordersInside)} orders with all ${formatCount(ordersBase)}`,
  );
  // The two averages, named, each the number the engine computes.
  const perOrder = await sqlNumber(app, `SELECT sum(monetary) / sum(frequency) FROM customers WHERE ${where}`);
  const customerMean = await sqlNumber(app, `SELECT avg(aov) FROM customers WHERE ${where}`);
  expect(money.format(perOrder)).not.toBe(money.format(customerMean));
  const averages = profile.getByTestId('profile-averages');
  await expect(averages).toContainText(
    `mean of customers' AOV (each customer's revenue ÷ orders, averaged over customers) ${money.format(customerMean)} in ${name}`,
  );
  await expect(averages).toContainText(`AOV (revenue ÷ orders), every order weighing the same, ${money.format(perOrder)}`);
  // The KPI table says the same, under the same name.
  const kpis = page.getByRole('table', { name: 'Segment KPIs' });
  await expect(kpis.getByRole('columnheader', { name: 'AOV (revenue ÷ orders)' })).toBeVisible();
  await expect(kpis.getByRole('row', { name: new RegExp(`^${name}`) })).toContainText(money.format(perOrder));
}

test('a profile shows the attributes that live on orders, and names its two averages of order value', async ({ app, page }) => {
  const panel = await openSample(app, page);
  const where = "device = 'mobile'";
  const segment = await addSqlSegment(page, panel, 'Mobile', where);
  await expect(segment.getByTestId('member-count')).toHaveText(
    formatCount(await sqlNumber(app, `SELECT count(*) FROM customers WHERE ${where}`)),
  );
  await checkOrderProfile(app, page, 'Mobile', where, ['product_category', 'channel']);
});

test('Online Retail: frequency 1 counts one-time buyers, and Country (on orders only) is profiled', async ({ app, page }) => {
  test.skip(!hasShared, 'needs ../shared/data');
  await app.open();
  await app.chooseFiles(path.join(SHARED, 'data/online-retail/online-retail.csv.gz'));
  await app.load();
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  const segment = await addRuleSegment(page, panel, 'Once');
  await typeCondition(segment, 'frequency', '1');
  const once = await sqlNumber(app, 'SELECT count(*) FROM customers WHERE frequency = 1');
  expect(once).toBeLessThan(await sqlNumber(app, 'SELECT count(*) FROM customers WHERE frequency >= 1'));
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(once));

  const where = 'frequency >= 5';
  const loyal = await addSqlSegment(page, panel, 'Loyal', where);
  await expect(loyal.getByTestId('member-count')).toHaveText(
    formatCount(await sqlNumber(app, `SELECT count(*) FROM customers WHERE ${where}`)),
  );
  await checkOrderProfile(app, page, 'Loyal', where, ['Country']);
});

test('removing a loaded file asks first, says what will be lost, and keeps everything on "Keep"', async ({ app, page }) => {
  const panel = await openSample(app, page);
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  const remove = page.getByRole('button', { name: 'Remove retail-v1-customers.csv' });
  const dialog = page.getByRole('dialog', { name: 'Remove retail-v1-customers.csv?' });

  // The new segment takes the focus once it is drawn and counted: let that happen before the keyboard goes to Remove.
  await expect(page.getByRole('region', { name: 'One-time buyers', exact: true }).getByTestId('member-count')).toHaveText(/\d/);
  // The files are behind the folded import form once data is loaded.
  await page.getByRole('group', { name: 'Data loaded' }).getByRole('button', { name: 'Change data' }).click();
  // Keep, by keyboard: the dialog opens on the safe choice, and focus comes back to Remove.
  await remove.focus();
  await expect(remove).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('discards the import report');
  await expect(dialog).toContainText('of 1 segment');
  await expect(dialog).toContainText('Kept: the analysis settings and the 1 segment definition.');
  await expect(dialog.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(app.report).toBeVisible();

  // Escape is "Keep" too.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible();
  await app.section('Data');
  await remove.focus();

  // Remove and discard: the file and the results go; focus goes to where another file is chosen.
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Remove and discard results' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Mapping of retail-v1-customers.csv' })).toHaveCount(0);
  await expect(app.report).toHaveCount(0);
  await expect(page.getByLabel('Load data')).toBeFocused();

  // With no results left, removing the other file has nothing to discard: no question.
  await page.getByRole('button', { name: 'Remove retail-v1-transactions.csv' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Mapping of retail-v1-transactions.csv' })).toHaveCount(0);
});
