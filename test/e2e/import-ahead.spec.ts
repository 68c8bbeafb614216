import path from 'node:path';
import { expect, test } from './fixtures.ts';

// While the mapping is looked at, the engine imports the chosen files on the spec shown (session.ts
// `importAhead`); Load takes that import's report only for that very spec.

const SAMPLE = path.resolve(import.meta.dirname, '../../public/samples/retail-v1');
const TX = 'transactions.csv';

test('files imported ahead load at once, with the report an import at Load gives', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SAMPLE, TX));
  await expect(page.getByRole('status', { name: 'Checked ahead' })).toContainText('Load shows the report at once');
  await app.load();
  await expect(page.getByRole('status', { name: 'Checked ahead' })).toHaveCount(0);
  const ahead = await app.report.innerText();
  expect(await app.count('input', TX)).toBeGreaterThan(0);
  expect(await app.accountedFor(TX)).toBe(await app.count('input', TX));

  // Loaded data is imported at Load, never ahead: the same report.
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  await app.load();
  expect(await app.report.innerText()).toBe(ahead);
});

test('a setting changed after the files were imported ahead counts at Load', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SAMPLE, TX));
  await expect(page.getByRole('status', { name: 'Checked ahead' })).toBeVisible();
  // Loaded at once after the change: the import ahead for it has not ended, and the one before is for another spec.
  await page.getByRole('region', { name: 'Import settings' }).getByLabel('Exclude exact duplicate records').check();
  await expect(page.getByRole('status', { name: 'Checked ahead' })).toHaveCount(0);
  await app.load();
  // Python's csv module: 148 lines repeat an earlier line exactly (import-options.spec.ts).
  expect(await app.count('excluded-duplicate', TX)).toBe(148);
});

test('a role changed after the files were imported ahead counts at Load', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SAMPLE, TX));
  await expect(page.getByRole('status', { name: 'Checked ahead' })).toBeVisible();
  const mapping = page.getByRole('region', { name: `Mapping of ${TX}` });
  await mapping.getByLabel('Role of country').selectOption('ignore');
  await app.load();
  expect(
    await app.sqlColumn(`SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'country'`),
  ).toEqual(['0']);
});
