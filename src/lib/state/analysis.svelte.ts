import type { Remote } from 'comlink';
import { newTicket } from '../ticket.ts';
import type { DbApi } from '../../../workers/db-api.ts';
import type { AnalysisResult } from '../analysis/result.ts';
import { errorKind, errorMessage } from '../errors.ts';
import type { ExportSummary } from '../export/paged-export.ts';
import { ExportRun, type ExportedFile } from './export-run.svelte.ts';
import type { AnalysisSpec, Bins } from '../spec/analysis.ts';
import { defaultAnalysisSpec, defaultSegmentMap } from '../spec/rfm-defaults.ts';

const DEBOUNCE_MS = 150;

/** The analysis definition and its latest result; every change goes through `change`. */
export class Analysis {
  spec = $state<AnalysisSpec>(defaultAnalysisSpec());
  result = $state.raw<AnalysisResult | null>(null);
  error = $state<string | null>(null);
  running = $state(false);
  /** How long the engine took for the latest result, in milliseconds (shown, and read by the benchmark). */
  lastRunMs = $state<number | null>(null);

  readonly #db: Remote<DbApi>;
  readonly #onResult: (result: AnalysisResult) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Each run's number: a slower, older run never overwrites a newer result. */
  #latest = 0;
  /** The running analysis's ticket, which `cancel` stops it by. */
  #ticket: string | null = null;
  /** The customer export's progress and Cancel. */
  readonly exportRun: ExportRun;

  /** `onResult` hears of every new result (the segments recount against it). */
  constructor(db: Remote<DbApi>, onResult: (result: AnalysisResult) => void = () => {}) {
    this.#db = db;
    this.exportRun = new ExportRun(db);
    this.#onResult = onResult;
  }

  /**
   * Edits the spec, then recomputes: debounced, so typing does not queue a run per keystroke; at
   * once for a choice made in one step (a select), which has no next keystroke to wait for.
   */
  change(edit: (spec: AnalysisSpec) => void, options: { immediate?: boolean } = {}): void {
    edit(this.spec);
    clearTimeout(this.#timer);
    if (options.immediate) void this.run();
    else this.#timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  /** Bins change the meaning of every cell, so the map starts again from that size's default. */
  setBins(bins: Bins): void {
    this.change(
      (s) => {
        s.rfm.bins = bins;
        s.rfm.map = defaultSegmentMap(bins);
        s.rfm.thresholds = null;
      },
      { immediate: true },
    );
  }

  async run(): Promise<void> {
    const run = ++this.#latest;
    this.running = true;
    const start = performance.now();
    const ticket = (this.#ticket = newTicket());
    try {
      const result = await this.#db.analyse($state.snapshot(this.spec) as AnalysisSpec, ticket);
      if (run !== this.#latest) return;
      this.lastRunMs = performance.now() - start;
      this.result = result;
      this.error = null;
      this.#onResult(result);
    } catch (e) {
      if (run !== this.#latest) return;
      // The engine rolled back to the previous analysis: its result stays, said to be the one shown.
      this.error =
        errorKind(e) === 'stopped' && this.result
          ? `${errorMessage(e)} The results shown are from the previous settings.`
          : errorMessage(e);
    } finally {
      if (run === this.#latest) {
        this.running = false;
        this.#ticket = null;
      }
    }
  }

  /**
   * Stops the running analysis. The engine rolls back to the previous analysis's tables, so the
   * result on screen (kept) still matches them; the message says the settings shown were not applied.
   */
  cancel(): void {
    if (this.#ticket) void this.#db.cancel(this.#ticket);
  }

  /** Every customer as CSV, streamed from the worker into a file. */
  exportCsv(): Promise<ExportedFile<ExportSummary>> {
    return this.exportRun.run((write, ticket) => this.#db.exportCustomersCsv(write, ticket));
  }

  reset(): void {
    this.result = null;
    this.error = null;
  }
}
