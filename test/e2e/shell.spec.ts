import { gzipSync } from 'node:zlib';
import { expect, savedSegmentNames, test, type SectionName } from './fixtures.ts';

/** The app shell: sections from a nav bar, the address that keeps the section, the import form folded once loaded. */

const SECTIONS: SectionName[] = ['Data', 'Overview', 'RFM', 'Value & lifecycle', 'Segments', 'SQL'];
const fragment = (spec: object) => `spec=${gzipSync(Buffer.from(JSON.stringify(spec), 'utf8')).toString('base64url')}`;
const SHARED = {
  version: 1,
  segments: { segments: [{ id: 'l1', name: 'From the link', definition: { kind: 'sql', sql: 'frequency >= 3' } }] },
};

test('before data: every section is in the nav; those that need data say so and lead to Data', async ({ app, page }) => {
  await app.open();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link')).toHaveText(SECTIONS);
  await expect(nav.getByRole('link', { name: 'Data' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('main', { name: 'Data' }).getByLabel('Load data')).toBeAttached();
  await app.section('Segments');
  const main = page.getByRole('main', { name: 'Segments' });
  await expect(main).toContainText('once data is loaded');
  await main.getByRole('link', { name: 'Load a file or try the sample data' }).click();
  await expect(page.getByRole('main', { name: 'Data' })).toBeVisible();
});

test('after a skip link, every section is at most three key presses away', async ({ app, page }) => {
  // From Overview (second of six, the ring wraps): the shortest way to each section.
  const ways: Record<SectionName, string[]> = {
    Data: ['ArrowLeft'],
    Overview: [],
    RFM: ['ArrowRight'],
    'Value & lifecycle': ['ArrowRight', 'ArrowRight'],
    Segments: ['ArrowLeft', 'ArrowLeft', 'ArrowLeft'],
    SQL: ['End'],
  };
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const section of SECTIONS) {
    await page.goto('about:blank');
    await app.open('#view=overview');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to sections' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(nav.getByRole('link', { name: 'Overview' })).toBeFocused();
    expect(ways[section].length).toBeLessThanOrEqual(3);
    for (const key of ways[section]) await page.keyboard.press(key);
    await expect(page.getByRole('main')).toHaveAccessibleName(section);
    await expect(nav.getByRole('link', { name: section, exact: true })).toBeFocused();
    await expect(nav.getByRole('link', { name: section, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  // The second skip link goes to the section's content; Tab from the nav also leaves it in one press.
  await page.goto('about:blank');
  await app.open('#view=rfm');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to RFM' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('back, forward and reload return to the same section', async ({ app, page }) => {
  await app.open('?sample=retail-v1');
  await app.loaded();
  await app.section('RFM');
  await expect(page.getByRole('region', { name: 'RFM analysis' })).toBeVisible();
  await app.section('Segments');
  expect(new URL(page.url()).hash).toBe('#view=segments');
  await page.goBack();
  await expect(page.getByRole('main')).toHaveAccessibleName('RFM');
  await expect(page.getByRole('region', { name: 'RFM analysis' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Segments', exact: true })).toBeHidden();
  await page.goForward();
  await expect(page.getByRole('main')).toHaveAccessibleName('Segments');
  await page.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  const oneTime = page.getByRole('region', { name: 'One-time buyers', exact: true });
  await expect(oneTime.getByTestId('member-count')).toHaveText(/^[\d,]+$/);
  const count = await oneTime.getByTestId('member-count').innerText();
  await expect.poll(() => savedSegmentNames(page)).toEqual([['One-time buyers']]);
  await page.reload();
  await app.loaded();
  // The same section, with the same definitions (saved in the browser, restored with the sample).
  await expect(page.getByRole('main')).toHaveAccessibleName('Segments');
  await expect(oneTime.getByTestId('member-count')).toHaveText(count);
});

test('the import form folds to a summary of each file once loaded; Change data opens it again', async ({ app, page }) => {
  await app.open('?sample=retail-v1');
  await app.loaded();
  const header = page.getByRole('group', { name: 'Data loaded' });
  await expect(header).toContainText('retail-v1-transactions.csv');
  await expect(header).toContainText('4,719 customers');
  await expect(header).toContainText('2023-01-01 to 2024-12-31');
  await app.section('Data');
  const summary = page.getByRole('main').getByRole('region', { name: 'Data loaded' });
  await expect(summary).toContainText(
    'retail-v1-transactions.csv (transactions): 40,000 records — 37,425 loaded, 0 rejected, 2,575 excluded',
  );
  await expect(page.getByLabel('Load data')).toBeHidden();
  await expect(app.report).toBeVisible();
  await header.getByRole('button', { name: 'Change data' }).click();
  await expect(page.getByRole('main')).toHaveAccessibleName('Data');
  await expect(page.getByLabel('Load data')).toBeFocused();
  await expect(page.getByRole('region', { name: 'Import settings' })).toBeVisible();
  await expect(summary).toBeHidden();
});

test("a link's definitions apply on its section and stay in the address until the first change; moving between sections keeps them", async ({
  app,
  page,
}) => {
  await app.open(`#view=segments&${fragment(SHARED)}`);
  await expect(page.getByRole('status').filter({ hasText: 'This link shares 1 segment definitions' })).toBeVisible();
  await app.section('RFM');
  expect(new URL(page.url()).hash).toMatch(/^#view=rfm&spec=/);
  await app.section('Data');
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await app.loaded();
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'From the link', exact: true })).toBeVisible();
  // Applied, and nothing changed since: the address is the link as opened, on the section shown.
  await expect.poll(() => new URL(page.url()).hash).toBe(`#view=segments&${fragment(SHARED)}`);
});
