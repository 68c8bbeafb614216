import { errorKind, errorMessage } from '../errors.ts';
import type { Sample } from '../samples.ts';
import { defaultIdCleanup, type FileImport, type ImportSpec } from '../spec/import.ts';
import { SampleCatalog } from './sample-catalog.svelte.ts';
import type { Notice } from './chosen-file.ts';

/** What opening a served file asks of the page: to take files as chosen (and load them), and to say what went wrong. */
export interface FileOpener {
  openFiles(
    files: File[],
    settings?: Pick<ImportSpec, 'amountLevel' | 'ids' | 'cleaning'> | 'from-files',
    kinds?: readonly FileImport['kind'][],
  ): Promise<void>;
  say(notice: Notice): void;
}

/**
 * Files this site serves, opened as if chosen: a sample (bundled, or listed in the instructor's
 * samples/manifest.json), the sample a link names (`?sample=<id>`), and the file `npm start --
 * file.csv` serves beside the page. Each is fetched relative to the page, so the app works from any
 * static folder.
 */
export class ServedFiles {
  /** The samples this deployment offers (its samples/manifest.json, else the bundled ones). */
  readonly catalog = new SampleCatalog();
  readonly #page: FileOpener;

  constructor(page: FileOpener) {
    this.#page = page;
  }

  /** Opens a sample with its own settings (without any, what its files call for), and loads it. */
  loadSample(sample: Sample): Promise<void> {
    return this.#open(async () => {
      const files = await Promise.all(sample.files.map((f) => fetchFile(f.path, f.name, `the sample file ${f.path}`, 'text/csv')));
      const { cleaning } = sample;
      const settings = cleaning
        ? { amountLevel: 'line' as const, ids: defaultIdCleanup(), cleaning: structuredClone(cleaning) }
        : 'from-files';
      await this.#page.openFiles(
        files,
        settings,
        sample.files.map((f) => f.kind),
      );
    });
  }

  /** Opens the sample a link names, or says that there is none by that id. */
  async openSample(id: string): Promise<void> {
    const sample = await this.catalog.find(id);
    if (sample) return this.loadSample(sample);
    const offered = this.catalog.samples.map((s) => s.id).join(', ');
    this.#page.say({
      kind: 'unknown',
      message: `This link names a sample, “${id}”, that this site does not offer (it offers ${offered}).`,
    });
  }

  /** Opens the file the local server serves, loading it when its mapping is complete. */
  openServedFile(url: string, name: string): Promise<void> {
    return this.#open(async () => this.#page.openFiles([await fetchFile(url, name, `${name} from the local server`)]));
  }

  async #open(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      this.#page.say({ kind: errorKind(e), message: errorMessage(e) });
    }
  }
}

async function fetchFile(url: string, name: string, what: string, type?: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not read ${what} (${response.status})`);
  return new File([await response.blob()], name, type ? { type } : {});
}
