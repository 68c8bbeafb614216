import * as Comlink from 'comlink';
import type { DbApi } from '../../../workers/db-api.ts';

/** The page's one handle on the database worker. */
export function createDbClient(): Comlink.Remote<DbApi> {
  const worker = new Worker(new URL('../../../workers/db.worker.ts', import.meta.url), { type: 'module', name: 'duckdb' });
  return Comlink.wrap<DbApi>(worker);
}
