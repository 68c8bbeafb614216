import type { Remote } from 'comlink';
import { untrack } from 'svelte';
import type { DbApi, ImportProgress } from '../../../workers/db-api.ts';
import type { WorkDoneAhead } from '../import/time-estimate.ts';
import type { ImportSpec } from '../spec/import.ts';
import { AheadRun } from './ahead-run.svelte.ts';

/** What the page shows that the work ahead follows. */
export interface ShownImport {
  spec(): ImportSpec;
  files(): File[];
  /** Files are chosen, the engine is ready and they fit in its memory: otherwise nothing is done ahead. */
  workable(): boolean;
  /** Load would run the spec: no mapping problem stands in its way. */
  loadable(): boolean;
}

/**
 * While the person looks at the mapping, the engine reads the chosen files and then imports them on
 * the spec shown, so that Load finds the work done (the worker does either only while nothing is
 * loaded). Each runs again when what it depends on changes, and only then: the read when a file or
 * how it is parsed changes (not its roles), the import when anything of the spec does.
 */
export class WorkAhead {
  readonly #read: AheadRun;
  readonly #import: AheadRun;

  constructor(db: Remote<DbApi>, shown: ShownImport) {
    this.#read = new AheadRun(db, 'readAhead');
    this.#import = new AheadRun(db, 'importAhead');
    $effect.root(() => {
      // Text keys and booleans, so that an effect runs only when its key's value changes.
      const files = $derived(JSON.stringify(shown.files().map((f) => [f.name, f.size, f.lastModified])));
      const parsing = $derived(JSON.stringify(shown.spec().files.map((f) => [f.parse, f.columns.map((c) => c.name)])));
      const spec = $derived(JSON.stringify(shown.spec()));
      const workable = $derived(shown.workable());
      const importable = $derived(workable && shown.loadable());
      // The read goes first: the import ahead imports what it read.
      $effect(() => {
        void [files, parsing];
        this.#restart(this.#read, workable, shown);
      });
      $effect(() => {
        void [files, spec];
        this.#restart(this.#import, importable, shown);
      });
    });
  }

  /** Where the run a load waits for is: the read, then the import. */
  get progress(): ImportProgress | null {
    return this.#read.progress ?? this.#import.progress;
  }

  /** Whether the import ahead has ended for the spec shown: Load then shows its report at once. */
  get imported(): boolean {
    return this.#import.done;
  }

  /** How far the work ahead has come, for the time a load that takes it over has left. */
  get done(): WorkDoneAhead {
    if (this.#import.done) return { imported: true };
    return { imported: false, read: this.#read.done, progress: this.progress };
  }

  /** Stops the import ahead (a Cancel of the load waiting for it); a change of the spec starts another. */
  cancelImport(): void {
    this.#import.cancel();
  }

  #restart(run: AheadRun, go: boolean, shown: ShownImport): void {
    untrack(() => {
      run.cancel();
      if (go) run.start($state.snapshot(shown.spec()) as ImportSpec, shown.files());
    });
  }
}
