import { expect, test } from './fixtures.ts';

const count = (text: string) => Number(text.replace(/,/g, ''));

test.beforeEach(async ({ app, page }) => {
  await app.open('?sample=retail-v1');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
});

test('a new segment is named by typing, "Add condition" takes focus to the new row, "Show members" to the list', async ({ app, page }) => {
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  // The default name is selected: typing replaces it, no select-all first.
  await page.keyboard.type('Big spenders');
  const segment = page.getByRole('region', { name: 'Big spenders', exact: true });
  await expect(segment.getByRole('textbox', { name: 'Name' })).toHaveValue('Big spenders');

  // "Add condition" by keyboard: focus lands on the new row's first control, the column.
  await segment.getByRole('button', { name: 'Add condition' }).focus();
  await page.keyboard.press('Enter');
  const conditions = segment.getByRole('group', { name: 'Condition', exact: true });
  await expect(conditions.nth(0).getByRole('combobox', { name: 'Column' })).toBeFocused();
  await segment.getByRole('button', { name: 'Add condition' }).click();
  await expect(conditions).toHaveCount(2);
  await expect(conditions.nth(1).getByRole('combobox', { name: 'Column' })).toBeFocused();
  // The same for a group and an order condition: their first control.
  await segment.getByRole('button', { name: 'Add group' }).first().click();
  await expect(segment.getByRole('group', { name: 'Group of conditions' }).getByRole('combobox', { name: 'Match' })).toBeFocused();
  await segment.getByRole('button', { name: 'Add order condition' }).first().click();
  await expect(segment.getByRole('spinbutton', { name: 'Minimum number of orders' })).toBeFocused();

  // A template's default name is selected too.
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  const template = page.getByRole('region', { name: 'One-time buyers', exact: true });
  await expect(template.getByRole('textbox', { name: 'Name' })).toBeFocused();
  expect(
    await template
      .getByRole('textbox', { name: 'Name' })
      .evaluate((i: HTMLInputElement) => i.value.slice(i.selectionStart!, i.selectionEnd!)),
  ).toBe('One-time buyers');

  await template.getByRole('button', { name: 'Show members' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Members' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Members' }).getByRole('heading')).toHaveText('Members of One-time buyers');
});

test('a template still reading the data leaves the focus, and the typing, to whoever has moved on', async ({ app, page }) => {
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Mine');
  const mine = page.getByRole('region', { name: 'Mine', exact: true });
  // The engine busy with a long query: the template's reading of the data waits behind it.
  await app.section('SQL');
  const console = page.getByRole('region', { name: 'SQL console' });
  await console.getByLabel('SQL').fill('SELECT count(*) FROM range(400000000) a WHERE a.range % 7 = 3');
  await console.getByRole('button', { name: 'Run query' }).click();
  await app.section('Segments');
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  await mine.getByRole('textbox', { name: 'Description' }).click();
  await page.keyboard.type('typed while it reads');
  await expect(page.getByRole('region', { name: 'One-time buyers', exact: true })).toBeVisible();
  await expect(mine.getByRole('textbox', { name: 'Description' })).toBeFocused();
  await expect(mine.getByRole('textbox', { name: 'Description' })).toHaveValue('typed while it reads');
  await app.section('SQL');
  await expect(console).toHaveAttribute('aria-busy', 'false');
});

test("the overlap buttons' names carry the customers in both, the share of the row segment and the Jaccard index", async ({
  app,
  page,
}) => {
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  const templates = panel.getByRole('group', { name: 'Templates' });
  await templates.getByRole('button', { name: 'One-time buyers' }).click();
  await expect(page.getByRole('region', { name: 'One-time buyers', exact: true }).getByTestId('member-count')).toBeVisible();
  await app.section('SQL');
  const [oneTime] = await app.sqlColumn('SELECT count(*) FROM customers WHERE frequency = 1');
  await app.section('Segments');
  await panel.getByRole('button', { name: 'Add SQL segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Mobile');
  const sql = page.getByRole('region', { name: 'Mobile', exact: true });
  await sql.getByRole('textbox', { name: 'SQL condition or query' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type("device = 'mobile'");
  await expect(sql.getByTestId('member-count')).toBeVisible();
  await app.section('SQL');
  const [mobile] = await app.sqlColumn("SELECT count(*) FROM customers WHERE device = 'mobile'");
  const [both] = await app.sqlColumn("SELECT count(*) FROM customers WHERE frequency = 1 AND device = 'mobile'");

  await app.section('Segments');
  const matrix = page.getByRole('table', { name: 'Overlap matrix' });
  await expect(matrix.getByRole('button', { name: /^Show customers in Mobile:/ })).toBeVisible();
  const formatCount = (n: string) => Number(n).toLocaleString('en-US');
  const percent = (part: string, whole: string) => `${(Math.round((1000 * Number(part)) / Number(whole)) / 10).toLocaleString('en-US')} %`;
  const union = Number(oneTime) + Number(mobile) - Number(both);
  const jaccard = (Number(both) / union).toFixed(2);
  await expect(
    matrix.getByRole('button', { name: `Show customers in One-time buyers: ${formatCount(oneTime)} customers`, exact: true }),
  ).toBeVisible();
  await expect(
    matrix.getByRole('button', {
      name: `Show customers in One-time buyers and Mobile: ${formatCount(both)} customers, ${percent(both, oneTime)} of One-time buyers, Jaccard index ${jaccard}`,
      exact: true,
    }),
  ).toBeVisible();
  await expect(
    matrix.getByRole('button', {
      name: `Show customers in Mobile and One-time buyers: ${formatCount(both)} customers, ${percent(both, mobile)} of Mobile, Jaccard index ${jaccard}`,
      exact: true,
    }),
  ).toBeVisible();
  // A cell's button takes focus to the list it opens.
  await matrix.getByRole('button', { name: /^Show customers in Mobile and One-time buyers:/ }).press('Enter');
  await expect(page.getByRole('region', { name: 'Members' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Members' }).getByTestId('member-range')).toContainText(`of ${formatCount(both)}`);
});

test('the R × F grid of the segment map is one tab stop; arrows, Home and End move inside, and the active cell keeps its place', async ({
  app,
  page,
}) => {
  await app.section('RFM');
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  const grid = rfm.getByRole('grid', { name: 'Recency × frequency cells for M = 5' });
  await expect(grid.getByRole('columnheader', { name: 'F 3' })).toBeVisible();
  await expect(grid.getByRole('rowheader', { name: 'R 2' })).toBeVisible();
  await expect(grid.getByRole('gridcell')).toHaveCount(25);

  // Tab from the monetary select enters the grid once, at its top-left cell (R 5, F 1)…
  await rfm.getByLabel('Monetary score').focus();
  await page.keyboard.press('Tab');
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  expect(await focusedName()).toMatch(/^R 5, F 1, cell 515: [^,]+, [\d,]+ customers\. Assign to /);
  // …and the next Tab leaves it: one tab stop.
  await page.keyboard.press('Tab');
  expect(await focusedName()).not.toMatch(/^R \d, F \d/);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedName()).toMatch(/^R 5, F 1,/);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focusedName()).toMatch(/^R 5, F 3,/);
  await page.keyboard.press('ArrowDown');
  expect(await focusedName()).toMatch(/^R 4, F 3,/);
  await page.keyboard.press('End');
  expect(await focusedName()).toMatch(/^R 4, F 5,/);
  // At an edge, an arrow stays put.
  await page.keyboard.press('ArrowRight');
  expect(await focusedName()).toMatch(/^R 4, F 5,/);
  await page.keyboard.press('Home');
  expect(await focusedName()).toMatch(/^R 4, F 1,/);
  await page.keyboard.press('Control+End');
  expect(await focusedName()).toMatch(/^R 1, F 5,/);
  await page.keyboard.press('Control+Home');
  expect(await focusedName()).toMatch(/^R 5, F 1,/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  expect(await focusedName()).toMatch(/^R 3, F 2,/);

  // Leaving and coming back returns to the same cell; only it is in the tab order.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedName()).toMatch(/^R 3, F 2,/);
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);

  // Enter paints the active cell with the brush, and focus stays on it.
  await rfm.getByRole('radio', { name: 'Loyal', exact: true }).check();
  await grid.getByRole('button', { name: /^R 3, F 2,/ }).focus();
  const before = count((await focusedName()).match(/([\d,]+) customers/)![1]);
  await page.keyboard.press('Enter');
  await expect(grid.getByRole('button', { name: /^R 3, F 2, cell 325: Loyal, / })).toBeFocused();
  expect(count((await focusedName()).match(/([\d,]+) customers/)![1])).toBe(before);
});
