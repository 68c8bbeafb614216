/**
 * Each format fixture (test/fixtures/formats) dropped on the page with no setting changed: the
 * mapping form shows the guessed encoding, delimiter, decimal mark and date format; the report's
 * counts and the exported customers match expected.ts (computed from the orders alone); and the
 * command line, given the same file, writes the same export byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORMATS_DIR } from '../fixtures/formats/build.ts';
import { expectedCounts, expectedCustomers, FORMAT_CASES, hundredthsOf } from '../fixtures/formats/expected.ts';
import { expect, parseCsv, test } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function cliExport(file: string): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-formats-e2e-'));
  try {
    const out = path.join(dir, 'customers.csv');
    execFileSync('npx', ['segment-workbench', 'apply', file, '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const c of FORMAT_CASES) {
  test(`${c.file}: guessed, loaded and exported as expected, and as the command line exports it`, async ({ app, page }) => {
    const file = path.join(FORMATS_DIR, c.file);
    await app.open();
    await app.chooseFiles(file);
    const mapping = page.getByRole('region', { name: `Mapping of ${c.file}` });
    await expect(mapping.getByLabel('Encoding')).toHaveValue(c.guessed.encoding);
    await expect(mapping.getByLabel('Delimiter')).toHaveValue(c.guessed.delimiter);
    await expect(mapping.getByLabel('Decimal mark')).toHaveValue(c.guessed.decimalMark);
    await expect(mapping.getByLabel('Date format')).toHaveValue(c.guessed.dateFormat);
    if (c.file.endsWith('.xlsx')) await expect(mapping).toContainText('sheet “Orders” is read (the first of 2: Orders, Notes)');
    // The preview shows the first customer's name as written, decoded.
    const first = c.orders.find((o) => o.customer !== '')!.customer;
    await expect(mapping.getByRole('table', { name: `Preview of ${c.file}` })).toContainText(first);

    await app.load();
    const { input, loaded, excluded } = expectedCounts(c);
    expect(await app.count('input', c.file)).toBe(input);
    expect(await app.count('loaded', c.file)).toBe(loaded);
    expect(await app.count('rejected', c.file)).toBe(0);
    expect(await app.count('excluded-no_customer_id', c.file)).toBe(excluded);

    await app.section('RFM');
    const rfm = page.getByRole('region', { name: 'RFM analysis' });
    await app.section('RFM');
    await expect(rfm.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
    const download = page.waitForEvent('download');
    await rfm.getByRole('button', { name: 'Export customers' }).click();
    const browser = readFileSync(await (await download).path());
    const figures = new Map(
      parseCsv(browser.toString('utf8')).map((r) => [
        r.customer_id,
        { orders: Number(r.frequency), hundredths: hundredthsOf(r.monetary), first: r.first_purchase, last: r.last_purchase },
      ]),
    );
    expect(figures).toEqual(expectedCustomers(c));
    expect(cliExport(file).equals(browser), 'CLI export differs from the browser export').toBe(true);
  });
}
