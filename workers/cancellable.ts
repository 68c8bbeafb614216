import type * as duckdb from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch, type Schema } from 'apache-arrow';
import { childController } from '../src/lib/child-signal.ts';
import { WorkbenchError } from '../src/lib/errors.ts';
import { PAGE_ROWS, type Row } from '../src/lib/import/sql-runner.ts';
import { stoppedMessage, type StopReason } from '../src/lib/stop-reason.ts';
import { arrowRows, hasDictionary } from './arrow-values.ts';

/** A result read batch by batch, its schema known before the first batch. */
export type BatchStream = AsyncIterable<RecordBatch> & { schema: Schema };

/**
 * `conn.send(sql, true)`: the result streamed, and the statement cancellable while it runs. Except a
 * result with an ENUM column: DuckDB-WASM streams those (Arrow dictionaries) with empty
 * dictionaries, so every value would read as null (duckdb-wasm issue #1548), while `query` keeps
 * them. Such a stream is dropped and the statement read again through `query` (results the page
 * reads, never a statement that changes anything); that read cannot be cancelled, so a stop during
 * it is heard through the restart after the grace period.
 */
export async function sendStreaming(conn: duckdb.AsyncDuckDBConnection, sql: string): Promise<BatchStream> {
  // Opened, so that its schema is read (the first message of the stream); an empty stream has none.
  const reader = await (await conn.send(sql, true)).open();
  if (!hasDictionary((reader.schema as Schema | undefined)?.fields ?? [])) return reader;
  await conn.cancelSent().catch(() => false);
  const table = await conn.query(sql);
  return {
    schema: table.schema,
    async *[Symbol.asyncIterator]() {
      yield* table.batches;
    },
  };
}

/**
 * Runs one statement so it can be stopped. DuckDB-WASM can cancel only a statement it runs through
 * `send` (a pending query it executes in short polls, between which `cancelSent` is heard), never one
 * run through `query` or a prepared statement's `query`. Results stream (`send(sql, true)`), so a
 * stop is also heard between batches. An abort's reason must be a `StopReason`.
 */
export async function runCancellable(conn: duckdb.AsyncDuckDBConnection, sql: string, signal?: AbortSignal): Promise<Table> {
  if (signal?.aborted) throw stopped(signal);
  const ended = stopSentOnAbort(conn, signal);
  try {
    const reader = await sendStreaming(conn, sql);
    const batches: RecordBatch[] = [];
    for await (const batch of reader) {
      if (signal?.aborted) throw stopped(signal);
      batches.push(batch);
    }
    return new Table(reader.schema, batches);
  } catch (e) {
    // DuckDB says "query was canceled"; the page is told why it was.
    throw signal?.aborted ? stopped(signal) : e;
  } finally {
    ended();
  }
}

/** How long a statement told to stop may take to end before the engine is taken not to have heard it. */
export const STOP_GRACE_MS = 5_000;
let unheard: (reason: StopReason) => void = () => {};

/** What to do when a statement told to stop has not ended within `STOP_GRACE_MS`: the worker restarts the engine. */
export function onUnheardStop(handler: (reason: StopReason) => void): void {
  unheard = handler;
}

/**
 * When `signal` aborts, cancels the statement `conn` is running (sent) and starts the grace period;
 * call the returned function once the statement has ended.
 */
export function stopSentOnAbort(conn: duckdb.AsyncDuckDBConnection, signal?: AbortSignal): () => void {
  let grace: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    void conn.cancelSent().catch(() => false);
    grace = setTimeout(() => unheard(signal!.reason as StopReason), STOP_GRACE_MS);
  };
  signal?.addEventListener('abort', stop, { once: true });
  return () => {
    signal?.removeEventListener('abort', stop);
    clearTimeout(grace);
  };
}

function stopped(signal: AbortSignal): WorkbenchError {
  return stoppedError(signal.reason as StopReason);
}

/** The error a stopped request ends with; its message says why it stopped. */
export function stoppedError(reason: StopReason): WorkbenchError {
  return new WorkbenchError(reason.kind === 'time-limit' ? 'time-limit' : 'stopped', stoppedMessage(reason));
}

/**
 * A signal that aborts with the time limit's reason after `ms`, or with `parent`'s reason when it
 * aborts first. `done` clears the timer.
 */
export function withTimeLimit(parent: AbortSignal, ms: number): { signal: AbortSignal; done: () => void } {
  const { controller, release } = childController(parent);
  const timer = setTimeout(() => controller.abort({ kind: 'time-limit', ms } satisfies StopReason), ms);
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      release();
    },
  };
}

/**
 * Runs one query so it can be stopped and yields its rows in pages of at least `pageRows` (whole
 * record batches, as DuckDB streams them), so no more than a page is ever held here. The next batch
 * is read only when the reader asks for the next page. Left before its end (stopped, or the reader
 * failed), the rest of the result is dropped so the connection is free for the next statement.
 */
export async function* streamPages(
  conn: duckdb.AsyncDuckDBConnection,
  sql: string,
  signal: AbortSignal,
  pageRows: number = PAGE_ROWS,
): AsyncGenerator<Row[], void, undefined> {
  if (signal.aborted) throw stopped(signal);
  const ended = stopSentOnAbort(conn, signal);
  let finished = false;
  try {
    const reader = await sendStreaming(conn, sql);
    let page: Row[] = [];
    for await (const batch of reader) {
      if (signal.aborted) throw stopped(signal);
      for (const row of arrowRows(batch)) page.push(row);
      if (page.length >= pageRows) {
        yield page;
        page = [];
      }
    }
    finished = true;
    if (page.length) yield page;
  } catch (e) {
    throw signal.aborted ? stopped(signal) : e;
  } finally {
    ended();
    if (!finished) await conn.cancelSent().catch(() => false);
  }
}
