import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { expect, guardContext, parseCsv, storedEntries, test, WorkbenchPage } from './fixtures.ts';

/**
 * The library of saved definitions, in real Chromium with its real IndexedDB and the real engine:
 * nothing of the app or the browser's storage is stubbed. The store is read from the page as any
 * script of the origin could.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(ROOT, 'public/samples/retail-v1');

const libraryOf = (page: Page) => page.getByRole('region', { name: 'Saved definitions' });
const setItem = (page: Page, name: string) => libraryOf(page).getByRole('listitem', { name, exact: true });
const listedNames = (page: Page) => libraryOf(page).getByRole('list', { name: 'Saved definition sets' }).getByRole('listitem');

async function addRuleSegment(app: WorkbenchPage, name: string, column: string, atLeast: string): Promise<void> {
  const { page } = app;
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(name);
  const segment = page.getByRole('region', { name, exact: true });
  await segment.getByRole('button', { name: 'Add condition' }).click();
  const rule = segment.getByRole('group', { name: 'Condition', exact: true });
  await rule.getByLabel('Column').selectOption(column);
  await rule.getByLabel('Operator').selectOption({ label: '≥' });
  await rule.getByLabel('Value', { exact: true }).fill(atLeast);
  await rule.getByLabel('Value', { exact: true }).press('Enter');
}

/** The member counts of the segments on the page, by name, once every count has settled. */
async function memberCounts(app: WorkbenchPage): Promise<Record<string, string>> {
  await app.section('Segments');
  const panel = app.page.getByRole('region', { name: 'Segments', exact: true });
  const statuses = panel.getByRole('status', { name: /^Members of / });
  const counts: Record<string, string> = {};
  for (const status of await statuses.all()) {
    await expect(status).toHaveAttribute('aria-busy', 'false');
    const name = (await status.getAttribute('aria-label'))!.replace(/^Members of /, '');
    counts[name] = await status.getByTestId('member-count').innerText();
  }
  return counts;
}

async function sqlCount(app: WorkbenchPage, where: string): Promise<string> {
  const [value] = await app.sqlColumn(`SELECT count(*) FROM customers WHERE ${where}`);
  return Number(value).toLocaleString('en-US');
}

async function saveSet(page: Page, name: string, segments: number): Promise<void> {
  const library = libraryOf(page);
  await library.getByLabel('Name', { exact: true }).fill(name);
  await library.getByRole('button', { name: 'Save current definitions' }).click();
  await expect(library.getByRole('status')).toHaveText(`Saved “${name}”: ${segments} segment${segments === 1 ? '' : 's'}.`);
}

/** The keys of every record the app's store holds. */
async function storedKeys(page: Page): Promise<string[]> {
  return (await storedEntries(page)).map((e) => e.key);
}

async function openSample(app: WorkbenchPage): Promise<void> {
  await app.open('?sample=retail-v1');
  await app.section('Segments');
  await expect(libraryOf(app.page)).toBeVisible({ timeout: 120_000 });
}

test('saved sets: save two, rename, duplicate, delete one; they survive a reload and a browser restart, and open with the same counts', async ({
  baseURL,
}) => {
  test.setTimeout(360_000);
  // A profile on disk, closed and launched again: what a browser restart keeps.
  const profile = mkdtempSync(path.join(tmpdir(), 'sw-library-'));
  const launch = async () => {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, baseURL });
    const guard = await guardContext(context, new URL(baseURL!).origin);
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, guard, page, app: new WorkbenchPage(page) };
  };
  let browser = await launch();
  try {
    let { page, app } = browser;
    await openSample(app);
    await expect(libraryOf(page).getByText('No saved definitions yet')).toBeVisible();
    await addRuleSegment(app, 'Big spenders', 'monetary', '500');
    await saveSet(page, 'Spring', 1);
    await addRuleSegment(app, 'Loyal', 'frequency', '3');
    await saveSet(page, 'Summer', 2);
    const summer = await memberCounts(app);
    expect(summer).toEqual({ 'Big spenders': await sqlCount(app, 'monetary >= 500'), Loyal: await sqlCount(app, 'frequency >= 3') });
    await app.section('Segments');
    await expect(setItem(page, 'Summer')).toContainText('2 segments (Big spenders, Loyal)');
    await expect(setItem(page, 'Summer')).toContainText(/saved \d{4}-\d\d-\d\d \d\d:\d\d/);

    // Rename, from the keyboard: the name field takes the focus, Enter keeps the new name.
    await setItem(page, 'Spring').getByRole('button', { name: 'Rename' }).click();
    await expect(setItem(page, 'Spring').getByLabel('New name')).toBeFocused();
    await page.keyboard.type('Spring campaign');
    await page.keyboard.press('Enter');
    await expect(libraryOf(page).getByRole('status')).toHaveText('Renamed “Spring” to “Spring campaign”.');
    await expect(setItem(page, 'Spring campaign').getByRole('button', { name: 'Rename' })).toBeFocused();

    await setItem(page, 'Summer').getByRole('button', { name: 'Duplicate' }).click();
    await expect(setItem(page, 'Copy of Summer')).toContainText('2 segments (Big spenders, Loyal)');
    // Delete asks first; Keep (the focused choice) keeps it.
    await setItem(page, 'Copy of Summer').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Copy of Summer”?' });
    await expect(dialog.getByRole('button', { name: 'Keep' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(listedNames(page)).toHaveCount(3);
    await setItem(page, 'Copy of Summer').getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(libraryOf(page).getByRole('status')).toHaveText('Deleted “Copy of Summer”.');
    await expect(listedNames(page)).toHaveCount(2);
    expect((await storedKeys(page)).filter((k) => k.startsWith('library:'))).toHaveLength(2);

    await page.reload();
    await openSample(app);
    await expect(listedNames(page)).toHaveCount(2);
    await expect(setItem(page, 'Spring campaign')).toContainText('1 segment (Big spenders)');
    await expect(setItem(page, 'Summer')).toBeVisible();

    // The browser closed and started again on the same profile.
    await browser.context.close();
    expect(browser.guard.problems, 'page errors, CSP violations, foreign requests').toEqual([]);
    browser = await launch();
    ({ page, app } = browser);
    await openSample(app);
    await expect(listedNames(page)).toHaveText([/^Summer/, /^Spring campaign/]);
    await setItem(page, 'Spring campaign').getByRole('button', { name: 'Open' }).click();
    await expect(libraryOf(page).getByRole('status')).toHaveText(
      'Opened “Spring campaign”: its segments replace the ones that were on the page.',
    );
    expect(Object.keys(await memberCounts(app))).toEqual(['Big spenders']);
    await setItem(page, 'Summer').getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => memberCounts(app)).toEqual(summer);
  } finally {
    await browser.context.close();
    rmSync(profile, { recursive: true, force: true });
    expect(browser.guard.problems, 'page errors, CSP violations, foreign requests').toEqual([]);
  }
});

test('a set exported as <name>.segments.json imports back equal, and the command line applies it with the page’s counts', async ({
  app,
  page,
}) => {
  const transactions = path.join(SAMPLE, 'transactions.csv');
  const customers = path.join(SAMPLE, 'customers.csv');
  await app.open();
  await app.chooseFiles(transactions, customers);
  await app.load();
  await addRuleSegment(app, 'Big spenders', 'monetary', '500');
  await addRuleSegment(app, 'Loyal', 'frequency', '3');
  const counts = await memberCounts(app);
  await saveSet(page, 'Q3 / retail', 2);

  const dir = mkdtempSync(path.join(tmpdir(), 'sw-library-export-'));
  try {
    const exported = page.waitForEvent('download');
    await setItem(page, 'Q3 / retail').getByRole('button', { name: 'Export' }).click();
    const download = await exported;
    expect(download.suggestedFilename()).toBe('Q3 - retail.segments.json');
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);

    // The same file "Save segment definitions" writes.
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save segment definitions' }).click();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(readFileSync(await (await saved).path(), 'utf8')));

    await libraryOf(page).getByLabel('Import a definitions file').setInputFiles(file);
    await expect(libraryOf(page).getByRole('status')).toHaveText('Imported “Q3 - retail”: 2 segments.');
    const again = page.waitForEvent('download');
    await setItem(page, 'Q3 - retail').getByRole('button', { name: 'Export' }).click();
    expect(readFileSync(await (await again).path(), 'utf8')).toBe(readFileSync(file, 'utf8'));

    // The command line reads the exported set: its segment columns hold the page's counts.
    const out = path.join(dir, 'customers.csv');
    execFileSync('npx', ['segment-workbench', 'apply', transactions, '--customers', customers, '--spec', file, '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const rows = parseCsv(readFileSync(out, 'utf8'));
    for (const name of ['Big spenders', 'Loyal'])
      expect(rows.filter((r) => r[name] === 'true').length.toLocaleString('en-US'), name).toBe(counts[name]);

    // A file that is not a definitions file is refused, and nothing is added.
    const broken = path.join(dir, 'broken.segments.json');
    writeFileSync(broken, '{"version": 1}');
    await libraryOf(page).getByLabel('Import a definitions file').setInputFiles(broken);
    await expect(libraryOf(page).getByRole('alert')).toHaveText('nothing was imported: it defines no segments.');
    await expect(listedNames(page)).toHaveCount(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write the browser refuses is said, and the list and the sets stored before stay', async ({ app, page }) => {
  await openSample(app);
  await addRuleSegment(app, 'Big spenders', 'monetary', '500');
  await saveSet(page, 'Kept', 1);
  await saveSet(page, 'Also kept', 1);
  await expect.poll(async () => (await storedKeys(page)).filter((k) => k.startsWith('workspace:'))).toHaveLength(1);
  // Another tab of a newer page takes the database to a version this page cannot open (the app
  // closes its connection when asked): every later write fails, as it would in that browser.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('segment-workbench', 2);
        open.onsuccess = () => {
          (window as unknown as { newer: IDBDatabase }).newer = open.result;
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
  );
  const before = await storedKeys(page);
  await libraryOf(page).getByLabel('Name', { exact: true }).fill('Lost');
  await libraryOf(page).getByRole('button', { name: 'Save current definitions' }).click();
  await expect(libraryOf(page).getByRole('alert')).toHaveText(
    '“Lost” could not be saved in this browser: a newer version of this page has saved data here; reload the page to use it. Nothing was lost: the sets saved before are as they were.',
  );
  await setItem(page, 'Kept').getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete “Kept”?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(libraryOf(page).getByRole('alert')).toHaveText(
    '“Kept” could not be deleted from this browser: a newer version of this page has saved data here; reload the page to use it. It is still saved.',
  );
  await expect(listedNames(page)).toHaveText([/^Also kept/, /^Kept/]);
  expect(await storedKeys(page)).toEqual(before);
  expect(before.filter((k) => k.startsWith('library:'))).toHaveLength(2);
});

test('Forget everything stored in this browser asks first, then leaves no saved set and no autosave', async ({ app, page }) => {
  await openSample(app);
  await addRuleSegment(app, 'Big spenders', 'monetary', '500');
  await saveSet(page, 'One', 1);
  await expect.poll(async () => (await storedKeys(page)).map((k) => k.split(':')[0]).sort()).toEqual(['library', 'workspace']);
  await expect(libraryOf(page)).toContainText(
    'This browser keeps your saved definitions and autosaved work in its own storage (IndexedDB) on this device; nothing is sent anywhere.',
  );
  const forget = libraryOf(page).getByRole('button', { name: 'Forget everything stored in this browser' });
  await forget.click();
  const dialog = page.getByRole('dialog', { name: 'Forget everything stored in this browser?' });
  await dialog.getByRole('button', { name: 'Keep' }).click();
  expect((await storedKeys(page)).length).toBe(2);

  await forget.click();
  await dialog.getByRole('button', { name: 'Forget everything' }).click();
  await expect(libraryOf(page).getByRole('status')).toHaveText(
    'Everything this page stored in this browser was deleted: no saved definitions, no autosaved work.',
  );
  await expect(libraryOf(page).getByRole('status')).toBeFocused();
  await expect(listedNames(page)).toHaveCount(0);
  expect(await storedKeys(page)).toEqual([]);

  await page.reload();
  await openSample(app);
  await expect(libraryOf(page).getByText('No saved definitions yet')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Restored your work/ })).toHaveCount(0);
  expect(await storedKeys(page)).toEqual([]);
});
