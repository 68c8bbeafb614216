import path from 'node:path';
import { test as bare, chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { GUESS_FIXTURES, reference } from '../guess-reference.ts';
import { expect, guardContext, WorkbenchPage } from './fixtures.ts';
import { NOTHING_SENT, NOTHING_YET, startConnectionCounter, startStaticHost } from './static-server.ts';
import { SPEC_PORTS } from './ports.ts';

/** This spec's own static hosts (ports.ts). */
const { offline: OFFLINE_PORT, subPath: SUB_PATH_PORT, update: UPDATE_PORT, plainHttp: HTTP_PORT } = SPEC_PORTS;

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
  const context: BrowserContext = await browser.newContext({ serviceWorkers: 'allow' });
  const guard = await guardContext(context, origin);
  return { context, guard };
}

bare(
  "offline: after one visit the app opens, loads the sample and a file with the host stopped, asking it for nothing but the browser's sw.js check",
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
      // check fails with no host and changes nothing. Nothing else — no page, worker, engine or sample file — may ask the port
      // for anything. (A connection still open is waited for until it says what it wants or closes.)
      await expect.poll(() => counter!.seen.includes(NOTHING_YET), { timeout: 30_000 }).toBe(false);
      console.log(
        `offline: after the host stopped, ${counter.seen.length} connections reached its port: ${counter.seen.join(' | ') || 'none'}`,
      );
      expect(
        counter.seen.filter((line) => line !== 'GET /sw.js HTTP/1.1' && line !== NOTHING_SENT),
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

bare(
  'update: a new version is offered, never forced; the reader reloads when it suits them, and the old cache goes',
  async ({ browser }) => {
    bare.setTimeout(300_000);
    const host = await startStaticHost(UPDATE_PORT);
    const { context, guard } = await newGuardedContext(browser, host.origin);
    try {
      const page = await context.newPage();
      const app = new WorkbenchPage(page);
      await page.goto(host.url);
      await untilKeptOffline(page);
      const { customers } = await loadSample(app);
      const [first] = await page.evaluate(() => caches.keys());
      // A marker in this page's memory: gone only if the page reloads.
      await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
      const stillHere = () => page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true);

      // The new version will copy the engine from the old cache rather than download it again.
      const engineRequests = host.requests.filter((r) => /duckdb-.*\.wasm/.test(r)).length;
      // A new deployment: sw.js with another version (its list of files unchanged).
      const version = first.split(' ').at(-1)!;
      host.rewrite = (file, body) => (file === 'sw.js' ? body.replace(`version:\`${version}\``, 'version:`next-version`') : body);
      await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())!.update()));

      const update = page.getByRole('status', { name: 'Update' });
      await expect(update).toContainText('Update available', { timeout: 120_000 });
      // Offered, not forced: the page, its data and the old version stay until the reader chooses.
      expect(await stillHere()).toBe(true);
      expect(await app.count('customers')).toBe(customers);
      const waiting = await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
      expect(waiting).toBe(true);

      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await update.getByRole('button', { name: 'Reload' }).click();
      await reloaded;
      expect(await stillHere()).toBe(false);
      await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
      await expect(update).toHaveCount(0);
      const after = await page.evaluate(() => caches.keys());
      expect(after).toEqual([first.replace(version, 'next-version')]);
      const kept = await page.evaluate(async () => (await (await caches.open((await caches.keys())[0])).keys()).map((r) => r.url));
      expect(kept.filter((u) => /duckdb-.*\.wasm$/.test(u))).toHaveLength(1);
      expect(host.requests.filter((r) => /duckdb-.*\.wasm/.test(r)).length).toBe(engineRequests);
      expect(guard.problems, 'page errors, CSP violations, foreign requests, failed responses').toEqual([]);
    } finally {
      await context.close();
      await host.stop();
    }
  },
);

bare('plain http (not localhost): the app works online and says in one line that offline use needs https', async () => {
  bare.setTimeout(300_000);
  const host = await startStaticHost(HTTP_PORT);
  // A name that is not localhost, resolved to this machine: Chromium treats its http pages as not secure.
  const insecure = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP workshop.test 127.0.0.1'],
  });
  const url = `http://workshop.test:${HTTP_PORT}/`;
  try {
    const context = await insecure.newContext({ serviceWorkers: 'allow' });
    const guard = await guardContext(context, new URL(url).origin);
    const page = await context.newPage();
    const app = new WorkbenchPage(page);
    await page.goto(url);
    expect(await page.evaluate(() => [window.isSecureContext, 'serviceWorker' in navigator])).toEqual([false, false]);
    await expect(page.getByRole('note', { name: 'Offline use' })).toHaveText(/^Offline use needs https \(or localhost\)/);
    await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('Engine ready', { timeout: 90_000 });
    const { customers } = await loadSample(app);
    expect(customers).toBeGreaterThan(0);
    expect(host.requests).not.toContain('GET /sw.js');
    expect(guard.problems, 'page errors, CSP violations, foreign requests, failed responses').toEqual([]);
  } finally {
    await insecure.close();
    await host.stop();
  }
});
