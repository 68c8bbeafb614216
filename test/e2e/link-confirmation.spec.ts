import type { Page } from '@playwright/test';
import { shareFragment } from '../../src/lib/spec/share-link.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';
import type { SegmentSpec } from '../../src/lib/spec/segments.ts';
import { expect, savedRecords, test, type WorkbenchPage } from './fixtures.ts';

/**
 * SQL segments that arrive in a share link wait for one confirmation before they run on the
 * reader's data; rule segments apply at once. The page also says, under a link it makes, how long
 * it is and whether it may carry customer data.
 */

const ruleSegment = (id: string, name: string, rules: unknown[]): SegmentSpec =>
  ({
    id,
    name,
    color: '#0072b2',
    description: '',
    enabled: true,
    definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules } },
  }) as SegmentSpec;
const sqlSegment = (id: string, name: string, sql: string): SegmentSpec => ({
  id,
  name,
  color: '#e69f00',
  description: '',
  enabled: true,
  definition: { kind: 'sql', sql },
});
const spend = (op: string, value: string) => ({ type: 'condition', column: 'monetary', op, value, value2: '', values: [] });
const linkTo = async (segments: SegmentSpec[]) =>
  `?sample=retail-v1#${await shareFragment({ version: 2, segments: { segments, minSizePercent: 1 } } satisfies SpecFile)}`;

const RUN = 'Run SQL segments from this link';
const WAITING = 'Waiting for your confirmation: this SQL came from a link';
const REPEAT_SQL = 'frequency >= 2 AND monetary < 300';

async function sqlCount(app: WorkbenchPage, where: string): Promise<string> {
  const [value] = await app.sqlColumn(`SELECT count(*) FROM customers WHERE ${where}`);
  return Number(value).toLocaleString('en-US');
}

async function openLoaded(app: WorkbenchPage, query: string): Promise<void> {
  await app.open(query);
  await app.loaded();
  await app.section('Segments');
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const kpiRow = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Segment KPIs' }).getByRole('row', { name: new RegExp(`^${name}\\b`) });

/** A held SQL segment: its SQL in full, the waiting state, and nothing the engine would have said. */
async function expectHeld(page: Page, name: string, sql: string): Promise<void> {
  const segment = region(page, name);
  await expect(segment.getByRole('status', { name: `Members of ${name}` })).toHaveText(WAITING);
  await expect(segment.getByLabel(`SQL of ${name} from the link`)).toHaveText(sql);
  await expect(segment.getByTestId('member-count')).toHaveCount(0);
  await expect(segment.getByRole('status', { name: `Problem with ${name}` })).toHaveCount(0);
  await expect(kpiRow(page, name)).toHaveCount(0);
}

test('a link: the rule segment counts at once, the SQL segment waits (across a reload) and counts as the console once confirmed', async ({
  app,
  page,
}) => {
  await openLoaded(
    app,
    await linkTo([ruleSegment('big', 'Big spenders', [spend('gte', '500')]), sqlSegment('rep', 'Small repeaters', REPEAT_SQL)]),
  );
  const big = region(page, 'Big spenders');
  await expect(big.getByTestId('member-count')).toHaveText(await sqlCount(app, 'monetary >= 500'));
  await expect(kpiRow(page, 'Big spenders')).toBeVisible();
  await expectHeld(page, 'Small repeaters', REPEAT_SQL);
  const waiting = page.getByRole('region', { name: 'SQL segments waiting for confirmation' });
  await expect(waiting).toContainText('One SQL segment from the share link you opened has not run on your data.');

  // Saved as held (a link numbers its segments by place: the SQL one is the second, s2): a reload
  // before confirming still holds it. The address still holds the link as opened, but as this tab's
  // own: the reload does not open it as a link again.
  await expect.poll(async () => (await savedRecords(page)).map((r) => (r as { heldSql?: string[] }).heldSql)).toEqual([['s2']]);
  expect(page.url()).toContain('spec=');
  await page.reload();
  await app.loaded();
  await app.section('Segments');
  await expect(big.getByTestId('member-count')).toHaveText(await sqlCount(app, 'monetary >= 500'));
  await expectHeld(page, 'Small repeaters', REPEAT_SQL);

  await waiting.getByRole('button', { name: RUN }).click();
  await expect(waiting).toHaveCount(0);
  const repeaters = region(page, 'Small repeaters');
  await expect(repeaters.getByTestId('member-count')).toHaveText(await sqlCount(app, REPEAT_SQL));
  await expect(kpiRow(page, 'Small repeaters')).toBeVisible();
  await expect(repeaters.getByRole('textbox', { name: 'SQL condition or query' })).toContainText(REPEAT_SQL);

  // Confirmed is saved too: after a reload it counts at once.
  await expect.poll(async () => (await savedRecords(page)).map((r) => (r as { heldSql?: string[] }).heldSql)).toEqual([undefined]);
  await page.reload();
  await app.loaded();
  await app.section('Segments');
  await expect(repeaters.getByTestId('member-count')).toHaveText(await sqlCount(app, REPEAT_SQL));
  await expect(page.getByRole('button', { name: RUN })).toHaveCount(0);
});

test('nothing of a held SQL segment reaches the engine, not even through "is in segment"; confirmed, its SQL runs', async ({
  app,
  page,
}) => {
  // This SQL fails only when the engine evaluates it: the error is the proof that it ran.
  const tripwire = "customer_id IN (SELECT customer_id FROM customers WHERE error('the SQL from the link ran') IS NULL)";
  await openLoaded(
    app,
    await linkTo([
      sqlSegment('trip', 'Tripwire', tripwire),
      ruleSegment('via', 'In tripwire', [{ type: 'segment', segment: 'trip', member: true, name: 'Tripwire' }]),
    ]),
  );
  await expectHeld(page, 'Tripwire', tripwire);
  // The rule segment applies at once, and says why it cannot count yet.
  await expect(region(page, 'In tripwire').getByRole('status', { name: 'Problem with In tripwire' })).toHaveText(
    'Error: Segment "Tripwire" is SQL from a share link that waits for your confirmation: read it, then press "Run SQL segments from this link".',
  );
  // The error is only in the SQL shown, in no status or alert of the page.
  for (const role of ['status', 'alert'] as const)
    await expect(page.getByRole(role).filter({ hasText: 'the SQL from the link ran' })).toHaveCount(0);

  await page.getByRole('button', { name: RUN }).click();
  await expect(region(page, 'Tripwire').getByRole('status', { name: 'Problem with Tripwire' })).toContainText('the SQL from the link ran');
  await expect(region(page, 'In tripwire').getByRole('status', { name: 'Problem with In tripwire' })).toContainText(
    'In segment "Tripwire": ',
  );
  await expect(region(page, 'In tripwire').getByRole('status', { name: 'Problem with In tripwire' })).toContainText(
    'the SQL from the link ran',
  );
});

test('a link the page makes shows its length; over 2,000 characters, or over 20 literal values, it warns', async ({ app, page }) => {
  const ids = Array.from({ length: 21 }, (_, i) => `C${10_000 + i * 7}`);
  const listed = ruleSegment('ids', 'Listed customers', [
    { type: 'condition', column: 'customer_id', op: 'in', value: '', value2: '', values: ids },
  ]);
  await openLoaded(app, await linkTo([listed]));
  const panel = region(page, 'Segments');
  const warnings = panel.getByRole('list', { name: 'Before you send this link' });

  await panel.getByRole('button', { name: 'Create share link' }).click();
  const link = await panel.getByLabel('Share link').inputValue();
  expect(link.length).toBeLessThanOrEqual(2000);
  await expect(panel.getByText(/^[\d,]+ characters$/)).toHaveText(`${link.length.toLocaleString('en-US')} characters`);
  await expect(warnings.getByRole('listitem')).toHaveText([
    'The conditions hold 21 literal values (more than 20): this link may expose customer data, such as lists of customer ids or e-mail addresses. Check it before you send it.',
  ]);

  // One value fewer: 20 is no warning.
  const list = region(page, 'Listed customers').getByRole('group', { name: 'Condition', exact: true });
  await list.getByLabel('Values (one per line)').fill(ids.slice(0, 20).join('\n'));
  await list.getByLabel('Values (one per line)').blur();
  await panel.getByRole('button', { name: 'Create share link' }).click();
  await expect(warnings).toHaveCount(0);

  // A description no compression shortens makes the link too long for chat apps.
  let seed = 7;
  const noise = Array.from({ length: 2400 }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[seed % 62];
  }).join('');
  await region(page, 'Listed customers').getByLabel('Description').fill(noise);
  await panel.getByRole('button', { name: 'Create share link' }).click();
  await expect.poll(async () => (await panel.getByLabel('Share link').inputValue()).length).toBeGreaterThan(2000);
  const long = await panel.getByLabel('Share link').inputValue();
  await expect(panel.getByText(/^[\d,]+ characters$/)).toHaveText(`${long.length.toLocaleString('en-US')} characters`);
  await expect(warnings.getByRole('listitem')).toHaveText([
    'This link is longer than 2,000 characters: chat apps and some mail clients cut longer links, so send the definitions file instead, or fewer segments.',
  ]);
});
