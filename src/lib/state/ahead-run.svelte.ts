import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { DbApi, ImportProgress } from '../../../workers/db-api.ts';
import type { ImportSpec } from '../spec/import.ts';
import { newTicket } from '../ticket.ts';

/**
 * One kind of work on the chosen files done while the person looks at their mapping (see
 * work-ahead.svelte.ts): reading them into the engine (`readAhead` in db-api.ts), or importing them
 * on the spec shown (`importAhead`). One run at a time: a new one cancels the one under way.
 */
export class AheadRun {
  /** Where the run under way is; null when none runs. A load that waits for it shows it. */
  progress = $state.raw<ImportProgress | null>(null);
  /** Whether the last run ended with its work done for the files and spec it was given (every file read; an import ahead's report waiting for Load). */
  done = $state(false);

  readonly #db: Remote<DbApi>;
  readonly #work: 'readAhead' | 'importAhead';
  #ticket: string | null = null;

  constructor(db: Remote<DbApi>, work: 'readAhead' | 'importAhead') {
    this.#db = db;
    this.#work = work;
  }

  start(spec: ImportSpec, files: File[]): void {
    this.cancel();
    const ticket = (this.#ticket = newTicket());
    const mine = () => this.#ticket === ticket;
    const report = (p: ImportProgress) => mine() && (this.progress = p);
    void this.#db[this.#work](spec, files, Comlink.proxy(report), ticket).then((done) => {
      if (mine()) [this.#ticket, this.progress, this.done] = [null, null, done === true];
    });
  }

  cancel(): void {
    if (this.#ticket) void this.#db.cancel(this.#ticket);
    [this.#ticket, this.progress, this.done] = [null, null, false];
  }
}
