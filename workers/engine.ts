import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { blobWorkerSource } from '../src/lib/db/blob-worker.ts';
import { LOCKDOWN_SQL } from '../src/lib/sql/lockdown.ts';
import type { EngineStatus } from './db-api.ts';

/** Only a test build may skip the lock, to prove the privacy test can fail. */
export const UNLOCKED = import.meta.env.VITE_ENGINE_UNLOCKED === '1';
/**
 * A test build of the engine under strain (`npm run build:test`, dist-strained): a small memory
 * limit, so a file of tens of megabytes runs out of memory, and an engine that does not hear a Cancel,
 * so the restart that follows one is proved. Production sets neither.
 */
const STRAINED = {
  memoryLimit: /^\d+(?:\.\d+)?\s*[KMG]i?B$/i.exec(import.meta.env.VITE_ENGINE_MEMORY_LIMIT ?? '')?.[0] ?? null,
  ignoresCancel: import.meta.env.VITE_ENGINE_IGNORES_CANCEL === '1',
};

// A relative base ('./') and a worker started from blob: must still find the bundles.
const resolve = (url: string) => new URL(url, import.meta.url).href;
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: resolve(mvpWasm), mainWorker: resolve(mvpWorker) },
  eh: { mainModule: resolve(ehWasm), mainWorker: resolve(ehWorker) },
};

/**
 * DuckDB's threaded bundle, only in a build made to measure it (`VITE_ENGINE_THREADS=1`, the bench's
 * `--threads`): it needs a cross-origin isolated page (COOP and COEP headers), and production keeps
 * the single-thread bundles. The condition is a build constant, so other builds do not ship its files.
 */
async function withThreads(bundles: duckdb.DuckDBBundles): Promise<duckdb.DuckDBBundles> {
  if (import.meta.env.VITE_ENGINE_THREADS !== '1') return bundles;
  const [wasm, worker, pthread] = await Promise.all([
    import('@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url'),
  ]);
  return {
    ...bundles,
    coi: { mainModule: resolve(wasm.default), mainWorker: resolve(worker.default), pthreadWorker: resolve(pthread.default) },
  };
}

/** One running DuckDB: its own worker, its database, the connection everything runs on. */
export interface Engine {
  db: duckdb.AsyncDuckDB;
  conn: duckdb.AsyncDuckDBConnection;
  /** The bundle selectBundle chose: the page keeps these files for offline use. */
  files: string[];
}

export async function startEngine(onStatus: (s: EngineStatus) => void): Promise<Engine> {
  const bundle = await duckdb.selectBundle(await withThreads(BUNDLES));
  // From a blob, so DuckDB's worker inherits the page's policy through this worker (as DuckDB's docs start it).
  const bootstrap = URL.createObjectURL(new Blob([blobWorkerSource('classic', bundle.mainWorker!)], { type: 'text/javascript' }));
  const worker = new Worker(bootstrap, { name: 'duckdb-engine' });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) =>
    onStatus({ state: 'downloading', loadedBytes: p.bytesLoaded, totalBytes: p.bytesTotal }),
  );
  URL.revokeObjectURL(bootstrap);
  onStatus({ state: 'starting' });
  // BIGINT stays exact (a number where it fits a double, else text): see arrow-values.ts.
  await db.open(bundle.pthreadWorker ? { maximumThreads: navigator.hardwareConcurrency } : {});
  const conn = await db.connect();
  // Before the lock, which freezes every setting.
  if (STRAINED.memoryLimit) await conn.query(`SET memory_limit = '${STRAINED.memoryLimit}'`);
  if (STRAINED.ignoresCancel) conn.cancelSent = async () => false;
  if (!UNLOCKED) for (const statement of LOCKDOWN_SQL) await conn.query(statement);
  return { db, conn, files: [bundle.mainModule, bundle.mainWorker!, ...(bundle.pthreadWorker ? [bundle.pthreadWorker] : [])] };
}

/**
 * Ends an engine at once, whatever it is running: its worker is terminated, so requests it had not
 * answered never will be (the caller abandons them).
 */
export async function stopEngine(engine: Engine): Promise<void> {
  await engine.db.terminate();
}
