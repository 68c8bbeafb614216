import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, WorkbenchPage } from './fixtures.ts';

/**
 * A link made on one file, opened in a fresh browser by a colleague whose export names the columns
 * otherwise: after they map their columns, the import settings, the analysis and the segment counts
 * are the maker's. Rules name roles (a keep-only rule on the status) and attributes (compared in any
 * case), never the maker's header text.
 */
const SAMPLE = readFileSync(new URL('../../public/samples/retail-v1/transactions.csv', import.meta.url), 'utf8');
const CUSTOMERS = readFileSync(new URL('../../public/samples/retail-v1/customers.csv', import.meta.url), 'utf8');
const CUSTOMERS_HEADER = 'customer_id,signup_date,';
const MAKER_HEADER = 'invoice_id,customer_id,invoice_date,product_category,quantity,unit_price,amount,country,channel,device,status';
/** The colleague's tool: other names for every role; the attributes are the same. */
const COLLEAGUE_HEADER = 'Rechnung,Kunde,Belegdatum,product_category,Menge,Stueckpreis,Umsatz,country,channel,device,Zustand';
const COLLEAGUE_ROLES: [string, string][] = [
  ['Rechnung', 'order_id'],
  ['Kunde', 'customer_id'],
  ['Belegdatum', 'order_date'],
  ['Menge', 'quantity'],
  ['Stueckpreis', 'unit_price'],
  ['Umsatz', 'amount'],
  ['Zustand', 'status'],
];

/** What the import report, the analysis and a segment say, as a person reads them. */
async function figures(app: WorkbenchPage, page: Page, file: string, customersFile: string) {
  await app.section('Data');
  const records = (name: string) => app.report.getByRole('table', { name: `Records of ${name}` }).innerText();
  const report = {
    notKept: await app.count('excluded-not_kept', file),
    orders: await records(file),
    customersFile: await records(customersFile),
    customers: await page.getByTestId('header-customers').innerText(),
  };

  await app.section('RFM');
  const rfm = await page.getByRole('table', { name: 'RFM segments' }).innerText();
  await app.section('Segments');
  const members = await page
    .getByRole('region', { name: 'Mobile customers in France', exact: true })
    .getByTestId('member-count')
    .innerText();
  return { report, rfm, members };
}

test("a link made on one file reproduces the import settings, analysis and segment counts on a colleague's differently named file", async ({
  app,
  page,
  browser,
}, testInfo) => {
  expect(SAMPLE.startsWith(MAKER_HEADER)).toBe(true);
  expect(CUSTOMERS.startsWith(CUSTOMERS_HEADER)).toBe(true);
  const mine = testInfo.outputPath('shop-orders.csv');
  const myCustomers = testInfo.outputPath('shop-customers.csv');
  const theirs = testInfo.outputPath('crm-export.csv');
  const theirCustomers = testInfo.outputPath('crm-accounts.csv');
  writeFileSync(mine, SAMPLE);
  writeFileSync(myCustomers, CUSTOMERS);
  writeFileSync(theirs, COLLEAGUE_HEADER + SAMPLE.slice(MAKER_HEADER.length));
  writeFileSync(theirCustomers, 'Konto,Seit,' + CUSTOMERS.slice(CUSTOMERS_HEADER.length));

  // The maker: their file, a keep-only rule on the status, RFM by breakpoints, a segment on two attributes.
  await app.open();
  await app.chooseFiles(mine, myCustomers);
  const settings = page.getByRole('region', { name: 'Import settings' });
  await settings.getByRole('button', { name: 'Keep only some values of a column…' }).click();
  await settings.getByLabel('Keep only: column of rule 1').selectOption('status');
  await settings.getByLabel('Keep only: values of rule 1').fill('completed, shipped');
  await app.load();
  await app.section('RFM');
  await page.getByRole('region', { name: 'RFM analysis' }).getByLabel('Scoring method').selectOption('breakpoints');
  await app.section('Segments');
  await page.getByRole('region', { name: 'Segments', exact: true }).getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Mobile customers in France');
  const made = page.getByRole('region', { name: 'Mobile customers in France', exact: true });
  for (const [i, [column, value]] of [
    ['device', 'mobile'],
    ['country', 'FR'],
  ].entries()) {
    await made.getByRole('button', { name: 'Add condition' }).click();
    const condition = made.getByRole('group', { name: 'Condition', exact: true }).nth(i);
    await condition.getByLabel('Column').selectOption(column);
    await condition.getByLabel('Value', { exact: true }).fill(value);
    await condition.getByLabel('Value', { exact: true }).press('Enter');
  }
  await expect(made.getByTestId('member-count')).toHaveText(/^\d[\d,]*$/);
  const before = await figures(app, page, 'shop-orders.csv', 'shop-customers.csv');
  expect(before.report.notKept).toBeGreaterThan(0);
  await app.section('Segments');
  await page.getByRole('button', { name: 'Create share link' }).click();
  const link = await page.getByLabel('Share link').inputValue();

  // The colleague: a fresh browser, the link, their own file.
  const context = await browser.newContext();
  const colleague = new WorkbenchPage(await context.newPage());
  await colleague.page.goto(link);
  await expect(colleague.page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
  await colleague.chooseFiles(theirs, theirCustomers);
  const other = colleague.page;
  const asked = other.getByRole('region', { name: 'Import settings from the share link' });
  // Nothing in the colleague's headers says which column is the status: the link asks for it.
  await expect(asked).toContainText('The link was made with a column mapped as Status in the orders file; none of yours is.');
  const mapping = other.getByRole('region', { name: 'Mapping of crm-export.csv' });
  for (const [column, role] of COLLEAGUE_ROLES) await mapping.getByLabel(`Role of ${column}`).selectOption(role);
  await other.getByRole('region', { name: 'Mapping of crm-accounts.csv' }).getByLabel('Role of Konto').selectOption('customer_id');
  // Every role the link was made with is mapped now: nothing is asked, nothing stops the load.
  await expect(asked.getByText(/none of yours is/)).toHaveCount(0);
  const theirSettings = other.getByRole('region', { name: 'Import settings' });
  await expect(theirSettings.getByLabel('Keep only: column of rule 1')).toHaveValue('Zustand');
  await expect(theirSettings.getByLabel('Keep only: values of rule 1')).toHaveValue('completed, shipped');
  await colleague.load();
  const after = await figures(colleague, other, 'crm-export.csv', 'crm-accounts.csv');
  expect(after).toEqual(before);
  await context.close();
});

test('a link whose rule needs a column the file lacks asks for it, and can leave the rule out', async ({ app, page }, testInfo) => {
  const mine = testInfo.outputPath('shop-orders.csv');
  writeFileSync(mine, SAMPLE);
  await app.open();
  await app.chooseFiles(mine);
  const settings = page.getByRole('region', { name: 'Import settings' });
  await settings.getByRole('button', { name: 'Keep only some values of a column…' }).click();
  await settings.getByLabel('Keep only: column of rule 1').selectOption('status');
  await settings.getByLabel('Keep only: values of rule 1').fill('completed');
  await app.load();
  await app.section('Segments');
  await page.getByRole('region', { name: 'Segments', exact: true }).getByRole('button', { name: 'Add rule segment' }).click();
  await page.getByRole('button', { name: 'Create share link' }).click();
  const link = await page.getByLabel('Share link').inputValue();

  // The same rows without a status column.
  const noStatus = testInfo.outputPath('no-status.csv');
  writeFileSync(
    noStatus,
    SAMPLE.split('\n')
      .map((line) => line.split(',').slice(0, 10).join(','))
      .join('\n'),
  );
  const fresh = await page.context().browser()!.newContext();
  const colleague = new WorkbenchPage(await fresh.newPage());
  await colleague.page.goto(link);
  await expect(colleague.page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
  await colleague.chooseFiles(noStatus);
  const asked = colleague.page.getByRole('region', { name: 'Import settings from the share link' });
  await expect(asked).toContainText('The link was made with a column mapped as Status in the orders file; none of yours is.');
  await expect(asked.getByRole('list', { name: 'Link rules your files cannot apply yet' })).toHaveText(
    "The share link's keep-only rule needs a column mapped as Status (or leave that rule out).",
  );
  await expect(colleague.page.getByRole('button', { name: 'Load', exact: true })).toBeDisabled();
  await asked.getByRole('button', { name: 'Leave out the rules your files cannot apply' }).click();
  await expect(colleague.page.getByRole('region', { name: 'Import settings' }).getByLabel('Keep only: column of rule 1')).toHaveCount(0);
  await colleague.load();
  // Nothing was excluded by a keep-only rule: the row for it is not there at all.
  await expect(colleague.report.getByRole('table', { name: 'Records of no-status.csv' }).getByTestId('excluded-not_kept')).toHaveCount(0);
  expect(await colleague.accountedFor('no-status.csv')).toBe(40_000);
  await fresh.close();
});
