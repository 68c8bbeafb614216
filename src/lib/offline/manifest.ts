import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * What the service worker keeps for offline use, written into sw.js at build time. Paths are relative
 * to the service worker's scope (the folder the app is deployed in), so the build works from any sub-path.
 */
export interface OfflineManifest {
  /** Changes whenever any kept file changes: it names the cache, so a new build gets a new cache. */
  version: string;
  /** The app shell: index.html, the hashed JS/CSS, the app's workers, the bundled samples. */
  shell: string[];
  /**
   * DuckDB's bundles by name (eh, mvp, …): each one's wasm and worker. Only the one the browser
   * selects is kept (dist holds all of them, tens of MB each).
   */
  engines: Record<string, string[]>;
}

/** A built file and something that changes when its content does (its content hash, or its name when that holds one). */
export interface BuiltFile {
  path: string;
  fingerprint: string;
}

/** Files a static host reads or the service worker is itself: never cached by it. */
const NOT_KEPT = new Set(['sw.js', '_headers', '_redirects']);

/** The DuckDB bundle a built file belongs to (`assets/duckdb-eh-….wasm`, `assets/duckdb-browser-eh.worker-….js`), or null. */
export function engineOf(path: string): string | null {
  const name = path.split('/').pop() ?? '';
  const match = /^duckdb-(?:browser-)?([a-z]+)(?:\.pthread)?(?:\.worker)?-[\w-]+\.(?:wasm|js)$/.exec(name);
  return match ? match[1] : null;
}

export function offlineManifest(files: readonly BuiltFile[]): OfflineManifest {
  const kept = files.filter((f) => !NOT_KEPT.has(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const shell: string[] = [];
  const engines: Record<string, string[]> = {};
  for (const { path } of kept) {
    const engine = engineOf(path);
    if (engine) (engines[engine] ??= []).push(path);
    else shell.push(path);
  }
  const listing = kept.map((f) => `${f.path} ${f.fingerprint}`).join('\n');
  return { version: bytesToHex(sha256(utf8ToBytes(listing))).slice(0, 16), shell, engines };
}
