import type { Remote } from 'comlink';
import { SvelteMap } from 'svelte/reactivity';
import type { DbApi } from '../../../workers/db-api.ts';
import { errorMessage } from '../errors.ts';
import { compileSegment, failedCount } from '../segments/run-segments.ts';
import type { SegmentSchema } from '../segments/schema.ts';
import type { SegmentCount, SegmentOutcome } from '../segments/types.ts';
import { referencedSegments } from '../spec/segment-references.ts';
import type { SegmentDefinition, SegmentLibrary, SegmentSpec } from '../spec/segments.ts';
import { segmentMembersSql } from '../sql/segment-sql.ts';

/** A segment's count as shown: the latest result, whether a newer one is on its way, and how long it took. */
export interface CountState {
  result: SegmentCount | null;
  pending: boolean;
  /** From the edit to the result, in milliseconds (shown, and read by the benchmark). */
  ms: number | null;
}

/** What counting reads of the segment list: it counts segments, it does not keep them. */
export interface CountedSegments {
  byId(id: string): SegmentSpec | undefined;
  library(): SegmentLibrary;
  /** A link's SQL segment waiting for the user's confirmation: never counted. */
  isHeld(id: string): boolean;
  schema(): SegmentSchema | null;
}

/**
 * Each segment's member count on screen, kept current as definitions change: counted one segment at
 * a time (debounced), or taken from a segment analysis, which counts every segment too. A result is
 * shown only while its definition is the one counted, an older run never overwrites a newer one, and
 * a definition already sent is not counted twice.
 */
export class SegmentCounts {
  readonly shown = new SvelteMap<string, CountState>();

  readonly #db: Remote<DbApi>;
  readonly #segments: CountedSegments;
  // Bookkeeping, not state: nothing renders from these maps.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per segment, the key (`key`) of the definition last sent to be counted. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #sent = new Map<string, string>();
  /** Per segment, the latest run asked for. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #latest = new Map<string, number>();
  /** Per segment, the run whose result is shown. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #settled = new Map<string, number>();
  #runs = 0;
  /** Bumped with each new analysis of the data: the same definition must then be counted again. */
  #generation = 0;

  constructor(db: Remote<DbApi>, segments: CountedSegments) {
    this.#db = db;
    this.#segments = segments;
  }

  /** The data was analysed again: every definition's count is out of date. */
  nextGeneration(): void {
    this.#generation++;
  }

  /** A count is on its way (the last result stays shown meanwhile). */
  markPending(id: string): void {
    const previous = this.shown.get(id);
    this.shown.set(id, { result: previous?.result ?? null, pending: true, ms: previous?.ms ?? null });
  }

  /** Counts a segment after `delay` ms; a newer call for the same segment replaces it. */
  count(id: string, delay: number): void {
    clearTimeout(this.#timers.get(id));
    if (this.#segments.isHeld(id)) return void this.shown.delete(id);
    const started = performance.now();
    this.markPending(id);
    this.#timers.set(
      id,
      setTimeout(() => void this.#run(id, started), delay),
    );
  }

  /** Of `ids`, those still waiting for a count (no analysis gave one, or it failed) are counted on their own. */
  countPending(ids: readonly string[]): void {
    for (const id of ids) if (this.shown.get(id)?.pending) this.count(id, 0);
  }

  /** What a count depends on: the data, the definition and every segment it is "in", directly or through others. */
  key(definition: SegmentDefinition, library: SegmentLibrary): string {
    return `${this.#generation}:${JSON.stringify([definition, referencedSegments(definition, library)])}`;
  }

  /** The key of the definition last sent to be counted for a segment. */
  sentKey(id: string): string | undefined {
    return this.#sent.get(id);
  }

  /**
   * The analysis counted each segment too: that is its count, unless the definition changed (or
   * another count was sent) since. `key` and `sentBefore` are the segment's when the analysis started.
   */
  fromAnalysis(outcome: SegmentOutcome, key: string, sentBefore: string | undefined, base: number, started: number): void {
    if (this.#segments.isHeld(outcome.id)) return;
    const schema = this.#segments.schema();
    const library = this.#segments.library();
    const definition = $state.snapshot(this.#segments.byId(outcome.id)?.definition) as SegmentDefinition | undefined;
    if (!definition || !schema || this.key(definition, library) !== key) return;
    const sent = this.#sent.get(outcome.id);
    if (sent !== sentBefore && sent !== key) return;
    // The query "Show SQL" shows, compiled here: the compiler is pure code.
    const compiled = compileSegment(definition, schema, library, outcome.id);
    const sql = 'predicate' in compiled ? segmentMembersSql(compiled.predicate) : null;
    const result: SegmentCount = outcome.ok
      ? { ok: true, members: outcome.kpis.customers, base, sql: sql ?? '' }
      : failedCount({ error: outcome.error, refused: 'refused' in compiled && compiled.refused, needsColumns: outcome.needsColumns }, sql);
    this.#sent.set(outcome.id, key);
    const run = ++this.#runs;
    this.#latest.set(outcome.id, run);
    this.#settled.set(outcome.id, run);
    this.shown.set(outcome.id, { result, pending: false, ms: performance.now() - started });
  }

  /** Forgets a segment's count and its bookkeeping (every segment's without an id), so a reused id starts clean. */
  forget(id?: string): void {
    const maps = [this.#sent, this.#latest, this.#settled];
    if (id === undefined) {
      for (const timer of this.#timers.values()) clearTimeout(timer);
      this.#timers.clear();
      for (const m of maps) m.clear();
      this.shown.clear();
      return;
    }
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    for (const m of maps) m.delete(id);
    this.shown.delete(id);
  }

  async #run(id: string, started: number): Promise<void> {
    const segment = this.#segments.byId(id);
    if (!segment || !this.#segments.schema() || this.#segments.isHeld(id)) return;
    // A definition already sent (typed, then committed with Enter) is not counted twice: the
    // result on its way, or the one shown, is its count.
    const library = this.#segments.library();
    const definition = $state.snapshot(segment.definition) as SegmentDefinition;
    const key = this.key(definition, library);
    if (this.#sent.get(id) === key) {
      const current = this.shown.get(id);
      if (current && this.#latest.get(id) === this.#settled.get(id)) this.shown.set(id, { ...current, pending: false });
      return;
    }
    this.#sent.set(id, key);
    const run = ++this.#runs;
    this.#latest.set(id, run);
    let result: SegmentCount;
    try {
      result = await this.#db.countSegment(definition, library, id);
    } catch (e) {
      result = { ok: false, error: errorMessage(e), refused: false, sql: null };
    }
    if (this.#latest.get(id) !== run || !this.#segments.byId(id)) return;
    this.#settled.set(id, run);
    this.shown.set(id, { result, pending: false, ms: performance.now() - started });
  }
}
