import path from 'node:path';
import Papa from 'papaparse';
import { findPreset } from '../../src/lib/sources/presets.ts';
import { shareFragment } from '../../src/lib/spec/share-link.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';
import { CUSTOMERS_FIXTURES, ORDERS_FIXTURES, SOURCES_DIR, expectedRows, fixtureText, twoPlaces } from '../fixtures/sources/catalogue.ts';
import { expect, test, type WorkbenchPage } from './fixtures.ts';

const exportCustomers = (app: WorkbenchPage) => app.downloadCsv(app.page.getByRole('button', { name: 'Export customers' }));
const orders = (file: string) => ORDERS_FIXTURES.find((f) => f.file === file)!;

/** The sum of the reference's spend, as the report shows a total amount. */
function totalOf(expected: Record<string, [string, number]>): string {
  const cents = Object.values(expected).reduce((sum, [money]) => sum + Math.round(Number(money) * 100), 0);
  return (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

// Every known orders export, as a person drops it: the title is the one its preset says.
for (const { file, source } of ORDERS_FIXTURES) {
  const title = findPreset(source)!.title;
  test(`${file}: dropped and loaded with no setting changed, recognised, to the totals of its documentation`, async ({ app, page }) => {
    await app.open();
    await app.chooseFiles(path.join(SOURCES_DIR, file));
    const source = page.getByRole('group', { name: `Source of ${file}` });
    await expect(source).toContainText(`Recognised: ${title}`);
    await app.load();

    const expected = expectedRows(orders(file).reference(fixtureText(file)));
    expect(await app.count('customers')).toBe(Object.keys(expected).length);
    await expect(app.report.getByTestId('total-amount')).toHaveText(totalOf(expected));
    expect(await app.accountedFor(file)).toBe(await app.count('input', file));
    await app.section('RFM');
    await expect(page.getByRole('region', { name: 'RFM analysis' }).getByTestId('buyers')).toHaveText(String(Object.keys(expected).length));

    const exported = await exportCustomers(app);
    expect(Object.fromEntries(exported.map((r) => [r.customer_id, [twoPlaces(r.monetary), Number(r.frequency)]]))).toEqual(expected);
  });
}

test('Shopify: the settings the export needs are shown and editable, and a change shows in the Recognised line', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SOURCES_DIR, 'shopify-orders.csv'));
  const source = page.getByRole('group', { name: 'Source of shopify-orders.csv' });
  await expect(source).toContainText('customer = Email (lower-cased), amount = Total − Refunded Amount per order');
  await expect(source).toContainText('excluded: pending, authorized, voided, expired (Financial Status), records with Cancelled at');

  const settings = page.getByRole('region', { name: 'Import settings' });
  await expect(settings.getByLabel('Per order (taken once per order; use when each line repeats the order total)')).toBeChecked();
  await expect(settings.getByLabel('Refunded amount column')).toHaveValue('Refunded Amount');
  await expect(settings.getByRole('checkbox', { name: /^Fill order fields down/ })).toBeChecked();
  await expect(settings.getByLabel('Keep only: column of rule 1')).toHaveValue('Financial Status');
  await expect(settings.getByLabel('Keep only: values of rule 1')).toHaveValue('paid, partially_paid, partially_refunded, refunded');
  await expect(settings.getByLabel('Cancelled when this column is not empty')).toHaveValue('Cancelled at');
  // An empty status list shows no value-like placeholder: it says that nothing is excluded by status.
  const statuses = settings.getByLabel('or status is');
  await expect(statuses).toHaveValue('');
  await expect(statuses).not.toHaveAttribute('placeholder');
  await expect(settings.getByText('(empty: none)')).toBeVisible();
  await expect(settings.getByLabel('Lower-case (for e-mail ids)')).toBeChecked();

  // The same file read with the refund not subtracted: the line says so, and the load shows it.
  await settings.getByLabel('Refunded amount column').selectOption('');
  await expect(source).toContainText('amount = Total per order');
  await app.load();
  const expected = expectedRows(orders('shopify-orders.csv').reference(fixtureText('shopify-orders.csv')));
  // Refunds of 20.00 (#1002) and 45.00 (#1003) now stay in the total.
  await expect(app.report.getByTestId('total-amount')).toHaveText(
    (Object.values(expected).reduce((s, [m]) => s + Number(m), 0) + 65).toLocaleString('en-US', { maximumFractionDigits: 2 }),
  );
});

test('Change: reading the file as no known export brings the guesses back, and back again', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SOURCES_DIR, 'hubspot-deals.csv'));
  const source = page.getByRole('group', { name: 'Source of hubspot-deals.csv' });
  await source.getByRole('button', { name: 'Change' }).click();
  await source.getByLabel('Read hubspot-deals.csv as').selectOption('');
  await expect(source).toContainText('Read as no known export');
  const settings = page.getByRole('region', { name: 'Import settings' });
  await expect(settings.getByRole('group', { name: 'Keep only' }).getByRole('combobox')).toHaveCount(0);
  await source.getByRole('button', { name: 'Change' }).click();
  await source.getByLabel('Read hubspot-deals.csv as').selectOption('hubspot-deals');
  await expect(source).toContainText('Recognised: HubSpot deals export');
  await expect(settings.getByLabel('Keep only: values of rule 1')).toHaveValue('closed won');
});

test('a customers export beside its orders: recognised as such, and the report counts it', async ({ app, page }) => {
  const people = CUSTOMERS_FIXTURES.find((f) => f.file === 'shopify-customers.csv')!;
  await app.open();
  await app.chooseFiles(path.join(SOURCES_DIR, people.orders.file), path.join(SOURCES_DIR, people.file));
  await expect(page.getByRole('group', { name: `Source of ${people.file}` })).toContainText('Recognised: Shopify customers export');
  await expect(page.getByRole('region', { name: `Mapping of ${people.file}` }).getByLabel('This file holds')).toHaveValue('customers');
  await app.load();
  await expect(app.report).toContainText('5 customers in the file; 1 never purchased (kept as customers); 1 buyers are missing from it.');
  await expect(app.report.getByRole('table', { name: 'Customers with net spend of 0 or less' })).toContainText('noah.kim@example.net');
});

test('removing a recognised file takes its export’s settings with it; a sample load starts from its own', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SOURCES_DIR, 'hubspot-deals.csv'), path.join(SOURCES_DIR, 'shopify-orders.csv'));
  const settings = page.getByRole('region', { name: 'Import settings' });
  await expect(settings.getByLabel('Keep only: column of rule 1')).toHaveValue('Deal Stage');
  await expect(settings.getByLabel('Keep only: column of rule 2')).toHaveValue('Financial Status');
  await expect(settings.getByLabel('Id fallback column')).toHaveValue('Associated Company');
  await page.getByRole('button', { name: 'Remove hubspot-deals.csv' }).click();
  await expect(settings.getByLabel('Keep only: column of rule 1')).toHaveValue('Financial Status');
  await expect(settings.getByLabel('Keep only: column of rule 2')).toHaveCount(0);
  await expect(settings.getByLabel('Id fallback column')).toHaveValue('');
  await expect(settings.getByLabel('Per order (taken once per order; use when each line repeats the order total)')).toBeChecked();

  await page.getByRole('button', { name: 'Try sample data' }).click();
  await app.loaded();
  await app.section('Data');
  await expect(app.report).toBeVisible();
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  await expect(settings.getByLabel('Per line (summed per order)')).toBeChecked();
  await expect(settings.getByLabel('Lower-case (for e-mail ids)')).not.toBeChecked();
  await expect(settings.getByLabel('Keep only: column of rule 1')).toHaveCount(0);
});

test('Shopify: a product on a later line of an order matches "has at least 1 order where …"', async ({ app, page }) => {
  // Independently of the app: the orders (Name) with a line of this product, and the e-mail on each order's first line.
  const rows = Papa.parse<Record<string, string>>(fixtureText('shopify-orders.csv'), { header: true, skipEmptyLines: true }).data;
  const first = new Map<string, Record<string, string>>();
  for (const r of rows) if (!first.has(r.Name)) first.set(r.Name, r);
  // Shopify's documented meaning: orders still paid for (paid, partially paid or refunded), not cancelled.
  const kept = new Set(['paid', 'partially_paid', 'partially_refunded', 'refunded']);
  const counts = (name: string) => kept.has(first.get(name)!['Financial Status']) && !first.get(name)!['Cancelled at'];
  const product = 'Olive Oil Pourer';
  const buyers = new Set(
    rows.filter((r) => r['Lineitem name'] === product && counts(r.Name)).map((r) => first.get(r.Name)!.Email.trim().toLowerCase()),
  );
  expect(rows.find((r) => r['Lineitem name'] === product)?.Email).toBe(''); // not on an order's first line
  const where = { type: 'group' as const, combine: 'and' as const, rules: [condition('Lineitem name', 'eq', product)] };
  const spec: SpecFile = {
    version: 2,
    segments: {
      segments: [
        {
          id: 'pourer',
          name: 'Bought the pourer',
          definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules: [{ type: 'orders', atLeast: 1, where }] } },
        },
      ],
    },
  };

  await app.open(`#${await shareFragment(spec)}`);
  await app.chooseFiles(path.join(SOURCES_DIR, 'shopify-orders.csv'));
  await app.load();
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'Bought the pourer', exact: true }).getByTestId('member-count')).toHaveText(
    String(buyers.size),
  );
  expect(buyers.size).toBe(1);
});

for (const people of CUSTOMERS_FIXTURES) {
  test(`${people.file}: recognised as a customers export beside its orders, every profile counted in the report`, async ({ app, page }) => {
    const profiles = Papa.parse<Record<string, string>>(fixtureText(people.file), { header: true, skipEmptyLines: true }).data;
    const emails = new Set(profiles.map((p) => p[people.emailColumn].trim().toLowerCase()).filter((e) => e !== ''));
    await app.open();
    await app.chooseFiles(path.join(SOURCES_DIR, people.orders.file), path.join(SOURCES_DIR, people.file));
    await expect(page.getByRole('group', { name: `Source of ${people.file}` })).toContainText(
      `Recognised: ${findPreset(people.source)!.title}`,
    );
    await expect(page.getByRole('region', { name: `Mapping of ${people.file}` }).getByLabel('This file holds')).toHaveValue('customers');
    await app.load();
    await expect(app.report).toContainText(`${emails.size.toLocaleString('en-US')} customers in the file`);
  });
}
