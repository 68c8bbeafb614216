import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test, type WorkbenchPage } from './fixtures.ts';

/**
 * Crafted share links and definitions files: what a hostile or broken one does to the page. The
 * fixture fails any test on an uncaught page error, so "the page did not crash" is checked too.
 */

/** A `#spec=…` fragment as the page wrote one up to spec version 1 (gzip, then base64url), from JSON text built by hand. */
const fragment = (json: string) => `spec=${gzipSync(Buffer.from(json, 'utf8')).toString('base64url')}`;

/** Groups nested `depth` deep, as text (no recursion to build it). */
const nested = (depth: number) => '{"type":"group","combine":"and","rules":['.repeat(depth) + ']}'.repeat(depth);
const rules = (...conditions: object[]) => JSON.stringify({ type: 'group', combine: 'and', rules: conditions });
const segment = (id: string, name: string, root: string) =>
  `{"id":${JSON.stringify(id)},"name":${JSON.stringify(name)},"definition":{"kind":"rules","root":${root}}}`;
const sqlSegment = (id: string, name: string, sql: string) => JSON.stringify({ id, name, definition: { kind: 'sql', sql } });

/** Every crash case of the issue, between two segments that are fine. */
const SEGMENTS = [
  segment('big', 'Big spenders', rules({ type: 'condition', column: 'monetary', op: 'gte', value: '500' })),
  segment('deep300', 'Deep 300', nested(300)),
  segment('deep5000', 'Deep 5000', nested(5_000)),
  sqlSegment('nul', 'Nul\u0000name', 'true'),
  segment('date', 'Bad date', rules({ type: 'condition', column: 'last_purchase', op: 'before', value: '2024-13-45' })),
  sqlSegment('twice', 'Big spenders', 'true'),
  sqlSegment('once', 'One-time buyers', 'frequency = 1'),
];
const SEGMENT_PROBLEMS = [
  'spec.segments.segments[1].definition.root: nested deeper than 8 levels',
  'spec.segments.segments[2].definition.root: nested deeper than 8 levels',
  'spec.segments.segments[3].name: contains a control character (U+0000)',
  'spec.segments.segments[4].definition.root.rules[0].value: expected a real date YYYY-MM-DD, got "2024-13-45"',
  'spec.segments.segments[5].name: "Big spenders" is already used by segments[0]',
];

const ANALYSIS = JSON.stringify({
  analysisDate: '2024-13-45',
  rfm: {
    method: 'thresholds',
    thresholds: { recency: [30, 90, 180], frequency: [1, 2, 3, 5], monetary: [50, 100, 200, 500] },
    map: {
      kind: 'cells',
      segments: [
        { name: 'Champions', cells: ['555'] },
        { name: 'Champions', cells: ['554'] },
      ],
    },
  },
  tiers: { tiers: [{ name: 'Gold\u0000', upTo: 100 }] },
  lifecycle: { newDays: 45 },
});
const ANALYSIS_PROBLEMS = [
  'spec.analysis.analysisDate: expected a real date YYYY-MM-DD, got "2024-13-45"',
  'spec.analysis.rfm.map.segments[1].name: "Champions" is already used by segments[0]',
  'spec.analysis.rfm.thresholds.recency: expected 4 cut points (bins − 1), got 3',
  'spec.analysis.tiers.tiers[0].name: contains a control character (U+0000)',
];

async function sqlCount(app: WorkbenchPage, query: string): Promise<string> {
  const [value] = await app.sqlColumn(query);
  return Number(value).toLocaleString('en-US');
}

test('a crafted link loads its valid parts, lists every other part with its path, and the page stays usable', async ({ app, page }) => {
  const json = `{"version":1,"analysis":${ANALYSIS},"segments":{"segments":[${SEGMENTS.join(',')}]}}`;
  await app.open(`?sample=retail-v1#${fragment(json)}`);
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });

  const problems = page.getByRole('alert', { name: 'Share link problems' });
  await expect(problems).toContainText('Parts of this share link have problems and were left out');
  await expect(problems.getByRole('listitem')).toHaveText([...ANALYSIS_PROBLEMS, ...SEGMENT_PROBLEMS]);

  // The valid parts apply: the lifecycle setting, and the two sound segments, each counting its members.
  await app.section('Value & lifecycle');
  await expect(page.getByRole('region', { name: 'Lifecycle stages' }).getByLabel('New: first order within (days)')).toHaveValue('45');
  await app.section('Segments');
  const big = page.getByRole('region', { name: 'Big spenders', exact: true });
  const once = page.getByRole('region', { name: 'One-time buyers', exact: true });
  await expect(big.getByTestId('member-count')).toHaveText(await sqlCount(app, 'SELECT count(*) FROM customers WHERE monetary >= 500'));
  // The SQL segment waits for the reader's confirmation (link-confirmation.spec.ts): read, then run.
  await expect(once.getByLabel('SQL of One-time buyers from the link')).toHaveText('frequency = 1');
  await page.getByRole('button', { name: 'Run SQL segments from this link' }).click();
  await expect(once.getByTestId('member-count')).toHaveText(await sqlCount(app, 'SELECT count(*) FROM customers WHERE frequency = 1'));
  // Nothing else of the link is on the page: the RFM settings left out are the page's own.
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await expect(panel.locator('[data-segment]')).toHaveCount(2);
  await app.section('RFM');
  await expect(page.getByRole('region', { name: 'RFM analysis' }).getByLabel('Scoring method')).toHaveValue('ntile');

  // Still usable: an edit recounts.
  await app.section('Segments');
  const spend = big.getByRole('group', { name: 'Condition', exact: true });
  await spend.getByLabel('Value', { exact: true }).fill('1000');
  await spend.getByLabel('Value', { exact: true }).press('Enter');
  await expect(big.getByTestId('member-count')).toHaveText(await sqlCount(app, 'SELECT count(*) FROM customers WHERE monetary >= 1000'));
});

test('a link of another version is refused whole with its reason, and the sample loads as without it', async ({ app, page }) => {
  await app.open(`?sample=retail-v1#${fragment(`{"version":3,"segments":{"segments":[${SEGMENTS[0]}]}}`)}`);
  await expect(page.getByRole('alert')).toHaveText(
    'This share link cannot be used: spec.version: expected 1 or 2, got 3 (this page reads versions 1 and 2). Ask for a new link; your data is not affected.',
  );
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'Segments', exact: true }).locator('[data-segment]')).toHaveCount(0);
});

test('a crafted definitions file opens without its bad segments, each listed; a broken one changes nothing', async ({
  app,
  page,
}, testInfo) => {
  await app.open('?sample=retail-v1');
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  const file = testInfo.outputPath('crafted.json');
  writeFileSync(file, `{"version":1,"segments":{"segments":[${SEGMENTS.join(',')}]}}`);
  await panel.getByLabel('Open segment definitions').setInputFiles(file);

  const problems = panel.getByRole('alert', { name: 'Definitions file problems' });
  await expect(problems).toContainText(
    'crafted.json was opened without the parts below, which have problems; the rest of its segments loaded.',
  );
  await expect(problems.getByRole('listitem')).toHaveText(SEGMENT_PROBLEMS);
  const once = page.getByRole('region', { name: 'One-time buyers', exact: true });
  await expect(once.getByTestId('member-count')).toHaveText(await sqlCount(app, 'SELECT count(*) FROM customers WHERE frequency = 1'));
  await expect(panel.locator('[data-segment]')).toHaveCount(2);

  // An envelope that cannot be read: refused whole, and the segments on the page stay.
  const broken = testInfo.outputPath('broken.json');
  writeFileSync(broken, `{"version":1,"segments":{"segments":[${SEGMENTS[0]}]`);
  await panel.getByLabel('Open segment definitions').setInputFiles(broken);
  await expect(panel.getByRole('alert', { name: 'Definitions file problems' })).toContainText(
    'broken.json was not opened, nothing changed: not valid JSON',
  );
  await expect(panel.locator('[data-segment]')).toHaveCount(2);
  await expect(once.getByTestId('member-count')).toBeVisible();
});
