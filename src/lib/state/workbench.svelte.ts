import { Guide } from './guide.svelte.ts';
import { ExportRun } from './export-run.svelte.ts';
import { WorkAhead } from './work-ahead.svelte.ts';
import { newTicket } from '../ticket.ts';
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { DbApi, EngineStatus, ImportProgress, QueryResult } from '../../../workers/db-api.ts';
import { errorKind, errorMessage } from '../errors.ts';
import { Analysis } from './analysis.svelte.ts';
import { Autosave } from './autosave.svelte.ts';
import { DefinitionsLibrary } from './library.svelte.ts';
import { openAppStore } from '../storage/app-store.ts';
import { Segments } from './segments.svelte.ts';
import type { ImportReport } from '../import/report.ts';
import { combineSuggestions } from '../mapping/guess-notes.ts';
import { inspectFile, reinspect } from '../preview/inspect.ts';
import { headIsWhole, readHead, uncompressedSize, unreadableFileReason, workbookKind, workbookRefusal } from '../preview/read-head.ts';
import { fileShapes, memoryCheck } from './memory-check.ts';
import { estimateLoadMs, loadMsLeft } from '../import/time-estimate.ts';
import { ServedFiles } from './served-files.ts';
import type { ChosenFile, Notice } from './chosen-file.ts';
import { inspectAs, recogniseInspection } from '../sources/apply.ts';
import { findPreset } from '../sources/presets.ts';
import { settingsFrom, sourceSettings } from '../sources/recognise.ts';
import {
  defaultIdCleanup,
  standardCleaning,
  type AmountLevel,
  type CleaningRules,
  type FileImport,
  type IdCleanup,
  type ImportSpec,
  type ParseOptions,
  type Role,
} from '../spec/import.ts';
import { assignRole } from '../spec/assign-role.ts';
import { cleaningColumnProblems } from '../spec/cleaning-columns.ts';
import { mappingProblems } from '../spec/validate-import.ts';
import type { AnalysisSpec } from '../spec/analysis.ts';
import type { SegmentsSpec } from '../spec/segments.ts';
import { importPartOf, withRoles, type ImportSettings } from '../spec/import-part.ts';
import { shareLink } from '../spec/share-link.ts';
import type { SpecFile } from '../spec/spec-file.ts';
import { SharedLink } from './shared-link.svelte.ts';

/** The whole app's state; every change goes through its methods. */
export class Workbench {
  engine = $state.raw<EngineStatus>({ state: 'downloading', loadedBytes: 0, totalBytes: 0 });
  files = $state.raw<ChosenFile[]>([]);
  amountLevel = $state<AmountLevel>('line');
  cleaning = $state<CleaningRules>(standardCleaning());
  ids = $state<IdCleanup>(defaultIdCleanup());
  duplicateCustomers = $state<ImportSpec['duplicateCustomers']>('refuse');
  /** The running import's progress, once it reports; until then, that of the read ahead it waits for. */
  #importProgress = $state.raw<ImportProgress | null>(null);
  /** When the load under way started, and how long the files' size says it should take. */
  loadClock = $state.raw<{ started: number; expectedMs: number } | null>(null);
  report = $state.raw<ImportReport | null>(null);
  notice = $state.raw<Notice | null>(null);
  busy = $state(false);

  spec: ImportSpec = $derived({
    files: this.files.map((f) => f.inspection.mapping),
    amountLevel: this.amountLevel,
    cleaning: this.cleaning,
    ids: this.ids,
    duplicateCustomers: this.duplicateCustomers,
  });

  problems: string[] = $derived.by(() => [
    ...this.files.flatMap((f) =>
      mappingProblems(f.inspection.mapping, f.inspection.dateChoices, f.dateConfirmed).map((p) => `${f.file.name}: ${p}`),
    ),
    ...(this.files.length ? cleaningColumnProblems(this.spec) : []),
    ...this.link.columnProblems,
  ]);

  canLoad = $derived(this.engine.state === 'ready' && this.files.length > 0 && this.problems.length === 0 && !this.busy);

  /** Whether the chosen files will fit in the engine's memory, known before loading (the page still lets them be tried). */
  memory = $derived(memoryCheck(this.files, this.engine));

  readonly analysis: Analysis;
  /** The share link this page was opened with, until its definitions are applied. */
  readonly link: SharedLink;
  readonly segments: Segments;
  readonly autosave: Autosave;
  /** Named definition sets saved in this browser. */
  readonly library: DefinitionsLibrary;
  /** Whether the guided explanations are offered (a preference kept in this browser). */
  readonly guide = new Guide();
  /** Samples and the file `npm start` serves, opened as if chosen. */
  readonly served = new ServedFiles(this);
  /** The chosen files read, and imported on the spec shown, while their mapping is looked at. */
  readonly ahead: WorkAhead;
  /** The rejected-records download: one at a time, with its progress and Cancel. */
  readonly rejectsRun: ExportRun;
  readonly #db: Remote<DbApi>;
  /** The running import's ticket, which Cancel stops it by. */
  #loadTicket: string | null = null;
  #started: Promise<EngineStatus> | null = null;

  constructor(db: Remote<DbApi>) {
    this.#db = db;
    this.rejectsRun = new ExportRun(db);
    this.ahead = new WorkAhead(db, {
      spec: () => this.spec,
      files: () => this.files.map((f) => f.file),
      // Not files that will not fit: they may never be loaded.
      workable: () => this.files.length > 0 && this.engine.state === 'ready' && !this.memory,
      loadable: () => this.problems.length === 0,
    });
    this.segments = new Segments(db);
    this.analysis = new Analysis(db, (result) => void this.segments.refresh(result.bins));
    this.link = new SharedLink({
      mappings: () => this.files.map((f) => f.inspection.mapping),
      settings: () => this.#settings(),
      setSettings: (s) =>
        ([this.amountLevel, this.cleaning, this.ids, this.duplicateCustomers] = [s.amountLevel, s.cleaning, s.ids, s.duplicateCustomers]),
      loadable: () => this.problems.length === 0,
      load: () => this.load(),
      analysis: this.analysis,
      segments: this.segments,
    });
    const store = openAppStore();
    this.autosave = new Autosave(this, store);
    this.library = new DefinitionsLibrary(store, this.segments, () => {
      this.autosave.forgotten();
      this.guide.forget();
    });
  }

  /** Where the load under way is: its import's report, or the work ahead it waits for. */
  get progress(): ImportProgress | null {
    return this.#importProgress ?? (this.busy ? this.ahead.progress : null);
  }

  /** Starts the engine once; later callers share the same start. */
  start(): Promise<EngineStatus> {
    this.#started ??= this.#db
      .start(Comlink.proxy((status: EngineStatus) => (this.engine = status)))
      // The warm-up's news may come first: the status it brings is the later one.
      .then((status) => {
        this.engine = this.engine.state === 'ready' && this.engine.warmUp ? this.engine : status;
        return status;
      });
    return this.#started;
  }

  /**
   * Adds files to the import. An .xlsx workbook's first sheet becomes CSV text in the worker, and
   * that is what is mapped and loaded (under the workbook's name); other workbooks are refused
   * with a way forward. `settings` are the ones the files come with (the sample's); then any work
   * saved in this browser for these files is restored.
   */
  async addFiles(
    list: readonly File[],
    settings?: Pick<ImportSpec, 'amountLevel' | 'ids' | 'cleaning'> | 'from-files',
    kinds: readonly FileImport['kind'][] = [],
  ): Promise<void> {
    this.notice = null;
    const added: ChosenFile[] = [];
    for (const [index, chosen] of list.entries()) {
      let file = chosen;
      let head = await readHead(file);
      let workbook: ChosenFile['workbook'];
      const kind = workbookKind(file.name, head);
      if (kind === 'other') {
        this.notice = { kind: 'unsupported-file', message: workbookRefusal(file.name) };
        continue;
      }
      if (kind === 'xlsx') {
        try {
          const { csv, sheet, sheets } = await this.#db.readWorkbook(file);
          file = new File([csv as Uint8Array<ArrayBuffer>], chosen.name, { type: 'text/csv' });
          workbook = { sheet, sheets };
          head = await readHead(file);
        } catch (e) {
          this.notice = { kind: errorKind(e), message: errorMessage(e) };
          continue;
        }
      }
      const complete = headIsWhole(file.name, file.size);
      const guessed = inspectFile(file.name, head, complete);
      const unreadable = unreadableFileReason(file.name, head, guessed.mapping.columns.length);
      if (unreadable) {
        this.notice = { kind: 'unsupported-file', message: unreadable };
        continue;
      }
      const recognised = recogniseInspection(guessed, (m, guess) => reinspect(m, head, complete, guess));
      const { preset } = recognised;
      // A sample's manifest says which file holds what: that is not left to a guess.
      const fileKind = kinds[index] ?? recognised.inspection.mapping.kind;
      const inspection = { ...recognised.inspection, mapping: { ...recognised.inspection.mapping, kind: fileKind } };
      const bytes = await uncompressedSize(file);
      added.push({
        file,
        head,
        bytes,
        complete,
        inspection,
        dateConfirmed: preset?.dateFormat !== undefined,
        ...(workbook && { workbook }),
      });
    }
    this.#setFiles([...this.files, ...added]);
    this.report = null;
    // A known export brings the settings it needs (shown, and editable, in the import settings).
    if (settings === 'from-files' || added.some((f) => f.inspection.mapping.source)) this.#applySourceSettings();
    if (settings && settings !== 'from-files')
      [this.amountLevel, this.ids, this.cleaning] = [settings.amountLevel, settings.ids, settings.cleaning];
    await this.autosave.filesChosen();
    this.link.applyImport();
  }

  /**
   * Reads a file as another known export (its preset id), or as none (null: the guesses from its
   * columns); the import settings start again from what the files' sources call for.
   */
  setSource(index: number, id: string | null): void {
    const preset = findPreset(id);
    this.#updateFile(index, (f) => {
      if (preset) {
        const inspection = inspectAs(f.inspection, preset, (m, guess) => reinspect(m, f.head, f.complete, guess));
        return { ...f, inspection, dateConfirmed: preset.dateFormat !== undefined };
      }
      const guessed = inspectFile(f.file.name, f.head, f.complete);
      return { ...f, inspection: { ...guessed, mapping: { ...guessed.mapping, source: null } }, dateConfirmed: false };
    });
    this.#applySourceSettings();
    this.link.applyImport();
  }

  /** What the files' sources call for, on top of what their values suggest (as the command line combines them). */
  #applySourceSettings(): void {
    const settings = this.#suggestedSettings();
    [this.amountLevel, this.cleaning, this.ids] = [settings.amountLevel, settings.cleaning, settings.ids];
  }

  /** What the page sets for the chosen files by itself: the defaults, what their values suggest and what their sources call for. */
  #suggestedSettings(): ImportSettings {
    const mappings = this.files.map((f) => f.inspection.mapping);
    return { duplicateCustomers: 'refuse', ...sourceSettings(mappings, settingsFrom(this.#suggestions(this.files))) };
  }

  /** The import settings now in use. */
  #settings(): ImportSettings {
    const spec = $state.snapshot(this.spec) as ImportSpec;
    return { amountLevel: spec.amountLevel, cleaning: spec.cleaning, ids: spec.ids, duplicateCustomers: spec.duplicateCustomers };
  }

  removeFile(index: number): void {
    const hadSource = Boolean(this.files[index]?.inspection.mapping.source);
    this.#setFiles(this.files.filter((_, i) => i !== index));
    this.report = null;
    // Its export's settings go with it (they name its columns); the other files' stay.
    if (hadSource) this.#applySourceSettings();
    this.link.applyImport();
    void this.autosave.filesChosen();
  }

  setParse(index: number, patch: Partial<ParseOptions>): void {
    this.#updateFile(index, (f) => {
      const mapping = { ...f.inspection.mapping, parse: { ...f.inspection.mapping.parse, ...patch } };
      return {
        ...f,
        inspection: reinspect(mapping, f.head, f.complete),
        dateConfirmed: f.dateConfirmed || patch.dateFormat !== undefined,
      };
    });
  }

  setKind(index: number, kind: FileImport['kind']): void {
    this.#updateFile(index, (f) => ({ ...f, inspection: { ...f.inspection, mapping: { ...f.inspection.mapping, kind } } }));
    this.link.applyImport();
  }

  /** Sets a column's role; a role that must be unique moves away from the column that had it. */
  setRole(index: number, column: string, role: Role): void {
    this.#updateFile(index, (f) => {
      const columns = assignRole(f.inspection.mapping.columns, column, role);
      return { ...f, inspection: reinspect({ ...f.inspection.mapping, columns }, f.head, f.complete, 'formats') };
    });
    this.link.applyImport();
  }

  /**
   * Takes fetched files (a sample, a served file) in place of the chosen ones, with their settings,
   * and loads them once the engine is ready (load() waits for a complete mapping).
   */
  async openFiles(
    files: File[],
    settings?: Pick<ImportSpec, 'amountLevel' | 'ids' | 'cleaning'> | 'from-files',
    kinds: readonly FileImport['kind'][] = [],
  ): Promise<void> {
    this.#setFiles([]);
    await this.addFiles(files, settings, kinds);
    await this.whenEngineReady();
    await this.load();
  }

  say(notice: Notice): void {
    this.notice = notice;
  }

  async load(): Promise<void> {
    if (this.files.length === 0 || this.problems.length > 0) return;
    this.busy = true;
    this.notice = null;
    this.report = null;
    this.analysis.reset();
    this.segments.reset();
    const ticket = (this.#loadTicket = newTicket());
    // The work ahead on these files and this spec is what the load takes over: only the rest is left.
    const shapes = fileShapes(this.files).map((shape, i) => ({ name: this.spec.files[i].name, shape }));
    // Files that will not fit as usual load compactly (nothing is done ahead for them): their best chance.
    const compact = this.memory !== null;
    const expectedMs = compact
      ? estimateLoadMs(
          shapes.map((s) => s.shape),
          true,
        )
      : loadMsLeft(shapes, this.ahead.done);
    this.loadClock = { started: performance.now(), expectedMs };
    try {
      this.report = await this.#db.importFiles(
        $state.snapshot(this.spec) as ImportSpec,
        this.files.map((f) => f.file),
        Comlink.proxy((p: ImportProgress) => (this.#importProgress = p)),
        ticket,
        { compact },
      );
      this.autosave.restoreDefinitions();
      await this.link.analyseLoaded();
      this.autosave.loaded();
    } catch (e) {
      const stopped = errorKind(e) === 'stopped';
      const message = stopped ? `${errorMessage(e)} Nothing was loaded; the files stay chosen, to load again.` : errorMessage(e);
      this.notice = { kind: errorKind(e), message };
    } finally {
      this.busy = false;
      this.#importProgress = null;
      this.loadClock = null;
      this.#loadTicket = null;
    }
  }

  /** Stops the load under way: its import, or the first analysis that follows it. */
  cancelLoad(): void {
    if (this.#loadTicket) void this.#db.cancel(this.#loadTicket);
    // A load may be waiting for the import ahead: that stops too.
    this.ahead.cancelImport();
    this.analysis.cancel();
  }

  /**
   * The definitions on this page as a spec (never data): the import settings (once files are
   * chosen: what differs from what they call for by themselves, and the roles they map), the
   * analysis settings and the segments.
   */
  definitions(): SpecFile {
    const spec: SpecFile = {
      version: 2,
      analysis: $state.snapshot(this.analysis.spec) as AnalysisSpec,
      segments: $state.snapshot(this.segments.spec) as SegmentsSpec,
    };
    if (this.files.length === 0) return spec;
    const mappings = this.files.map((f) => f.inspection.mapping);
    return { ...spec, import: withRoles(importPartOf(this.#settings(), mappings, this.#suggestedSettings()), mappings) };
  }

  /** A link to this page with the current definitions (never data). */
  shareLink(pageUrl: string): Promise<string> {
    return shareLink(pageUrl, this.definitions());
  }

  /** One file's rejected records as a CSV file, streamed from the worker. */
  async rejectsCsv(fileIndex: number): Promise<Blob> {
    return (await this.rejectsRun.run((write, ticket) => this.#db.rejectsCsv(fileIndex, write, ticket))).blob;
  }

  /** `ticket`: a name for this query, which `cancelQuery` stops it by. */
  query(sql: string, maxRows: number, ticket?: string): Promise<QueryResult> {
    return this.#db.query(sql, maxRows, ticket);
  }

  cancelQuery(ticket: string): void {
    void this.#db.cancel(ticket);
  }

  async whenEngineReady(): Promise<void> {
    const status = await this.start();
    if (status.state !== 'ready') throw new Error(status.state === 'failed' ? status.message : 'The database engine did not start.');
  }

  #updateFile(index: number, change: (f: ChosenFile) => ChosenFile): void {
    this.#setFiles(this.files.map((f, i) => (i === index ? change(f) : f)));
    this.report = null;
  }

  /**
   * Sets the files, and with them the import-wide settings their values suggest (amount level, id
   * clean-up) — only a setting whose suggestion changed, so a choice made by hand stands until the
   * files call for something else.
   */
  #suggestions(list: readonly ChosenFile[]) {
    return combineSuggestions(list.map((f) => ({ kind: f.inspection.mapping.kind, suggested: f.inspection.suggested })));
  }

  #setFiles(files: ChosenFile[]): void {
    const [before, after] = [this.#suggestions(this.files), this.#suggestions(files)];
    this.files = files;
    if (before.amountLevel !== after.amountLevel) this.amountLevel = after.amountLevel;
    if (before.lowerCaseIds !== after.lowerCaseIds) {
      this.ids = after.lowerCaseIds ? { ...this.ids, trim: true, lowerCase: true } : { ...this.ids, lowerCase: false };
    }
  }
}
