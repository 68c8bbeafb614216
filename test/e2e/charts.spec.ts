import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, hasShared, SHARED, test, type WorkbenchPage } from './fixtures.ts';

const number = (text: string) => Number(text.replace(/,/g, ''));

/** A chart card by its title, as a person finds it: a figure named by its heading. */
const chart = (page: Page, title: string) => page.getByRole('figure', { name: title, exact: true });

/** Opens a chart's table view by its named button and returns the table's header cells and rows. */
async function chartTable(page: Page, title: string): Promise<{ columns: string[]; rows: string[][]; table: Locator }> {
  const card = chart(page, title);
  await card.getByRole('button', { name: `Show table: ${title}`, exact: true }).click();
  await expect(card.getByRole('button', { name: `Show chart: ${title}`, exact: true })).toBeVisible();
  const table = card.getByRole('table');
  await expect(table).toBeVisible();
  const columns = await table.locator('thead th').allInnerTexts();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText)));
  return { columns, rows, table };
}

async function openCharts(app: WorkbenchPage, page: Page, file?: string): Promise<void> {
  if (file) {
    await app.open();
    await app.chooseFiles(file);
    await app.load();
  } else {
    await app.open('?sample=retail-v1');
  }
  await app.section('RFM');
  await expect(chart(page, 'R × F heatmap').getByRole('img')).toBeVisible({ timeout: 150_000 });
}

test.describe('charts on the sample', () => {
  test.beforeEach(async ({ app, page }) => openCharts(app, page));

  test("every chart's buttons are named after it, and each name is used once", async ({ app, page }) => {
    for (const [section, region, chartTitle] of [
      ['RFM', 'RFM charts', 'R × F heatmap'],
      ['Value & lifecycle', 'Value and lifecycle charts', 'Customers and revenue by lifecycle stage'],
    ] as const) {
      await app.section(section);
      const charts = page.getByRole('region', { name: region });
      const titles = await charts.getByRole('figure').locator('h3').allInnerTexts();
      expect(titles).toContain(chartTitle);
      for (const title of titles) {
        await expect(charts.getByRole('button', { name: `Show table: ${title}`, exact: true })).toHaveCount(1);
        await expect(charts.getByRole('button', { name: `Download PNG: ${title}`, exact: true })).toHaveCount(1);
      }
      // No unnamed leftovers: every "Show table" and "Download PNG" of the section says whose it is.
      await expect(charts.getByRole('button', { name: /^Show table$/ })).toHaveCount(0);
      await expect(charts.getByRole('button', { name: /^Download PNG$/ })).toHaveCount(0);
    }
  });

  test('"Download PNG: R × F heatmap" downloads the heatmap as a PNG', async ({ page }) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PNG: R × F heatmap', exact: true }).click();
    expect((await download).suggestedFilename()).toBe('r-f-heatmap.png');
  });

  test('R × F heatmap: both scores named with "5 = best" in its table, its colour scale in its text alternative', async ({ page }) => {
    const { columns, rows } = await chartTable(page, 'R × F heatmap');
    expect(columns).toEqual(['R score (5 = best)', 'F score (5 = best)', 'Customers', 'Avg monetary']);
    expect(rows).toHaveLength(25);
    const largest = Math.max(...rows.map((r) => number(r[2])));
    await page.getByRole('button', { name: 'Show chart: R × F heatmap', exact: true }).click();
    const picture = chart(page, 'R × F heatmap').getByRole('img');
    await expect(picture).toHaveAccessibleName(
      new RegExp(`Colour scale: customers from 0 \\(pale\\) to ${largest.toLocaleString('en-US')} \\(dark\\)`),
    );
    await expect(chart(page, 'R × F heatmap')).toContainText('5 = best');
  });

  test('frequency and monetary: a log scale, said on the chart and in the table', async ({ page }) => {
    for (const [title, axis] of [
      ['Frequency: orders', 'Orders (log scale)'],
      ['Monetary: monetary value', 'Monetary value (log scale)'],
    ]) {
      await expect(chart(page, title)).toContainText('Log scale:');
      const { columns } = await chartTable(page, title);
      expect(columns).toEqual([axis, 'Customers', 'Score']);
    }
  });
});

/**
 * On real data each histogram spreads its customers over many bars: no bar but a one-value one holds half of them,
 * the long tail is one labelled "≥ X" bar of at most 1 % of customers, and every count is what SQL
 * counts for the same range.
 */
async function histogramsSpread(app: WorkbenchPage, page: Page): Promise<void> {
  await app.section('RFM');
  const buyers = number(await page.getByRole('region', { name: 'RFM analysis' }).getByTestId('buyers').innerText());
  for (const [title, column] of [
    ['Frequency: orders', 'frequency'],
    ['Monetary: monetary value', 'monetary'],
  ]) {
    const { rows } = await chartTable(page, title);
    const counts = rows.map((r) => number(r[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(buyers);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    // Only a bar of one value (CDNOW: half its customers bought once) may hold half the customers.
    const tallest = counts.indexOf(Math.max(...counts));
    if (counts[tallest] >= 0.5 * buyers) expect(rows[tallest][0], `${title}: the tallest bar`).toMatch(/^\d+$/);
    const [last, lastCount] = rows.at(-1)!;
    expect(last).toMatch(/^≥ [\d,.]+$/);
    expect(number(lastCount)).toBeLessThanOrEqual(0.01 * buyers);
    const cap = number(last.slice(2));
    expect(await app.sqlColumn(`SELECT count(*) FROM customers WHERE ${column} >= ${cap}`)).toEqual([lastCount.replace(/,/g, '')]);
    // A closed bar in the middle: [a, b) for money, a … b for whole orders.
    const [range, count] = rows[Math.floor(rows.length / 2)];
    const [a, b = a] = range.split('–').map(number);
    const where = column === 'frequency' ? `frequency BETWEEN ${a} AND ${b}` : `monetary >= ${a} AND monetary < ${b}`;
    expect(await app.sqlColumn(`SELECT count(*) FROM customers WHERE ${where}`), `${title}: ${range}`).toEqual([count.replace(/,/g, '')]);
  }
}

test.describe('histograms on real data (../shared/data)', () => {
  test.skip(!hasShared, '../shared/data is absent');

  test('Online Retail: frequency and monetary spread over their bars, the tail capped', async ({ app, page }) => {
    await openCharts(app, page, path.join(SHARED, 'data/online-retail/online-retail.csv.gz'));
    await histogramsSpread(app, page);
  });

  test('CDNOW: frequency and monetary spread over their bars, the tail capped', async ({ app, page }) => {
    await openCharts(app, page, path.join(SHARED, 'data/cdnow/cdnow_master_transactions.csv'));
    await histogramsSpread(app, page);
  });
});
