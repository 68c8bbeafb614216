import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { STRAINED_URL } from './ports.ts';
import { wideOrdersCsv } from '../data/wide-orders.ts';

/**
 * On the test build of an engine under strain (a 256 MB memory limit, and a Cancel it does not hear;
 * workers/engine.ts): a file too large to load as usual loads compactly; a file too large for the
 * browser's memory even so ends with the command-line tool's command, a fresh engine, and a smaller
 * file loading; a Cancel the engine does not hear ends with a
 * fresh engine that loaded the files again. Everything else is the production build.
 */
test.use({ baseURL: STRAINED_URL });

test('a file too large to load as usual loads compactly, as the memory check says before', async ({ app, page }, testInfo) => {
  test.setTimeout(300_000);
  const big = testInfo.outputPath('orders-big.csv');
  writeFileSync(big, wideOrdersCsv(320_000));

  await app.open();
  await app.chooseFiles(big);
  // Known before loading: as usual it needs about 448 MB, more than this engine's 256 MiB; compactly less.
  const check = page.getByRole('status', { name: 'Memory check' });
  await expect(check).toContainText(/These files need about \d+ MB of memory to load as usual, and this browser's engine has\s+256 MB/);
  await expect(check).toContainText(/Load loads them compactly instead, in about \d+ MB/);
  await expect(check).toContainText('npx segment-workbench apply orders-big.csv --out customers-segmented.csv');
  await app.load();
  // Every record accounted for, and the analysis on them, as any load.
  expect(await app.accountedFor('orders-big.csv')).toBe(320_000);
  const [customers, orders] = await app.sqlColumn('SELECT count(*) FROM customers UNION ALL SELECT count(*) FROM orders');
  expect([customers, orders]).toEqual(['40000', '320000']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a file too large for the browser even compactly: the command-line command, a fresh engine, and a smaller extract loads', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const big = testInfo.outputPath('orders-big.csv');
  writeFileSync(big, wideOrdersCsv(1_200_000));
  const small = testInfo.outputPath('orders-small.csv');
  writeFileSync(small, wideOrdersCsv(5_000));

  await app.open();
  await app.chooseFiles(big);
  // Known before loading: the estimate against this engine's 256 MiB, with the command to run instead.
  const check = page.getByRole('status', { name: 'Memory check' });
  await expect(check).toContainText(/These files need about \d+(\.\d)? [MG]B of memory to load, and this browser's engine has\s+256 MB/);
  await expect(check).toContainText('even compactly');
  await expect(check).toContainText('npx segment-workbench apply orders-big.csv --out customers-segmented.csv');
  // Tried anyway.
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'too large' });
  await expect(alert).toContainText("orders-big.csv is too large for the browser's memory", { timeout: 180_000 });
  await expect(alert).toContainText('npx segment-workbench apply orders-big.csv --out customers-segmented.csv');
  await expect(alert).toContainText('Nothing was loaded: the engine was restarted, and the files stay chosen.');
  await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready');

  await page.getByRole('button', { name: 'Remove orders-big.csv' }).click();
  await app.chooseFiles(small);
  await expect(check).toHaveCount(0);
  await app.load();
  expect(await app.accountedFor('orders-small.csv')).toBe(5_000);
  const [customers] = await app.sqlColumn('SELECT count(*) FROM customers');
  expect(customers).toBe('5000');
});

test('a Cancel the engine does not hear: a fresh engine loads the files again, and the page works on', async ({ app, page }) => {
  test.setTimeout(240_000);
  await app.open('?sample=retail-v2');
  await app.loaded();
  const [before] = await app.sqlColumn('SELECT count(*) AS orders FROM orders');
  await app.section('SQL');
  const console = page.getByRole('region', { name: 'SQL console', exact: true });
  await console.getByLabel('SQL').fill('SELECT count(*) FROM range(10000000000) WHERE range % 7 = 8');
  await console.getByRole('button', { name: 'Run query' }).click();
  await expect(console).toHaveAttribute('aria-busy', 'true');
  await console.getByRole('button', { name: 'Cancel query' }).click();

  await expect(console.getByRole('alert', { name: 'Query error' })).toContainText(
    'The engine did not stop within 5 s, so it was restarted and your files were loaded again.',
    { timeout: 120_000 },
  );
  await expect(console).toHaveAttribute('aria-busy', 'false');
  // The tables are back as they were, and the analysis with them.
  const [after] = await app.sqlColumn('SELECT count(*) AS orders FROM orders');
  expect(after).toBe(before);
  const [scored] = await app.sqlColumn('SELECT count(*) FROM customers WHERE r_score IS NOT NULL');
  expect(Number(scored)).toBeGreaterThan(0);
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible();
});
