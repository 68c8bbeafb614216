import * as duckdb from '@duckdb/duckdb-wasm';
import { runAnalysis, type AnalysisKeys } from '../src/lib/analysis/run-analysis.ts';
import { WorkbenchError } from '../src/lib/errors.ts';
import { parseMemorySize } from '../src/lib/import/memory-estimate.ts';
import type { ImportReport } from '../src/lib/import/report.ts';
import { raw, readRaw, runImport, type RegisteredFile } from '../src/lib/import/run-import.ts';
import type { SqlRunner } from '../src/lib/import/sql-runner.ts';
import { dropNewObjectsSql, userObjects, warmUp, warmUpRounds } from '../src/lib/import/warm-up.ts';
import type { SegmentSchema } from '../src/lib/segments/schema.ts';
import type { AnalysisSpec } from '../src/lib/spec/analysis.ts';
import type { ImportSpec } from '../src/lib/spec/import.ts';
import { DROP_CUSTOMERS_SNAPSHOT_SQL } from '../src/lib/sql/segment-base.ts';
import { COMPACT_STORAGE_SQL, DEFAULT_STORAGE_SQL } from '../src/lib/sql/storage.ts';
import type { EngineStatus, ImportProgress } from './db-api.ts';
import { startEngine, stopEngine, UNLOCKED, type Engine } from './engine.ts';
import { dropParts, register } from './register-file.ts';
import { runner } from './statement-runner.ts';

/**
 * The engine and the tables in it: started once, loaded by an import, analysed, and restarted (the
 * kept files registered again, the tables and the last analysis rebuilt) when it must be.
 */

const START_TIMEOUT_MS = 60_000;

let engine: Promise<Engine> | null = null;
/** Where the engine's start-up (and a restart's) is told to the page. */
let onEngineStatus: (status: EngineStatus) => void = () => {};
/**
 * The files of the last import and its spec, kept so a restarted engine can register them again and
 * rebuild the tables (and the analysis) the page shows.
 */
let kept: { spec: ImportSpec; files: File[]; compact: boolean } | null = null;
/** Where the tables are kept: DuckDB's own database, or the compressed one of a compact load. */
let compactStorage = false;
/** What the analysis tables were last built from; null after an import, so everything is rebuilt. */
let analysisKeys: AnalysisKeys | null = null;

/** What the tables in the engine were built from, which the worker's requests read. */
export const session = {
  /** The spec of the last import, null while none has ended. */
  lastSpec: null as ImportSpec | null,
  /** The analysis date of the latest analysis: segment rules count relative dates back from it. */
  analysisDate: null as string | null,
  /** The spec the analysis tables were last built from: a customer's story is explained with it. */
  analysedSpec: null as AnalysisSpec | null,
  /** The segment columns of the loaded data (their kinds do not change with the analysis spec). */
  segmentColumns: null as Omit<SegmentSchema, 'analysisDate'> | null,
  /** Whether `customers` is snapshotted for the current analysis (see segment-base.ts). */
  snapshotted: false,
};
/** Per file position: what the raw table there was read from, so an unchanged file is not read again. */
let rawKeys: string[] = [];
/** Per file position: the records counted in the file the raw table there was read from. */
let rawRecords: number[] = [];

/**
 * An import already run, on the spec the page showed, while the person looked at it (`importAhead`):
 * a Load of that very spec and those very files takes its report instead of importing again.
 */
let ahead: { key: string; report: ImportReport } | null = null;

/** Everything an import's tables depend on: the whole spec and the files' identities. */
function importKey(spec: ImportSpec, files: readonly File[]): string {
  return JSON.stringify([spec, files.map((f) => [f.name, f.size, f.lastModified])]);
}

function rawKey(spec: ImportSpec, index: number, file: File): string {
  const f = spec.files[index];
  return JSON.stringify([file.name, file.size, file.lastModified, f.parse, f.columns.map((c) => c.name)]);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolveValue, reject) => {
    const timer = setTimeout(() => reject(new WorkbenchError('engine', message)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolveValue(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export async function runningEngine(): Promise<Engine> {
  if (!engine) throw new WorkbenchError('engine', 'The database engine has not been started.');
  return engine;
}

export async function ready(): Promise<duckdb.AsyncDuckDBConnection> {
  return (await runningEngine()).conn;
}

/**
 * Keeps the tables where a load asks: in the compressed database for a compact load (the default
 * database's tables dropped, so that a load before holds no memory beside it), or in DuckDB's own.
 */
async function useStorage(db: SqlRunner, compact: boolean): Promise<void> {
  if (compact === compactStorage) return;
  if (compact) {
    const own = (await userObjects(db)).filter((o) => o.database === 'memory');
    for (const drop of dropNewObjectsSql([], own)) await db.exec(drop);
  }
  await db.exec(compact ? COMPACT_STORAGE_SQL : DEFAULT_STORAGE_SQL);
  compactStorage = compact;
  // The raw tables read before are in the other database, or gone.
  rawKeys = [];
}

export async function dropSnapshot(conn: duckdb.AsyncDuckDBConnection): Promise<void> {
  // Not cancellable on purpose: it is quick, and it must run for the tables that follow to be trusted.
  await conn.query(DROP_CUSTOMERS_SNAPSHOT_SQL);
  session.snapshotted = false;
}

function startInTime(): Promise<Engine> {
  return withTimeout(
    startEngine((status) => onEngineStatus(status)),
    START_TIMEOUT_MS,
    'The database engine did not start within a minute. If this page is served with a Content-Security-Policy, it must allow wasm-unsafe-eval.',
  );
}

async function engineReady({ conn, files }: Engine): Promise<EngineStatus> {
  const [row] = (await conn.query(`SELECT version() AS v, current_setting('memory_limit') AS m`)).toArray();
  const { v, m } = row.toJSON();
  const status: EngineStatus = { state: 'ready', version: String(v), locked: !UNLOCKED, files, memoryLimit: parseMemorySize(String(m)) };
  onEngineStatus(status);
  return status;
}

/**
 * Registers the files and builds the tables of an import, or takes those the import ahead built for
 * this very spec and these files; afterwards the tables are this import's and its files are kept for
 * a restart.
 */
export async function loadTables(
  spec: ImportSpec,
  files: File[],
  onProgress: (p: ImportProgress) => void,
  signal: AbortSignal,
  compact = false,
) {
  const { db, conn } = await runningEngine();
  const keys = files.map((file, i) => rawKey(spec, i, file));
  // The import ahead runs only into an empty engine, where the tables are DuckDB's own.
  let report = ahead?.key === importKey(spec, files) && !compact ? ahead.report : null;
  if (report) forgetTables();
  else {
    await useStorage(runner(conn, signal), compact);
    await dropParts(db);
    const registered: RegisteredFile[] = [];
    for (let i = 0; i < files.length; i++) {
      registered.push(
        rawKeys[i] === keys[i] ? { reuseRaw: true, records: rawRecords[i] } : await register(db, i, spec, files, onProgress, compact),
      );
    }
    await dropSnapshot(conn);
    forgetTables();
    report = await runImport(runner(conn, signal), spec, registered, onProgress);
  }
  [rawKeys, rawRecords] = [keys, report.files.map((f) => f.input)];
  session.lastSpec = spec;
  kept = { spec, files, compact };
  return report;
}

/**
 * Reads the chosen files into their raw tables while the person still looks at the mapping, so that
 * Load finds them read (the raw table depends on the file and how it is parsed, not on the roles).
 * Only into an engine with nothing loaded: loaded data reads its raw tables (`order_lines`, the
 * rejected records' download). A file whose read fails is left to the import, which says why.
 * Says whether every file is read.
 */
export async function readAhead(
  spec: ImportSpec,
  files: File[],
  onProgress: (p: ImportProgress) => void,
  signal: AbortSignal,
): Promise<boolean> {
  if (kept || session.lastSpec) return false;
  const { db, conn } = await runningEngine();
  for (let i = 0; i < files.length; i++) {
    const key = rawKey(spec, i, files[i]);
    if (rawKeys[i] === key) continue;
    // From here until the read has ended whole, the raw table at i is no file's, nor the tables made from it.
    rawKeys[i] = '';
    ahead = null;
    try {
      const registered = await register(db, i, spec, files, onProgress);
      onProgress({ phase: 'parsing', file: spec.files[i].name });
      const records = await readRaw(runner(conn, signal), raw(i), spec.files[i], registered);
      [rawKeys[i], rawRecords[i]] = [key, records];
    } catch (e) {
      if (signal.aborted) throw e;
    }
  }
  return files.every((file, i) => rawKeys[i] === rawKey(spec, i, file));
}

/**
 * Imports the chosen files, read ahead, on the spec the page shows, while the person still looks at
 * it: a Load of that spec then shows the report at once (see `loadTables`). Only while nothing is
 * loaded, and only from raw tables read from these very files; the tables it makes are nobody's until
 * that Load. An import ahead that fails or is cancelled (the spec changed) leaves nothing to take:
 * the import at Load runs, and says why if it fails.
 */
export async function importAhead(
  spec: ImportSpec,
  files: File[],
  onProgress: (p: ImportProgress) => void,
  signal: AbortSignal,
): Promise<boolean> {
  if (kept || session.lastSpec) return false;
  const key = importKey(spec, files);
  if (ahead?.key === key) return true;
  if (!files.every((file, i) => rawKeys[i] === rawKey(spec, i, file))) return false;
  ahead = null;
  const { conn } = await runningEngine();
  const registered = files.map((_, i) => ({ reuseRaw: true as const, records: rawRecords[i] }));
  try {
    ahead = { key, report: await runImport(runner(conn, signal), spec, registered, onProgress) };
    return true;
  } catch (e) {
    if (signal.aborted) throw e;
    return false;
  }
}

/** Until an import ends the tables are neither the last import's nor this one's (a stopped import leaves them so). */
function forgetTables(): void {
  ahead = null;
  session.segmentColumns = null;
  session.snapshotted = false;
  session.analysisDate = null;
  session.analysedSpec = null;
  rawKeys = [];
  session.lastSpec = null;
  analysisKeys = null;
}

export async function analyseTables(spec: AnalysisSpec, signal: AbortSignal) {
  const conn = await ready();
  if (!session.lastSpec) throw new WorkbenchError('mapping', 'Load data before analysing it.');
  try {
    await dropSnapshot(conn);
    // One transaction: an analysis stopped part-way rolls back to the tables of the previous one,
    // which the page still shows, and whose keys and date then still hold.
    await conn.query('BEGIN TRANSACTION');
    const { result, keys } = await runAnalysis(runner(conn, signal), spec, analysisKeys);
    await conn.query('COMMIT');
    analysisKeys = keys;
    session.analysisDate = result.analysisDate;
    session.analysedSpec = spec;
    return result;
  } catch (e) {
    await conn.query('ROLLBACK').catch(() => undefined);
    if (!signal.aborted) {
      analysisKeys = null;
      session.analysisDate = null;
      session.analysedSpec = null;
    }
    throw e;
  }
}

/**
 * Replaces the engine with a fresh one (the page sees it start again), then registers the kept files
 * again and rebuilds the tables and the analysis the page shows (unless `rebuild` is false: then
 * nothing is loaded). Says what it rebuilt.
 */
export async function restartEngine({ rebuild }: { rebuild: boolean }): Promise<string> {
  if (!rebuild) kept = null;
  const old = engine;
  engine = null;
  // An engine that failed to start has nothing to stop.
  if (old) await old.then(stopEngine).catch(() => undefined);
  const analysed = session.analysedSpec;
  forgetTables();
  compactStorage = false;
  engine = startInTime();
  await engineReady(await engine);
  if (!kept) return 'nothing was loaded';
  const never = new AbortController().signal;
  await loadTables(kept.spec, kept.files, () => {}, never, kept.compact);
  if (analysed) await analyseTables(analysed, never);
  return 'your files were loaded again';
}

let warmedUp = false;

/**
 * Warms the engine up (warm-up.ts) once per page, before anything is loaded or read: the files are
 * registered as an import's are. Ends early when `stop()` says a request waits. Says how it went,
 * or null when it did not run.
 */
export async function warmEngineUp(signal: AbortSignal, stop: () => boolean): Promise<{ ms: number; whole: boolean } | null> {
  // Its tables would replace raw tables read ahead (it drops what it made): only into an empty engine.
  if (warmedUp || kept || session.lastSpec || rawKeys.length > 0) return null;
  warmedUp = true;
  const { db, conn } = await runningEngine();
  const start = performance.now();
  const whole = await warmUp(
    runner(conn, signal),
    {
      register: async (spec, files) => {
        const registered: RegisteredFile[] = [];
        for (let i = 0; i < files.length; i++) registered.push(await register(db, i, spec, files, () => {}));
        return registered;
      },
      unregister: async (registered) => {
        for (const r of registered) if ('path' in r) await db.dropFile(r.path);
      },
    },
    stop,
    warmUpRounds((navigator as Navigator & { deviceMemory?: number }).deviceMemory),
  );
  return { ms: performance.now() - start, whole };
}

/** Starts the engine once (a later call waits for the same start) and says how it went. */
export async function startOnce(onStatus: (status: EngineStatus) => void): Promise<EngineStatus> {
  onEngineStatus = onStatus;
  engine ??= startInTime();
  try {
    return await engineReady(await engine);
  } catch (e) {
    engine = null;
    const status: EngineStatus = { state: 'failed', message: e instanceof Error ? e.message : String(e) };
    onStatus(status);
    return status;
  }
}
