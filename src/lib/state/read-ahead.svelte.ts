import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { DbApi, ImportProgress } from '../../../workers/db-api.ts';
import type { ImportSpec } from '../spec/import.ts';
import { newTicket } from '../ticket.ts';

/**
 * The chosen files read into the engine while the person looks at their mapping, so that Load finds
 * them read (`readAhead` in db-api.ts). One read at a time: a new one cancels the one under way.
 */
export class ReadAhead {
  /** Where the read under way is; null when none runs. A load that waits for it shows it. */
  progress = $state.raw<ImportProgress | null>(null);

  readonly #db: Remote<DbApi>;
  #ticket: string | null = null;

  constructor(db: Remote<DbApi>) {
    this.#db = db;
  }

  start(spec: ImportSpec, files: File[]): void {
    this.cancel();
    const ticket = (this.#ticket = newTicket());
    const mine = () => this.#ticket === ticket;
    const report = (p: ImportProgress) => mine() && (this.progress = p);
    void this.#db.readAhead(spec, files, Comlink.proxy(report), ticket).then(() => {
      if (mine()) [this.#ticket, this.progress] = [null, null];
    });
  }

  cancel(): void {
    if (this.#ticket) void this.#db.cancel(this.#ticket);
    [this.#ticket, this.progress] = [null, null];
  }
}
