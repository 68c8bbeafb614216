import type { Remote } from 'comlink';
import type { DbApi } from '../../../workers/db-api.ts';
import { localeCountry } from '../export/countries.ts';
import { ExportRun } from './export-run.svelte.ts';
import { definitionHash, exportFilename } from '../export/filename.ts';
import type { Audience, AudienceCounts, AudienceFormat } from '../segments/audience.ts';
import type { SegmentLibrary, SegmentSpec } from '../spec/segments.ts';

/** Whom an export is for, by segment id: in every `include` segment and in no `exclude` one; and what to call them. */
export interface AudienceSelection {
  include: string[];
  exclude: string[];
  /** `Champions`, `Champions and Loyal`, `Champions, not Loyal`: the file's name starts with it. */
  label: string;
}

/** A file ready to save, with what it holds and what it left out. */
export interface AudienceDownload {
  filename: string;
  blob: Blob;
  rows: number;
  notes: string[];
}

/**
 * The export settings a person chooses once and keeps for every export of the session (format,
 * consent filter, default country for phones), and the exports themselves.
 */
export class AudienceExports {
  format = $state<AudienceFormat>('customers');
  consentOnly = $state(false);
  defaultCountry = $state(localeCountry(typeof navigator === 'undefined' ? [] : navigator.languages) ?? 'US');

  /** The running export's progress and Cancel (one export at a time). */
  readonly run: ExportRun;

  readonly #db: Remote<DbApi>;
  readonly #segment: (id: string) => SegmentSpec | undefined;
  readonly #library: () => SegmentLibrary;
  readonly #analysisDate: () => string | null;

  constructor(
    db: Remote<DbApi>,
    segment: (id: string) => SegmentSpec | undefined,
    library: () => SegmentLibrary,
    analysisDate: () => string | null,
  ) {
    this.#db = db;
    this.run = new ExportRun(db);
    this.#segment = segment;
    this.#library = library;
    this.#analysisDate = analysisDate;
  }

  #audience(selection: AudienceSelection): Audience {
    const named = (ids: string[]) =>
      ids.flatMap((id) => {
        const s = this.#segment(id);
        return s ? [{ name: s.name, definition: $state.snapshot(s.definition) }] : [];
      });
    return { include: named(selection.include), exclude: named(selection.exclude), library: this.#library() };
  }

  counts(selection: AudienceSelection): Promise<AudienceCounts> {
    return this.#db.audienceCounts(this.#audience(selection));
  }

  async download(selection: AudienceSelection): Promise<AudienceDownload> {
    const audience = this.#audience(selection);
    const options = { consentOnly: this.consentOnly, context: { segmentName: selection.label, defaultCountry: this.defaultCountry } };
    const format = this.format;
    const { blob, summary } = await this.run.run((write, ticket) => this.#db.exportAudience(audience, format, options, write, ticket));
    const filename = exportFilename({
      segment: selection.label,
      analysisDate: this.#analysisDate() ?? '',
      definitionHash: definitionHash({ include: audience.include, exclude: audience.exclude }),
      format,
    });
    return { filename, blob, ...summary };
  }

  /**
   * Every customer with one true/false column per enabled segment (only those who accept marketing
   * when the settings say so), and its file name: what, the analysis date, the definitions' hash.
   */
  async segmentColumns(): Promise<{ filename: string; blob: Blob }> {
    const library = this.#library();
    const named = library.filter((s) => s.enabled).map((s) => ({ name: s.name, definition: s.definition }));
    const consentOnly = this.consentOnly;
    const { blob } = await this.run.run((write, ticket) => this.#db.exportSegmentsCsv(named, null, library, consentOnly, write, ticket));
    const filename = exportFilename({
      segment: 'customers with segments',
      analysisDate: this.#analysisDate() ?? '',
      definitionHash: definitionHash(named),
      format: 'segments',
    });
    return { filename, blob };
  }
}
