import { MANIFEST_PATH, readSampleManifestText } from '../sample-manifest.ts';
import { SAMPLES, findSample, type Sample } from '../samples.ts';

/**
 * The samples this deployment offers: its `samples/manifest.json` read once, checked entry by
 * entry; the bundled list until then, and when there is none.
 */
export class SampleCatalog {
  samples = $state.raw<readonly Sample[]>(SAMPLES);
  /** What the page says about manifest entries it left out. */
  problems = $state.raw<string[]>([]);
  #loaded: Promise<void> | null = null;
  readonly #fetch: typeof fetch;

  constructor(fetchFn: typeof fetch = (...args) => fetch(...args)) {
    this.#fetch = fetchFn;
  }

  /** Reads the manifest once; later callers share the same read. */
  load(): Promise<void> {
    this.#loaded ??= this.#read().then(({ samples, problems }) => {
      this.samples = samples;
      this.problems = problems;
    });
    return this.#loaded;
  }

  async #read() {
    try {
      // Relative to the page, so the app works from any sub-path; revalidated, so an instructor's edit shows.
      const response = await this.#fetch(MANIFEST_PATH, { cache: 'no-cache' });
      return readSampleManifestText(response.ok ? await response.text() : null, SAMPLES);
    } catch {
      return readSampleManifestText(null, SAMPLES);
    }
  }

  /**
   * The sample a link names. A bundled id is answered at once (it always means the same data);
   * any other waits for the manifest.
   */
  async find(id: string): Promise<Sample | undefined> {
    const bundled = findSample(id);
    if (bundled) return bundled;
    await this.load();
    return this.samples.find((s) => s.id === id);
  }
}
