import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { DbApi } from '../../../workers/db-api.ts';
import type { ExportChunks, ExportSummary } from '../export/paged-export.ts';
import { newTicket } from '../ticket.ts';
import { WorkbenchError } from '../errors.ts';

/** A finished export: the file as one Blob and what the worker said of it. */
export interface ExportedFile<T extends ExportSummary> {
  blob: Blob;
  summary: T;
}

/**
 * One export streaming from the worker into a file, with its progress and a Cancel. Each chunk becomes
 * a Blob as it arrives (the browser keeps blob data out of the page's heap), and the file is the
 * Blob of those parts: the whole text never sits in one string on either side.
 */
export class ExportRun {
  running = $state(false);
  /** Rows written so far by the running export. */
  rows = $state(0);

  readonly #db: Remote<DbApi>;
  #ticket: string | null = null;

  constructor(db: Remote<DbApi>) {
    this.#db = db;
  }

  /** Runs an export request (given where its chunks go and its ticket) and returns its file. */
  async run<T extends ExportSummary>(
    start: (write: ExportChunks, ticket: string) => Promise<T>,
    type = 'text/csv',
  ): Promise<ExportedFile<T>> {
    // One at a time: a second would take the Cancel and the row count of the first.
    if (this.running) throw new WorkbenchError('refused', 'Another export is being written: wait for it, or cancel it first.');
    const parts: Blob[] = [];
    const ticket = newTicket();
    this.#ticket = ticket;
    this.running = true;
    this.rows = 0;
    try {
      const summary = await start(
        Comlink.proxy((chunk: string, rows: number) => {
          parts.push(new Blob([chunk]));
          this.rows = rows;
        }),
        ticket,
      );
      return { blob: new Blob(parts, { type: `${type};charset=utf-8` }), summary };
    } finally {
      // The worker may hold the chunk callback a while: it no longer holds the file's parts.
      parts.length = 0;
      if (this.#ticket === ticket) {
        this.#ticket = null;
        this.running = false;
      }
    }
  }

  /** Stops the running export; its request then fails with a "stopped" error, and nothing is saved. */
  cancel(): void {
    if (this.#ticket) void this.#db.cancel(this.#ticket);
  }
}
