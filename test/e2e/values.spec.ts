import { expect, test, type WorkbenchPage } from './fixtures.ts';
import { formatAmount, formatRounded } from '../../src/lib/format.ts';

/** DuckDB's own text for one value, through the SQL console: what the page must show. */
async function engineText(app: WorkbenchPage, sql: string): Promise<string> {
  const [value] = await app.sqlColumn(sql);
  return value;
}

test('values on screen are the engine values: console, RFM and tier revenue, KPIs, members, value picker', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.open('?sample=retail-v1');
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });

  // The console's default query: a customer's revenue as DuckDB writes the DECIMAL sum (it has cents).
  await app.section('SQL');
  const console = page.getByRole('region', { name: 'SQL console' });
  await console.getByRole('button', { name: 'Run query' }).click();
  await expect(console).toHaveAttribute('aria-busy', 'false');
  const firstRow = console.getByRole('table', { name: 'Query result' }).locator('tbody tr').first().locator('td');
  const [id, , revenue] = await firstRow.allInnerTexts();
  const expectedRevenue = await engineText(app, `SELECT CAST(sum(amount) AS VARCHAR) FROM orders WHERE customer_id = '${id}'`);
  expect(revenue).toBe(expectedRevenue);

  // RFM table and value tier: each revenue exactly, as money.
  const champions = await engineText(app, `SELECT CAST(sum(monetary) AS VARCHAR) FROM customers WHERE rfm_segment = 'Champions'`);
  await app.section('RFM');
  await expect(page.getByTestId('segment-revenue-Champions')).toHaveText(formatAmount(champions));
  const platinum = await engineText(app, `SELECT CAST(sum(monetary) AS VARCHAR) FROM customers WHERE value_tier = 'Platinum'`);
  await app.section('Value & lifecycle');
  await expect(page.getByTestId('Value tier-revenue-Platinum')).toHaveText(formatAmount(platinum));

  // KPI revenue (exact) and AOV (revenue ÷ orders, rounded as the export rounds) of a segment.
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  const kpiRow = page.getByRole('table', { name: 'Segment KPIs' }).getByRole('row', { name: /^One-time buyers/ });
  const oneTime = `frequency = 1`;
  const kpiRevenue = await engineText(app, `SELECT CAST(sum(monetary) AS VARCHAR) FROM customers WHERE ${oneTime}`);
  await expect(kpiRow.getByTestId('kpi-revenue')).toHaveText(formatAmount(kpiRevenue));
  const aov = await engineText(
    app,
    `SELECT CAST(CAST(round(sum(monetary) / sum(frequency), 2) AS DECIMAL(38,2)) AS VARCHAR) FROM customers WHERE ${oneTime}`,
  );
  await expect(kpiRow.getByTestId('kpi-aov')).toContainText(formatAmount(aov));

  // A member's monetary and last purchase.
  const member = await engineText(app, `SELECT customer_id FROM customers WHERE ${oneTime} ORDER BY monetary DESC, customer_id LIMIT 1`);
  await panel.getByRole('region', { name: 'One-time buyers', exact: true }).getByRole('button', { name: 'Show members' }).click();
  const members = page.getByRole('region', { name: 'Members' });
  await members.getByLabel('Search members').fill(member);
  await expect(members.getByTestId('member-range')).toHaveText('Showing 1–1 of 1');
  const list = members.getByRole('table', { name: 'Member list' });
  const headers = await list.locator('thead th').allInnerTexts();
  const cells = await list.locator('tbody tr').first().locator('td').allInnerTexts();
  const cell = (name: string) => cells[headers.findIndex((h) => h.replace(/ [▲▼]$/, '') === name)];
  expect(cell('monetary')).toBe(
    formatAmount(await engineText(app, `SELECT CAST(monetary AS VARCHAR) FROM customers WHERE customer_id = '${member}'`)),
  );
  expect(cell('last_purchase')).toBe(
    await engineText(app, `SELECT CAST(last_purchase AS VARCHAR) FROM customers WHERE customer_id = '${member}'`),
  );
  expect(cell('aov')).toBe(formatRounded(Number(await engineText(app, `SELECT aov FROM customers WHERE customer_id = '${member}'`))));

  // A profile's mean and median of monetary, in the segment and overall (two places, DuckDB's rounding).
  await page.getByRole('region', { name: 'Segment profile' }).getByLabel('Profile of segment').selectOption({ label: 'One-time buyers' });
  const rounded = async (aggregate: string, where: string) =>
    formatAmount(
      await engineText(
        app,
        `SELECT CAST(CAST(round(${aggregate}(monetary::DOUBLE), 2) AS DECIMAL(38,2)) AS VARCHAR) FROM customers WHERE ${where}`,
      ),
    );
  await expect(page.getByRole('list', { name: 'Profile highlights' })).toContainText(
    `monetary: mean ${await rounded('avg', oneTime)} in One-time buyers vs ${await rounded('avg', 'true')} overall; median ${await rounded('median', oneTime)} vs ${await rounded('median', 'true')}.`,
  );

  // A value picker's range and 90th percentile, for monetary.
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  const rule = page.getByRole('region', { name: 'Segment 2', exact: true });
  await rule.getByRole('button', { name: 'Add condition' }).first().click();
  await rule.getByLabel('Column', { exact: true }).last().selectOption('monetary');
  const trimmed = (expr: string) => `CASE WHEN contains(${expr}, '.') THEN rtrim(rtrim(${expr}, '0'), '.') ELSE ${expr} END`;
  const lo = await engineText(app, `SELECT ${trimmed('CAST(min(monetary) AS VARCHAR)')} FROM customers`);
  const hi = await engineText(app, `SELECT ${trimmed('CAST(max(monetary) AS VARCHAR)')} FROM customers`);
  const p90 = await engineText(app, `SELECT CAST(round(quantile_cont(monetary::DOUBLE, 0.9), 2) AS VARCHAR) FROM customers`);
  // The picker shows while the value field has the focus (the console, a section away, took it above).
  await rule.getByLabel('Value', { exact: true }).last().focus();
  await expect(rule).toContainText(`Range ${lo} to ${hi}`);
  await expect(rule).toContainText(`90th percentile ${p90}`);
});

test('the analysis date is typed and shown as YYYY-MM-DD; a day that does not exist is refused', async ({ app, page }) => {
  await app.open('?sample=retail-v1');
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  await app.section('RFM');
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  const field = rfm.getByRole('textbox', { name: 'Analysis date' });
  const shown = await rfm.getByTestId('analysis-date').innerText();
  expect(shown).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(field).toHaveValue(shown);
  await field.fill('2024-02-30');
  await field.press('Enter');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(rfm.getByRole('status').filter({ hasText: 'Not a date' })).toBeVisible();
  await expect(rfm.getByTestId('analysis-date')).toHaveText(shown);
  await field.fill('2024-02-29');
  await field.press('Enter');
  await expect(rfm.getByTestId('analysis-date')).toHaveText('2024-02-29');
  await expect(field).toHaveValue('2024-02-29');
});
