import { test as base, expect, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SHARED = path.resolve(import.meta.dirname, '../../../shared');
export const hasShared = existsSync(path.join(SHARED, 'data'));
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export type CsvRow = Record<string, string>;
export const parseCsv = (text: string) => Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: true }).data;

/** The page as a person uses it: by roles and labels. */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`./${query}`);
    await expect(this.page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
  }

  async chooseFiles(...files: string[]): Promise<void> {
    await this.page.getByLabel('Load data').setInputFiles(files);
  }

  async load(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Load|Reload with these settings)$/ }).click();
    await expect(this.report).toBeVisible({ timeout: 150_000 });
  }

  get report() {
    return this.page.getByRole('region', { name: 'Import report' });
  }

  async count(testId: string, file?: string): Promise<number> {
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
    const console = this.page.getByRole('region', { name: 'SQL console' });
    await console.getByLabel('SQL').fill(query);
    await console.getByRole('button', { name: 'Run query' }).click();
    await expect(console).toHaveAttribute('aria-busy', 'false');
    return console;
  }

  /** First column of a query's result rows. */
  async sqlColumn(query: string): Promise<string[]> {
    const console = await this.sql(query);
    const table = console.getByRole('table', { name: 'Query result' });
    await expect(table).toBeVisible();
    return table.locator('tbody tr td:first-child').allInnerTexts();
  }
}

/**
 * Every test fails on an uncaught page error, a Content-Security-Policy violation, or a request
 * to any origin other than the app's own.
 */
export const test = base.extend<{ app: WorkbenchPage }>({
  app: async ({ page, baseURL }, use) => {
    const problems: string[] = [];
    const origin = new URL(baseURL!).origin;
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))
        problems.push(`request to another origin: ${url}`);
    });
    await page.exposeFunction('__reportCsp', (text: string) => problems.push(`CSP violation: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(new WorkbenchPage(page));
    expect(problems, 'page errors, CSP violations, foreign requests').toEqual([]);
  },
});

export { expect };
