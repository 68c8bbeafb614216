import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type SectionName, type WorkbenchPage } from './fixtures.ts';

/** Each explanation, by the section it is in and the question it answers. */
const EXPLANATIONS: { section: SectionName; question: string }[] = [
  { section: 'RFM', question: 'What do the RFM scores mean?' },
  { section: 'Value & lifecycle', question: 'What do the value tiers mean?' },
  { section: 'Value & lifecycle', question: 'What do the lifecycle stages mean?' },
  { section: 'Segments', question: 'What do the segment KPIs mean?' },
];
const HIDE = 'I know this — hide explanations';
const KEY = 'segment-workbench:explanations';

async function openSample(app: WorkbenchPage): Promise<void> {
  await app.open('?sample=retail-v2');
  await app.loaded();
}

/** Segment analysis shows once there are segments: two templates, so the overlap shows too. */
async function addTemplates(app: WorkbenchPage): Promise<void> {
  await app.section('Segments');
  const templates = app.page.getByRole('group', { name: 'Templates' });
  await templates.getByRole('button', { name: 'One-time buyers' }).click();
  await templates.getByRole('button', { name: 'New customers' }).click();
  await expect(app.page.getByRole('table', { name: 'Overlap matrix' })).toBeVisible();
}

/** Tabs from the section's start until `target` has focus, as a keyboard user would reach it (bounded). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await page.getByRole('main').focus();
  for (let press = 0; press < 300; press++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('Tab never reached the explanation');
}

const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), KEY);

test('each explanation is a folded disclosure found by its name, opened with the keyboard, its text in the accessibility tree', async ({
  app,
  page,
}) => {
  await openSample(app);
  await addTemplates(app);
  for (const [i, { section, question }] of EXPLANATIONS.entries()) {
    await app.section(section);
    const toggle = page.getByRole('button', { name: question });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const region = page.getByRole('region', { name: question });
    await expect(region).toBeHidden();
    await tabTo(page, toggle);
    await page.keyboard.press(i % 2 ? 'Space' : 'Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(region).toBeVisible();
    // The button names what it opens.
    await expect(region).toHaveAttribute('id', (await toggle.getAttribute('aria-controls'))!);
    // What a screen reader reads: the region under the question's name, with its terms.
    const tree = await region.ariaSnapshot();
    expect(tree).toContain(`region "${question}"`);
    expect(tree).toContain('term');
    expect(tree).toContain(`button "${HIDE}"`);
    // Folds again from the keyboard.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(region).toBeHidden();
  }
});

test('an explanation quotes the definitions in force: an edited lifecycle threshold shows in its text', async ({ app, page }) => {
  await openSample(app);
  await app.section('Value & lifecycle');
  const lapsed = page.getByLabel('Lapsed after (days)');
  const before = await lapsed.inputValue();
  await page.getByRole('button', { name: 'What do the lifecycle stages mean?' }).click();
  const region = page.getByRole('region', { name: 'What do the lifecycle stages mean?' });
  await expect(region).toContainText(`Last order more than ${before} days before the analysis date.`);
  const edited = String(Number(before) + 45);
  await lapsed.fill(edited);
  await lapsed.press('Enter');
  await expect(region).toContainText(`Last order more than ${edited} days before the analysis date.`);
  await expect(region).not.toContainText(`Last order more than ${before} days`);
});

test('hiding all explanations survives a reload; Forget everything stored in this browser shows them again', async ({ app, page }) => {
  await openSample(app);
  await addTemplates(app);
  await app.section('RFM');
  await page.getByRole('button', { name: EXPLANATIONS[0].question }).click();
  await page.getByRole('region', { name: EXPLANATIONS[0].question }).getByRole('button', { name: HIDE }).click();
  // Focus stays where the person was, on the way back; the change is announced.
  await expect(page.getByRole('button', { name: 'Show explanations' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Explanations hidden on every section.' })).toBeVisible();
  expect(await stored(page)).toBe('hidden');
  for (const { section, question } of EXPLANATIONS) {
    await app.section(section);
    await expect(page.getByRole('button', { name: question })).toHaveCount(0);
  }

  await page.reload();
  await openSample(app);
  for (const { section, question } of EXPLANATIONS) {
    await app.section(section);
    await expect(page.getByRole('button', { name: question })).toHaveCount(0);
  }
  await app.section('Overview');
  const process = page.getByRole('region', { name: 'How segmentation works' });
  await expect(process).toContainText('Explanations are hidden.');
  await expect(process.getByRole('list')).toHaveCount(0);

  await app.section('Segments');
  const library = page.getByRole('region', { name: 'Saved definitions' });
  await expect(library).toContainText('It also remembers whether you hid the explanations.');
  await library.getByRole('button', { name: 'Forget everything stored in this browser' }).click();
  await page
    .getByRole('dialog', { name: 'Forget everything stored in this browser?' })
    .getByRole('button', { name: 'Forget everything' })
    .click();
  await expect(library.getByRole('status')).toHaveText(
    'Everything this page stored in this browser was deleted: no saved definitions, no autosaved work.',
  );
  await expect(page.getByRole('button', { name: 'What do the segment KPIs mean?' })).toBeVisible();
  expect(await stored(page)).toBeNull();
  await page.reload();
  await openSample(app);
  await app.section('RFM');
  await expect(page.getByRole('button', { name: EXPLANATIONS[0].question })).toBeVisible();
});

test('the process overview: goals → data → segments → analysis → action, each step linked to its section', async ({ app, page }) => {
  await app.open();
  // Before data is loaded, in the Data section.
  const before = page.getByRole('region', { name: 'How segmentation works' });
  await expect(before.getByRole('listitem')).toHaveCount(5);

  await openSample(app);
  await app.section('Overview');
  const process = page.getByRole('region', { name: 'How segmentation works' });
  const steps = process.getByRole('list').getByRole('listitem');
  await expect(steps.locator('strong')).toHaveText(['Goals', 'Data', 'Segments', 'Analysis', 'Action']);
  await steps.filter({ hasText: 'Analysis' }).getByRole('link', { name: 'Segments' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Segments', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await app.section('Overview');
  await steps.filter({ hasText: 'Data' }).first().getByRole('link', { name: 'Data' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Data', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  // Hidden from the process overview, shown again from there.
  await app.section('Overview');
  await process.getByRole('button', { name: HIDE }).click();
  await expect(process.getByRole('button', { name: 'Show explanations' })).toBeFocused();
  await process.getByRole('button', { name: 'Show explanations' }).click();
  await expect(process.getByRole('button', { name: HIDE })).toBeFocused();
  await expect(steps).toHaveCount(5);
});

test('axe finds no violation with every explanation open', async ({ app, page }) => {
  await openSample(app);
  await addTemplates(app);
  const found: string[] = [];
  const ids = { Overview: 'overview', RFM: 'rfm', 'Value & lifecycle': 'value', Segments: 'segments' } as const;
  for (const [section, id] of Object.entries(ids) as [keyof typeof ids, string][]) {
    await app.section(section);
    for (const { question } of EXPLANATIONS.filter((e) => e.section === section)) {
      await page.getByRole('button', { name: question }).click();
      await expect(page.getByRole('region', { name: question })).toBeVisible();
    }
    // Every rule on the explanations themselves; the serious ones on the whole section around them.
    const own = await new AxeBuilder({ page }).include(`[data-section="${id}"] :is(.explain, .process)`).analyze();
    const all = await new AxeBuilder({ page }).analyze();
    for (const v of [...own.violations, ...all.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')]) {
      found.push(`${section}: ${v.id} (${v.impact}) on ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    }
  }
  expect(found).toEqual([]);
});
