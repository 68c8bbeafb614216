import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type WorkbenchPage } from './fixtures.ts';

const SECTIONS = ['Data', 'Overview', 'RFM', 'Value & lifecycle', 'Segments', 'SQL'] as const;

/**
 * The sample loaded and every section holding what a user would have open: a rule segment with a
 * condition and its members listed, a second segment so the overlap heatmap shows, a profile, and a
 * query's result in the SQL console.
 */
async function fillEverySection(app: WorkbenchPage, page: Page): Promise<void> {
  await app.open('?sample=retail-v1');
  await app.loaded();

  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add rule segment' }).click();
  const segment = page.getByRole('region', { name: 'Segment 1', exact: true });
  await segment.getByRole('button', { name: 'Add condition' }).click();
  await segment.getByRole('group', { name: 'Condition', exact: true }).getByLabel('Operator').selectOption({ label: '≥' });
  await segment.getByRole('group', { name: 'Condition', exact: true }).getByLabel('Value', { exact: true }).fill('500');
  await segment.getByRole('group', { name: 'Condition', exact: true }).getByLabel('Value', { exact: true }).press('Enter');
  await expect(segment.getByTestId('member-count')).toBeVisible();
  await panel.getByRole('group', { name: 'Templates' }).getByRole('button', { name: 'One-time buyers' }).click();
  await expect(page.getByRole('table', { name: 'Overlap matrix' })).toBeVisible();
  // A segment condition too: Segment 1 "is not in" the template's segment.
  await segment.getByRole('button', { name: 'Add segment condition' }).click();
  await segment.getByRole('group', { name: 'Segment condition' }).getByRole('combobox', { name: 'Customer' }).selectOption('not_in');
  await segment.getByRole('button', { name: 'Profile' }).click();
  await segment.getByRole('button', { name: 'Show members' }).click();
  await expect(page.getByRole('region', { name: 'Members' }).getByTestId('member-range')).toContainText('Showing 1–');
  // The export panel, on a tool format (its country choice and documentation link shown).
  await segment.getByRole('button', { name: 'Export members' }).click();
  const exportPanel = segment.getByRole('region', { name: 'Export Segment 1' });
  await exportPanel.getByLabel('Format').selectOption({ label: 'Klaviyo' });
  await expect(exportPanel.getByTestId('consent-count')).toContainText('accept marketing');

  await app.section('SQL');
  await expect(
    (await app.sql('SELECT country, count(*) AS customers FROM customers GROUP BY 1 ORDER BY 2 DESC')).getByRole('table'),
  ).toBeVisible();
}

/**
 * axe's serious and critical violations on the page as it is. axe's source goes in through Playwright's
 * evaluate (the DevTools protocol), so the page keeps its Content-Security-Policy: no bypassCSP, no
 * script tag; the guard fixture fails the test on any CSP violation.
 */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const targets = v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(' | ');
      return `${where}: ${v.id} (${v.impact}) on ${v.nodes.length} elements: ${targets}`;
    });
}

test('axe finds no serious or critical violation in any section, each section filled', async ({ app, page }) => {
  await fillEverySection(app, page);
  const found: string[] = [];
  for (const name of SECTIONS) {
    await app.section(name);
    found.push(...(await seriousViolations(page, name)));
  }
  // …and with a dialog open.
  await app.section('Data');
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  found.push(...(await seriousViolations(page, 'Data, the import form open')));
  await page.getByRole('button', { name: 'Remove retail-v1-customers.csv' }).click();
  await expect(page.getByRole('dialog', { name: 'Remove retail-v1-customers.csv?' })).toBeVisible();
  found.push(...(await seriousViolations(page, 'dialog')));
  await page.keyboard.press('Escape');
  expect(found).toEqual([]);
  // The policy is still the page's own.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
});

/** Whether the focused element shows where focus is: an outline of 2 px or more, or a box shadow, with 3:1 contrast. */
function focusIndicator(): { element: string; visible: boolean; style: string } | null {
  const focused = document.activeElement;
  // Body: focus left the page; a marked element: Tab came round again.
  const tabbed = ((window as unknown as { tabbed?: WeakSet<Element> }).tabbed ??= new WeakSet());
  if (!focused || focused === document.body || tabbed.has(focused)) return null;
  tabbed.add(focused);
  // CodeMirror focuses its content area and marks its editor box (.cm-focused): the ring is on the box.
  let ring = (focused.closest('.cm-editor') ?? focused) as HTMLElement;
  // An input hidden in its label (a styled file picker) has its ring drawn on the label.
  const hidden = getComputedStyle(ring).opacity === '0' || ring.getBoundingClientRect().width <= 1;
  if (hidden) ring = ring.closest('label') ?? ring;
  const style = getComputedStyle(ring);
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]: number[]) => {
    const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  let background = '';
  for (let e: Element | null = ring.parentElement; e && !background; e = e.parentElement) {
    const color = getComputedStyle(e).backgroundColor;
    const [, , , alpha = 1] = rgb(color);
    if (alpha > 0) background = color;
  }
  const contrast = (a: string, b: string) => {
    const [la, lb] = [luminance(rgb(a)), luminance(rgb(b || 'rgb(255, 255, 255)'))].sort((x, y) => y - x);
    return (la + 0.05) / (lb + 0.05);
  };
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && contrast(style.outlineColor, background) >= 3;
  const shadow = style.boxShadow !== 'none';
  const name = focused.getAttribute('aria-label') ?? (focused as HTMLElement).innerText?.slice(0, 40) ?? '';
  return {
    element: `${focused.tagName.toLowerCase()}${focused.id ? `#${focused.id}` : ''} "${name.trim()}"`,
    visible: outline || shadow,
    style: `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} on ${background}; box-shadow ${style.boxShadow}`,
  };
}

test('every control reached by Tab shows a visible focus indicator', async ({ app, page }) => {
  await fillEverySection(app, page);
  // Table views hold focusable scrollers and the chart buttons change name: open one to include them.
  await app.section('RFM');
  await page.getByRole('button', { name: 'Show table: R × F heatmap', exact: true }).click();
  const invisible: string[] = [];
  const seen = new Set<string>();
  for (const name of SECTIONS) {
    await app.section(name);
    // From the top of the page: the skip links, the header, the nav, then the section.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('heading', { level: 1 }).first().click();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.evaluate(() => delete (window as unknown as { tabbed?: WeakSet<Element> }).tabbed);
    let reached = 0;
    for (let press = 0; press < 1500; press++) {
      await page.keyboard.press('Tab');
      const indicator = await page.evaluate(focusIndicator);
      if (!indicator) break;
      reached++;
      if (!indicator.visible && !seen.has(indicator.element)) invisible.push(`${name}: ${indicator.element}: ${indicator.style}`);
      seen.add(indicator.element);
    }
    expect(reached, `Tab reached the controls of ${name}`).toBeGreaterThan(3);
  }

  // The dialog that asks before a file's results are discarded, opened by keyboard: both its buttons.
  await app.section('Data');
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  await page.getByRole('button', { name: 'Remove retail-v1-customers.csv' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove retail-v1-customers.csv?' });
  await expect(dialog.getByRole('button', { name: 'Keep' })).toBeFocused();
  for (let press = 0; press < 2; press++) {
    const indicator = (await page.evaluate(focusIndicator))!;
    if (!indicator.visible) invisible.push(`dialog: ${indicator.element}: ${indicator.style}`);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(invisible).toEqual([]);
});
