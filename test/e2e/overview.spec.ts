import path from 'node:path';
import type { Locator } from '@playwright/test';
import { STANDARD_SEGMENTS } from '../../src/lib/spec/rfm-defaults.ts';
import { expect, hasShared, SHARED, test, type WorkbenchPage } from './fixtures.ts';

/*
 * Every number on the Overview against a query typed into the SQL console over the loaded `orders`
 * (and `customer_attributes`, `customers` for the segment each customer is in), written apart from
 * the app's own builders: the default analysis date (the day after the last order) and the default
 * lifecycle thresholds (new ≤ 30 days, cooling > 90, lapsed > 180) spelled out here.
 */

const int = (text: string) => Number(text.replace(/,/g, ''));
/** An exact amount as digits only: `8,911,407.904` and `8911407.904000` → `8911407.904`; `20.00` → `20`. */
const amount = (text: string) => {
  const plain = text.replace(/,/g, '').trim();
  return plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain;
};
const percent = (text: string) => Number(text.replace(/[^\d.]/g, ''));
/** `12.3` from SQL's round(…, 1): the page shows at most one decimal. */
const round1 = (text: string) => Number(Number(text).toFixed(1));

/** One SQL row of `a|b|c` text. */
async function sqlRow(app: WorkbenchPage, query: string): Promise<string[]> {
  const [row] = await app.sqlColumn(query);
  return row.split('|');
}

async function sqlRows(app: WorkbenchPage, query: string): Promise<string[][]> {
  return (await app.sqlColumn(query)).map((r) => r.split('|'));
}

async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push(await rows.nth(i).locator('th, td').allInnerTexts());
  return out;
}

interface Tile {
  value: string;
  detail: string;
  text: string;
  href: string | null;
}

/** Everything the Overview shows, read as a person reads it. */
async function readOverview(app: WorkbenchPage) {
  await app.section('Overview');
  const overview = app.page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByRole('article', { name: 'Revenue at risk' })).toBeVisible({ timeout: 150_000 });
  const tiles: Record<string, Tile> = {};
  const articles = overview.getByRole('list', { name: 'Key figures' }).getByRole('article');
  for (let i = 0; i < (await articles.count()); i++) {
    const article = articles.nth(i);
    const label = await article.getByRole('heading').innerText();
    const detail = article.getByTestId('detail');
    tiles[label] = {
      value: await article.getByTestId('figure').innerText(),
      detail: (await detail.count()) ? await detail.innerText() : '',
      text: await article.innerText(),
      href: await article.getByRole('link').getAttribute('href'),
    };
  }
  const segments = await tableRows(overview.getByRole('table', { name: 'Largest RFM segments' }));
  const lifecycle = await tableRows(overview.getByRole('table', { name: 'Lifecycle mix' }));
  const title = 'Revenue and active customers by month';
  await overview.getByRole('button', { name: `Show table: ${title}`, exact: true }).click();
  const months = await tableRows(overview.getByRole('table', { name: title }));
  await overview.getByRole('button', { name: `Show chart: ${title}`, exact: true }).click();
  return { tiles, segments, lifecycle, months };
}

/** The default analysis date, as the app's definition says: the calendar day after the last order. */
const DEFAULT_DATE = `(SELECT CAST(max(order_date) AS DATE) + 1 FROM orders)`;

/** The analysis settings the reference queries use: the analysis date as SQL, and the lifecycle thresholds in days. */
interface Settings {
  date: string;
  newDays: number;
  coolingDays: number;
  lapsedDays: number;
}
const DEFAULTS: Settings = { date: DEFAULT_DATE, newDays: 30, coolingDays: 90, lapsedDays: 180 };

async function expectOverviewEqualsSql(app: WorkbenchPage, settings: Settings = DEFAULTS) {
  const { date: DATE } = settings;
  const seen = await readOverview(app);
  const { tiles } = seen;
  expect(Object.keys(tiles)).toEqual([
    'Customers',
    'Orders',
    'Revenue',
    'Repeat-purchase rate',
    'Median days between orders',
    'Top 20 % revenue share',
    'Revenue at risk',
  ]);
  expect(Object.values(tiles).map((t) => t.href)).toEqual([
    '#view=data',
    '#view=data',
    '#view=value',
    '#view=rfm',
    '#view=rfm',
    '#view=value',
    '#view=value',
  ]);
  await app.section('SQL');

  const [customers, orders, revenue, perCustomer, neverPurchased] = await sqlRow(
    app,
    `SELECT count(DISTINCT customer_id) || '|' || count(*) || '|' || CAST(sum(amount) AS VARCHAR) || '|' || round(count(*) / count(DISTINCT customer_id), 1)
      || '|' || (SELECT count(*) FROM customer_attributes a WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = a.customer_id))
    FROM orders`,
  );
  expect(int(tiles.Customers.value)).toBe(Number(customers));
  expect(tiles.Customers.detail).toBe(
    Number(neverPurchased) > 0
      ? `and ${int(neverPurchased).toLocaleString('en-US')} customers in the customers file who never purchased`
      : '',
  );
  expect(int(tiles.Orders.value)).toBe(Number(orders));
  expect(tiles.Orders.detail).toBe(`${Number(perCustomer).toFixed(1)} per customer`);
  expect(amount(tiles.Revenue.value)).toBe(amount(revenue));

  const [repeaters, buyers, repeatRate] = await sqlRow(
    app,
    `SELECT count(*) FILTER (WHERE n >= 2) || '|' || count(*) || '|' || round(100 * count(*) FILTER (WHERE n >= 2) / count(*), 1)
    FROM (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id)`,
  );
  expect(percent(tiles['Repeat-purchase rate'].value)).toBe(round1(repeatRate));
  expect(tiles['Repeat-purchase rate'].detail).toBe(
    `${int(repeaters).toLocaleString('en-US')} of ${int(buyers).toLocaleString('en-US')} customers`,
  );

  const [median, gaps] = await sqlRow(
    app,
    `WITH d AS (SELECT customer_id, CAST(order_date AS DATE) AS day FROM orders),
    g AS (SELECT day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap FROM d)
    SELECT median(gap) || '|' || count(gap) FROM g`,
  );
  expect(percent(tiles['Median days between orders'].value)).toBe(Number(median));
  expect(tiles['Median days between orders'].detail).toBe(`over ${int(gaps).toLocaleString('en-US')} gaps between orders`);

  // Shares of positive spend; which of two tied customers makes the cut changes no sum.
  const [topCustomers, topShare] = await sqlRow(
    app,
    `WITH c AS (SELECT sum(amount) AS spend FROM orders GROUP BY customer_id),
    k AS (SELECT ceil(count(*) * 20 / 100.0) AS k FROM c),
    r AS (SELECT spend, row_number() OVER (ORDER BY spend DESC) AS rank FROM c)
    SELECT any_value(k.k) || '|' || round(100 * sum(spend) FILTER (WHERE rank <= k.k) / sum(greatest(spend, 0)), 1) FROM r, k`,
  );
  expect(percent(tiles['Top 20 % revenue share'].value)).toBe(round1(topShare));
  expect(tiles['Top 20 % revenue share'].detail).toBe(`from the top ${int(topCustomers).toLocaleString('en-US')} customers by spend`);

  // Cooling or lapsed = last order more than `coolingDays` before the analysis date; the window is the
  // 12 months before that date, the first day in, the analysis date itself out.
  const [firstDay, lastDay, atRisk, atRiskCustomers, atRiskShare] = await sqlRow(
    app,
    `WITH a AS (SELECT ${DATE} AS day),
    risk AS (SELECT customer_id FROM orders, a GROUP BY customer_id, a.day HAVING a.day - CAST(max(order_date) AS DATE) > ${settings.coolingDays}),
    w AS (
      SELECT o.customer_id, o.amount, o.customer_id IN (SELECT customer_id FROM risk) AS at_risk FROM orders o, a
      WHERE CAST(o.order_date AS DATE) >= a.day - INTERVAL 1 YEAR AND CAST(o.order_date AS DATE) < a.day
    )
    SELECT strftime(any_value(a.day) - INTERVAL 1 YEAR, '%Y-%m-%d') || '|' || strftime(any_value(a.day) - 1, '%Y-%m-%d')
      || '|' || CAST(sum(amount) FILTER (WHERE at_risk) AS VARCHAR) || '|' || count(DISTINCT customer_id) FILTER (WHERE at_risk)
      || '|' || round(100 * sum(amount) FILTER (WHERE at_risk) / sum(amount), 1)
    FROM w, a`,
  );
  const risk = tiles['Revenue at risk'];
  expect(amount(risk.value)).toBe(amount(atRisk));
  expect(risk.detail).toBe(
    `${round1(atRiskShare)} % of the last 12 months’ revenue, from ${int(atRiskCustomers).toLocaleString('en-US')} customers`,
  );
  expect(risk.text).toContain(`Orders from ${firstDay} to ${lastDay}`);

  // The segment each customer is in is the analysis's own (RFM scoring is tested apart): counted here.
  const bySegment = new Map(
    (
      await sqlRows(
        app,
        `SELECT rfm_segment || '|' || count(*) FROM customers WHERE rfm_segment IS NOT NULL GROUP BY rfm_segment ORDER BY count(*) DESC`,
      )
    ).map(([name, n]) => [name, Number(n)]),
  );
  expect(seen.segments).toHaveLength(5);
  expect(seen.segments.map((s) => int(s[1]))).toEqual([...bySegment.values()].slice(0, 5));
  for (const [name, count, share, action] of seen.segments) {
    expect(int(count)).toBe(bySegment.get(name));
    expect(percent(share)).toBe(Number((100 * (int(count) / Number(buyers))).toFixed(1)));
    expect(action).toBe(STANDARD_SEGMENTS.find((s) => s.name === name)!.action);
  }

  const stages = await sqlRows(
    app,
    `WITH a AS (SELECT ${DATE} AS day),
    c AS (
      SELECT a.day - CAST(max(order_date) AS DATE) AS recency, a.day - CAST(min(order_date) AS DATE) AS tenure, count(*) AS n
      FROM orders, a GROUP BY customer_id, a.day
    ),
    s AS (
      SELECT CASE WHEN recency > ${settings.lapsedDays} THEN 'lapsed' WHEN recency > ${settings.coolingDays} THEN 'cooling'
        WHEN tenure <= ${settings.newDays} THEN 'new' WHEN n >= 2 THEN 'repeat' ELSE 'active' END AS stage FROM c
      UNION ALL
      SELECT 'never purchased' FROM customer_attributes x WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = x.customer_id)
    )
    SELECT stage || '|' || count(*) || '|' || round(100 * count(*) / sum(count(*)) OVER (), 1) FROM s GROUP BY stage ORDER BY stage`,
  );
  const shownStages = seen.lifecycle.filter((s) => int(s[1]) > 0).map(([stage, n, share]) => [stage, int(n), percent(share)]);
  expect(shownStages.sort()).toEqual(stages.map(([stage, n, share]) => [stage, Number(n), round1(share)]).sort());

  const months = await sqlRows(
    app,
    `SELECT month || '|' || CAST(revenue AS VARCHAR) || '|' || customers FROM (
      SELECT strftime(order_date, '%Y-%m') AS month, sum(amount) AS revenue, count(DISTINCT customer_id) AS customers FROM orders GROUP BY month
    ) ORDER BY month`,
  );
  expect(seen.months.map(([month, r, n]) => [month, amount(r), int(n)])).toEqual(
    months.map(([month, r, n]) => [month, amount(r), Number(n)]),
  );
  return seen;
}

test('the sample: every number on the Overview equals SQL over the loaded orders', async ({ app }) => {
  await app.open('?sample=retail-v1');
  const seen = await expectOverviewEqualsSql(app);
  // The sample has a customers file: its never-purchased customers are in the mix and named.
  expect(seen.tiles.Customers.detail).toMatch(/never purchased$/);
  expect(seen.lifecycle.map((s) => s[0])).toContain('never purchased');
});

test('the sample, analysed as of a date before its last order with cooling after 60 days: the Overview follows', async ({ app, page }) => {
  await app.open('?sample=retail-v1');
  await readOverview(app);
  await app.section('Value & lifecycle');
  const cooling = page.getByRole('region', { name: 'Lifecycle stages' }).getByRole('spinbutton', { name: 'Cooling after (days)' });
  await cooling.fill('60');
  await cooling.press('Enter');
  await app.section('RFM');
  const date = page.getByRole('region', { name: 'RFM analysis' }).getByRole('textbox', { name: 'Analysis date' });
  await date.fill('2024-07-01');
  await date.press('Enter');
  await app.section('Overview');
  // The last edit's result holds both edits: wait for it, then compare everything again.
  await expect(page.getByRole('region', { name: 'Overview' }).getByRole('article', { name: 'Revenue at risk' })).toContainText(
    'Orders from 2023-07-01 to 2024-06-30 (the 12 months before the analysis date 2024-07-01',
  );
  await expectOverviewEqualsSql(app, { ...DEFAULTS, date: `DATE '2024-07-01'`, coolingDays: 60 });
});

test.describe('Online Retail', () => {
  test.skip(!hasShared, `../shared/data is absent (${SHARED}); this test needs the public datasets`);

  test('every number on the Overview equals SQL over the loaded orders', async ({ app }) => {
    await app.open();
    await app.chooseFiles(path.join(SHARED, 'data/online-retail/online-retail.csv.gz'));
    await app.load();
    const seen = await expectOverviewEqualsSql(app);
    expect(int(seen.tiles.Customers.value)).toBe(4_339);
    // The data end on 2011-12-09: the chart's note says the last month is partial.
    await app.section('Overview');
    await expect(app.page.getByRole('region', { name: 'Overview' })).toContainText('the last month holds only part of a month');
  });
});
