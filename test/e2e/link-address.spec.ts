import { shareFragment } from '../../src/lib/spec/share-link.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';
import { expect, test, WorkbenchPage } from './fixtures.ts';

/**
 * The address follows the user's edits: a link stays in the address as opened until the first
 * change, then the address holds what is on the page (so copying it shares that), a reload keeps
 * the work without taking the tab's own address for a colleague's link, and "Reset to link" goes
 * back to what the link said.
 */
const LINK: SpecFile = {
  version: 2,
  segments: {
    segments: [
      {
        id: 's1',
        name: 'Big spenders',
        definition: {
          kind: 'rules',
          root: {
            type: 'group',
            combine: 'and',
            rules: [{ type: 'condition', column: 'monetary', op: 'gte', value: '500', value2: '', values: [] }],
          },
        },
      },
    ],
  },
};

const specOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('spec');

test('the address follows edits after the first one; a reload keeps them; Reset to link returns to the link', async ({
  app,
  page,
  context,
}) => {
  const fragment = await shareFragment(LINK);
  const linked = fragment.slice('spec='.length);
  await app.open(`?sample=retail-v1#${fragment}`);
  await app.loaded();
  await app.section('Segments');
  const big = page.getByRole('region', { name: 'Big spenders', exact: true });
  await expect(big.getByTestId('member-count')).toBeVisible();
  // Applied, not yet changed: the address is the link as opened, and there is nothing to reset.
  expect(specOf(page.url())).toBe(linked);
  const reset = page.getByRole('button', { name: 'Reset to link' });
  await expect(reset).toHaveCount(0);

  // The first change: the address follows (replaced, not a new history entry).
  const entries = await page.evaluate(() => history.length);
  await big.getByLabel('Name', { exact: true }).fill('Top spenders');
  const top = page.getByRole('region', { name: 'Top spenders', exact: true });
  await expect(top).toBeVisible();
  await expect.poll(() => specOf(page.url())).not.toBe(linked);
  const edited = specOf(page.url())!;
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await expect(reset).toBeVisible();

  // A reload: the tab's own address is not a link to confirm or apply again; the work stays.
  await page.reload();
  await app.loaded();
  await app.section('Segments');
  await expect(page.getByRole('status').filter({ hasText: 'This link shares' })).toHaveCount(0);
  await expect(top).toBeVisible();
  expect(specOf(page.url())).toBe(edited);
  await expect(reset).toBeVisible();

  // The address is a link to the edited work: opened in another tab, it shows it.
  const other = new WorkbenchPage(await context.newPage());
  await other.page.goto(page.url());
  await other.loaded();
  await other.section('Segments');
  await expect(other.page.getByRole('region', { name: 'Top spenders', exact: true }).getByTestId('member-count')).toHaveText(
    await top.getByTestId('member-count').innerText(),
  );
  await other.page.close();

  // Reset to link: the link's definitions again, and its address.
  await reset.click();
  await expect(big.getByTestId('member-count')).toBeVisible();
  await expect(top).toHaveCount(0);
  await expect.poll(() => specOf(page.url())).toBe(linked);
  await expect(reset).toHaveCount(0);
});
