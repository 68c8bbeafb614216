import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, WorkbenchPage } from './fixtures.ts';

const formatCount = (n: number) => n.toLocaleString('en-US');

/** One number from the SQL console: what the engine itself says. */
async function sqlCount(app: WorkbenchPage, query: string): Promise<number> {
  const [value] = await app.sqlColumn(query);
  return Number(value);
}

/** A digest of the sorted ids a WHERE selects, computed by the engine. */
async function idsDigest(app: WorkbenchPage, where: string): Promise<string> {
  const [md5] = await app.sqlColumn(`SELECT md5(string_agg(customer_id, ',' ORDER BY customer_id)) FROM customers WHERE ${where}`);
  return md5;
}
const md5 = (ids: string[]) =>
  createHash('md5')
    .update([...ids].sort().join(','))
    .digest('hex');

test('a marketer builds rule, SQL and template segments on the sample, reads KPIs, overlap and profile, and exports members', async ({
  app,
  page,
}) => {
  await app.openAnalysedSample();
  const rules = await app.addSegment('rule', 'Mobile big spenders');
  const panel = await app.segmentsPanel();
  await rules.getByRole('button', { name: 'Add condition' }).focus();
  await page.keyboard.press('Enter');
  const device = rules.getByRole('group', { name: 'Condition', exact: true }).nth(0);
  await device.getByLabel('Column').selectOption('device');
  await expect(device.getByLabel('Operator')).toHaveValue('eq');
  // The value picker offers the column's common values.
  await device.getByRole('button', { name: 'Use value mobile' }).click();
  await rules.getByRole('button', { name: 'Add condition' }).click();
  const spend = rules.getByRole('group', { name: 'Condition', exact: true }).nth(1);
  await expect(spend.getByLabel('Column')).toHaveValue('monetary');
  await spend.getByLabel('Operator').selectOption({ label: '≥' });
  await spend.getByLabel('Value', { exact: true }).fill('500');
  await spend.getByLabel('Value', { exact: true }).press('Enter');
  const ruleWhere = "device = 'mobile' AND monetary >= 500";
  const ruleCount = await sqlCount(app, `SELECT count(*) FROM customers WHERE ${ruleWhere}`);
  // Python over the sample files: 641 customers-file customers on mobile with loaded lines summing to ≥ 500.
  expect(ruleCount).toBe(641);
  await expect(rules.getByTestId('member-count')).toHaveText(formatCount(ruleCount));
  // Its generated SQL is there to read.
  await rules.getByText('Show SQL').click();
  await expect(rules.getByLabel('SQL of Mobile big spenders')).toContainText('WHERE ("device" = \'mobile\'');

  // The count follows an edit.
  await spend.getByLabel('Value', { exact: true }).fill('1000');
  await spend.getByLabel('Value', { exact: true }).press('Enter');
  const editedCount = await sqlCount(app, "SELECT count(*) FROM customers WHERE device = 'mobile' AND monetary >= 1000");
  await expect(rules.getByTestId('member-count')).toHaveText(formatCount(editedCount));
  await spend.getByLabel('Value', { exact: true }).fill('500');
  await spend.getByLabel('Value', { exact: true }).press('Enter');
  await expect(rules.getByTestId('member-count')).toHaveText(formatCount(ruleCount));

  // A SQL segment, typed into the editor.
  await panel.getByRole('button', { name: 'Add SQL segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('German repeat buyers');
  const sql = page.getByRole('region', { name: 'German repeat buyers', exact: true });
  const editor = sql.getByRole('textbox', { name: 'SQL condition or query' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type("country = 'DE' AND frequency >= 2");
  await expect(editor).toHaveText("country = 'DE' AND frequency >= 2");
  const sqlWhere = "country = 'DE' AND frequency >= 2";
  const sqlSegmentCount = await sqlCount(app, `SELECT count(*) FROM customers WHERE ${sqlWhere}`);
  // …and 221 in DE with 2 or more orders.
  expect(sqlSegmentCount).toBe(221);
  await expect(sql.getByTestId('member-count')).toHaveText(formatCount(sqlSegmentCount));

  // A template, one click.
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  const oneTime = page.getByRole('region', { name: 'One-time buyers', exact: true });
  await expect(oneTime.getByTestId('member-count')).toHaveText(
    formatCount(await sqlCount(app, 'SELECT count(*) FROM customers WHERE frequency = 1')),
  );

  // Analysis against the base.
  const kpis = page.getByRole('table', { name: 'Segment KPIs' });
  const base = await sqlCount(app, 'SELECT count(*) FROM customers');
  await expect(kpis.getByRole('row', { name: /^All customers/ })).toContainText(formatCount(base));
  await expect(kpis.getByRole('row', { name: /^Mobile big spenders/ })).toContainText(formatCount(ruleCount));
  await expect(kpis.getByRole('row', { name: /^German repeat buyers/ })).toContainText(formatCount(sqlSegmentCount));

  // Overlap: the cell of the two segments lists the customers in both.
  const both = await sqlCount(app, `SELECT count(*) FROM customers WHERE ${ruleWhere} AND ${sqlWhere}`);
  await page
    .getByRole('table', { name: 'Overlap matrix' })
    .getByRole('button', { name: 'Show customers in Mobile big spenders and German repeat buyers' })
    .click();
  const members = page.getByRole('region', { name: 'Members' });
  await expect(members.getByRole('heading')).toHaveText('Members of Mobile big spenders and German repeat buyers');
  await expect(members.getByTestId('member-range')).toHaveText(
    both ? `Showing 1–${Math.min(both, 50)} of ${formatCount(both)}` : 'No customers match.',
  );

  // The member list pages, sorts and searches.
  await panel.getByRole('region', { name: 'One-time buyers', exact: true }).getByRole('button', { name: 'Show members' }).click();
  await expect(members.getByRole('heading')).toHaveText('Members of One-time buyers');
  await members.getByRole('button', { name: 'Next page' }).click();
  await expect(members.getByTestId('member-range')).toContainText('Showing 51–100 of');
  await members.getByRole('button', { name: 'monetary' }).click();
  await members.getByRole('button', { name: 'monetary ▲' }).click();
  await expect(members.getByRole('columnheader', { name: 'monetary ▼' })).toHaveAttribute('aria-sort', 'descending');
  const top = await sqlColumn1(
    app,
    'SELECT customer_id FROM customers WHERE frequency = 1 ORDER BY monetary DESC NULLS LAST, customer_id LIMIT 1',
  );
  await expect(members.getByRole('table', { name: 'Member list' }).locator('tbody tr').first().locator('td').first()).toHaveText(top);
  await members.getByLabel('Search members').fill(top);
  await expect(members.getByTestId('member-range')).toHaveText('Showing 1–1 of 1');

  // Profile: the segment's device mix against the base.
  await page
    .getByRole('region', { name: 'Segment profile' })
    .getByLabel('Profile of segment')
    .selectOption({ label: 'Mobile big spenders' });
  await expect(page.getByRole('list', { name: 'Profile highlights' })).toContainText('device: 100 % mobile in Mobile big spenders');

  // Export one segment's members: exactly the customers the SQL selects, ids unchanged.
  await rules.getByRole('button', { name: 'Export members' }).click();
  const exported = await app.downloadCsv(rules.getByRole('button', { name: /^Download/ }));
  expect(exported).toHaveLength(ruleCount);
  expect(md5(exported.map((r) => r.customer_id))).toBe(await idsDigest(app, ruleWhere));

  // Export everyone with one true/false column per segment.
  const all = await app.downloadCsv(panel.getByRole('button', { name: 'Export all customers with segment columns' }));
  expect(all).toHaveLength(base);
  expect(all.filter((r) => r['Mobile big spenders'] === 'true')).toHaveLength(ruleCount);
  expect(all.filter((r) => r['German repeat buyers'] === 'true')).toHaveLength(sqlSegmentCount);
  expect(md5(all.filter((r) => r['German repeat buyers'] === 'true').map((r) => r.customer_id))).toBe(await idsDigest(app, sqlWhere));
});

async function sqlColumn1(app: WorkbenchPage, query: string): Promise<string> {
  return (await app.sqlColumn(query))[0];
}

test('SQL with an error or a refused statement marks only that segment invalid, and the data is unchanged', async ({ app, page }) => {
  await app.openAnalysedSample();
  const orders = await sqlCount(app, 'SELECT count(*) FROM orders');
  const panel = await app.segmentsPanel();
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  await expect(page.getByRole('region', { name: 'One-time buyers', exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Add SQL segment' }).click();
  const segment = page.getByRole('region', { name: 'SQL segment 2', exact: true });
  const editor = segment.getByRole('textbox', { name: 'SQL condition or query' });

  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('no_such_column > 1');
  // A column the data lacks is not an invalid segment: it needs the column (test/e2e/needs-column.spec.ts).
  await expect(segment.getByRole('status', { name: 'Problem with SQL segment 2' })).toContainText(
    'Needs column no_such_column — map one in Data, or correct the SQL.',
  );
  await expect(segment.getByRole('status', { name: 'Members of SQL segment 2' })).toContainText('not counted: a column is missing');

  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('no_such_function(1)');
  await expect(segment.getByRole('status', { name: 'Members of SQL segment 2' })).toContainText('invalid');

  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('plan');
  await expect(segment.getByRole('status', { name: 'Problem with SQL segment 2' })).toContainText(/bool/i);

  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('1; DROP TABLE orders');
  await expect(segment.getByRole('status', { name: 'Problem with SQL segment 2' })).toContainText('Refused');
  // The analysis still covers the valid segment and shows the error on the other.
  const kpis = page.getByRole('table', { name: 'Segment KPIs' });
  await expect(kpis.getByRole('row', { name: /^SQL segment 2/ })).toContainText('Error');
  await expect(kpis.getByRole('row', { name: /^One-time buyers/ })).not.toContainText('Error');
  expect(await sqlCount(app, 'SELECT count(*) FROM orders')).toBe(orders);
});

test('counts follow a scoring change; definitions saved to a file open again, and a tampered file opens without its tampered segment', async ({
  app,
  page,
}, testInfo) => {
  await app.openAnalysedSample();
  const panel = await app.segmentsPanel();
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'Frequent low-value buyers' }).click();
  const segment = page.getByRole('region', { name: 'Frequent low-value buyers', exact: true });
  // `main.customers` is the view itself, so this count cannot come from the page's cached copy.
  const where = 'f_score >= 4 AND m_score <= 2';
  const ntile = await sqlCount(app, `SELECT count(*) FROM main.customers WHERE ${where}`);
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(ntile));

  await app.section('RFM');
  await page.getByRole('region', { name: 'RFM analysis' }).getByLabel('Scoring method').selectOption('breakpoints');
  await expect(page.getByRole('table', { name: 'Score cut points' })).toContainText('Tie-consistent');
  const breakpoints = await sqlCount(app, `SELECT count(*) FROM main.customers WHERE ${where}`);
  expect(breakpoints).not.toBe(ntile);
  await app.section('Segments');
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(breakpoints));

  const saved = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save segment definitions' }).click();
  const file = testInfo.outputPath('segments.json');
  await (await saved).saveAs(file);

  await app.open('?sample=retail-v1');
  // This browser kept the work above (breakpoints, the segment) for the sample: start from the defaults.
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('region', { name: 'RFM analysis' }).getByLabel('Scoring method')).toHaveValue('ntile');
  await app.section('Segments');
  await expect(panel.locator('[data-segment]')).toHaveCount(0);
  await panel.getByLabel('Open segment definitions').setInputFiles(file);
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(ntile));
  await expect(segment.getByLabel('Description')).toHaveValue(/High frequency score/);

  // A tampered segment is left out, named by its path; the rest of the file opens.
  const tampered = JSON.parse(readFileSync(file, 'utf8'));
  tampered.segments.segments[0].definition.root.rules[0].op = 'drop table';
  tampered.segments.segments.push({ id: 'sound', name: 'Sound', definition: { kind: 'sql', sql: 'frequency = 1' } });
  const bad = testInfo.outputPath('tampered.json');
  writeFileSync(bad, JSON.stringify(tampered));
  await panel.getByLabel('Open segment definitions').setInputFiles(bad);
  await expect(panel.getByRole('alert')).toContainText('spec.segments.segments[0].definition.root.rules[0].op: expected one of');
  const sound = page.getByRole('region', { name: 'Sound', exact: true });
  await expect(sound.getByTestId('member-count')).toHaveText(
    formatCount(await sqlCount(app, 'SELECT count(*) FROM customers WHERE frequency = 1')),
  );
  await expect(segment).toHaveCount(0);
  // With no sound segment left, a file changes nothing.
  tampered.segments.segments.pop();
  writeFileSync(bad, JSON.stringify(tampered));
  await panel.getByLabel('Open segment definitions').setInputFiles(bad);
  await expect(panel.getByRole('alert')).toContainText('tampered.json was not opened, nothing changed: none of its segments can be used.');
  await expect(panel.getByRole('alert')).toContainText('spec.segments.segments[0].definition.root.rules[0].op: expected one of');
  await expect(sound.getByTestId('member-count')).toBeVisible();

  // A file whose SQL segment reuses an id: the editor shows the opened SQL, not the one it had.
  const sqlFile = (sql: string) => {
    const file = testInfo.outputPath(`sql-${sql.length}.json`);
    writeFileSync(
      file,
      JSON.stringify({ version: 1, segments: { segments: [{ id: 's1', name: 'By SQL', definition: { kind: 'sql', sql } }] } }),
    );
    return file;
  };
  const bySql = page.getByRole('region', { name: 'By SQL', exact: true });
  await panel.getByLabel('Open segment definitions').setInputFiles(sqlFile('monetary > 0'));
  await expect(bySql.getByRole('textbox', { name: 'SQL condition or query' })).toHaveText('monetary > 0');
  await panel.getByLabel('Open segment definitions').setInputFiles(sqlFile('frequency = 1'));
  await expect(bySql.getByRole('textbox', { name: 'SQL condition or query' })).toHaveText('frequency = 1');
  await expect(bySql.getByTestId('member-count')).toHaveText(
    formatCount(await sqlCount(app, 'SELECT count(*) FROM customers WHERE frequency = 1')),
  );
});

test('a share link carries the segments and settings to a colleague, who applies them to the data they load', async ({
  app,
  page,
  context,
}) => {
  await app.openAnalysedSample();
  await page.getByRole('region', { name: 'RFM analysis' }).getByLabel('Scoring method').selectOption('breakpoints');
  const panel = await app.segmentsPanel();
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'Frequent low-value buyers' }).click();
  const where = 'f_score >= 4 AND m_score <= 2';
  const expected = formatCount(await sqlCount(app, `SELECT count(*) FROM main.customers WHERE ${where}`));
  await expect(page.getByRole('region', { name: 'Frequent low-value buyers', exact: true }).getByTestId('member-count')).toHaveText(
    expected,
  );
  await panel.getByRole('button', { name: 'Create share link' }).click();
  const link = await panel.getByLabel('Share link').inputValue();
  expect(link).toMatch(/\?sample=retail-v1#spec=[\w-]+$/);

  // The colleague opens the link in a fresh page: same sample, same settings, same segment, same count.
  const colleague = new WorkbenchPage(await context.newPage());
  await colleague.page.goto(link);
  await colleague.loaded();
  await colleague.section('RFM');
  await expect(colleague.page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  await expect(colleague.page.getByRole('region', { name: 'RFM analysis' }).getByLabel('Scoring method')).toHaveValue('breakpoints');
  await colleague.section('Segments');
  await expect(
    colleague.page.getByRole('region', { name: 'Frequent low-value buyers', exact: true }).getByTestId('member-count'),
  ).toHaveText(expected);

  // A tampered link says so, and the page stays usable.
  const tampered = new WorkbenchPage(await context.newPage());
  await tampered.page.goto(link.slice(0, -12));
  await expect(tampered.page.getByRole('alert')).toContainText('This share link cannot be used: the share link cannot be read');
  await tampered.loaded();
  await tampered.section('RFM');
  await expect(tampered.page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
});

test('a scoring change does not wait for a slow segment count: the count stops, the analysis shows, and the count then runs again', async ({
  app,
  page,
}) => {
  await app.openAnalysedSample();
  // Every buyer's three scores in one fingerprint: a new scoring method changes it.
  const scores = 'SELECT CAST(bit_xor(hash(customer_id, r_score, f_score, m_score)) AS VARCHAR) FROM main.customers';
  const [scoresBefore] = await app.sqlColumn(scores);
  const segment = await app.addSegment('SQL', 'Slow');
  const members = segment.getByRole('status', { name: 'Members of Slow' });
  // Recent buyers, known after minutes of work in the engine while the scores are the first method's,
  // and at once on any other: a count of 2 billion numbers, or of one. On the first method's scores it
  // lasts until the 10 s limit of SQL counted as it arrives, however fast the machine, so it outlasts
  // the steps to the scoring change below; stopped for the analysis, it runs again on the new scores.
  const slow = `r_score >= 4 AND 0 < (SELECT count(*) FROM (${scores}) first_method(fingerprint),
    range(CASE WHEN first_method.fingerprint = '${scoresBefore}' THEN 2000000000 ELSE 1 END) t(i))`;
  await segment.getByRole('textbox', { name: 'SQL condition or query' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(slow);
  // Sent 300 ms after the edit, the segment analysis waits behind the count sent after 150 ms, which runs now.
  await expect(page.getByRole('region', { name: 'Segment analysis' }).getByRole('status')).toHaveText('analysing…');
  // The count shown is the default SQL's until the slow one's arrives.
  await expect(members).toContainText('updating…');

  // Which shows first: the new scoring, or the slow segment's count (any outcome of it).
  const first = page.evaluate(`new Promise((resolve) => {
    const counted = () => { const status = document.querySelector('[aria-label="Members of Slow"]'); return status && !status.textContent.includes('updating'); };
    const scored = () => [...document.querySelectorAll('table[aria-label="Score cut points"] caption')].some((e) => e.textContent.includes('Tie-consistent'));
    const observer = new MutationObserver(() => {
      const seen = counted() ? 'count' : scored() ? 'scoring' : null;
      if (seen) { observer.disconnect(); resolve(seen); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  })`);
  await app.section('RFM');
  await page.getByRole('region', { name: 'RFM analysis' }).getByLabel('Scoring method').selectOption('breakpoints');
  expect(await first).toBe('scoring');

  // The count stopped for the analysis runs again, on the new scores, and is right.
  const recent = await sqlCount(app, 'SELECT count(*) FROM main.customers WHERE r_score >= 4');
  // The premise of the slow SQL: the new method scores buyers differently.
  expect((await app.sqlColumn(scores))[0]).not.toBe(scoresBefore);
  await app.section('Segments');
  await expect(segment.getByTestId('member-count')).toHaveText(formatCount(recent), { timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Stopped to let an analysis run first')).toHaveCount(0);
});
