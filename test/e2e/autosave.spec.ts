import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { GUESS_FIXTURES } from '../guess-reference.ts';
import { shareFragment } from '../../src/lib/spec/share-link.ts';
import { expect, guardContext, savedRecords, savedSegmentNames, storedEntries, test, WorkbenchPage } from './fixtures.ts';

/**
 * Work kept across reloads, in real Chromium with its real IndexedDB: nothing of the app or of the
 * browser's storage is stubbed. The store is read from the page as any script of the origin could.
 */

const ERP = path.join(GUESS_FIXTURES, 'erp-order-lines.csv');
const RESTORED = /^Restored your work on (.+) from \d{4}-\d\d-\d\d \d\d:\d\d — (.+)\.$/;

const status = (page: Page) => page.getByRole('status').filter({ hasText: /^Restored your work/ });

async function addRuleSegment(app: WorkbenchPage, name: string, spendAtLeast: string): Promise<void> {
  const { page } = app;
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(name);
  const segment = page.getByRole('region', { name, exact: true });
  await segment.getByRole('button', { name: 'Add condition' }).click();
  const spend = segment.getByRole('group', { name: 'Condition', exact: true });
  await spend.getByLabel('Column').selectOption('monetary');
  await spend.getByLabel('Operator').selectOption({ label: '≥' });
  await spend.getByLabel('Value', { exact: true }).fill(spendAtLeast);
  await spend.getByLabel('Value', { exact: true }).press('Enter');
}

/** The first condition of the first saved segment, as the store holds it. */
async function savedRule(page: Page): Promise<{ column: string; op: string; value: string } | null> {
  const [entry] = await storedEntries(page, true);
  const rule = entry?.value.spec?.segments?.segments[0]?.definition?.root?.rules[0] as
    { column: string; op: string; value: string } | undefined;
  return rule ? { column: rule.column, op: rule.op, value: rule.value } : null;
}

async function memberCount(app: WorkbenchPage, name: string): Promise<string> {
  await app.section('Segments');
  return app.page.getByRole('region', { name, exact: true }).getByTestId('member-count').innerText();
}

async function sqlCount(app: WorkbenchPage, where: string): Promise<string> {
  const [value] = await app.sqlColumn(`SELECT count(*) FROM customers WHERE ${where}`);
  return Number(value).toLocaleString('en-US');
}

async function openSample(app: WorkbenchPage, fragment = ''): Promise<void> {
  await app.open(`?sample=retail-v1${fragment}`);
  await app.section('RFM');
  await expect(app.page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
}

test('the sample: analysis settings and a rule segment come back after a reload, and count as before', async ({ app, page }) => {
  await openSample(app);
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  await rfm.getByLabel('Analysis date').fill('2024-06-30');
  await rfm.getByLabel('Analysis date').press('Enter');
  await expect(rfm.getByTestId('analysis-date')).toHaveText('2024-06-30');
  await rfm.getByLabel('Scoring method').selectOption('breakpoints');
  await addRuleSegment(app, 'Big spenders', '500');
  const expected = await sqlCount(app, 'monetary >= 500');
  await expect.poll(() => memberCount(app, 'Big spenders')).toBe(expected);
  // Written once the edits settle: the store holds the segment.
  await expect.poll(() => savedSegmentNames(page)).toEqual([['Big spenders']]);

  await page.reload();
  await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
  await expect(status(page)).toHaveText(RESTORED);
  const [, files, parts] = RESTORED.exec(await status(page).innerText())!;
  expect(files).toBe('retail-v1-transactions.csv and retail-v1-customers.csv');
  expect(parts).toBe('1 segment, analysis settings');
  await app.section('RFM');
  await expect(rfm.getByTestId('analysis-date')).toHaveText('2024-06-30', { timeout: 120_000 });
  await expect(rfm.getByLabel('Analysis date')).toHaveValue('2024-06-30');
  await expect(rfm.getByLabel('Scoring method')).toHaveValue('breakpoints');
  const segment = page.getByRole('region', { name: 'Big spenders', exact: true });
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'Segments', exact: true }).locator('[data-segment]')).toHaveCount(1);
  const spend = segment.getByRole('group', { name: 'Condition', exact: true });
  await expect(spend.getByLabel('Column')).toHaveValue('monetary');
  await expect(spend.getByLabel('Operator')).toHaveValue('gte');
  await expect(spend.getByLabel('Value', { exact: true })).toHaveValue('500');
  await expect.poll(() => memberCount(app, 'Big spenders')).toBe(await sqlCount(app, 'monetary >= 500'));
  // Restoring wrote nothing: the record is the one saved before the reload.
  expect(await savedSegmentNames(page)).toEqual([['Big spenders']]);
});

test('a dropped file: its mapping, settings and segment come back when the same file is dropped again, not for another size', async ({
  app,
  page,
}, testInfo) => {
  await app.open();
  await app.chooseFiles(ERP);
  const mapping = page.getByRole('region', { name: 'Mapping of erp-order-lines.csv' });
  const guessedMode = await mapping.getByLabel('Role of ORDER_MODE').inputValue();
  expect(guessedMode).not.toBe('ignore');
  await mapping.getByLabel('Role of ORDER_MODE').selectOption('ignore');
  const returns = page.getByRole('radiogroup', { name: 'Returns' });
  await returns.getByRole('radio', { name: 'keep' }).check();
  await app.load();
  await addRuleSegment(app, 'ERP big orders', '1000');
  await expect.poll(() => memberCount(app, 'ERP big orders')).toBe(await sqlCount(app, 'monetary >= 1000'));
  await expect.poll(() => savedSegmentNames(page)).toEqual([['ERP big orders']]);

  await page.reload();
  await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
  await app.chooseFiles(ERP);
  await expect(status(page)).toHaveText(RESTORED);
  expect(RESTORED.exec(await status(page).innerText())!.slice(1)).toEqual(['erp-order-lines.csv', '1 segment, import settings']);
  // The mapping is restored before the load, in the form.
  await expect(mapping.getByLabel('Role of ORDER_MODE')).toHaveValue('ignore');
  await expect(returns.getByRole('radio', { name: 'keep' })).toBeChecked();
  await app.load();
  await expect.poll(() => memberCount(app, 'ERP big orders')).toBe(await sqlCount(app, 'monetary >= 1000'));

  // The same name with another size (its last line left out) is another file: guessed afresh.
  const shorter = testInfo.outputPath('erp-order-lines.csv');
  const lines = readFileSync(ERP, 'utf8').trimEnd().split('\n');
  writeFileSync(shorter, `${lines.slice(0, -1).join('\n')}\n`);
  await app.open();
  await app.chooseFiles(shorter);
  await expect(mapping.getByLabel('Role of ORDER_MODE')).toHaveValue(guessedMode);
  await expect(returns.getByRole('radio', { name: 'exclude' })).toBeChecked();
  await app.load();
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'Segments', exact: true }).locator('[data-segment]')).toHaveCount(0);
  await expect(status(page)).toHaveCount(0);
});

test('a tampered record: its bad parts are left out and listed, the rest is restored, and the page stays usable', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(ERP);
  await app.load();
  await addRuleSegment(app, 'Kept', '1000');
  await addRuleSegment(app, 'Tampered', '2000');
  await expect.poll(() => savedSegmentNames(page)).toEqual([['Kept', 'Tampered']]);

  // Edited in place, as a person with the browser's devtools (or an older page) could.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('segment-workbench');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('app', 'readwrite').objectStore('app');
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const read = store.getAllKeys();
      read.onsuccess = () => resolve(read.result);
    });
    type Stored = {
      files: { mapping: { parse: Record<string, unknown> } }[];
      spec: { analysis: { rfm: Record<string, unknown> }; segments: { segments: Record<string, unknown>[] } };
    };
    const record = await new Promise<Stored>((resolve) => {
      const read = store.get(keys[0]);
      read.onsuccess = () => resolve(read.result);
    });
    record.files[0].mapping.parse.delimiter = 'comma';
    record.spec.analysis.rfm.bins = 6;
    record.spec.segments.segments[1].name = 'Tampered\u0000';
    let deep: object = { type: 'group', combine: 'and', rules: [] };
    for (let i = 0; i < 300; i++) deep = { type: 'group', combine: 'and', rules: [deep] };
    record.spec.segments.segments.push({ id: 'deep', name: 'Deep', definition: { kind: 'rules', root: deep } });
    store.put(record, keys[0]);
    await new Promise((resolve) => (store.transaction.oncomplete = resolve));
    db.close();
  });

  await app.open();
  await app.chooseFiles(ERP);
  await expect(status(page)).toHaveText(RESTORED);
  const problems = page.getByRole('alert', { name: 'Saved work problems' });
  await expect(problems).toContainText('Parts of your saved work could not be read and were left out; the rest was restored.');
  await expect(problems.getByRole('listitem')).toHaveText([
    'files[0].mapping.parse.delimiter: expected one of ",", ";", "\\t", "|", "whitespace", got "comma"',
    'spec.analysis.rfm.bins: expected one of 3, 4, 5, got 6',
    'spec.segments.segments[1].name: contains a control character (U+0000)',
    'spec.segments.segments[2].definition.root: nested deeper than 8 levels',
  ]);
  await app.load();
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'Segments', exact: true }).locator('[data-segment]')).toHaveCount(1);
  await expect.poll(() => memberCount(app, 'Kept')).toBe(await sqlCount(app, 'monetary >= 1000'));
  // Usable: an edit recounts, and is saved over the tampered record.
  const value = page.getByRole('region', { name: 'Kept', exact: true }).getByLabel('Value', { exact: true });
  await value.fill('1500');
  await value.press('Enter');
  await expect.poll(() => memberCount(app, 'Kept')).toBe(await sqlCount(app, 'monetary >= 1500'));
  await expect.poll(() => savedSegmentNames(page)).toEqual([['Kept']]);
});

test('Start fresh deletes the saved work and goes back to the guesses and defaults, reloading the data', async ({ app, page }) => {
  await openSample(app);
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  const defaultDate = await rfm.getByTestId('analysis-date').innerText();
  await rfm.getByLabel('Monetary on').selectOption('average');
  await addRuleSegment(app, 'Big spenders', '500');
  await expect.poll(() => savedSegmentNames(page)).toEqual([['Big spenders']]);
  await app.section('RFM');
  await rfm.getByLabel('Analysis date').fill('2024-01-31');
  await rfm.getByLabel('Analysis date').press('Enter');
  await expect.poll(async () => JSON.stringify((await savedRecords(page))[0]?.spec?.analysis)).toContain('"analysisDate":"2024-01-31"');

  await openSample(app);
  await expect(status(page)).toHaveText(RESTORED);
  await expect(rfm.getByTestId('analysis-date')).toHaveText('2024-01-31');
  await page.getByRole('button', { name: 'Start fresh' }).click();
  const note = page.getByRole('status').filter({ hasText: 'Your saved work on' });
  await expect(note).toHaveText(
    'Your saved work on retail-v1-transactions.csv and retail-v1-customers.csv was deleted: the guessed mapping, the default analysis settings and no segments.',
  );
  await expect(note).toBeFocused();
  await expect(status(page)).toHaveCount(0);
  await app.section('RFM');
  await expect(rfm.getByTestId('analysis-date')).toHaveText(defaultDate, { timeout: 120_000 });
  await expect(rfm.getByLabel('Monetary on')).toHaveValue('total');
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'Segments', exact: true }).locator('[data-segment]')).toHaveCount(0);
  await expect.poll(() => savedRecords(page)).toEqual([]);

  // Nothing comes back after a reload: a fresh page's work is not saved.
  await openSample(app);
  await expect(rfm.getByTestId('analysis-date')).toHaveText(defaultDate);
  await expect(status(page)).toHaveCount(0);
  expect(await savedRecords(page)).toEqual([]);
});

test('a share link beats what was saved, and what it brings is saved in its place', async ({ app, page }) => {
  await openSample(app);
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  await rfm.getByLabel('Monetary on').selectOption('average');
  await addRuleSegment(app, 'Mine', '500');
  await expect.poll(() => savedSegmentNames(page)).toEqual([['Mine']]);

  // A link with segments only: nothing saved applies beside it, the analysis settings are the page's own.
  const link = await shareFragment({
    version: 1,
    segments: { segments: [{ id: 'l1', name: 'From the link', definition: { kind: 'sql', sql: 'frequency >= 3' } }] },
  });
  // A new document (a change of fragment alone would not load the page again).
  await page.goto('about:blank');
  await openSample(app, `#${link}`);
  await app.section('Segments');
  const linked = page.getByRole('region', { name: 'From the link', exact: true });
  // Its SQL waits for the reader's confirmation (link-confirmation.spec.ts).
  await expect(linked.getByLabel('SQL of From the link from the link')).toHaveText('frequency >= 3');
  await page.getByRole('button', { name: 'Run SQL segments from this link' }).click();
  await expect(linked.getByTestId('member-count')).toHaveText(await sqlCount(app, 'frequency >= 3'));
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'Mine', exact: true })).toHaveCount(0);
  await app.section('RFM');
  await expect(rfm.getByLabel('Monetary on')).toHaveValue('total');
  await expect(status(page)).toHaveCount(0);
  await expect.poll(() => savedSegmentNames(page)).toEqual([['From the link']]);

  // Opened again without the link: what the link brought is the saved work now.
  await page.goto('about:blank');
  await openSample(app);
  await expect(status(page)).toHaveText(RESTORED);
  expect(RESTORED.exec(await status(page).innerText())![2]).toBe('1 segment');
  await expect(rfm.getByLabel('Monetary on')).toHaveValue('total');
  await app.section('Segments');
  await expect(page.getByRole('region', { name: 'From the link', exact: true }).getByTestId('member-count')).toHaveText(
    await sqlCount(app, 'frequency >= 3'),
  );
});

test('a write refused for a full storage is said, the page stays usable, and the work saved before is intact', async ({ baseURL }) => {
  test.setTimeout(400_000);
  // Chromium enforces a quota override on a profile on disk (not in the in-memory profile of a default test context).
  const profile = mkdtempSync(path.join(tmpdir(), 'sw-autosave-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, baseURL });
  const origin = new URL(baseURL!).origin;
  const guard = await guardContext(context, origin);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const app = new WorkbenchPage(page);
    const cdp = await context.newCDPSession(page);
    await app.open();
    await app.chooseFiles(ERP);
    await app.load();
    await addRuleSegment(app, 'Saved before', '1000');
    await expect.poll(() => savedSegmentNames(page)).toEqual([['Saved before']]);
    // …and its rule as it stands, not an earlier step of it (the name is saved before the value is typed).
    await expect.poll(() => savedRule(page)).toEqual({ column: 'monetary', op: 'gte', value: '1000' });

    /**
     * A write of one kilobyte by a document of the origin, as the quota now stands. The quota is
     * read again by a new document once the storage has gone idle, so each try is a new one.
     */
    const probe = async () => {
      await page.goto('./favicon.svg');
      return page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('quota-probe', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('probe');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = db.transaction('probe', 'readwrite');
        tx.objectStore('probe').put('x'.repeat(1024), 'k');
        const outcome = await new Promise<string>((resolve) => {
          tx.oncomplete = () => resolve('written');
          tx.onabort = () => resolve(tx.error?.name ?? 'aborted');
        });
        db.close();
        return outcome;
      });
    };
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await expect.poll(probe, { timeout: 60_000, intervals: [1_000] }).toBe('QuotaExceededError');

    await app.open();
    await app.chooseFiles(ERP);
    await expect(status(page)).toHaveText(RESTORED);
    await app.load();
    await expect.poll(() => memberCount(app, 'Saved before')).toBe(await sqlCount(app, 'monetary >= 1000'));
    await addRuleSegment(app, 'Not saved', '2000');
    await expect(page.getByRole('alert').filter({ hasText: 'could not be saved' })).toHaveText(
      "Your latest changes could not be saved in this browser: the browser's storage for this page is full. Everything saved before is kept.",
    );
    // Still usable: the new segment counts, and an edit recounts.
    await expect.poll(() => memberCount(app, 'Not saved')).toBe(await sqlCount(app, 'monetary >= 2000'));
    await app.section('Segments');
    const value = page.getByRole('region', { name: 'Not saved', exact: true }).getByLabel('Value', { exact: true });
    await value.fill('3000');
    await value.press('Enter');
    await expect.poll(() => memberCount(app, 'Not saved')).toBe(await sqlCount(app, 'monetary >= 3000'));
    expect(await savedSegmentNames(page)).toEqual([['Saved before']]);

    // The page left while the storage is still full (leaving writes a change still waiting: refused
    // too), then the usual quota back: the record written before the failure is there, whole.
    await page.goto('./favicon.svg');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await expect.poll(probe, { timeout: 60_000, intervals: [1_000] }).toBe('written');
    await app.open();
    await app.chooseFiles(ERP);
    await expect(status(page)).toHaveText(RESTORED);
    expect(RESTORED.exec(await status(page).innerText())![2]).toBe('1 segment');
    await app.load();
    await app.section('Segments');
    await expect(page.getByRole('region', { name: 'Segments', exact: true }).locator('[data-segment]')).toHaveCount(1);
    await expect.poll(() => memberCount(app, 'Saved before')).toBe(await sqlCount(app, 'monetary >= 1000'));
    await expect(page.getByRole('alert').filter({ hasText: 'could not be saved' })).toHaveCount(0);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    expect(guard.problems, 'page errors, CSP violations, foreign requests').toEqual([]);
  }
});

test('a role changed before the browser answers whether work was saved still leaves the files saving', async ({ app, page }) => {
  await app.open();
  // Hold the app's store with a write transaction kept busy until released: the page's lookup for the
  // chosen files waits behind it, as it does on a slow disk, while the person changes a role.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('segment-workbench', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('app');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const w = window as unknown as { releaseStore?: boolean };
    const store = db.transaction('app', 'readwrite').objectStore('app');
    const spin = () => {
      if (w.releaseStore) return db.close();
      store.get('busy').onsuccess = spin;
    };
    spin();
  });
  await app.chooseFiles(ERP);
  await page.getByRole('region', { name: 'Mapping of erp-order-lines.csv' }).getByLabel('Role of ORDER_MODE').selectOption('ignore');
  await page.evaluate(() => ((window as unknown as { releaseStore?: boolean }).releaseStore = true));
  await app.load();
  await addRuleSegment(app, 'Saved after all', '1000');
  await expect.poll(() => savedSegmentNames(page)).toEqual([['Saved after all']]);
});
