/**
 * The service worker: keeps the app shell and the DuckDB bundle the browser selected, so the app opens
 * and works with no server once it has been visited. Built by src/build/offline-plugin.ts into sw.js,
 * with the list of files (and the version derived from it) written in as __OFFLINE_MANIFEST__.
 * It fetches only files of its own scope, never another origin, and it never takes over without
 * the reader's consent: a new version waits until the page asks it to (the "Update available" button).
 */
import type { OfflineManifest } from '../lib/offline/manifest.ts';
import { OFFLINE_MESSAGES, type KeepEngineReply } from '../lib/offline/messages.ts';
import { cacheKey, engineFiles, enginesKept, routeRequest } from '../lib/offline/routes.ts';

declare const __OFFLINE_MANIFEST__: OfflineManifest;
const manifest = __OFFLINE_MANIFEST__;
const sw = self as unknown as ServiceWorkerGlobalScope;
const scope = sw.registration.scope;
/** Caches of this deployment (one origin may host the app in several folders: each keeps its own). */
const PREFIX = `segment-workbench ${scope} `;
const CACHE = `${PREFIX}${manifest.version}`;

const ourCaches = async () => (await caches.keys()).filter((name) => name.startsWith(PREFIX));

/** A redirected response cannot answer a navigation: kept as a plain copy. */
const unredirected = (r: Response) =>
  r.redirected ? new Response(r.body, { status: r.status, statusText: r.statusText, headers: r.headers }) : r;

/** Fills this version's cache: files an earlier version already holds are copied, the rest fetched. */
async function fill(urls: readonly string[]): Promise<void> {
  const cache = await caches.open(CACHE);
  const earlier = await Promise.all((await ourCaches()).filter((n) => n !== CACHE).map((n) => caches.open(n)));
  await Promise.all(
    urls.map(async (url) => {
      if (await cache.match(url)) return;
      for (const old of earlier) {
        const kept = await old.match(url);
        if (kept) return cache.put(url, kept);
      }
      // 'no-cache': revalidated with the server, so a stale HTTP-cached index.html never enters a new version.
      const response = await fetch(new Request(url, { cache: 'no-cache' }));
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(url, unredirected(response));
    }),
  );
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = manifest.shell.map((p) => cacheKey(scope, p));
      // The bundle an earlier version kept stays kept (copied, not downloaded again when it did not change).
      const earlierUrls: string[] = [];
      for (const name of await ourCaches()) earlierUrls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
      const engines = enginesKept(scope, earlierUrls).flatMap((e) => (manifest.engines[e] ?? []).map((p) => cacheKey(scope, p)));
      await fill([...shell, ...engines]);
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all((await ourCaches()).filter((n) => n !== CACHE).map((n) => caches.delete(n)));
      // The first visit's page is controlled at once, so it works offline without a second visit.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; files?: unknown } | null;
  if (data?.type === OFFLINE_MESSAGES.applyUpdate) void sw.skipWaiting();
  if (data?.type === OFFLINE_MESSAGES.keepEngine && Array.isArray(data.files)) {
    const files = engineFiles(
      manifest,
      scope,
      data.files.filter((f): f is string => typeof f === 'string'),
    );
    const reply = (r: KeepEngineReply) => event.ports[0]?.postMessage(r);
    event.waitUntil(
      fill(files).then(
        () => reply({ kept: files.length > 0, version: manifest.version }),
        (e: unknown) => reply({ kept: false, version: manifest.version, problem: e instanceof Error ? e.message : String(e) }),
      ),
    );
  }
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const route = routeRequest(manifest, scope, request);
  if (route.kind === 'pass') return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(route.key);
      if (hit) return hit;
      // Only the kept file's own address is fetched: a navigation's query never reaches the server from here.
      const response = unredirected(await fetch(request.mode === 'navigate' ? route.key : request));
      if (response.status === 200) await cache.put(route.key, response.clone());
      return response;
    })(),
  );
});
