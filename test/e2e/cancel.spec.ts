import type { Page } from '@playwright/test';
import path from 'node:path';
import { shareFragment } from '../../src/lib/spec/share-link.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';
import type { SegmentSpec } from '../../src/lib/spec/segments.ts';
import { expect, hasShared, SHARED, test, type WorkbenchPage } from './fixtures.ts';

/**
 * Every query can be stopped: SQL that runs unasked (a link's SQL segment, once confirmed) stops at
 * the time limit (10 s, the production default) with a message that says so; the console's Cancel
 * stops a long query; an import can be cancelled. After each, the page works on, earlier results intact.
 */

/**
 * Scanning a range this long would take the engine hours: only a stop ends it soon. (The filter
 * makes it scan: a plain count of a range is answered from its size.)
 */
const ENDLESS_COUNT = 'SELECT count(*) FROM range(10000000000) WHERE range % 7 = 8';
const ENDLESS = `monetary > (${ENDLESS_COUNT})`;

const segment = (id: string, name: string, definition: SegmentSpec['definition']): SegmentSpec => ({
  id,
  name,
  color: '#0072b2',
  description: '',
  enabled: true,
  definition,
});
const bigSpenders = segment('big', 'Big spenders', {
  kind: 'rules',
  root: {
    type: 'group',
    combine: 'and',
    rules: [{ type: 'condition', column: 'monetary', op: 'gte', value: '500', value2: '', values: [] }],
  },
} as SegmentSpec['definition']);

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function sqlCount(app: WorkbenchPage, where: string): Promise<string> {
  const [value] = await app.sqlColumn(`SELECT count(*) FROM customers WHERE ${where}`);
  return Number(value).toLocaleString('en-US');
}

test("a link's SQL segment that runs too long stops at the time limit, said in its message; later queries run", async ({ app, page }) => {
  const spec: SpecFile = {
    version: 2,
    segments: { segments: [bigSpenders, segment('slow', 'Endless', { kind: 'sql', sql: ENDLESS })], minSizePercent: 1 },
  };
  await app.open(`?sample=retail-v2#${await shareFragment(spec)}`);
  await app.loaded();
  await app.section('Segments');
  await page.getByRole('button', { name: 'Run SQL segments from this link' }).click();

  const problem = region(page, 'Endless').getByRole('status', { name: 'Problem with Endless' });
  await expect(problem).toContainText('Stopped after 10 s', { timeout: 90_000 });
  await expect(problem).toContainText('time limit');
  // The engine is free again: the rule segment's count, the console and a new count all run.
  await expect(region(page, 'Big spenders').getByTestId('member-count')).toHaveText(await sqlCount(app, 'monetary >= 500'));
  // The analysis names the stopped segment's reason in its row and analyses the rest.
  const kpis = page.getByRole('table', { name: 'Segment KPIs' });
  await expect(kpis.getByRole('row', { name: /^Endless/ })).toContainText('Stopped after 10 s', { timeout: 90_000 });
  await expect(kpis.getByRole('row', { name: /^Big spenders/ })).toContainText(await sqlCount(app, 'monetary >= 500'));
  await expect(region(page, 'Segment analysis').getByRole('alert')).toHaveCount(0);
  const [orders] = await app.sqlColumn('SELECT count(*) FROM orders');
  expect(Number(orders)).toBeGreaterThan(0);
});

test("the console's Cancel stops a long query; the previous result comes back and the page works on", async ({ app, page }) => {
  await app.open('?sample=retail-v2');
  await app.loaded();
  const [before] = await app.sqlColumn('SELECT count(*) AS customers FROM customers');
  const console = region(page, 'SQL console');
  await app.section('SQL');
  await console.getByLabel('SQL').fill(ENDLESS_COUNT);
  await console.getByRole('button', { name: 'Run query' }).click();
  await expect(console).toHaveAttribute('aria-busy', 'true');
  await console.getByRole('button', { name: 'Cancel query' }).click();

  await expect(console).toHaveAttribute('aria-busy', 'false');
  await expect(console.getByRole('alert', { name: 'Query error' })).toContainText('Cancelled');
  await expect(console.getByText('The result of the previous query:')).toBeVisible();
  await expect(console.getByRole('table', { name: 'Query result' }).locator('tbody td').first()).toHaveText(before);
  await expect(console.getByRole('button', { name: 'Cancel query' })).toHaveCount(0);

  // The analysis on the page is intact, and the engine answers the next query.
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' }).or(page.getByTestId('analysis-ms'))).not.toHaveCount(0);
  const [again] = await app.sqlColumn('SELECT count(*) AS customers FROM customers');
  expect(again).toBe(before);
});

test('an import can be cancelled beside its progress; the files stay chosen and load afterwards', async ({ app, page }) => {
  test.skip(!hasShared, 'needs the shared Online Retail file');
  await app.open();
  await app.chooseFiles(path.join(SHARED, 'data/online-retail/online-retail.csv.gz'));
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  // The progress says which file and phase, the time elapsed and what is left of the estimate.
  const loading = page.getByRole('region', { name: 'Loading' });
  await expect(loading).toContainText(/online-retail\.csv\.gz/);
  await expect(loading.getByTestId('load-time')).toHaveText(
    /^\d+ s elapsed · (about \d+ s left|almost done|longer than the \d+ s estimated from the files' size)$/,
  );
  await page.getByRole('button', { name: 'Cancel loading' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'Cancelled' })).toContainText('Nothing was loaded; the files stay chosen');
  await expect(page.getByRole('button', { name: 'Cancel loading' })).toHaveCount(0);
  await expect(page.getByTestId('header-customers')).toHaveCount(0);

  await app.load();
  expect(await app.count('loaded')).toBeGreaterThan(0);
});

test('Cancel analysis stops the analysis a setting asked for; the results shown stay those of the previous settings', async ({
  app,
  page,
}) => {
  await app.open('?sample=retail-v2');
  await app.loaded();
  await app.section('RFM');
  const rfm = region(page, 'RFM analysis');
  const segmentsTable = page.getByRole('table', { name: 'RFM segments' });
  const before = await segmentsTable.innerText();
  // A long query holds the engine, so the analysis the next setting asks for is still to finish when Cancel is pressed.
  await app.section('SQL');
  const console = region(page, 'SQL console');
  await console.getByLabel('SQL').fill(ENDLESS_COUNT);
  await console.getByRole('button', { name: 'Run query' }).click();
  await expect(console).toHaveAttribute('aria-busy', 'true');
  await app.section('RFM');
  await rfm.getByLabel('Monetary on').selectOption('average');
  await rfm.getByRole('button', { name: 'Cancel analysis' }).click();
  await app.section('SQL');
  await console.getByRole('button', { name: 'Cancel query' }).click();
  await expect(console).toHaveAttribute('aria-busy', 'false');

  await app.section('RFM');
  const notice = rfm.getByRole('alert');
  await expect(notice).toContainText('Cancelled');
  await expect(notice).toContainText('The results shown are from the previous settings.');
  await expect(rfm.getByRole('button', { name: 'Cancel analysis' })).toHaveCount(0);
  expect(await segmentsTable.innerText()).toBe(before);
  // The engine kept the previous analysis's tables: the scores the console reads are the ones shown.
  const [scored] = await app.sqlColumn('SELECT count(*) FROM customers WHERE r_score IS NOT NULL');
  expect(Number(scored)).toBeGreaterThan(0);
  // And the setting, chosen again, is analysed.
  await rfm.getByLabel('Monetary on').selectOption('total');
  await rfm.getByLabel('Monetary on').selectOption('average');
  await expect(page.getByTestId('analysis-ms')).toBeVisible();
  await expect(notice).toHaveCount(0);
});
