import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, hasShared, SHARED, test, type WorkbenchPage } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(ROOT, 'public/samples/retail-v1');

/** The file the browser's "Export customers" button downloads, as bytes. */
async function browserExport(app: WorkbenchPage, ...files: string[]): Promise<Buffer> {
  await app.open();
  await app.chooseFiles(...files);
  await app.load();
  await app.section('RFM');
  const rfm = app.page.getByRole('region', { name: 'RFM analysis' });
  await app.section('RFM');
  await expect(rfm.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  const download = app.page.waitForEvent('download');
  await rfm.getByRole('button', { name: 'Export customers' }).click();
  return readFileSync(await (await download).path());
}

/** `npx segment-workbench apply …` as a person would type it, with no spec: the page's defaults. */
function cliExport(args: string[]): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-cli-e2e-'));
  try {
    const out = path.join(dir, 'customers.csv');
    execFileSync('npx', ['segment-workbench', 'apply', ...args, '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('the command line writes the browser export, byte for byte', () => {
  test('Online Retail (gzip CSV) with the defaults', async ({ app }) => {
    test.skip(!hasShared, '../shared/data is absent');
    const file = path.join(SHARED, 'data/online-retail/online-retail.csv.gz');
    const browser = await browserExport(app, file);
    const cli = cliExport([file]);
    expect(browser.toString('utf8').split('\r\n')).toHaveLength(1 + 4_339);
    expect(cli.equals(browser), 'CLI export differs from the browser export').toBe(true);
  });

  test('the bundled sample: transactions and customers files with the defaults', async ({ app }) => {
    const transactions = path.join(SAMPLE, 'transactions.csv');
    const customers = path.join(SAMPLE, 'customers.csv');
    const browser = await browserExport(app, transactions, customers);
    const cli = cliExport([transactions, '--customers', customers]);
    expect(browser.toString('utf8').split('\r\n')[0]).toContain(',signup_date,');
    expect(cli.equals(browser), 'CLI export differs from the browser export').toBe(true);
  });

  // Each guessed differently (decimal commas and DD.MM.YYYY; month names and per-order totals; e-mail ids lower-cased).
  for (const name of ['european-semicolon.csv', 'erp-order-lines.csv', 'shop-orders-email.csv']) {
    test(`issue 11 fixture ${name}, guessed the same by both with no setting changed`, async ({ app }) => {
      const file = path.join(ROOT, 'test/fixtures/guess', name);
      const browser = await browserExport(app, file);
      expect(cliExport([file]).equals(browser), 'CLI export differs from the browser export').toBe(true);
    });
  }
});

test('segments saved on the page give the same export from the command line, byte for byte', async ({ app, page }) => {
  const transactions = path.join(SAMPLE, 'transactions.csv');
  const customers = path.join(SAMPLE, 'customers.csv');
  await app.open();
  await app.chooseFiles(transactions, customers);
  await app.load();
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  const templates = panel.getByRole('group', { name: 'Templates' });
  await templates.getByRole('button', { name: 'High-value, lapsing' }).click();
  await templates.getByRole('button', { name: /^Big spenders in / }).click();
  await templates.getByRole('button', { name: 'New customers' }).click();
  await expect(page.getByRole('region', { name: 'New customers', exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Add SQL segment' }).click();
  await expect(panel.getByRole('status', { name: /^Members of / })).toHaveCount(4);
  for (const status of await panel.getByRole('status', { name: /^Members of / }).all())
    await expect(status).toHaveAttribute('aria-busy', 'false');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-cli-segments-'));
  try {
    const saved = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Save segment definitions' }).click();
    const spec = path.join(dir, 'segments.json');
    await (await saved).saveAs(spec);
    const exported = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export all customers with segment columns' }).click();
    const browser = readFileSync(await (await exported).path());
    expect(browser.toString('utf8').split('\r\n')[0]).toMatch(/,"High-value, lapsing",Big spenders in \w+,New customers,SQL segment 4$/);
    const cli = cliExport([transactions, '--customers', customers, '--spec', spec]);
    expect(cli.equals(browser), 'CLI export differs from the browser export').toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
