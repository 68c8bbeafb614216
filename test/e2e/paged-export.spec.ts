import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { expect, hasShared, SHARED, test } from './fixtures.ts';

test.skip(!hasShared, '../shared/data is absent');

// CDNOW's 23,570 customers are more than two of the worker's pages (10,000 rows): the file is written
// in several chunks, collected as Blob parts and saved as one file.
test('a customer export larger than one page downloads whole: its header, every customer once, in id order', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SHARED, 'data/cdnow/CDNOW_master.txt'));
  await app.load();
  expect(await app.count('customers')).toBe(23_570);
  await app.section('RFM');
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toMatch(/^all-customers-.*\.csv$/);
  const bytes = readFileSync(await download.path(), 'utf8');

  // CRLF lines, a header, then one line per customer (no cell of this data holds a line break).
  const lines = bytes.split('\r\n');
  expect(lines).toHaveLength(1 + 23_570);
  expect(lines[0]).toMatch(/^customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,/);
  const parsed = Papa.parse<string[]>(bytes, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  expect(rows.every((r) => r.length === header.length)).toBe(true);
  const ids = rows.map((r) => r[0]);
  expect(new Set(ids).size).toBe(23_570);
  expect(ids.slice(0, 2)).toEqual(['00001', '00002']);
  expect(ids.at(-1)).toBe('23570');
  expect([...ids].sort()).toEqual(ids);
  // The page is usable after it: the export's progress is gone and the button is back.
  await expect(page.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export customers' })).toBeEnabled();
});
