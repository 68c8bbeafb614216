/**
 * What the browser must offer for the app to work, checked once before anything starts, so a browser
 * that lacks one gets a message naming it instead of an obscure failure later.
 */

/** The globals the check reads: the page passes `globalThis`, tests pass fakes. */
export interface BrowserGlobals {
  Worker?: unknown;
  WebAssembly?: unknown;
  CompressionStream?: unknown;
  DecompressionStream?: unknown;
  indexedDB?: unknown;
  isSecureContext?: boolean;
  navigator?: { serviceWorker?: unknown };
  Blob?: unknown;
  URL?: unknown;
}

interface WorkerLike {
  terminate(): void;
}
type WorkerConstructor = new (url: string, options: { type: string }) => WorkerLike;
interface UrlStatics {
  createObjectURL(blob: unknown): string;
  revokeObjectURL(url: string): void;
}
type BlobConstructor = new (parts: string[], options: { type: string }) => unknown;

/**
 * Whether `new Worker(url, { type: 'module' })` is understood: a browser without module workers never
 * reads the `type` option (the usual feature test; the worker is an empty blob, ended at once).
 */
function hasModuleWorkers(g: BrowserGlobals): boolean {
  if (typeof g.Worker !== 'function' || typeof g.Blob !== 'function' || !g.URL) return false;
  const urls = g.URL as UrlStatics;
  let read = false;
  const url = urls.createObjectURL(new (g.Blob as BlobConstructor)([''], { type: 'text/javascript' }));
  try {
    const options = {
      get type() {
        read = true;
        return 'module';
      },
    };
    new (g.Worker as WorkerConstructor)(url, options).terminate();
  } catch {
    return false;
  } finally {
    urls.revokeObjectURL(url);
  }
  return read;
}

/** What the app cannot work without that this browser lacks, by the names the message shows. */
export function missingCapabilities(g: BrowserGlobals): string[] {
  const missing: string[] = [];
  if (!hasModuleWorkers(g)) missing.push('module workers');
  const wasm = g.WebAssembly as { instantiate?: unknown } | undefined;
  if (typeof wasm?.instantiate !== 'function') missing.push('WebAssembly');
  if (typeof g.CompressionStream !== 'function' || typeof g.DecompressionStream !== 'function') missing.push('CompressionStream');
  if (!g.indexedDB) missing.push('IndexedDB');
  return missing;
}

/** Offline use needs a service worker, which browsers allow only in a secure context (https, localhost). */
export function canWorkOffline(g: BrowserGlobals): boolean {
  return g.isSecureContext === true && Boolean(g.navigator?.serviceWorker);
}
