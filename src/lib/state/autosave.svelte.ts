import { untrack } from 'svelte';
import { errorMessage } from '../errors.ts';
import { reinspect, type Inspection } from '../preview/inspect.ts';
import { defaultAnalysisSpec } from '../spec/rfm-defaults.ts';
import { defaultSegmentsSpec } from '../spec/segments.ts';
import { analysisSpecOf, segmentsSpecOf, type SpecFile } from '../spec/spec-file.ts';
import { openAppStore, type AppStore, type RecordKey } from '../storage/app-store.ts';
import {
  analysisChanged,
  applyMapping,
  fingerprintOrder,
  firstLineOf,
  mergeImportSettings,
  restoredText,
  savedMappingOf,
  workspaceKey,
  workspaceRecord,
  readWorkspace,
  type FileFingerprint,
  type ImportSettings,
} from '../storage/workspace.ts';
import type { ChosenFile } from './chosen-file.ts';
import type { Workbench } from './workbench.svelte.ts';

/** Edits come in bursts (typing a value, dragging through options): one write after the burst. */
const SAVE_DELAY_MS = 400;

/** A file as it was first read, before anything saved was applied: what "Start fresh" returns to. */
interface FreshFile {
  fingerprint: FileFingerprint;
  inspection: Inspection;
  dateConfirmed: boolean;
}

/** The three parts of the work, each as JSON, to tell what changed since the last write. */
interface Parts {
  import: string;
  analysis: string;
  segments: string;
}

export interface RestoredStatus {
  text: string;
  /** The parts of the record left out, each `path: reason`. */
  problems: string[];
}

/**
 * Keeps the work on a set of files in this browser (IndexedDB, see storage/app-store.ts) and
 * brings it back when the same files are chosen again: their import settings as soon as they are
 * chosen, their analysis settings and segments when they are loaded — unless a share link's
 * definitions are waiting, which win over anything saved (the record then takes the link's).
 * Changes are saved, shortly after each burst of them, once the files have been loaded; a failed
 * write is said, and what was saved before it stays as it was.
 */
export class Autosave {
  /** What was restored for the files now chosen (shown with "Start fresh"). */
  restored = $state.raw<RestoredStatus | null>(null);
  /** Saved work that could not be read or used, and why. */
  readProblem = $state<string | null>(null);
  /** Why the latest write failed; cleared by the next one that succeeds. */
  writeError = $state<string | null>(null);

  readonly #workbench: Workbench;
  readonly #store: AppStore;
  /** Bookkeeping, not state: nothing renders from these. */
  readonly #fresh = new WeakMap<File, FreshFile>();
  #freshSettings: ImportSettings | null = null;
  /** The files now chosen, their record's key, and whether a record is stored under it. */
  #match: { files: readonly File[]; key: RecordKey; stored: boolean } | null = null;
  /** Saved definitions to apply at the next load of the files now chosen, with the SQL segments still held. */
  #pending: { spec: SpecFile; held: string[] } | null = null;
  /** The import settings as restored (JSON), to tell a change made before the load. */
  #restoredImport: string | null = null;
  /** What the store holds for the loaded files, part by part (null: nothing this page wrote or restored). */
  #written: Parts | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #write: (() => Promise<void>) | null = null;
  #chosen = 0;
  /** The files of the latest choice: a choice that leaves them as they are (a refused file) changes nothing. */
  #chosenFiles: readonly File[] = [];
  /** The loaded files, whose changes are saved; null until a load succeeds. */
  #loaded = $state.raw<readonly File[] | null>(null);

  constructor(workbench: Workbench, store: AppStore = openAppStore()) {
    this.#workbench = workbench;
    this.#store = store;
    $effect.root(() => {
      $effect(() => {
        const loaded = this.#loaded;
        const parts = loaded && this.#parts();
        if (parts) untrack(() => this.#changed(parts));
      });
    });
    // A change made just before the page goes away is written at once rather than lost with its timer.
    globalThis.addEventListener?.('pagehide', () => void this.flush());
  }

  /**
   * After files are added or removed (or the sample chosen): when a record was saved for exactly
   * these files, their import settings are set from it, and its definitions wait for the load.
   */
  async filesChosen(): Promise<void> {
    const workbench = this.#workbench;
    const files = workbench.files;
    if (
      sameFiles(
        this.#chosenFiles,
        files.map((f) => f.file),
      )
    )
      return;
    this.#chosenFiles = files.map((f) => f.file);
    const run = ++this.#chosen;
    // A change still waiting belongs to the files chosen before: it is theirs to keep.
    void this.flush();
    for (const f of files) if (!this.#fresh.has(f.file)) this.#fresh.set(f.file, freshFile(f));
    this.#freshSettings = structuredClone($state.snapshot(this.#settings()));
    this.restored = null;
    this.readProblem = null;
    this.#pending = null;
    this.#restoredImport = null;
    this.#written = null;
    this.#match = null;
    if (files.length === 0) return;
    const fingerprints = files.map((f) => this.#fingerprint(f));
    const key = workspaceKey(fingerprints);
    let raw: unknown;
    try {
      raw = await this.#store.get(key);
    } catch (e) {
      // Nothing is written either: a record that could not be read must not be overwritten unseen.
      if (run === this.#chosen)
        this.readProblem = `Your saved work could not be read in this browser, and nothing is saved for these files: ${errorMessage(e)}.`;
      return;
    }
    // Files chosen again meanwhile: that choice decides. (A column's role or a read option changed
    // meanwhile leaves the same files: they still get their record, or a new one.)
    if (
      run !== this.#chosen ||
      !sameFiles(
        this.#chosenFiles,
        workbench.files.map((f) => f.file),
      )
    )
      return;
    this.#match = { files: files.map((f) => f.file), key, stored: raw !== undefined };
    if (raw === undefined) return;

    const names = files.map((f) => f.file.name);
    const reading = readWorkspace(raw, fingerprints);
    if ('refused' in reading) {
      this.readProblem = `Your saved work on ${names.join(', ')} could not be used (${reading.refused}): the page starts from its guesses, and your next change is saved in its place.`;
      return;
    }
    const { value } = reading;
    const ordered = fingerprintOrder(files.map((f) => ({ ...this.#fingerprint(f), file: f.file })));
    workbench.files = workbench.files.map((f) => {
      const saved = value.mappings[ordered.findIndex((o) => o.file === f.file)];
      if (!saved) return f;
      const inspection = applyMapping(f.inspection, saved, (mapping) => reinspect(mapping, f.head, f.complete));
      return { ...f, inspection, dateConfirmed: f.dateConfirmed || saved.parse?.dateFormat !== undefined };
    });
    this.#setSettings(
      mergeImportSettings(
        this.#freshSettings,
        value.spec.import,
        workbench.files.map((f) => f.inspection.mapping),
      ),
    );
    this.#restoredImport = this.#importJson();

    const linked = workbench.link.spec !== null;
    if (!linked) this.#pending = { spec: value.spec, held: value.held };
    const parts = {
      segments: linked ? 0 : (value.spec.segments?.segments.length ?? 0),
      analysis: !linked && value.spec.analysis !== undefined && analysisChanged(analysisSpecOf(value.spec)),
      importSettings: this.#importJson() !== this.#freshImportJson(),
    };
    if (linked && !parts.importSettings) return;
    const text = restoredText(names, value.savedAt, parts);
    this.restored = {
      text: linked ? `${text} The share link's definitions are used instead of your saved analysis settings and segments.` : text,
      problems: value.problems,
    };
  }

  /** At a load, before the analysis runs: the saved definitions of these files, unless a share link's are waiting. */
  restoreDefinitions(): void {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending || this.#workbench.link.spec || !this.#isMatch()) return;
    const { spec, held } = pending;
    try {
      if (spec.analysis) this.#workbench.analysis.spec = analysisSpecOf(spec);
      // SQL from a link not yet confirmed when the page went away is still not run.
      if (spec.segments) this.#workbench.segments.replace(segmentsSpecOf(spec), held);
      // What was restored is what is stored: nothing to write until something changes.
      this.#written = {
        import: this.#restoredImport ?? '',
        analysis: JSON.stringify(this.#workbench.analysis.spec),
        segments: this.#segmentsJson(),
      };
    } catch (e) {
      this.readProblem = `Part of your saved work could not be restored: ${errorMessage(e)}.`;
    }
  }

  /** After a successful load: from now on, changes to these files' work are saved. */
  loaded(): void {
    this.#loaded = this.#match && this.#isMatch() ? this.#match.files : null;
  }

  /** The status line's restore note, while the files it is about are the ones chosen. */
  get status(): RestoredStatus | null {
    return this.restored && this.#isMatch() ? this.restored : null;
  }

  /**
   * Forgets the saved work on these files and goes back to what the page guessed: the guessed
   * mapping and settings, the default analysis settings, no segments; loaded data is loaded again.
   */
  async startFresh(): Promise<void> {
    const workbench = this.#workbench;
    const match = this.#match;
    clearTimeout(this.#timer);
    this.#write = null;
    if (match) {
      try {
        await this.#store.delete(match.key);
      } catch (e) {
        this.writeError = `Your saved work could not be deleted from this browser: ${errorMessage(e)}.`;
        return;
      }
      match.stored = false;
    }
    this.#written = null;
    this.#pending = null;
    this.restored = null;
    this.readProblem = null;
    workbench.files = workbench.files.map((f) => {
      const fresh = this.#fresh.get(f.file);
      return fresh ? { ...f, inspection: fresh.inspection, dateConfirmed: fresh.dateConfirmed } : f;
    });
    if (this.#freshSettings) this.#setSettings(structuredClone(this.#freshSettings));
    workbench.analysis.spec = defaultAnalysisSpec();
    workbench.segments.replace(defaultSegmentsSpec());
    if (workbench.report) await workbench.load();
  }

  /**
   * After every record was deleted (Forget everything): a change still waiting is dropped, and what
   * was restored is no longer said. The page keeps its work; a later change is saved afresh.
   */
  forgotten(): void {
    clearTimeout(this.#timer);
    this.#write = null;
    this.#written = null;
    this.#pending = null;
    if (this.#match) this.#match.stored = false;
    this.restored = null;
    this.readProblem = null;
    this.writeError = null;
  }

  /** Writes a change still waiting for its delay. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    const write = this.#write;
    this.#write = null;
    await write?.();
  }

  /** A change to the loaded files' work: written after a short delay, if it holds anything to keep. */
  #changed(parts: Parts): void {
    const match = this.#match;
    if (!match) return;
    const written = this.#written;
    if (written && written.import === parts.import && written.analysis === parts.analysis && written.segments === parts.segments) return;
    // A fresh page's work is not worth a record; once there is one, it follows every change.
    if (!written && !match.stored && !this.#holdsWork(parts)) return;
    const record = this.#record();
    clearTimeout(this.#timer);
    this.#write = async () => {
      try {
        await this.#store.put(match.key, record);
        match.stored = true;
        // Unless other files were chosen meanwhile: what is stored for those is theirs.
        if (this.#match === match) this.#written = parts;
        this.writeError = null;
      } catch (e) {
        this.writeError = `Your latest changes could not be saved in this browser: ${errorMessage(e)}. Everything saved before is kept.`;
      }
    };
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  #holdsWork(parts: Parts): boolean {
    return (
      this.#workbench.segments.spec.segments.length > 0 ||
      analysisChanged(this.#workbench.analysis.spec) ||
      parts.import !== this.#freshImportJson()
    );
  }

  /** The work as it is now, part by part; null when the files chosen are not the loaded ones. Reads (and so tracks) every part. */
  #parts(): Parts | null {
    const workbench = this.#workbench;
    if (
      !this.#loaded ||
      !sameFiles(
        this.#loaded,
        workbench.files.map((f) => f.file),
      )
    )
      return null;
    return {
      import: this.#importJson(),
      analysis: JSON.stringify(workbench.analysis.spec),
      segments: this.#segmentsJson(),
    };
  }

  /** The segments and which of them are held: confirming a link's SQL is a change to save. */
  #segmentsJson(): string {
    const segments = this.#workbench.segments;
    return JSON.stringify({ spec: segments.spec, held: [...segments.held] });
  }

  #record() {
    const workbench = this.#workbench;
    return workspaceRecord({
      files: workbench.files.map((f) => ({ fingerprint: this.#fingerprint(f), mapping: f.inspection.mapping })),
      settings: $state.snapshot(this.#settings()),
      analysis: $state.snapshot(workbench.analysis.spec),
      segments: $state.snapshot(workbench.segments.spec),
      held: [...workbench.segments.held],
      // A moment, not state: nothing renders from it.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      savedAt: new Date(),
    });
  }

  #importJson(): string {
    const workbench = this.#workbench;
    return JSON.stringify({ files: workbench.files.map((f) => savedMappingOf(f.inspection.mapping)), settings: this.#settings() });
  }

  #freshImportJson(): string {
    const files = this.#workbench.files.map((f) => savedMappingOf((this.#fresh.get(f.file) ?? f).inspection.mapping));
    return JSON.stringify({ files, settings: this.#freshSettings });
  }

  #settings(): ImportSettings {
    const { amountLevel, cleaning, ids, duplicateCustomers } = this.#workbench;
    return { amountLevel, cleaning, ids, duplicateCustomers };
  }

  #setSettings(settings: ImportSettings): void {
    const workbench = this.#workbench;
    workbench.amountLevel = settings.amountLevel;
    workbench.cleaning = settings.cleaning;
    workbench.ids = settings.ids;
    workbench.duplicateCustomers = settings.duplicateCustomers;
  }

  /** A file's fingerprint, from its first reading (the first line as then read, whatever the form has changed since). */
  #fingerprint(f: ChosenFile): FileFingerprint {
    return (this.#fresh.get(f.file) ?? freshFile(f)).fingerprint;
  }

  #isMatch(): boolean {
    return (
      this.#match !== null &&
      sameFiles(
        this.#match.files,
        this.#workbench.files.map((f) => f.file),
      )
    );
  }
}

function freshFile(f: ChosenFile): FreshFile {
  return {
    fingerprint: { name: f.file.name, size: f.file.size, header: [...firstLineOf(f.inspection)] },
    inspection: f.inspection,
    dateConfirmed: f.dateConfirmed,
  };
}

function sameFiles(a: readonly File[], b: readonly File[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}
