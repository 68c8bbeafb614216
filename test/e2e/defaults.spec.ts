import type { Locator, Page } from '@playwright/test';
import { expect, test, WorkbenchPage } from './fixtures.ts';

const formatCount = (n: number) => n.toLocaleString('en-US');

/** One number from the SQL console: what the engine itself says. */
async function sqlNumber(app: WorkbenchPage, query: string): Promise<number> {
  const [value] = await app.sqlColumn(query);
  return Number(value);
}

async function openSample(app: WorkbenchPage, page: Page): Promise<Locator> {
  await app.open('?sample=retail-v1');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  return page.getByRole('region', { name: 'Segments', exact: true });
}

/** A new rule segment, named by keyboard (the name field has the focus). */
async function addRuleSegment(page: Page, panel: Locator, name: string): Promise<Locator> {
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(name);
  return page.getByRole('region', { name, exact: true });
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
