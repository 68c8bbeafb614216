import * as Comlink from 'comlink';
import { plainFormat, writeExport } from '../src/lib/export/paged-export.ts';
import { WorkbenchError, errorMessage, firstLine, fromDuckDbError } from '../src/lib/errors.ts';
import { exportPreview } from '../src/lib/customer/export-preview.ts';
import { readCustomerOrders, readCustomerStory } from '../src/lib/customer/story.ts';
import { exportPreviewSql } from '../src/lib/sql/customer.ts';
import { rejectsExport } from '../src/lib/import/run-import.ts';
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
import { SNAPSHOT_CUSTOMERS_SQL } from '../src/lib/sql/segment-base.ts';
import { rowPages, userSqlRunner, type UserSqlRunner } from '../src/lib/import/sql-runner.ts';
import { arrowRows, cellValue, isNumericType, plainText } from './arrow-values.ts';
import type { DbApi, QueryResult } from './db-api.ts';
import { onUnheardStop, runCancellable, sendStreaming, STOP_GRACE_MS, stopSentOnAbort, stoppedError } from './cancellable.ts';
import { tooLargeMessage } from '../src/lib/cli-command.ts';
import { AUTOMATIC_SQL_LIMIT_MS, stoppedMessage, type StopReason } from '../src/lib/stop-reason.ts';
import { workbookToCsv } from './workbook.ts';
import { abandonRunning, cancelTicket, checkpoint, exclusive, GiveWay, requestsWaiting, type Request } from './request-queue.ts';
import {
  analyseTables,
  dropSnapshot,
  importAhead,
  loadTables,
  readAhead,
  ready,
  restartEngine,
  session,
  startOnce,
  warmEngineUp,
} from './session.ts';
import { columnNames, runner } from './statement-runner.ts';

/** Requests that only read: an analysis stops them, and they run again after it (see request-queue.ts). */
const INTERACTIVE_READ: Request = { lane: 'interactive', rerunnable: true };
const BACKGROUND_READ: Request = { rerunnable: true };

/** How many common values a rule's value picker suggests. */
const SUMMARY_VALUES = 12;

/**
 * The connection and schema for segment work, after an analysis. The column kinds are read once
 * per import; the snapshot of `customers` is taken on the first work that reads rows.
 */
async function segmentBase(readsRows: boolean, signal: AbortSignal): Promise<{ db: UserSqlRunner; schema: SegmentSchema }> {
  const conn = await ready();
  if (session.analysisDate === null) throw new WorkbenchError('mapping', 'Load and analyse data before defining segments.');
  // Segment work compiles user text into its statements: all of it goes through the gate. It runs as
  // segments arrive (from a link, a template, an edit), unasked: each statement of it has a time limit.
  const db = userSqlRunner(runner(conn, signal, AUTOMATIC_SQL_LIMIT_MS), runner(conn, signal));
  if (readsRows && !session.snapshotted) {
    await runner(conn, signal).exec(SNAPSHOT_CUSTOMERS_SQL);
    session.snapshotted = true;
  }
  if (!session.segmentColumns) {
    const { customers, orders } = await readSegmentSchema(db, session.analysisDate);
    session.segmentColumns = { customers, orders };
  }
  return { db, schema: { ...session.segmentColumns, analysisDate: session.analysisDate } };
}

/** Segment work in the queue, with DuckDB's errors given a kind. */
function segmentWork<T>(
  work: (base: { db: UserSqlRunner; schema: SegmentSchema }) => Promise<T>,
  options: Request & { readsRows?: boolean } = {},
): Promise<T> {
  return exclusive(async (signal) => {
    try {
      return await work(await segmentBase(options.readsRows ?? true, signal));
    } catch (e) {
      throw e instanceof GiveWay ? e : fromDuckDbError(e);
    }
  }, options);
}

// A statement told to stop that does not end: the engine is replaced, and the request ends saying so.
onUnheardStop((reason) =>
  abandonRunning(() =>
    restartEngine({ rebuild: true }).then(
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
    const status = await startOnce(onStatus);
    // Not awaited: the page is ready now. A warm-up that fails has only not warmed the engine.
    if (status.state === 'ready') {
      exclusive((signal) => warmEngineUp(signal, requestsWaiting))
        .then((warmUp) => warmUp && onStatus({ ...status, warmUp }))
        .catch(() => undefined);
    }
    return status;
  },

  async readWorkbook(file) {
    const workbook = await workbookToCsv(file.name, await file.arrayBuffer());
    return Comlink.transfer(workbook, [workbook.csv.buffer]);
  },

  importFiles(spec, files, onProgress, ticket, how) {
    return exclusive(
      async (signal) => {
        if (files.length !== spec.files.length) throw new WorkbenchError('mapping', 'Each file needs its mapping.');
        try {
          return await loadTables(spec, files, onProgress, signal, how?.compact === true);
        } catch (e) {
          const error = fromDuckDbError(e);
          if (error.kind !== 'memory') throw error;
          // The engine may be left broken by running out of memory: a fresh one, with nothing loaded.
          await restartEngine({ rebuild: false });
          throw new WorkbenchError(
            'memory',
            `${tooLargeMessage(spec.files, firstLine(errorMessage(e)))} Nothing was loaded: the engine was restarted, and the files stay chosen.`,
          );
        }
      },
      { lane: 'interactive', ticket },
    );
  },

  readAhead(spec, files, onProgress, ticket) {
    // Background: the import (interactive) goes first, and then finds the data loaded and reads nothing ahead.
    return exclusive((signal) => readAhead(spec, files, onProgress, signal), { ticket }).catch(() => false);
  },

  importAhead(spec, files, onProgress, ticket) {
    // Queued after the read ahead it imports from; an import (interactive) that comes first loads the data, and then this does nothing.
    return exclusive((signal) => importAhead(spec, files, onProgress, signal), { ticket }).catch(() => false);
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
      // A change the user just made: it goes before queued segment work, and segment work running now stops for it.
      { lane: 'interactive', ticket, preempts: true },
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
      { ticket },
    );
  },

  rejectsCsv(fileIndex, write, ticket) {
    return exclusive(
      async (signal) => {
        const conn = await ready();
        if (!session.lastSpec) throw new WorkbenchError('mapping', 'Nothing has been loaded yet.');
        const { sql, format } = rejectsExport(fileIndex, session.lastSpec.files[fileIndex]);
        try {
          return await writeExport(rowPages(runner(conn, signal), sql), format, write);
        } catch (e) {
          throw fromDuckDbError(e);
        }
      },
      { ticket },
    );
  },

  segmentSchema() {
    return segmentWork(async ({ schema }) => schema, { ...BACKGROUND_READ, readsRows: false });
  },

  countSegment(definition, library, self) {
    return segmentWork(({ db, schema }) => countSegment(db, definition, schema, library, self), INTERACTIVE_READ);
  },

  analyseSegments(segments, minSizePercent, library) {
    return segmentWork(({ db, schema }) => analyseSegments(db, segments, schema, minSizePercent, library, checkpoint), BACKGROUND_READ);
  },

  profileSegment(definition, library) {
    return segmentWork(({ db, schema }) => profileSegment(db, definition, schema, library, checkpoint), BACKGROUND_READ);
  },

  columnSummary(view, column) {
    return segmentWork(({ db, schema }) => {
      const info = findColumn(schema[view], column);
      if (!info) throw new WorkbenchError('rule', `There is no column "${column}" in ${view}.`);
      return summarizeColumn(db, view, info, SUMMARY_VALUES);
    }, BACKGROUND_READ);
  },

  memberPage(include, exclude, page, library) {
    return segmentWork(({ db, schema }) => memberPage(db, include, exclude, page, schema, library), BACKGROUND_READ);
  },

  exportSegmentsCsv(segments, member, library, consentOnly, write, ticket) {
    return segmentWork(({ db, schema }) => writeSegmentExport(db, write, segments, schema, member, library, consentOnly), { ticket });
  },

  audienceCounts(audience) {
    return segmentWork(({ db, schema }) => audienceCounts(db, audience, schema), INTERACTIVE_READ);
  },

  exportAudience(audience, format, options, write, ticket) {
    const customersFile = session.lastSpec?.files.find((f) => f.kind === 'customers') ?? null;
    return segmentWork(
      ({ db, schema }) => audienceFile(db, audience, schema, format, options, contactAttributesInView(customersFile), write),
      { ticket },
    );
  },

  // A click: interactive, so it goes before queued segment analyses and profiles.
  customerStory(id, segments, orders, library) {
    return segmentWork(({ db, schema }) => {
      if (!session.analysedSpec) throw new WorkbenchError('mapping', 'Load and analyse data before opening a customer.');
      return readCustomerStory(db, id, segments, schema, session.analysedSpec, orders, library);
    }, INTERACTIVE_READ);
  },

  customerOrders(id, page) {
    return segmentWork(({ db, schema }) => readCustomerOrders(db, id, schema, page), INTERACTIVE_READ);
  },

  exportPreview(rows) {
    return exclusive(
      async (signal) => {
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
      },
      // A read of the customers view after each analysis (seconds at 5M rows): the next analysis does not wait for it.
      BACKGROUND_READ,
    );
  },

  query(sql, maxRows, ticket): Promise<QueryResult> {
    return exclusive(
      async (signal) => {
        const conn = await ready();
        const ended = stopSentOnAbort(conn, signal);
        try {
          if (signal.aborted) throw signal.reason;
          // Streamed, so a huge result never has to fit in memory to show its first rows; sent, so Cancel stops it.
          const reader = await sendStreaming(conn, sql);
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
          session.segmentColumns = null;
          if (signal.aborted) throw stoppedError(signal.reason as StopReason);
          return { columns: columns ?? reader.schema?.fields.map((f) => f.name) ?? [], numeric, rows, truncated };
        } catch (e) {
          if (signal.aborted) {
            // The console may have changed tables before it was stopped.
            await dropSnapshot(conn).catch(() => undefined);
            session.segmentColumns = null;
            throw stoppedError(signal.reason as StopReason);
          }
          throw fromDuckDbError(e);
        } finally {
          ended();
        }
      },
      { ticket },
    );
  },

  async cancel(ticket) {
    return cancelTicket(ticket);
  },
};

Comlink.expose(api);
