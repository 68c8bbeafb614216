import { errorMessage } from '../errors.ts';
import type { FileImport } from '../spec/import.ts';
import { sqlSegmentIds } from '../spec/held-sql.ts';
import { missingRoles, unmappedColumns, withoutUnmapped, type ImportSettings } from '../spec/import-part.ts';
import type { SegmentsSpec } from '../spec/segments.ts';
import { readShareLink } from '../spec/share-link.ts';
import { analysisSpecOf, segmentsSpecOf, type SpecFile } from '../spec/spec-file.ts';
import { mergeImportSettings } from '../storage/workspace.ts';
import type { Analysis } from './analysis.svelte.ts';
import type { Segments } from './segments.svelte.ts';

/** What a share link reads and sets on the page it is opened on. */
export interface LinkedPage {
  /** The chosen files' mappings: the link's rules name roles and attributes, found in them. */
  mappings(): FileImport[];
  settings(): ImportSettings;
  setSettings(settings: ImportSettings): void;
  /** Whether the chosen files can be loaded as they are mapped. */
  loadable(): boolean;
  load(): Promise<void>;
  readonly analysis: Analysis;
  readonly segments: Segments;
}

/**
 * The share link this page was opened with, until its definitions are applied: its import settings
 * on the chosen files (by role and attribute, set again as roles change), then, once data is
 * loaded, its analysis settings and segments (SQL segments waiting for the user's confirmation).
 * Nothing in a link can break the page: what cannot be used is said.
 */
export class SharedLink {
  /** The link's definitions, waiting to be applied to loaded data. */
  spec = $state.raw<SpecFile | null>(null);
  /** Why the link cannot be used (kept apart: loading data does not clear it). */
  problem = $state<string | null>(null);
  /** The parts of the link left out, each `path: reason`; the rest of it is used. */
  problems = $state.raw<string[]>([]);

  /** The link's import rules that name a column the chosen files lack (they stop the load). */
  columnProblems: string[] = $derived.by(() => {
    const mappings = this.#page.mappings();
    return this.spec?.import && mappings.length
      ? unmappedColumns(mappings, this.spec).map((p) => `The share link's ${p.slice('the '.length)} (or leave that rule out).`)
      : [];
  });

  /** The roles the link's definitions were made with that the chosen files do not map (asked for, not required). */
  missingRoles = $derived.by(() => (this.spec?.import ? missingRoles(this.#page.mappings(), this.spec.import) : []));

  /** Told when the link's definitions have been applied to loaded data. */
  onApplied: () => void = () => {};

  readonly #page: LinkedPage;

  constructor(page: LinkedPage) {
    this.#page = page;
  }

  /**
   * Reads a link's definitions; they apply to the next data loaded (and to data already loaded).
   * Parts with problems are left out and listed.
   */
  async open(url: string): Promise<void> {
    try {
      const reading = await readShareLink(url);
      if (!reading.spec) {
        this.problem = `This share link cannot be used: ${reading.refused}. Ask for a new link; your data is not affected.`;
        return;
      }
      this.problems = reading.problems;
      this.spec = reading.spec;
      if (this.#page.analysis.result) await this.#applyToLoaded();
      else this.applyImport();
    } catch (e) {
      this.spec = null;
      this.problem = `This share link cannot be used: ${errorMessage(e)}. Ask for a new link; your data is not affected.`;
    }
  }

  /** The link's import settings on the chosen files, merged into those in use (again whenever a role changes). */
  applyImport(): void {
    const part = this.spec?.import;
    const mappings = this.#page.mappings();
    if (!part || mappings.length === 0) return;
    this.#page.setSettings(mergeImportSettings(this.#page.settings(), part, mappings));
  }

  /** Leaves out the link's import rules whose columns the chosen files lack (the user's choice, said on the page). */
  leaveOutUnmappedRules(): void {
    const spec = this.spec;
    if (!spec?.import) return;
    this.spec = { ...spec, import: withoutUnmapped(this.#page.mappings(), spec.import) };
    this.applyImport();
  }

  /**
   * The first analysis of data just loaded, with the link's analysis settings; then its segments.
   * The link is done with once an analysis has come of it.
   */
  async analyseLoaded(): Promise<void> {
    const spec = this.spec;
    const { analysis } = this.#page;
    if (spec?.analysis) this.#apply(() => (analysis.spec = analysisSpecOf(spec)));
    await analysis.run();
    if (spec?.segments) this.#apply(() => this.#replaceSegments(segmentsSpecOf(spec)));
    if (analysis.result && spec) {
      this.spec = null;
      this.onApplied();
    }
  }

  /**
   * A link opened on loaded data: its import settings, when they change the ones in use, load the
   * data again (the link's analysis and segments then apply to it); a rule naming a column the
   * files lack waits in the Data section.
   */
  async #applyToLoaded(): Promise<void> {
    const spec = this.spec;
    if (!spec) return;
    if (spec.import) {
      const before = JSON.stringify(this.#page.settings());
      this.applyImport();
      if (JSON.stringify(this.#page.settings()) !== before || this.columnProblems.length) {
        if (this.#page.loadable()) await this.#page.load();
        return;
      }
    }
    this.spec = null;
    const { analysis } = this.#page;
    if (spec.analysis && this.#apply(() => (analysis.spec = analysisSpecOf(spec)))) await analysis.run();
    if (spec.segments) this.#apply(() => this.#replaceSegments(segmentsSpecOf(spec)));
    this.onApplied();
  }

  /** A link's segments: its rule segments count at once, its SQL segments wait for the user's confirmation. */
  #replaceSegments(spec: SegmentsSpec): void {
    this.#page.segments.replace(spec, sqlSegmentIds(spec));
  }

  /** Applies part of a link; a failure is the link's message, not the page's end. */
  #apply(apply: () => unknown): boolean {
    try {
      apply();
      return true;
    } catch (e) {
      this.problem = `Part of this share link could not be applied: ${errorMessage(e)}. Your data is not affected.`;
      return false;
    }
  }
}
