import * as duckdb from '@duckdb/duckdb-wasm';
import * as Comlink from 'comlink';
import { plainFormat, writeExport } from '../src/lib/export/paged-export.ts';
import { WorkbenchError, errorMessage, firstLine, fromDuckDbError } from '../src/lib/errors.ts';
import { runAnalysis, type AnalysisKeys } from '../src/lib/analysis/run-analysis.ts';
import { exportPreview } from '../src/lib/customer/export-preview.ts';
import { readCustomerOrders, readCustomerStory } from '../src/lib/customer/story.ts';
import type { AnalysisSpec } from '../src/lib/spec/analysis.ts';
import { exportPreviewSql } from '../src/lib/sql/customer.ts';
import { rejectsExport, runImport, type RegisteredFile } from '../src/lib/import/run-import.ts';
import { exportCustomersSql } from '../src/lib/sql/export.ts';
import { contactAttributesInView } from '../src/lib/sql/contacts.ts';
import { audienceCounts, audienceFile } from '../src/lib/segments/audience.ts';
import {
  analyseSegments,
  countSegment,
  memberPage,
  profileSegment,
  readSegmentSchema,
  summarizeColumn,
} from '../src/lib/segments/run-segments.ts';
import { writeSegmentExport } from '../src/lib/segments/segment-export.ts';
import { findColumn, type SegmentSchema } from '../src/lib/segments/schema.ts';
import { DROP_CUSTOMERS_SNAPSHOT_SQL, SNAPSHOT_CUSTOMERS_SQL } from '../src/lib/sql/segment-base.ts';
import { rowPages, userSqlRunner, type PreparingRunner, type UserSqlRunner } from '../src/lib/import/sql-runner.ts';
import { arrowRows, cellValue, isNumericType, plainText } from './arrow-values.ts';
import type { ImportSpec } from '../src/lib/spec/import.ts';
import type { DbApi, EngineStatus, ImportProgress, QueryResult } from './db-api.ts';
import { prepareCounted } from './file-bytes.ts';
import { onUnheardStop, runCancellable, STOP_GRACE_MS, stopSentOnAbort, stoppedError, streamPages, withTimeLimit } from './cancellable.ts';
import { startEngine, stopEngine, UNLOCKED, type Engine } from './engine.ts';
import { tooLargeMessage } from '../src/lib/cli-command.ts';
import { parseMemorySize } from '../src/lib/import/memory-estimate.ts';
import { AUTOMATIC_SQL_LIMIT_MS, stoppedMessage, type StopReason } from '../src/lib/stop-reason.ts';
import { workbookToCsv } from './workbook.ts';
import { abandonRunning, cancelTicket, checkpoint, exclusive, GiveWay, type Lane } from './request-queue.ts';

const START_TIMEOUT_MS = 60_000;
/** How many common values a rule's value picker suggests. */
const SUMMARY_VALUES = 12;

let engine: Promise<Engine> | null = null;
/** Where the engine's start-up (and a restart's) is told to the page. */
let onEngineStatus: (status: EngineStatus) => void = () => {};
let lastSpec: ImportSpec | null = null;
/**
 * The files of the last import and its spec, kept so a restarted engine can register them again and
 * rebuild the tables (and the analysis) the page shows.
 */
let kept: { spec: ImportSpec; files: File[] } | null = null;
/** What the analysis tables were last built from; null after an import, so everything is rebuilt. */
let analysisKeys: AnalysisKeys | null = null;
/** The analysis date of the latest analysis: segment rules count relative dates back from it. */
let analysisDate: string | null = null;
/** The spec the analysis tables were last built from: a customer's story is explained with it. */
let analysedSpec: AnalysisSpec | null = null;
/** The segment columns of the loaded data (their kinds do not change with the analysis spec). */
let segmentColumns: Omit<SegmentSchema, 'analysisDate'> | null = null;
/** Whether `customers` is snapshotted for the current analysis (see segment-base.ts). */
let snapshotted = false;
/** Per file position: what the raw table there was read from, so an unchanged file is not read again. */
let rawKeys: string[] = [];
/** Per file position: the records counted in the file the raw table there was read from. */
let rawRecords: number[] = [];

function rawKey(spec: ImportSpec, index: number, file: File): string {
  const f = spec.files[index];
  return JSON.stringify([file.name, file.size, file.lastModified, f.parse, f.columns.map((c) => c.name)]);
}

/**
 * Every statement of the app's own work runs through `runCancellable`, so the running request's
 * Cancel (and, with `limitMs`, a time limit per statement) can stop it.
 */
const runner = (conn: duckdb.AsyncDuckDBConnection, signal: AbortSignal, limitMs?: number): PreparingRunner => {
  const run = async (sql: string) => {
    if (limitMs === undefined) return runCancellable(conn, sql, signal);
    const limited = withTimeLimit(signal, limitMs);
    try {
      return await runCancellable(conn, sql, limited.signal);
    } finally {
      limited.done();
    }
  };
  return {
    async exec(sql) {
      await run(sql);
    },
    async rows(sql) {
      return arrowRows(await run(sql));
    },
    // The wasm build does not tell a prepared statement's type: one statement is what the gate needs.
    // Preparing proves the text is one statement; that same text then runs where it can be stopped
    // (a prepared statement's run cannot be).
    async runPrepared(sql) {
      const statement = await conn.prepare(sql);
      await statement.close();
      return arrowRows(await run(sql));
    },
    // Pages are an export's, which the user asked for (and can cancel): they have no time limit, which
    // would count the time the page takes to save each chunk.
    pages: (sql) => streamPages(conn, sql, signal),
    async *pagesPrepared(sql) {
      const statement = await conn.prepare(sql);
      await statement.close();
      yield* streamPages(conn, sql, signal);
    },
  };
};

/** A query's column names, in order, from its empty result (an export's header, even for no rows). */
async function columnNames(conn: duckdb.AsyncDuckDBConnection, sql: string, signal: AbortSignal): Promise<string[]> {
  const table = await runCancellable(conn, `SELECT * FROM (${sql}) LIMIT 0`, signal);
  return table.schema.fields.map((f) => f.name);
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

async function runningEngine(): Promise<Engine> {
  if (!engine) throw new WorkbenchError('engine', 'The database engine has not been started.');
  return engine;
}

async function ready(): Promise<duckdb.AsyncDuckDBConnection> {
  return (await runningEngine()).conn;
}

async function register(db: duckdb.AsyncDuckDB, index: number, spec: ImportSpec, files: File[], onProgress: (p: ImportProgress) => void) {
  const file = spec.files[index];
  const source = files[index];
  const path = `uploads/${index}-${file.name.replace(/[^\w.-]+/g, '_').replace(/\.gz$/i, '')}`;
  await db.dropFile(path).catch(() => undefined);
  let prepared, count;
  try {
    ({ prepared, count } = await prepareCounted(source, file, (loadedBytes) =>
      onProgress({ phase: 'reading', file: file.name, loadedBytes, totalBytes: source.size }),
    ));
  } catch (e) {
    if (e instanceof TypeError) {
      throw new WorkbenchError(
        'encoding',
        `${file.name} could not be decoded as ${file.parse.encoding}: choose its encoding (often windows-1252 for spreadsheet exports).`,
      );
    }
    throw e;
  }
  if (prepared.kind === 'handle') await db.registerFileHandle(path, prepared.file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  else await db.registerFileBuffer(path, prepared.bytes);
  const delimiter = file.parse.delimiter === 'whitespace' ? '\t' : file.parse.delimiter;
  return { path, delimiter, count } satisfies RegisteredFile;
}

async function dropSnapshot(conn: duckdb.AsyncDuckDBConnection): Promise<void> {
  // Not cancellable on purpose: it is quick, and it must run for the tables that follow to be trusted.
  await conn.query(DROP_CUSTOMERS_SNAPSHOT_SQL);
  snapshotted = false;
}

/**
 * The connection and schema for segment work, after an analysis. The column kinds are read once
 * per import; the snapshot of `customers` is taken on the first work that reads rows.
 */
async function segmentBase(readsRows: boolean, signal: AbortSignal): Promise<{ db: UserSqlRunner; schema: SegmentSchema }> {
  const conn = await ready();
  if (analysisDate === null) throw new WorkbenchError('mapping', 'Load and analyse data before defining segments.');
  // Segment work compiles user text into its statements: all of it goes through the gate. It runs as
  // segments arrive (from a link, a template, an edit), unasked: each statement of it has a time limit.
  const db = userSqlRunner(runner(conn, signal, AUTOMATIC_SQL_LIMIT_MS), runner(conn, signal));
  if (readsRows && !snapshotted) {
    await runner(conn, signal).exec(SNAPSHOT_CUSTOMERS_SQL);
    snapshotted = true;
  }
  if (!segmentColumns) {
    const { customers, orders } = await readSegmentSchema(db, analysisDate);
    segmentColumns = { customers, orders };
  }
  return { db, schema: { ...segmentColumns, analysisDate } };
}

/** Segment work in the queue, with DuckDB's errors given a kind. */
function segmentWork<T>(
  work: (base: { db: UserSqlRunner; schema: SegmentSchema }) => Promise<T>,
  options: { lane?: Lane; readsRows?: boolean; ticket?: string } = {},
): Promise<T> {
  return exclusive(
    async (signal) => {
      try {
        return await work(await segmentBase(options.readsRows ?? true, signal));
      } catch (e) {
        throw e instanceof GiveWay ? e : fromDuckDbError(e);
      }
    },
    options.lane,
    options.ticket,
  );
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
 * Registers the files and builds the tables of an import; afterwards the tables are this import's
 * and its files are kept for a restart.
 */
async function loadTables(spec: ImportSpec, files: File[], onProgress: (p: ImportProgress) => void, signal: AbortSignal) {
  const { db, conn } = await runningEngine();
  const registered: RegisteredFile[] = [];
  const keys = files.map((file, i) => rawKey(spec, i, file));
  for (let i = 0; i < files.length; i++) {
    registered.push(rawKeys[i] === keys[i] ? { reuseRaw: true, records: rawRecords[i] } : await register(db, i, spec, files, onProgress));
  }
  await dropSnapshot(conn);
  forgetTables();
  const report = await runImport(runner(conn, signal), spec, registered, onProgress);
  rawKeys = keys;
  rawRecords = report.files.map((f) => f.input);
  lastSpec = spec;
  kept = { spec, files };
  return report;
}

/** Until an import ends the tables are neither the last import's nor this one's (a stopped import leaves them so). */
function forgetTables(): void {
  segmentColumns = null;
  snapshotted = false;
  analysisDate = null;
  analysedSpec = null;
  rawKeys = [];
  lastSpec = null;
  analysisKeys = null;
}

async function analyseTables(spec: AnalysisSpec, signal: AbortSignal) {
  const conn = await ready();
  if (!lastSpec) throw new WorkbenchError('mapping', 'Load data before analysing it.');
  try {
    await dropSnapshot(conn);
    // One transaction: an analysis stopped part-way rolls back to the tables of the previous one,
    // which the page still shows, and whose keys and date then still hold.
    await conn.query('BEGIN TRANSACTION');
    const { result, keys } = await runAnalysis(runner(conn, signal), spec, analysisKeys);
    await conn.query('COMMIT');
    analysisKeys = keys;
    analysisDate = result.analysisDate;
    analysedSpec = spec;
    return result;
  } catch (e) {
    await conn.query('ROLLBACK').catch(() => undefined);
    if (!signal.aborted) {
      analysisKeys = null;
      analysisDate = null;
      analysedSpec = null;
    }
    throw e;
  }
}

/**
 * Replaces the engine with a fresh one (the page sees it start again), then registers the kept files
 * again and rebuilds the tables and the analysis the page shows. Says what it rebuilt.
 */
async function restartEngine(): Promise<string> {
  const old = engine;
  engine = null;
  // An engine that failed to start has nothing to stop.
  if (old) await old.then(stopEngine).catch(() => undefined);
  const analysed = analysedSpec;
  forgetTables();
  engine = startInTime();
  await engineReady(await engine);
  if (!kept) return 'nothing was loaded';
  const never = new AbortController().signal;
  await loadTables(kept.spec, kept.files, () => {}, never);
  if (analysed) await analyseTables(analysed, never);
  return 'your files were loaded again';
}

// A statement told to stop that does not end: the engine is replaced, and the request ends saying so.
onUnheardStop((reason) =>
  abandonRunning(() =>
    restartEngine().then(
      (rebuilt) => {
        throw new WorkbenchError(
          reason.kind === 'time-limit' ? 'time-limit' : 'stopped',
          `${stoppedMessage(reason)} The engine did not stop within ${STOP_GRACE_MS / 1000} s, so it was restarted and ${rebuilt}.`,
        );
      },
      (e) => {
        throw new WorkbenchError('engine', `The engine did not stop, and could not be restarted: ${errorMessage(e)} Reload the page.`);
      },
    ),
  ),
);

/** A console cell: numbers and booleans as they are, everything else as DuckDB writes it. */
const displayed = (value: ReturnType<typeof cellValue>) =>
  typeof value === 'number' || typeof value === 'boolean' || value === null ? value : plainText(value);

const api: DbApi = {
  async start(onStatus) {
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
  },

  async readWorkbook(file) {
    const workbook = await workbookToCsv(file.name, await file.arrayBuffer());
    return Comlink.transfer(workbook, [workbook.csv.buffer]);
  },

  importFiles(spec, files, onProgress, ticket) {
    return exclusive(
      async (signal) => {
        if (files.length !== spec.files.length) throw new WorkbenchError('mapping', 'Each file needs its mapping.');
        try {
          return await loadTables(spec, files, onProgress, signal);
        } catch (e) {
          const error = fromDuckDbError(e);
          if (error.kind !== 'memory') throw error;
          // The engine may be left broken by running out of memory: a fresh one, with nothing loaded.
          kept = null;
          await restartEngine();
          throw new WorkbenchError(
            'memory',
            `${tooLargeMessage(spec.files, firstLine(errorMessage(e)))} Nothing was loaded: the engine was restarted, and the files stay chosen.`,
          );
        }
      },
      'interactive',
      ticket,
    );
  },

  analyse(spec, ticket) {
    return exclusive(
      async (signal) => {
        try {
          return await analyseTables(spec, signal);
        } catch (e) {
          throw fromDuckDbError(e);
        }
      },
      // A change the user just made: it goes before queued segment work, which gives way to it.
      'interactive',
      ticket,
    );
  },

  exportCustomersCsv(write, ticket) {
    return exclusive(
      async (signal) => {
        const conn = await ready();
        try {
          const sql = exportCustomersSql();
          return await writeExport(rowPages(runner(conn, signal), sql), plainFormat(await columnNames(conn, sql, signal)), write);
        } catch (e) {
          throw fromDuckDbError(e);
        }
      },
      'background',
      ticket,
    );
  },

  rejectsCsv(fileIndex, write, ticket) {
    return exclusive(
      async (signal) => {
        const conn = await ready();
        if (!lastSpec) throw new WorkbenchError('mapping', 'Nothing has been loaded yet.');
        const { sql, format } = rejectsExport(fileIndex, lastSpec.files[fileIndex]);
        try {
          return await writeExport(rowPages(runner(conn, signal), sql), format, write);
        } catch (e) {
          throw fromDuckDbError(e);
        }
      },
      'background',
      ticket,
    );
  },

  segmentSchema() {
    return segmentWork(async ({ schema }) => schema, { readsRows: false });
  },

  countSegment(definition, library, self) {
    return segmentWork(({ db, schema }) => countSegment(db, definition, schema, library, self), { lane: 'interactive' });
  },

  analyseSegments(segments, minSizePercent, library) {
    return segmentWork(({ db, schema }) => analyseSegments(db, segments, schema, minSizePercent, library, checkpoint));
  },

  profileSegment(definition, library) {
    return segmentWork(({ db, schema }) => profileSegment(db, definition, schema, library, checkpoint));
  },

  columnSummary(view, column) {
    return segmentWork(({ db, schema }) => {
      const info = findColumn(schema[view], column);
      if (!info) throw new WorkbenchError('rule', `There is no column "${column}" in ${view}.`);
      return summarizeColumn(db, view, info, SUMMARY_VALUES);
    });
  },

  memberPage(include, exclude, page, library) {
    return segmentWork(({ db, schema }) => memberPage(db, include, exclude, page, schema, library));
  },

  exportSegmentsCsv(segments, member, library, consentOnly, write, ticket) {
    return segmentWork(({ db, schema }) => writeSegmentExport(db, write, segments, schema, member, library, consentOnly), { ticket });
  },

  audienceCounts(audience) {
    return segmentWork(({ db, schema }) => audienceCounts(db, audience, schema), { lane: 'interactive' });
  },

  exportAudience(audience, format, options, write, ticket) {
    const customersFile = lastSpec?.files.find((f) => f.kind === 'customers') ?? null;
    return segmentWork(
      ({ db, schema }) => audienceFile(db, audience, schema, format, options, contactAttributesInView(customersFile), write),
      { ticket },
    );
  },

  // A click: interactive, so it goes before queued segment analyses and profiles.
  customerStory(id, segments, orders, library) {
    return segmentWork(
      ({ db, schema }) => {
        if (!analysedSpec) throw new WorkbenchError('mapping', 'Load and analyse data before opening a customer.');
        return readCustomerStory(db, id, segments, schema, analysedSpec, orders, library);
      },
      { lane: 'interactive' },
    );
  },

  customerOrders(id, page) {
    return segmentWork(({ db, schema }) => readCustomerOrders(db, id, schema, page), { lane: 'interactive' });
  },

  exportPreview(rows) {
    return exclusive(async (signal) => {
      const conn = await ready();
      try {
        // The columns from the result's schema, in the export's order.
        const table = await runCancellable(conn, exportPreviewSql(rows), signal);
        return exportPreview(
          arrowRows(table),
          table.schema.fields.map((f) => f.name),
        );
      } catch (e) {
        throw fromDuckDbError(e);
      }
    });
  },

  query(sql, maxRows, ticket): Promise<QueryResult> {
    return exclusive(
      async (signal) => {
        const conn = await ready();
        const ended = stopSentOnAbort(conn, signal);
        try {
          if (signal.aborted) throw signal.reason;
          // Streamed, so a huge result never has to fit in memory to show its first rows; sent, so Cancel stops it.
          const reader = await conn.send(sql, true);
          let columns: string[] | null = null;
          let numeric: boolean[] = [];
          const rows: QueryResult['rows'] = [];
          let truncated = false;
          for await (const batch of reader) {
            columns ??= batch.schema.fields.map((f) => f.name);
            if (!numeric.length) numeric = batch.schema.fields.map((f) => isNumericType(f.type));
            // By column index: names may repeat, or be `__proto__`.
            const vectors = columns.map((_, i) => batch.getChildAt(i));
            if (signal.aborted) break;
            for (let r = 0; r < batch.numRows; r++) {
              if (rows.length === maxRows) {
                truncated = true;
                break;
              }
              rows.push(vectors.map((v) => displayed(v ? cellValue(v, r) : null)));
            }
            if (truncated) break;
          }
          if (truncated) await conn.cancelSent();
          // The console may have changed the tables behind `customers`: segment work starts again from them.
          await dropSnapshot(conn);
          segmentColumns = null;
          if (signal.aborted) throw stoppedError(signal.reason as StopReason);
          return { columns: columns ?? reader.schema?.fields.map((f) => f.name) ?? [], numeric, rows, truncated };
        } catch (e) {
          if (signal.aborted) {
            // The console may have changed tables before it was stopped.
            await dropSnapshot(conn).catch(() => undefined);
            segmentColumns = null;
            throw stoppedError(signal.reason as StopReason);
          }
          throw fromDuckDbError(e);
        } finally {
          ended();
        }
      },
      'background',
      ticket,
    );
  },

  async cancel(ticket) {
    return cancelTicket(ticket);
  },
};

Comlink.expose(api);
