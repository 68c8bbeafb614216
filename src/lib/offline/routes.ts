import { engineOf, type OfflineManifest } from './manifest.ts';

/** What the service worker does with one request. */
export type Route =
  /** Served from the cache (filled at install); the network only if the cache lost it. */
  | { kind: 'shell'; key: string }
  /** One of DuckDB's bundle files: from the cache, else fetched and kept. */
  | { kind: 'engine'; key: string }
  /**
   * A CSV an instructor added to samples/ after the build (listed in samples/manifest.json, which is
   * part of the shell, fetched from the host when the service worker installs): from the cache, else
   * fetched and kept, so a room that opened it once has it offline. Never the network while a copy is
   * kept: offline, the host is not asked at all.
   */
  | { kind: 'kept'; key: string }
  /** Not the app's: left to the browser, untouched. */
  | { kind: 'pass' };

export interface RequestFacts {
  url: string;
  method: string;
  mode: string;
}

/** The request's path inside the scope, or null when it is outside (another origin or folder). */
export function scopedPath(scope: string, url: string): string | null {
  const base = new URL(scope);
  const target = new URL(url);
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) return null;
  return decodeURIComponent(target.pathname.slice(base.pathname.length));
}

/**
 * The cache key of a kept file. index.html is kept as the folder's own address: hosts such as Cloudflare
 * Pages redirect …/index.html to …/, and a redirected response cannot answer a navigation.
 */
export function cacheKey(scope: string, path: string): string {
  return path === 'index.html' ? new URL(scope).href : new URL(path, scope).href;
}

export function routeRequest(manifest: OfflineManifest, scope: string, request: RequestFacts): Route {
  if (request.method !== 'GET') return { kind: 'pass' };
  const path = scopedPath(scope, request.url);
  if (path === null) return { kind: 'pass' };
  // Any address of the page (?sample=…, #…) opens the one index.html.
  if (path === '' && request.mode === 'navigate') return { kind: 'shell', key: cacheKey(scope, 'index.html') };
  if (path.startsWith('samples/') && !manifest.shell.includes(path)) return { kind: 'kept', key: cacheKey(scope, path) };
  if (manifest.shell.includes(path)) return { kind: 'shell', key: cacheKey(scope, path) };
  const engine = engineOf(path);
  if (engine && manifest.engines[engine]?.includes(path)) return { kind: 'engine', key: cacheKey(scope, path) };
  return { kind: 'pass' };
}

/**
 * The files of every bundle the given URLs belong to, as absolute URLs: the page names the files its
 * engine loaded, and the worker keeps that bundle whole (and nothing it does not know).
 */
export function engineFiles(manifest: OfflineManifest, scope: string, urls: readonly string[]): string[] {
  const engines = new Set<string>();
  for (const url of urls) {
    const path = scopedPath(scope, url);
    const engine = path === null ? null : engineOf(path);
    if (engine && path !== null && manifest.engines[engine]?.includes(path)) engines.add(engine);
  }
  return [...engines].flatMap((e) => manifest.engines[e].map((p) => cacheKey(scope, p)));
}

/** The bundles an earlier version kept (from its cache's URLs): a new version keeps the same ones. */
export function enginesKept(scope: string, cachedUrls: readonly string[]): string[] {
  const found = new Set<string>();
  for (const url of cachedUrls) {
    const path = scopedPath(scope, url);
    const engine = path === null ? null : engineOf(path);
    if (engine) found.add(engine);
  }
  return [...found];
}
