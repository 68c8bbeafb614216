import { expect, test } from './fixtures.ts';

test('a browser without CompressionStream and IndexedDB is told so, by name, instead of a page that fails later', async ({
  page,
  context,
}) => {
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.CompressionStream;
    delete w.DecompressionStream;
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  await page.goto('./');
  const message = page.getByRole('alert', { name: 'Browser not supported' });
  await expect(message).toContainText('This browser lacks what Segment Workbench needs: CompressionStream, IndexedDB.');
  // Nothing was started that would fail: no engine, no data section.
  await expect(page.getByRole('status', { name: 'Database engine' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
});

test('a current browser gets the app, with no such message', async ({ app, page }) => {
  await app.open();
  await expect(page.getByRole('alert', { name: 'Browser not supported' })).toHaveCount(0);
});
