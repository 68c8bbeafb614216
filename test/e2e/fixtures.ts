import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SHARED = path.resolve(import.meta.dirname, '../../../shared');
export const hasShared = existsSync(path.join(SHARED, 'data'));
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export type CsvRow = Record<string, string>;
export const parseCsv = (text: string) => Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: true }).data;

/** The page as a person uses it: by roles and labels. */
export type SectionName = 'Data' | 'Overview' | 'RFM' | 'Value & lifecycle' | 'Segments' | 'SQL';

export class WorkbenchPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`./${query}`);
    await expect(this.page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
  }

  /** Opens the bundled sample and waits for its first analysis (the RFM table drawn). */
  async openAnalysedSample(): Promise<void> {
    await this.open('?sample=retail-v1');
    await this.section('RFM');
    await expect(this.page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  }

  /** The Segments section's panel, gone to first. */
  async segmentsPanel(): Promise<Locator> {
    await this.section('Segments');
    return this.page.getByRole('region', { name: 'Segments', exact: true });
  }

  /** Adds a rule or SQL segment, named by keyboard (a new segment's name field has the focus); its region. */
  async addSegment(kind: 'rule' | 'SQL', name: string): Promise<Locator> {
    const panel = await this.segmentsPanel();
    await panel.getByRole('button', { name: `Add ${kind} segment` }).click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(name);
    return this.page.getByRole('region', { name, exact: true });
  }

  /** Goes to a section of the page from the nav bar, as a person would. */
  async section(name: SectionName): Promise<void> {
    const link = this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
    // A person does not click the section they are on.
    if ((await link.getAttribute('aria-current')) !== 'page') await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
  }

  /** Chooses files in the Data section (opening the folded import form first when data is loaded). */
  async chooseFiles(...files: string[]): Promise<void> {
    await this.section('Data');
    const change = this.page.getByRole('button', { name: 'Change files or settings' });
    if (await change.isVisible()) await change.click();
    await this.page.getByLabel('Load data').setInputFiles(files);
  }

  /** Loads the chosen files and stays on the Data section, where the import report is. */
  async load(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Load|Reload with these settings)$/ }).click();
    await this.loaded();
    await this.section('Data');
    await expect(this.report).toBeVisible();
  }

  /** Waits until data is loaded (the header names it). */
  async loaded(): Promise<void> {
    await expect(this.page.getByTestId('header-customers')).toBeVisible({ timeout: 150_000 });
  }

  get report() {
    return this.page.getByRole('region', { name: 'Import report' });
  }

  /** A figure of the import report (in the Data section, gone to first). */
  async count(testId: string, file?: string): Promise<number> {
    if ((await this.currentSection()) !== 'Data') await this.section('Data');
    const scope = file ? this.report.getByRole('table', { name: `Records of ${file}` }) : this.report;
    return Number((await scope.getByTestId(testId).innerText()).replace(/,/g, ''));
  }

  /** Loaded + rejected + every excluded count of one file. */
  async accountedFor(file: string): Promise<number> {
    const table = this.report.getByRole('table', { name: `Records of ${file}` });
    const cells = await table.locator('[data-testid^="excluded-"]').allInnerTexts();
    const excluded = cells.reduce((sum, t) => sum + Number(t.replace(/,/g, '')), 0);
    return (await this.count('loaded', file)) + (await this.count('rejected', file)) + excluded;
  }

  /** Clicks a button that downloads a CSV and returns its rows. */
  async downloadCsv(button: Locator): Promise<CsvRow[]> {
    const download = this.page.waitForEvent('download');
    await button.click();
    return parseCsv(readFileSync(await (await download).path(), 'utf8'));
  }

  async sql(query: string) {
    await this.section('SQL');
    const console = this.page.getByRole('region', { name: 'SQL console' });
    await console.getByLabel('SQL').fill(query);
    await console.getByRole('button', { name: 'Run query' }).click();
    await expect(console).toHaveAttribute('aria-busy', 'false');
    return console;
  }

  /** First column of a query's result rows; then back to the section the test was on, as a person would go. */
  async sqlColumn(query: string): Promise<string[]> {
    const back = await this.currentSection();
    const console = await this.sql(query);
    const table = console.getByRole('table', { name: 'Query result' });
    await expect(table).toBeVisible();
    const column = await table.locator('tbody tr td:first-child').allInnerTexts();
    if (back !== 'SQL') await this.section(back);
    return column;
  }

  async currentSection(): Promise<SectionName> {
    const current = this.page.getByRole('navigation', { name: 'Sections' }).locator('a[aria-current="page"]');
    return (await current.innerText()) as SectionName;
  }
}

/** A record of work the page saved in this browser, as a test reads it back. */
export interface SavedRecord {
  spec?: { segments?: { segments: { name: string; definition?: { root?: { rules: unknown[] } } }[] }; analysis?: unknown };
}

/**
 * Every record the app's IndexedDB store holds, with its key, as the page wrote it (none before the
 * app first opened it) — without the segments' rule trees unless asked for: a tampered record may
 * nest them deeper than Playwright carries back.
 */
export function storedEntries(page: Page, withDefinitions = false): Promise<{ key: string; value: SavedRecord }[]> {
  return page.evaluate(async (withDefinitions) => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'segment-workbench')) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('segment-workbench');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const store = db.transaction('app').objectStore('app');
      const request = <T>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      const kept = JSON.parse(JSON.stringify(values, (key, value) => (key === 'definition' && !withDefinitions ? undefined : value)));
      return keys.map((key, i) => ({ key: String(key), value: kept[i] }));
    } finally {
      db.close();
    }
  }, withDefinitions);
}

/** Every record the app's store holds, without the segments' rule trees (see storedEntries). */
export async function savedRecords(page: Page): Promise<SavedRecord[]> {
  return (await storedEntries(page)).map((e) => e.value);
}

/** The segment names of each saved record. */
export async function savedSegmentNames(page: Page): Promise<string[][]> {
  return (await savedRecords(page)).map((r) => r.spec?.segments?.segments.map((s) => s.name) ?? []);
}

/** What the guard of one browser context saw go wrong, and the origins it lets pages reach. */
export interface Guard {
  readonly problems: string[];
  /** Lets pages request one more origin: only the unlocked build's test needs this (its server and the loopback logger). */
  allow(origin: string): void;
}

/**
 * Watches a whole browser context — every page, including pages a test opens itself and popups, and
 * every dedicated or service worker, whose requests and console reach the context's events — for
 * uncaught errors, Content-Security-Policy violations, failed responses and requests to any origin
 * but the allowed ones.
 */
export async function guardContext(context: BrowserContext, origin: string): Promise<Guard> {
  const problems: string[] = [];
  const allowed = new Set([origin]);
  const isAllowed = (url: string) => {
    if (url.startsWith('data:')) return true;
    try {
      // A blob: URL's origin is the page's that made it.
      return allowed.has(new URL(url).origin);
    } catch {
      return false;
    }
  };
  context.on('weberror', (e) => problems.push(`page error on ${e.page()?.url() ?? 'a page'}: ${e.error().message}`));
  context.on('request', (r) => {
    if (!isAllowed(r.url())) problems.push(`request to another origin: ${r.url()}`);
  });
  context.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  // A worker's CSP violation fires in the worker, where no init script runs; Chromium logs it to the console.
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(`CSP violation (console): ${m.text()}`);
  });
  // …so each worker gets a listener that logs its violations for the console listener above.
  const watchWorkers = (page: Page) =>
    page.on('worker', (worker) => {
      worker
        .evaluate(() =>
          self.addEventListener('securitypolicyviolation', (e) =>
            console.error(`Content Security Policy violation in a worker: ${e.violatedDirective} ${e.blockedURI}`),
          ),
        )
        .catch(() => undefined);
    });
  context.pages().forEach(watchWorkers);
  context.on('page', watchWorkers);
  await context.exposeBinding('__reportCsp', (_source, text: string) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { problems, allow: (o) => allowed.add(new URL(o).origin) };
}

/**
 * Every test fails on an uncaught page error, a Content-Security-Policy violation, or a request
 * to any origin other than the app's own, on any page or worker of its browser context (the guard
 * is automatic, so a test that uses `page` or `context.newPage()` directly is watched as well).
 */
export const test = base.extend<{ guard: Guard; app: WorkbenchPage }>({
  guard: [
    async ({ context, baseURL }, use) => {
      const guard = await guardContext(context, new URL(baseURL!).origin);
      await use(guard);
      expect(guard.problems, 'page errors, CSP violations, foreign requests').toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ page }, use) => {
    await use(new WorkbenchPage(page));
  },
});

export { expect };
