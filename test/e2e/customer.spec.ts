/**
 * One customer's story, opened from a segment's member list and from the export preview: every
 * figure on the panel equals a query typed into the page's SQL console over `orders` (scores,
 * bands, tier and stage recomputed there from their definitions), orders page, Escape and Close
 * give the focus back to the id that opened it, and ids stay exactly as loaded.
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { formatAmount, formatCount } from '../../src/lib/format.ts';
import { expect, FIXTURES, test, WorkbenchPage } from './fixtures.ts';

/** The first row of a query's result, by column name, as the console shows it. */
async function sqlRecord(app: WorkbenchPage, query: string): Promise<Record<string, string>> {
  const table = (await app.sql(query)).getByRole('table', { name: 'Query result' });
  await expect(table).toBeVisible();
  const names = await table.locator('thead th').allInnerTexts();
  const values = await table.locator('tbody tr').first().locator('td').allInnerTexts();
  return Object.fromEntries(names.map((n, i) => [n.trim(), values[i]]));
}

const quoted = (id: string) => `'${id.replaceAll("'", "''")}'`;
const days = (n: string) => `${formatCount(Number(n))} ${Number(n) === 1 ? 'day' : 'days'}`;
const range = (lo: string, hi: string, unit: string) =>
  lo === hi ? `exactly ${formatCount(Number(lo))} ${unit}` : `${formatCount(Number(lo))}–${formatCount(Number(hi))} ${unit}`;

/**
 * Everything the story shows of one customer under the default analysis (rank n-tiles, 5 bins,
 * tiers by revenue share, lifecycle 30/90/180 days, the day after the last order), from `orders`
 * alone: ties in id order (the sample's ids are not numbers).
 */
function storySql(id: string): string {
  return `WITH d AS (SELECT CAST(max(order_date) AS DATE) + 1 AS day FROM orders),
m AS (
  SELECT customer_id, date_diff('day', CAST(max(order_date) AS DATE), (SELECT day FROM d)) AS recency, count(*) AS frequency,
    sum(amount) AS monetary, date_diff('day', CAST(min(order_date) AS DATE), (SELECT day FROM d)) AS tenure,
    min(order_date) AS first_order, max(order_date) AS last_order
  FROM orders GROUP BY customer_id),
s AS (
  SELECT *, 6 - ntile(5) OVER (ORDER BY recency, customer_id) AS r, ntile(5) OVER (ORDER BY frequency, customer_id) AS f,
    CASE WHEN monetary <= 0 THEN 1 ELSE ntile(5) OVER (ORDER BY monetary, customer_id) END AS m,
    row_number() OVER (ORDER BY monetary DESC, customer_id) AS value_rank,
    100 * CAST(sum(greatest(monetary, 0)) OVER (ORDER BY monetary DESC, customer_id ROWS UNBOUNDED PRECEDING) AS DOUBLE)
      / CAST(sum(greatest(monetary, 0)) OVER () AS DOUBLE) AS share, count(*) OVER () AS buyers
  FROM m),
b AS (
  SELECT *, min(recency) OVER (PARTITION BY r) AS r_lo, max(recency) OVER (PARTITION BY r) AS r_hi,
    min(frequency) OVER (PARTITION BY f) AS f_lo, max(frequency) OVER (PARTITION BY f) AS f_hi,
    min(CAST(monetary AS DOUBLE)) OVER (PARTITION BY m) AS m_lo, max(CAST(monetary AS DOUBLE)) OVER (PARTITION BY m) AS m_hi
  FROM s)
SELECT CAST(recency AS VARCHAR) AS recency, CAST(frequency AS VARCHAR) AS frequency, CAST(monetary AS VARCHAR) AS monetary,
  CAST(CAST(round(monetary / frequency, 2) AS DECIMAL(38, 2)) AS VARCHAR) AS aov,
  strftime(first_order, '%Y-%m-%d %H:%M:%S') AS first_order, strftime(last_order, '%Y-%m-%d %H:%M:%S') AS last_order,
  CAST(tenure AS VARCHAR) AS tenure, CAST(r AS VARCHAR) AS r, CAST(f AS VARCHAR) AS f, CAST(m AS VARCHAR) AS m,
  CAST(r_lo AS VARCHAR) AS r_lo, CAST(r_hi AS VARCHAR) AS r_hi, CAST(f_lo AS VARCHAR) AS f_lo, CAST(f_hi AS VARCHAR) AS f_hi,
  CAST(m_lo AS VARCHAR) AS m_lo, CAST(m_hi AS VARCHAR) AS m_hi,
  CAST(value_rank AS VARCHAR) AS value_rank, CAST(buyers AS VARCHAR) AS buyers, CAST(share AS VARCHAR) AS share,
  CASE WHEN monetary <= 0 THEN 'Bronze' WHEN share <= 50 THEN 'Platinum' WHEN share <= 80 THEN 'Gold' WHEN share <= 95 THEN 'Silver' ELSE 'Bronze' END AS tier,
  CASE WHEN recency > 180 THEN 'lapsed' WHEN recency > 90 THEN 'cooling' WHEN tenure <= 30 THEN 'new' WHEN frequency >= 2 THEN 'repeat' ELSE 'active' END AS stage,
  (SELECT strftime(day, '%Y-%m-%d') FROM d) AS analysis_date
FROM b WHERE customer_id = ${quoted(id)}`;
}

/** The story's figures against the figures SQL computed. */
async function expectFigures(dialog: Locator, want: Record<string, string>): Promise<void> {
  const day = (t: string) => t.replace(/ 00:00:00$/, '');
  await expect(dialog.getByTestId('story-analysis-date')).toHaveText(want.analysis_date);
  await expect(dialog.getByTestId('story-recency')).toHaveText(days(want.recency));
  await expect(dialog.getByTestId('story-frequency')).toHaveText(formatCount(Number(want.frequency)));
  await expect(dialog.getByTestId('story-monetary')).toHaveText(formatAmount(want.monetary));
  await expect(dialog.getByTestId('story-aov')).toHaveText(formatAmount(want.aov));
  await expect(dialog.getByTestId('story-first-purchase')).toHaveText(day(want.first_order));
  await expect(dialog.getByTestId('story-last-purchase')).toHaveText(day(want.last_order));
  await expect(dialog.getByTestId('story-tenure')).toHaveText(days(want.tenure));
  await expect(dialog.getByTestId('story-r')).toHaveText(want.r);
  await expect(dialog.getByTestId('story-f')).toHaveText(want.f);
  await expect(dialog.getByTestId('story-m')).toHaveText(want.m);
  await expect(dialog.getByTestId('story-cell')).toHaveText(`${want.r}${want.f}${want.m}`);
  await expect(dialog.getByTestId('story-tier')).toHaveText(want.tier);
  await expect(dialog.getByTestId('story-lifecycle')).toHaveText(want.stage);
  // How each was derived: the band each score's group spans in the data, the rank and share, the stage's threshold.
  const explained = dialog.getByRole('listitem');
  await expect(explained.filter({ hasText: 'Recency score' })).toContainText(
    `R = ${want.r}: last order ${days(want.recency)} before the analysis date; the R${want.r} band`,
  );
  await expect(explained.filter({ hasText: 'Recency score' })).toContainText(`is ${range(want.r_lo, want.r_hi, 'days')} in this data`);
  await expect(explained.filter({ hasText: 'Frequency score' })).toContainText(
    `is ${range(want.f_lo, want.f_hi, Number(want.f_hi) === 1 ? 'order' : 'orders')} in this data`,
  );
  const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
  const [mLo, mHi] = [money.format(Number(want.m_lo)), money.format(Number(want.m_hi))];
  await expect(explained.filter({ hasText: 'Monetary score' })).toContainText(
    `M = ${want.m}: spend ${formatAmount(want.monetary)}; the M${want.m} band`,
  );
  await expect(explained.filter({ hasText: 'Monetary score' })).toContainText(
    `is ${mLo === mHi ? `exactly ${mLo}` : `${mLo}–${mHi}`} in this data`,
  );
  const tier = await dialog.getByTestId('story-tier-why').innerText();
  expect(tier).toMatch(
    new RegExp(`^${want.tier}: ranked ${formatCount(Number(want.value_rank))}(st|nd|rd|th) of ${formatCount(Number(want.buyers))} buyers`),
  );
  const shown = Number(/bring ([\d.]+)\s%/.exec(tier)?.[1]);
  expect(Math.abs(shown - Number(want.share))).toBeLessThan(0.05);
  await expect(dialog.getByTestId('story-lifecycle-why')).toContainText(`${want.stage}: `);
  await expect(dialog.getByTestId('story-lifecycle-why')).toContainText(`last order ${days(want.recency)} before the analysis date`);
}

async function openSample(app: WorkbenchPage, page: Page): Promise<void> {
  await app.open('?sample=retail-v1');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
}

test('a customer from a member list: every figure equals SQL over orders, orders page, segments say why, Escape gives the focus back', async ({
  app,
  page,
}) => {
  await openSample(app, page);
  await app.section('SQL');
  // The customer with the most orders, so that their orders take several pages.
  const [id] = await app.sqlColumn('SELECT customer_id FROM orders GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
  const want = await sqlRecord(app, storySql(id));
  expect(Number(want.frequency)).toBeGreaterThan(40);
  const [segment] = await app.sqlColumn(`SELECT rfm_segment FROM customers WHERE customer_id = ${quoted(id)}`);
  const pageIds = async (offset: number) =>
    app.sqlColumn(
      `SELECT order_id FROM orders WHERE customer_id = ${quoted(id)} ORDER BY order_date DESC, order_id DESC LIMIT 20 OFFSET ${offset}`,
    );
  const [firstPage, secondPage] = [await pageIds(0), await pageIds(20)];

  // Two segments: one they are in, one they are not.
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add SQL segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Frequent buyers');
  const frequent = page.getByRole('region', { name: 'Frequent buyers', exact: true });
  await frequent.getByRole('textbox', { name: 'SQL condition or query' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('frequency >= 40');
  await expect(frequent.getByRole('textbox', { name: 'SQL condition or query' })).toHaveText('frequency >= 40');
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  await expect(page.getByRole('region', { name: 'One-time buyers', exact: true })).toBeVisible();
  await frequent.getByRole('button', { name: 'Show members' }).click();
  const members = page.getByRole('region', { name: 'Members' });
  await expect(members.getByRole('heading')).toHaveText('Members of Frequent buyers');

  const opener = members.getByRole('button', { name: `Show customer ${id}`, exact: true });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: `Customer ${id}` });
  await expect(dialog).toBeVisible();
  await expectFigures(dialog, want);
  await expect(dialog.getByTestId('story-segment')).toHaveText(segment);
  await expect(dialog.getByTestId('story-segment-why')).toContainText(`cell ${want.r}${want.f}${want.m}`);

  // Segments: member or not, with why.
  const memberships = dialog.getByRole('list', { name: 'Segment memberships' });
  const frequentItem = memberships.getByRole('listitem').filter({ hasText: 'Frequent buyers' });
  await expect(frequentItem.getByTestId('story-member')).toHaveText('Member');
  await expect(frequentItem).toContainText('frequency >= 40');
  const oneTime = memberships.getByRole('listitem').filter({ hasText: 'One-time buyers' }).first();
  await expect(oneTime.getByTestId('story-member')).toHaveText('Not a member');
  await expect(oneTime).toContainText(`frequency equals 1 (this customer: ${want.frequency})`);

  // Orders, newest first, 20 a page.
  const orders = dialog.getByRole('table', { name: `Orders of ${id}` });
  const total = formatCount(Number(want.frequency));
  await expect(dialog.getByTestId('story-orders-range')).toHaveText(`orders 1–20 of ${total}, newest first`);
  await expect(orders.locator('tbody tr td:first-child')).toHaveText(firstPage);
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByTestId('story-orders-range')).toHaveText(`orders 21–40 of ${total}, newest first`);
  await expect(orders.locator('tbody tr td:first-child')).toHaveText(secondPage);
  await dialog.getByRole('button', { name: 'Previous' }).click();
  await expect(orders.locator('tbody tr td:first-child')).toHaveText(firstPage);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('a customer from the export preview: the preview is the export’s first rows, the figures equal SQL, Close gives the focus back', async ({
  app,
  page,
}) => {
  await openSample(app, page);
  await app.section('RFM');
  const exported = await app.downloadCsv(page.getByRole('button', { name: 'Export customers' }));
  const preview = page.getByRole('table', { name: 'Export preview' });
  await expect(preview.locator('tbody tr')).toHaveCount(5);
  const columns = Object.keys(exported[0]);
  await expect(preview.locator('thead th')).toHaveText(columns);
  for (let r = 0; r < 5; r++) await expect(preview.locator('tbody tr').nth(r).locator('td')).toHaveText(columns.map((c) => exported[r][c]));

  const id = exported[0].customer_id;
  await app.section('SQL');
  const want = await sqlRecord(app, storySql(id));
  await app.section('RFM');
  const opener = preview.getByRole('button', { name: `Show customer ${id}`, exact: true });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: `Customer ${id}` });
  await expectFigures(dialog, want);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('ids stay as loaded: 00123 is not 123, and ids with quotes open their own stories', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(FIXTURES, 'customer-ids.csv'));
  await app.load();
  await app.section('SQL');
  const ids = await app.sqlColumn('SELECT customer_id FROM customers ORDER BY customer_id');
  expect(ids).toEqual(['00123', '0042', '123', "O'Brien", 'Zoë "Z" Ltd']);
  const facts = new Map<string, { frequency: string; orders: string[] }>();
  for (const id of ids) {
    const orders = await app.sqlColumn(`SELECT order_id FROM orders WHERE customer_id = ${quoted(id)} ORDER BY order_date DESC`);
    facts.set(id, { frequency: String(orders.length), orders });
  }

  await app.section('RFM');
  const preview = page.getByRole('table', { name: 'Export preview' });
  await expect(preview.locator('tbody tr td:first-child')).toHaveText(ids);
  for (const id of ids) {
    const opener = preview.getByRole('button', { name: `Show customer ${id}`, exact: true });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: `Customer ${id}`, exact: true });
    await expect(dialog.getByTestId('story-frequency')).toHaveText(facts.get(id)!.frequency);
    await expect(dialog.getByRole('table', { name: `Orders of ${id}`, exact: true }).locator('tbody tr td:first-child')).toHaveText(
      facts.get(id)!.orders,
    );
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  }
  expect(facts.get('00123')!.frequency).toBe('3');
  expect(facts.get('123')!.frequency).toBe('1');

  // From a member list too.
  await app.section('Segments');
  await page.getByRole('region', { name: 'Segments', exact: true }).getByRole('button', { name: 'Add SQL segment' }).click();
  await page.getByRole('region', { name: 'SQL segment 1', exact: true }).getByRole('button', { name: 'Show members' }).click();
  const members = page.getByRole('region', { name: 'Members' });
  await members.getByRole('button', { name: 'Show customer 0042', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Customer 0042', exact: true });
  await expect(dialog.getByTestId('story-frequency')).toHaveText(facts.get('0042')!.frequency);
  await expect(dialog.getByRole('list', { name: 'Segment memberships' }).getByTestId('story-member')).toHaveText('Member');
});
