import path from 'node:path';
import { test as bare, type BrowserContext, type Page } from '@playwright/test';
import { GUESS_FIXTURES, reference } from '../guess-reference.ts';
import { expect, guardContext, WorkbenchPage } from './fixtures.ts';
import { startConnectionCounter, startStaticHost } from './static-server.ts';
import { PORT } from './ports.ts';

/** This spec's own static hosts: ports past the two preview servers of this checkout (SW_E2E_PORT + 2 …). */
const OFFLINE_PORT = PORT + 2;
const SUB_PATH_PORT = PORT + 3;

/** Bytes of every response the page's origin holds in Cache Storage. */
function cachedBytes(page: Page): Promise<{ bytes: number; files: number; caches: string[] }> {
  return page.evaluate(async () => {
    let bytes = 0;
    let files = 0;
    const names = await caches.keys();
    for (const name of names) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        bytes += (await (await cache.match(request))!.blob()).size;
        files += 1;
      }
    }
    return { bytes, files, caches: names };
  });
}

/** The service worker controlling the page, by its script's address; null when none does. */
const controller = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);

/** Waits until the service worker controls the page and keeps the engine the page loaded ("Available offline"). */
async function untilKeptOffline(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Offline use' })).toHaveText(/Available offline/, { timeout: 120_000 });
  await expect.poll(() => controller(page)).not.toBeNull();
}

async function loadSample(app: WorkbenchPage): Promise<{ customers: number; rfm: string }> {
  await app.section('Data');
  await app.page.getByRole('button', { name: 'Try sample data' }).click();
  await app.loaded();
  const customers = await app.count('customers');
  await app.section('RFM');
  const rfm = app.page.getByRole('table', { name: 'RFM segments' });
  await expect(rfm).toBeVisible({ timeout: 120_000 });
  return { customers, rfm: await rfm.innerText() };
}

async function newGuardedContext(browser: import('@playwright/test').Browser, origin: string) {
  const context: BrowserContext = await browser.newContext();
  const guard = await guardContext(context, origin);
  return { context, guard };
}

bare(
  'offline: after one visit the app opens, loads the sample and a file with the static host stopped, and asks nothing of it',
  async ({ browser }) => {
    bare.setTimeout(400_000);
    const host = await startStaticHost(OFFLINE_PORT);
    const { context, guard } = await newGuardedContext(browser, host.origin);
    let counter: Awaited<ReturnType<typeof startConnectionCounter>> | null = null;
    try {
      const page = await context.newPage();
      const app = new WorkbenchPage(page);
      // 1. The first visit, online: the engine starts, the service worker installs and keeps the app and that engine.
      await page.goto(host.url);
      await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
      await untilKeptOffline(page);
      const online = await loadSample(app);
      const cache = await cachedBytes(page);
      console.log(
        `offline: Cache Storage after install: ${cache.bytes} bytes (${(cache.bytes / 2 ** 20).toFixed(1)} MiB) in ${cache.files} files, caches ${cache.caches.join(', ')}`,
      );
      // The app shell and one DuckDB bundle: not the other bundle.
      const kept = await page.evaluate(async () => (await (await caches.open((await caches.keys())[0])).keys()).map((r) => r.url));
      expect(kept.filter((u) => /duckdb-.*\.wasm$/.test(u))).toHaveLength(1);
      console.log(`offline: ${host.requests.length} requests reached the host while online`);

      // 2. The host goes away; a listener on its port counts whatever still tries to reach it.
      await host.stop();
      counter = await startConnectionCounter(OFFLINE_PORT);

      // 3. Reload: the page, its workers and the engine come from the service worker. A file of the reader's own loads.
      await page.reload();
      await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
      expect(await controller(page)).toBe(`${host.url}sw.js`);
      const name = 'european-semicolon.csv';
      await app.chooseFiles(path.join(GUESS_FIXTURES, name));
      await app.load();
      expect(await app.count('customers')).toBe(reference(name).customers.size);
      await app.section('RFM');
      await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible();

      // 4. Reload again, still with no host: the bundled sample gives what it gave online.
      await page.reload();
      await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
      expect(await loadSample(app)).toEqual(online);

      // The browser checks for a new sw.js each time a page it controls opens (the Service Workers spec's soft update): that
      // check fails with no host and changes nothing. Nothing else — no page, worker, engine or sample file — may reach the port.
      console.log(
        `offline: after the host stopped, ${counter.seen.length} connections reached its port: ${counter.seen.join(' | ') || 'none'}`,
      );
      expect(
        counter.seen.filter((line) => line !== 'GET /sw.js HTTP/1.1'),
        'requests to the stopped host other than the update check',
      ).toEqual([]);
      expect(guard.problems, 'page errors, CSP violations, foreign requests').toEqual([]);
    } finally {
      await context.close();
      await counter?.stop();
      await host.stop();
    }
  },
);

bare(
  'sub-path: served under /some/sub/path/, the app loads the sample and its service worker keeps that folder only',
  async ({ browser }) => {
    bare.setTimeout(300_000);
    const host = await startStaticHost(SUB_PATH_PORT, '/some/sub/path/');
    const { context, guard } = await newGuardedContext(browser, host.origin);
    try {
      const page = await context.newPage();
      const app = new WorkbenchPage(page);
      await page.goto(host.url);
      await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
      const { customers } = await loadSample(app);
      expect(customers).toBeGreaterThan(0);
      await untilKeptOffline(page);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
      expect(scope).toBe(host.url);
      expect(await controller(page)).toBe(`${host.url}sw.js`);
      // Every request stayed in the folder: a file asked for from the root would be a broken relative path.
      expect(host.requests.filter((r) => !r.split(' ')[1].startsWith('/some/sub/path/'))).toEqual([]);
      expect(guard.problems, 'page errors, CSP violations, foreign requests, failed responses').toEqual([]);
    } finally {
      await context.close();
      await host.stop();
    }
  },
);
