import * as Comlink from 'comlink';
import type { DbApi } from '../../../workers/db-api.ts';
import workerUrl from '../../../workers/db.worker.ts?worker&url';
import { blobWorkerSource } from './blob-worker.ts';

/**
 * The page's one handle on the database worker. It starts from a `blob:` URL so that it runs under the
 * page's Content-Security-Policy: a worker loaded by its own URL takes its policy from its own response's
 * headers, which a static host does not send, and a `<meta>` policy never reaches it.
 */
export function createDbClient(): Comlink.Remote<DbApi> {
  const source = blobWorkerSource('module', new URL(workerUrl, import.meta.url).href);
  const bootstrap = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(bootstrap, { type: 'module', name: 'duckdb' });
  // The worker has read its source by the time it answers; the URL is not needed after that.
  worker.addEventListener('message', () => URL.revokeObjectURL(bootstrap), { once: true });
  return Comlink.wrap<DbApi>(worker);
}
