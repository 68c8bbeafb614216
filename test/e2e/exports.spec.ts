import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { formatCount } from '../../src/lib/format.ts';
import { expect, FIXTURES, parseCsv, test, type CsvRow, type WorkbenchPage } from './fixtures.ts';

/** The headers pinned with each tool's import documentation (test/fixtures/export-formats.json). */
const PINNED = JSON.parse(readFileSync(path.join(FIXTURES, 'export-formats.json'), 'utf8')) as {
  segmentName: string;
  formats: Record<string, { docs: string; header: string[] }>;
};
const pinnedHeader = (format: string, segment: string) =>
  PINNED.formats[format].header.map((h) => h.replace(`In segment: ${PINNED.segmentName}`, `In segment: ${segment}`));

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Member {
  id: string;
  email: string;
  phone: string;
  first: string;
  last: string;
  consent: string;
}

/** The members of a segment as the SQL console reads them from the customers file's own columns. */
async function members(app: WorkbenchPage, where: string): Promise<Member[]> {
  // Unit and record separators that no value holds: the console shows the whole list in one cell.
  const fields = ['customer_id', 'email', 'phone', 'first_name', 'last_name', 'accepts_email_marketing'].map((c) => `coalesce(${c}, '')`);
  const [text] = await app.sqlColumn(
    `SELECT string_agg(concat_ws('␟', ${fields.join(', ')}), '␞' ORDER BY customer_id) FROM customers WHERE ${where}`,
  );
  return text.split('␞').map((line) => {
    const [id, email, phone, first, last, consent] = line.split('␟');
    return { id, email, phone, first, last, consent };
  });
}

async function download(page: Page, scope: Locator, format: string): Promise<{ name: string; rows: CsvRow[]; header: string[] }> {
  await scope.getByLabel('Format').selectOption({ label: format });
  const saved = page.waitForEvent('download');
  await scope.getByRole('button', { name: /^Download/ }).click();
  const file = await saved;
  const text = readFileSync(await file.path(), 'utf8');
  return { name: file.suggestedFilename(), rows: parseCsv(text), header: Papa.parse<string[]>(text).data[0] };
}

/** On retail-v2's Segments section, SQL segments typed as a person would; returns the section's region. */
async function openWithSqlSegments(app: WorkbenchPage, segments: [name: string, sql: string][]): Promise<Locator> {
  const { page } = app;
  await app.open('?sample=retail-v2');
  await app.loaded();
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  for (const [name, sql] of segments) {
    await panel.getByRole('button', { name: 'Add SQL segment' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(name);
    await page.getByRole('region', { name, exact: true }).getByRole('textbox', { name: 'SQL condition or query' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(sql);
  }
  return panel;
}

const FORMATS = {
  klaviyo: 'Klaviyo',
  mailchimp: 'Mailchimp',
  hubspot: 'HubSpot',
  meta: 'Meta custom audience (hashed)',
  'google-ads': 'Google Ads Customer Match (hashed)',
};

test('a segment exports in every format: pinned headers, right counts, consent filter, hashes computed here', async ({ app, page }) => {
  await openWithSqlSegments(app, [['Danish customers', "country = 'DK'"]]);
  const segment = page.getByRole('region', { name: 'Danish customers', exact: true });
  const where = "country = 'DK'";
  const people = await members(app, where);
  expect(people.length).toBeGreaterThan(20);
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(people.length));

  await segment.getByRole('button', { name: 'Export members' }).click();
  const exportPanel = segment.getByRole('region', { name: 'Export Danish customers' });
  const consenting = people.filter((p) => p.consent === 'yes');
  await expect(exportPanel.getByTestId('consent-count')).toHaveText(
    `${formatCount(consenting.length)} of ${formatCount(people.length)} accept marketing; the consent filter would remove ${formatCount(people.length - consenting.length)}.`,
  );

  // The customers' own country reads their national numbers; the default country is for those without one.
  await exportPanel.getByLabel('Format').selectOption({ label: 'Customers with contact fields' });
  await exportPanel.getByLabel('Country for phones without a code').selectOption('GB');
  // Today's customer export and the one with contact fields: every member, in id order.
  const plain = await download(page, exportPanel, 'Customers (standard columns)');
  expect(plain.rows.map((r) => r.customer_id)).toEqual(people.map((p) => p.id));
  expect(plain.name).toMatch(/^danish-customers-\d{4}-\d{2}-\d{2}-[0-9a-f]{6}-customers\.csv$/);
  // Denmark writes no trunk prefix: a national number is +45 and its digits (ITU-T E.164).
  const e164 = (phone: string) => (phone.startsWith('+') ? '+' + phone.replace(/\D/g, '') : '+45' + phone.replace(/\D/g, ''));
  const contacts = await download(page, exportPanel, 'Customers with contact fields');
  expect(contacts.header.slice(0, 7)).toEqual([
    'customer_id',
    'email',
    'first_name',
    'last_name',
    'full_name',
    'phone',
    'accepts_marketing',
  ]);
  expect(contacts.rows.map((r) => [r.customer_id, r.email, r.first_name, r.last_name, r.phone, r.accepts_marketing])).toEqual(
    people.map((p) => [p.id, p.email, p.first, p.last, p.phone && e164(p.phone), p.consent]),
  );
  // The customers file's own contact columns are not written twice.
  expect(contacts.header).not.toContain('accepts_email_marketing');

  // Each tool's file: the pinned header; everyone the tool can identify, and no one else.
  const withEmail = people.filter((p) => p.email);
  const reachable = people.filter((p) => p.email || p.phone);
  for (const [format, label] of Object.entries(FORMATS)) {
    const expected = format === 'mailchimp' || format === 'hubspot' ? withEmail : reachable;
    const left = people.length - expected.length;
    // Before the download: how many the file will hold, and who the tool cannot take.
    await exportPanel.getByLabel('Format').selectOption({ label });
    await expect(exportPanel.getByRole('button', { name: /^Download/ })).toHaveText(`Download ${formatCount(expected.length)} customers`);
    if (left) await expect(exportPanel.getByTestId('reach-count')).toContainText(`${formatCount(left)} of them`);
    const file = await download(page, exportPanel, label);
    expect(file.header, format).toEqual(pinnedHeader(format, 'Danish customers'));
    expect(file.name).toMatch(new RegExp(`^danish-customers-\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{6}-${format}\\.csv$`));
    expect(file.rows, format).toHaveLength(expected.length);
    if (left) await expect(exportPanel.getByRole('status', { name: 'Export result' })).toContainText(`${formatCount(left)} member`);
  }

  // Hashed formats: each value normalised by hand as the platform documents it, hashed here with Node's crypto.
  const metaName = (name: string) =>
    name
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}]/gu, '');
  const meta = await download(page, exportPanel, FORMATS.meta);
  // Meta: e-mail trimmed and lower-cased; phone digits with the country code, no '+'; names lower-case letters only.
  // https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#hash
  expect(meta.rows.map((r) => [r.email, r.phone, r.fn, r.ln])).toEqual(
    reachable.map((p) => [
      p.email ? sha256(p.email.trim().toLowerCase()) : '',
      p.phone ? sha256(e164(p.phone).slice(1)) : '',
      p.first ? sha256(metaName(p.first)) : '',
      p.last ? sha256(metaName(p.last)) : '',
    ]),
  );
  // Google Customer Match: e-mail lower-cased without whitespace; phone E.164 with '+'.
  // https://support.google.com/google-ads/answer/7476159
  const google = await download(page, exportPanel, FORMATS['google-ads']);
  expect(google.rows.map((r) => [r.Email, r.Phone])).toEqual(
    reachable.map((p) => [p.email ? sha256(p.email.replace(/\s/g, '').toLowerCase()) : '', p.phone ? sha256(e164(p.phone)) : '']),
  );
  // No raw contact data in a hashed file.
  for (const p of people) {
    if (p.email) expect(JSON.stringify(meta.rows) + JSON.stringify(google.rows)).not.toContain(p.email);
  }

  // The consent filter removes exactly the customers without consent, in every format.
  await exportPanel.getByLabel('Only customers who accept marketing').check();
  await expect(exportPanel.getByTestId('consent-count')).toContainText(
    `the consent filter removes ${formatCount(people.length - consenting.length)}.`,
  );
  await expect(exportPanel.getByRole('button', { name: /^Download/ })).toHaveText(`Download ${formatCount(consenting.length)} customers`);
  const filtered = await download(page, exportPanel, 'Customers (standard columns)');
  expect(filtered.rows.map((r) => r.customer_id)).toEqual(consenting.map((p) => p.id));
  const mailchimp = await download(page, exportPanel, FORMATS.mailchimp);
  expect(mailchimp.rows.map((r) => r['Email Address'])).toEqual(consenting.filter((p) => p.email).map((p) => p.email));
});

test("an overlap cell's customers export: in both, only in one, only in the other", async ({ app, page }) => {
  await openWithSqlSegments(app, [
    ['Danish customers', "country = 'DK'"],
    ['Repeat buyers', 'frequency >= 2'],
  ]);
  for (const name of ['Danish customers', 'Repeat buyers']) {
    await expect(page.getByRole('region', { name, exact: true }).getByTestId('member-count')).not.toHaveText('');
  }
  await page
    .getByRole('table', { name: 'Overlap matrix' })
    .getByRole('button', { name: /^Show customers in Danish customers and Repeat buyers/ })
    .click();
  const list = page.getByRole('region', { name: 'Members' });
  await list.getByRole('button', { name: 'Export these members' }).click();
  const cells = {
    'In both': ["country = 'DK' AND frequency >= 2", 'Danish customers and Repeat buyers', 'danish-customers-and-repeat-buyers'],
    'Only in Danish customers': [
      "country = 'DK' AND NOT coalesce(frequency >= 2, false)",
      'Danish customers, not Repeat buyers',
      'danish-customers-not-repeat-buyers',
    ],
    'Only in Repeat buyers': [
      "frequency >= 2 AND NOT coalesce(country = 'DK', false)",
      'Repeat buyers, not Danish customers',
      'repeat-buyers-not-danish-customers',
    ],
  };
  for (const [cell, [where, label, slug]] of Object.entries(cells)) {
    await list.getByRole('radio', { name: cell }).check();
    await expect(list.getByRole('heading')).toHaveText(`Members of ${label}`);
    const [ids] = await app.sqlColumn(`SELECT string_agg(customer_id, ',' ORDER BY customer_id) FROM customers WHERE ${where}`);
    await app.section('Segments');
    // The choice says how many customers it holds, as the overlap matrix counts them.
    await expect(list.getByRole('radio', { name: cell })).toHaveAccessibleName(`${cell} (${formatCount(ids.split(',').length)})`);
    const exportPanel = list.getByRole('region', { name: `Export ${label}` });
    const plain = await download(page, exportPanel, 'Customers (standard columns)');
    expect(plain.rows.map((r) => r.customer_id).join(','), cell).toBe(ids);
    expect(plain.name.startsWith(`${slug}-`)).toBe(true);
    const hubspot = await download(page, exportPanel, FORMATS.hubspot);
    expect(hubspot.header.at(-1)).toBe(`In segment: ${label}`);
  }
});

test('a segment built from segments ("in A but not in the newsletter segment") counts and exports what SQL selects', async ({
  app,
  page,
}) => {
  const panel = await openWithSqlSegments(app, [
    ['Danish customers', "country = 'DK'"],
    ['Newsletter', "accepts_email_marketing = 'yes'"],
  ]);
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Danes to win over');
  const segment = page.getByRole('region', { name: 'Danes to win over', exact: true });
  await segment.getByRole('button', { name: 'Add segment condition' }).click();
  await segment.getByRole('button', { name: 'Add segment condition' }).click();
  const [inDanes, notInNewsletter] = [0, 1].map((i) => segment.getByRole('group', { name: 'Segment condition' }).nth(i));
  await inDanes.getByRole('combobox', { name: 'Segment' }).selectOption({ label: 'Danish customers' });
  await notInNewsletter.getByRole('combobox', { name: 'Customer' }).selectOption('not_in');
  await notInNewsletter.getByRole('combobox', { name: 'Segment' }).selectOption({ label: 'Newsletter' });

  const where = "country = 'DK' AND NOT coalesce(accepts_email_marketing = 'yes', false)";
  const [count] = await app.sqlColumn(`SELECT count(*) FROM customers WHERE ${where}`);
  expect(Number(count)).toBeGreaterThan(0);
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(Number(count)));
  await segment.getByText('Show SQL').click();
  await expect(segment.getByLabel('SQL of Danes to win over')).toContainText('customer_id NOT IN (/* segment "Newsletter" */');

  await segment.getByRole('button', { name: 'Export members' }).click();
  const exportPanel = segment.getByRole('region', { name: 'Export Danes to win over' });
  // None of them accepts marketing: the consent filter would leave no one.
  await expect(exportPanel.getByTestId('consent-count')).toHaveText(
    `0 of ${formatCount(Number(count))} accept marketing; the consent filter would remove ${formatCount(Number(count))}.`,
  );
  const [ids] = await app.sqlColumn(`SELECT string_agg(customer_id, ',' ORDER BY customer_id) FROM customers WHERE ${where}`);
  await app.section('Segments');
  const plain = await download(page, exportPanel, 'Customers (standard columns)');
  expect(plain.rows.map((r) => r.customer_id).join(',')).toBe(ids);

  // The consent filter on the export of every customer with segment columns, and on every customer's export in the RFM section.
  const [consenting] = await app.sqlColumn("SELECT count(*) FROM customers WHERE accepts_email_marketing = 'yes'");
  const [withEmail] = await app.sqlColumn("SELECT count(*) FROM customers WHERE accepts_email_marketing = 'yes' AND email IS NOT NULL");
  await app.section('Segments');
  await panel.getByRole('group', { name: 'All customers with segment columns' }).getByLabel('Only customers who accept marketing').check();
  const saved = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export all customers with segment columns' }).click();
  const all = await saved;
  expect(all.suggestedFilename()).toMatch(/^customers-with-segments-\d{4}-\d{2}-\d{2}-[0-9a-f]{6}-segments\.csv$/);
  const allRows = parseCsv(readFileSync(await all.path(), 'utf8'));
  expect(allRows).toHaveLength(Number(consenting));
  expect(allRows.filter((r) => r['Danes to win over'] === 'true')).toHaveLength(0);
  await app.section('RFM');
  await page.getByRole('button', { name: 'More formats' }).click();
  const everyone = page.getByRole('region', { name: 'Export All customers' });
  await expect(everyone.getByLabel('Only customers who accept marketing')).toBeChecked();
  const mailchimp = await download(page, everyone, FORMATS.mailchimp);
  expect(mailchimp.rows).toHaveLength(Number(withEmail));
  expect(mailchimp.name).toMatch(/^all-customers-\d{4}-\d{2}-\d{2}-[0-9a-f]{6}-mailchimp\.csv$/);
});
