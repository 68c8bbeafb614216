import path from 'node:path';
import { expect, FIXTURES, test } from './fixtures.ts';

test('the engine warms up on made-up data once it starts, and leaves nothing of it behind', async ({ app, page }) => {
  await app.open();
  const status = page.getByRole('status', { name: 'Database engine' });
  await expect(status).toHaveAttribute('title', /^Warmed up in \d+\.\d s on made-up data/, { timeout: 60_000 });

  // One file: the warm-up imported two, so a table of its second file (raw_1, staged_1) would outlive this import.
  await app.chooseFiles(path.join(FIXTURES, 'customer-ids.csv'));
  await app.load();
  expect(await app.count('input')).toBe(7);
  const leftOver = `SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('raw_1', 'raw_1_rejects', 'raw_1_scan', 'staged_1')`;
  expect(await app.sqlColumn(leftOver)).toEqual(['0']);
  expect(await app.sqlColumn(`SELECT file FROM glob('uploads/**') ORDER BY 1`)).toEqual(['uploads/0-customer-ids.csv']);
  expect(await app.sqlColumn(`SELECT count(*) FROM orders`)).toEqual(['7']);
});
