import { expect, test, WorkbenchPage } from './fixtures.ts';

const formatCount = (n: number) => n.toLocaleString('en-US');

/** One number from the SQL console: what the engine itself says. */
async function sqlCount(app: WorkbenchPage, query: string): Promise<number> {
  const [value] = await app.sqlColumn(query);
  return Number(value);
}

// Mobile big spenders, written out without the segment: NULL (no device) counts as not in it.
const MOBILE_BIG = "coalesce(device = 'mobile' AND monetary >= 500, false)";

test('a segment built from a segment: "is in" and "is not in" count what the SQL console counts; renaming keeps it, a cycle and a deletion are named', async ({
  app,
  page,
}) => {
  await app.openAnalysedSample();
  // Segment A, by rules.
  const a = await app.addSegment('rule', 'Mobile big spenders');
  const panel = await app.segmentsPanel();
  // With no other segment there is nothing to be in: the button is not offered.
  await expect(a.getByRole('button', { name: 'Add segment condition' })).toHaveCount(0);
  await a.getByRole('button', { name: 'Add condition' }).click();
  const device = a.getByRole('group', { name: 'Condition', exact: true }).nth(0);
  await device.getByLabel('Column').selectOption('device');
  await device.getByLabel('Value', { exact: true }).fill('mobile');
  await device.getByLabel('Value', { exact: true }).press('Enter');
  await a.getByRole('button', { name: 'Add condition' }).click();
  const spend = a.getByRole('group', { name: 'Condition', exact: true }).nth(1);
  await spend.getByLabel('Operator').selectOption({ label: '≥' });
  await spend.getByLabel('Value', { exact: true }).fill('500');
  await spend.getByLabel('Value', { exact: true }).press('Enter');
  const aCount = await sqlCount(app, `SELECT count(*) FROM customers WHERE ${MOBILE_BIG}`);
  await expect(a.getByTestId('member-count')).toHaveText(formatCount(aCount));

  // Segment B = "is in A" AND country = DE, by keyboard: the new rule's first control takes the focus.
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('German mobile big spenders');
  const b = page.getByRole('region', { name: 'German mobile big spenders', exact: true });
  await b.getByRole('button', { name: 'Add segment condition' }).focus();
  await page.keyboard.press('Enter');
  const reference = b.getByRole('group', { name: 'Segment condition' });
  const membership = reference.getByRole('combobox', { name: 'Customer' });
  await expect(membership).toBeFocused();
  await expect(membership).toHaveValue('in');
  const target = reference.getByRole('combobox', { name: 'Segment' });
  // Every other segment by name, and not B itself.
  await expect(target.getByRole('option')).toHaveText(['Mobile big spenders']);
  await b.getByRole('button', { name: 'Add condition' }).click();
  const country = b.getByRole('group', { name: 'Condition', exact: true });
  await country.getByLabel('Column').selectOption('country');
  await country.getByLabel('Value', { exact: true }).fill('DE');
  await country.getByLabel('Value', { exact: true }).press('Enter');

  const inCount = await sqlCount(app, `SELECT count(*) FROM customers WHERE ${MOBILE_BIG} AND country = 'DE'`);
  expect(inCount).toBeGreaterThan(0);
  await expect(b.getByTestId('member-count')).toHaveText(formatCount(inCount));
  // The KPI table, from the analysis of every segment, agrees.
  await expect(page.getByRole('table', { name: 'Segment KPIs' }).getByRole('row', { name: /^German mobile big spenders/ })).toContainText(
    formatCount(inCount),
  );
  // The compiled SQL shows A's own predicate, named.
  await b.getByText('Show SQL').click();
  const sql = b.getByLabel('SQL of German mobile big spenders');
  await expect(sql).toContainText('customer_id IN (/* segment "Mobile big spenders" */ SELECT customer_id FROM customers WHERE');

  // "Is not in", chosen by keyboard.
  await membership.focus();
  await page.keyboard.press('ArrowDown');
  await expect(membership).toHaveValue('not_in');
  const notInCount = await sqlCount(app, `SELECT count(*) FROM customers WHERE NOT ${MOBILE_BIG} AND country = 'DE'`);
  expect(notInCount).toBeGreaterThan(0);
  await expect(b.getByTestId('member-count')).toHaveText(formatCount(notInCount));
  await expect(sql).toContainText('customer_id NOT IN (/* segment "Mobile big spenders" */');
  await membership.selectOption('in');
  await expect(b.getByTestId('member-count')).toHaveText(formatCount(inCount));

  // A's edit reaches B.
  await spend.getByLabel('Value', { exact: true }).fill('1000');
  await spend.getByLabel('Value', { exact: true }).press('Enter');
  const editedCount = await sqlCount(
    app,
    "SELECT count(*) FROM customers WHERE coalesce(device = 'mobile' AND monetary >= 1000, false) AND country = 'DE'",
  );
  expect(editedCount).toBeLessThan(inCount);
  await expect(b.getByTestId('member-count')).toHaveText(formatCount(editedCount));
  await spend.getByLabel('Value', { exact: true }).fill('500');
  await spend.getByLabel('Value', { exact: true }).press('Enter');
  await expect(b.getByTestId('member-count')).toHaveText(formatCount(inCount));

  // Renaming A keeps B working (by id), under the new name.
  await a.getByLabel('Name').fill('Mobile VIPs');
  const vips = page.getByRole('region', { name: 'Mobile VIPs', exact: true });
  await expect(target.locator('option:checked')).toHaveText('Mobile VIPs');
  await expect(sql).toContainText('/* segment "Mobile VIPs" */');
  await expect(b.getByTestId('member-count')).toHaveText(formatCount(inCount));

  // A cycle: A is in B, which is in A. Both say which segments make it.
  await vips.getByRole('button', { name: 'Add segment condition' }).click();
  const back = vips.getByRole('group', { name: 'Segment condition' });
  await expect(back.getByRole('combobox', { name: 'Segment' })).toHaveValue(/.+/);
  await expect(vips.getByRole('status', { name: 'Problem with Mobile VIPs' })).toContainText(
    'Segment cycle: Mobile VIPs → German mobile big spenders → Mobile VIPs',
  );
  await expect(b.getByRole('status', { name: 'Problem with German mobile big spenders' })).toContainText(
    'Segment cycle: German mobile big spenders → Mobile VIPs → German mobile big spenders',
  );
  // Removing the rule ends the cycle: both count again.
  await back.getByRole('button', { name: 'Remove segment condition' }).click();
  await expect(vips.getByTestId('member-count')).toHaveText(formatCount(aCount));
  await expect(b.getByTestId('member-count')).toHaveText(formatCount(inCount));

  // Deleting A: B says A no longer exists, by name, and keeps the rule to change.
  await vips.getByRole('button', { name: 'Remove Mobile VIPs' }).click();
  await expect(b.getByRole('status', { name: 'Problem with German mobile big spenders' })).toContainText(
    'Segment "Mobile VIPs" no longer exists',
  );
  await expect(target.locator('option:checked')).toHaveText('Mobile VIPs (missing)');
});
