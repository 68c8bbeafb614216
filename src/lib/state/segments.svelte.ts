import { AudienceExports } from './audience-export.svelte.ts';
import type { Remote } from 'comlink';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { DbApi } from '../../../workers/db-api.ts';
import { errorMessage } from '../errors.ts';
import { findColumn, type SegmentSchema } from '../segments/schema.ts';
import type { ColumnSummary, SegmentAnalysis } from '../segments/types.ts';
import { CustomerStories } from './customer.svelte.ts';
import { SegmentCounts, type CountState } from './segment-counts.svelte.ts';
import { SegmentDetails } from './segment-details.svelte.ts';
import { parseSpecFile } from '../spec/read-spec.ts';
import { segmentColor, segmentsFile, segmentsSpecOf } from '../spec/spec-file.ts';
import { segmentTemplates, type SegmentTemplate, type TemplateHints } from '../spec/segment-templates.ts';
import { dependentsOf, renameReferences } from '../spec/segment-references.ts';
import {
  defaultSegmentsSpec,
  emptyGroup,
  type SegmentDefinition,
  type SegmentLibrary,
  type SegmentSpec,
  type SegmentsSpec,
} from '../spec/segments.ts';
import type { SegmentView } from '../sql/segment-schema.ts';

const COUNT_DEBOUNCE_MS = 150;
const ANALYSIS_DEBOUNCE_MS = 300;

/** What opening a definitions file did: refused whole (nothing changed), or opened with the parts named in `problems` left out. */
export interface OpenOutcome {
  refused: string | null;
  problems: string[];
}

/**
 * The user's segments and everything computed from them: counts as rules change (debounced, a
 * stale result never overwrites a newer one) and the analysis against the base; the profile and
 * member list are in `details`. Every change goes through a method.
 */
export class Segments {
  spec = $state<SegmentsSpec>(defaultSegmentsSpec());
  schema = $state.raw<SegmentSchema | null>(null);
  schemaError = $state<string | null>(null);
  /** Each segment's member count on screen. */
  readonly counts: SvelteMap<string, CountState>;
  /**
   * SQL segments from a share link, shown but run nowhere until the user confirms them
   * (`runHeld`): not counted, analysed, exported or compiled into "is in" another segment.
   */
  held = new SvelteSet<string>();
  /** The templates as buttons show them; their data-dependent values are filled in when one is chosen. */
  readonly templates: readonly SegmentTemplate[] = segmentTemplates({ bins: 5, monetaryDeciles: [], country: null });
  templateError = $state<string | null>(null);
  analysis = $state.raw<SegmentAnalysis | null>(null);
  analysisError = $state<string | null>(null);
  analysing = $state(false);
  /** How long the latest segment analysis took in the engine, in milliseconds. */
  analysisMs = $state<number | null>(null);
  summaries = new SvelteMap<string, ColumnSummary | null>();
  /** The profile and the member list on screen. */
  readonly details: SegmentDetails;
  /** The customer story open from a member list or the export preview, with each enabled segment's membership. */
  readonly customers: CustomerStories;
  /** Exports of segments and overlap cells, in every format. */
  readonly exports: AudienceExports;

  readonly #db: Remote<DbApi>;
  readonly #counter: SegmentCounts;
  #bins = 5;
  #analysisTimer: ReturnType<typeof setTimeout> | undefined;
  #viewsTimer: ReturnType<typeof setTimeout> | undefined;
  #templateQueue: Promise<unknown> = Promise.resolve();
  #latestAnalysis = 0;

  constructor(db: Remote<DbApi>) {
    this.#db = db;
    this.#counter = new SegmentCounts(db, {
      byId: (id) => this.byId(id),
      library: () => this.library(),
      isHeld: (id) => this.held.has(id),
      schema: () => this.schema,
    });
    this.counts = this.#counter.shown;
    this.details = new SegmentDetails(
      db,
      (id) => this.byId(id),
      () => this.library(),
    );
    this.exports = new AudienceExports(
      db,
      (id) => this.byId(id),
      () => this.library(),
      () => this.schema?.analysisDate ?? null,
    );
    this.customers = new CustomerStories(
      db,
      () => this.enabled,
      () => this.library(),
    );
  }

  /** Every segment as "is in segment" rules are resolved in it: a plain snapshot, to send to the engine. */
  library(): SegmentLibrary {
    return this.spec.segments.map((s) => ({
      id: s.id,
      name: s.name,
      // A held segment is in no analysis or export, and a reference to it is refused.
      enabled: s.enabled && !this.held.has(s.id),
      definition: $state.snapshot(s.definition) as SegmentDefinition,
      ...(this.held.has(s.id) && { awaitingConfirmation: true }),
    }));
  }

  /** The segments whose members depend on segment `id` ("is in" it, directly or through others) are counted again when it changes. */
  #recountDependents(id: string, delay: number): void {
    for (const dependent of dependentsOf(id, this.library())) this.#counter.count(dependent, delay);
  }

  get enabled(): SegmentSpec[] {
    return this.spec.segments.filter((s) => s.enabled && !this.held.has(s.id));
  }

  byId(id: string): SegmentSpec | undefined {
    return this.spec.segments.find((s) => s.id === id);
  }

  /** After each analysis of the data: new schema and analysis date, so every count and view is recomputed. */
  async refresh(bins: number): Promise<void> {
    try {
      this.schema = await this.#db.segmentSchema();
      this.schemaError = null;
    } catch (e) {
      this.schema = null;
      this.schemaError = errorMessage(e);
      return;
    }
    this.#bins = bins;
    this.summaries.clear();
    this.#counter.nextGeneration();
    this.#recountAll();
    this.details.reload();
    this.customers.reload();
  }

  /** Every count at once, from one analysis rather than one query per segment. */
  #recountAll(): void {
    for (const s of this.spec.segments) {
      if (this.held.has(s.id)) continue;
      if (!s.enabled) {
        this.#counter.count(s.id, 0);
        continue;
      }
      this.#counter.markPending(s.id);
    }
    this.#scheduleAnalysis(0);
  }

  /** Forgets results computed from data that is no longer loaded. */
  reset(): void {
    this.schema = null;
    this.#counter.forget();
    this.summaries.clear();
    this.analysis = null;
    this.details.clear();
    this.customers.reset();
  }

  add(name: string, definition: SegmentDefinition, description = ''): SegmentSpec {
    const used = this.spec.segments.map((s) => s.id);
    let n = this.spec.segments.length + 1;
    while (used.includes(`s${n}`)) n++;
    const segment: SegmentSpec = {
      id: `s${n}`,
      name: this.#unusedName(name),
      color: segmentColor(this.spec.segments.length),
      description,
      enabled: true,
      definition,
    };
    this.spec.segments.push(segment);
    this.#counter.count(segment.id, 0);
    this.#scheduleAnalysis();
    return segment;
  }

  /** Names stay unique (a file or link keeps only the first of two segments with one name): "Lost (2)". */
  #unusedName(name: string): string {
    const used = this.spec.segments.map((s) => s.name);
    let unused = name;
    for (let n = 2; used.includes(unused); n++) unused = `${name} (${n})`;
    return unused;
  }

  addRules(): SegmentSpec {
    return this.add(`Segment ${this.spec.segments.length + 1}`, { kind: 'rules', root: emptyGroup() });
  }

  addSql(): SegmentSpec {
    return this.add(`SQL segment ${this.spec.segments.length + 1}`, { kind: 'sql', sql: 'monetary > 0' });
  }

  /** Adds a template's segment with its values filled in from the data, or says why it cannot. */
  addTemplate(key: string): Promise<SegmentSpec | null> {
    // In click order, though each waits for the data's values.
    const added = this.#templateQueue.then(() => this.#addTemplate(key));
    this.#templateQueue = added.catch(() => null);
    return added;
  }

  async #addTemplate(key: string): Promise<SegmentSpec | null> {
    this.templateError = null;
    const template = segmentTemplates(await this.#templateHints()).find((t) => t.key === key);
    if (!template?.definition) {
      this.templateError = `${template?.name ?? key}: not available for this data (${template?.unavailable ?? 'unknown template'}).`;
      return null;
    }
    return this.add(template.name, structuredClone(template.definition), template.description);
  }

  /** Removes a segment; those "in" it say it no longer exists, by the name their rules keep. */
  remove(id: string): void {
    const dependents = dependentsOf(id, this.library());
    this.spec.segments = this.spec.segments.filter((s) => s.id !== id);
    this.held.delete(id);
    this.#counter.forget(id);
    this.details.forget(id);
    for (const dependent of dependents) this.#counter.count(dependent, 0);
    this.#scheduleAnalysis();
  }

  /** Moves a segment up (-1) or down (+1) the list. */
  move(id: string, delta: -1 | 1): void {
    const list = this.spec.segments;
    const from = list.findIndex((s) => s.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to], list[from]];
  }

  /**
   * Name, colour, description, enabled: nothing to recount, but the analysis lists enabled segments
   * only. A new name goes into the rules that refer to the segment, and the SQL of the segments "in"
   * it (which names it) is compiled again; so is it when it is enabled or disabled (which it says).
   */
  describe(id: string, edit: (segment: SegmentSpec) => void): void {
    const segment = this.byId(id);
    if (!segment) return;
    const { enabled, name } = segment;
    edit(segment);
    if (segment.name !== name) for (const s of this.spec.segments) renameReferences(s.definition, id, segment.name);
    if (segment.enabled !== enabled) this.#scheduleAnalysis();
    if (segment.name !== name || segment.enabled !== enabled) this.#recountDependents(id, COUNT_DEBOUNCE_MS);
  }

  /**
   * Edits a segment's definition and recounts it: debounced while typing, at once for a choice
   * made in one step (a select, a button, a committed value).
   */
  change(id: string, edit: (definition: SegmentDefinition) => void, options: { immediate?: boolean } = {}): void {
    const segment = this.byId(id);
    if (!segment) return;
    edit(segment.definition);
    const delay = options.immediate ? 0 : COUNT_DEBOUNCE_MS;
    this.#counter.count(id, delay);
    this.#recountDependents(id, delay);
    this.#scheduleAnalysis();
    clearTimeout(this.#viewsTimer);
    this.#viewsTimer = setTimeout(() => {
      for (const shown of [id, ...dependentsOf(id, this.library())]) this.details.reload(shown);
    }, ANALYSIS_DEBOUNCE_MS);
  }

  /** The definitions as a spec file's text (JSON), to save or share. */
  specFileText(): string {
    return JSON.stringify(segmentsFile($state.snapshot(this.spec) as SegmentsSpec), null, 2);
  }

  /**
   * Replaces the segments with those of a spec file. Each segment with a problem is left out and
   * named in `problems`; a file that cannot be read, or holds no usable segment, changes nothing.
   */
  open(text: string): OpenOutcome {
    const reading = parseSpecFile(text);
    if (!reading.spec) return { refused: reading.refused, problems: [] };
    const { spec: value } = reading;
    // This reads segments only: problems of the import and analysis parts are not its business.
    const problems = reading.problems.filter((p) => !p.startsWith('spec.import') && !p.startsWith('spec.analysis'));
    if (!value.segments) {
      const refused = problems.some((p) => p.startsWith('spec.segments'))
        ? 'none of its segments can be used'
        : 'this file defines no segments (no "segments" key)';
      return { refused, problems };
    }
    this.replace(segmentsSpecOf(value));
    return { refused: null, problems };
  }

  /**
   * Replaces every segment (from a file or a share link) and counts them again, except those in
   * `held`: SQL segments from a link, which wait for `runHeld`.
   */
  replace(spec: SegmentsSpec, held: readonly string[] = []): void {
    this.#counter.forget();
    // An analysis still running is of the segments replaced: its result is not shown.
    this.#latestAnalysis++;
    this.spec = spec;
    this.held.clear();
    for (const id of held) if (this.byId(id)?.definition.kind === 'sql') this.held.add(id);
    this.details.clear();
    this.#recountAll();
  }

  /** The user read the SQL a link brought and runs it: from now on those segments are theirs, as any other. */
  runHeld(): void {
    const confirmed = [...this.held];
    this.held.clear();
    for (const id of confirmed) {
      this.#counter.count(id, 0);
      this.#recountDependents(id, 0);
    }
    this.#scheduleAnalysis(0);
  }

  setMinSize(percent: number): void {
    if (!(percent >= 0 && percent <= 100)) return;
    this.spec.minSizePercent = percent;
    this.#scheduleAnalysis(0);
  }

  /** Value suggestions for a column, fetched once per data load. */
  async summary(view: SegmentView, column: string): Promise<void> {
    const key = `${view}\u0000${column}`;
    if (this.summaries.has(key) || !this.schema || !findColumn(this.schema[view], column)) return;
    this.summaries.set(key, null);
    try {
      this.summaries.set(key, await this.#db.columnSummary(view, column));
    } catch {
      this.summaries.delete(key);
    }
  }

  summaryOf(view: SegmentView, column: string): ColumnSummary | null {
    return this.summaries.get(`${view}\u0000${column}`) ?? null;
  }

  #scheduleAnalysis(delay = ANALYSIS_DEBOUNCE_MS): void {
    clearTimeout(this.#analysisTimer);
    this.#analysisTimer = setTimeout(() => void this.#analyse(), delay);
  }

  async #analyse(): Promise<void> {
    if (!this.schema) return;
    const run = ++this.#latestAnalysis;
    if (this.enabled.length === 0) {
      this.analysis = null;
      this.analysing = false;
      this.#counter.countPending(this.spec.segments.map((s) => s.id));
      return;
    }
    const library = this.library();
    const segments = library.filter((s) => s.enabled).map((s) => ({ id: s.id, definition: s.definition }));
    const keys: Record<string, string> = Object.fromEntries(segments.map((s) => [s.id, this.#counter.key(s.definition, library)]));
    const sentBefore: Record<string, string | undefined> = Object.fromEntries(segments.map((s) => [s.id, this.#counter.sentKey(s.id)]));
    this.analysing = true;
    const started = performance.now();
    try {
      const analysis = await this.#db.analyseSegments(segments, this.spec.minSizePercent, library);
      if (run !== this.#latestAnalysis) return;
      this.analysis = analysis;
      this.analysisMs = performance.now() - started;
      this.analysisError = null;
      for (const outcome of analysis.segments)
        this.#counter.fromAnalysis(outcome, keys[outcome.id], sentBefore[outcome.id], analysis.base.customers, started);
    } catch (e) {
      if (run !== this.#latestAnalysis) return;
      this.analysisError = errorMessage(e);
      // The counts it would have given are asked for one by one.
      this.#counter.countPending(this.spec.segments.map((s) => s.id));
    } finally {
      if (run === this.#latestAnalysis) this.analysing = false;
    }
  }

  async #templateHints(): Promise<TemplateHints> {
    const bins = this.#bins;
    const schema = this.schema;
    if (!schema) return { bins, monetaryDeciles: [], country: null };
    const monetary = await this.#db.columnSummary('customers', 'monetary').catch(() => null);
    const place = (['customers', 'orders'] as const)
      .map((view) => ({ view, column: findColumn(schema[view], 'country') }))
      .find((p) => p.column?.kind === 'text');
    let country: TemplateHints['country'] = null;
    if (place?.column) {
      const summary = await this.#db.columnSummary(place.view, place.column.name).catch(() => null);
      const top = summary?.top.find((t) => t.value !== null)?.value;
      if (top) country = { view: place.view, column: place.column.name, value: top };
    }
    return { bins, monetaryDeciles: monetary?.deciles ?? [], country };
  }
}
