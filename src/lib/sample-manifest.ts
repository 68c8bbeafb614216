/**
 * Reads `samples/manifest.json`, the list of samples a deployment offers: the bundled ones and any
 * CSV an instructor placed in its `samples/` folder. Each entry is checked on its own: a bad one is
 * named in a message and left out, the rest are offered; without a usable manifest, the bundled list.
 */
import * as v from 'valibot';
import type { Sample, SampleFile } from './samples.ts';
import { quote } from './spec/check.ts';

/** Where the page looks for the manifest, relative to itself (so it works from any sub-path). */
export const MANIFEST_PATH = 'samples/manifest.json';

const text = (what: string, max: number) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.nonEmpty(`${what} must not be empty`),
    v.maxLength(max, `${what} must be at most ${max} characters`),
  );

/** Ids go into links (`?sample=<id>`) and file names: letters, digits, `.`, `_` and `-`. */
const ID = v.pipe(
  v.string('id must be text'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'id must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit'),
);

/**
 * A file in the deployed `samples/` folder, named relative to the page: never another origin (the
 * page requests none), never outside the folder.
 */
function isSamplePath(path: string): boolean {
  const parts = path.split('/');
  return (
    parts[0] === 'samples' &&
    parts.length >= 2 &&
    parts.slice(1).every((p) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(p) && p !== '..') &&
    /\.(csv|tsv|txt)(\.gz)?$/i.test(path)
  );
}

/** Messages of an object: a key it does not know, a key it lacks, or not an object at all. */
const objectMessage =
  (what: string) =>
  (issue: v.BaseIssue<unknown>): string =>
    issue.expected === 'never'
      ? `unknown key ${issue.received} in ${what}`
      : issue.received === 'undefined' && issue.expected?.startsWith('"')
        ? `${issue.expected} is missing from ${what}`
        : `${what} must be an object`;

const FILE = v.strictObject(
  {
    path: v.pipe(
      v.string('path must be text'),
      v.check(isSamplePath, 'path must name a .csv, .tsv or .txt file (or .gz of one) inside samples/, like "samples/class.csv"'),
    ),
    kind: v.picklist(['transactions', 'customers'], 'kind must be "transactions" or "customers"'),
  },
  objectMessage('a file'),
);

const VERSION = 'version must be text or a whole number';

const ENTRY = v.strictObject(
  {
    id: ID,
    name: text('name', 120),
    files: v.pipe(
      v.array(FILE, 'files must be a list'),
      v.minLength(1, 'files must list at least one file'),
      v.maxLength(10, 'files must list at most 10 files'),
      v.check((files) => files.some((f) => f.kind === 'transactions'), 'files must include a transactions file'),
    ),
    licence: text('licence', 200),
    version: v.union([text('version', 40), v.pipe(v.number(), v.integer(VERSION), v.minValue(0, VERSION))], VERSION),
  },
  objectMessage('an entry'),
);

const MANIFEST = v.object({ samples: v.array(v.unknown()) }, 'it must be an object with a "samples" list');

/** What the page offers, and what it says about the entries it left out. */
export interface SampleCatalogue {
  samples: readonly Sample[];
  problems: string[];
}

/** `samples/class.csv` of entry `class-demo` is loaded as `class-demo-class.csv`. */
function fileOf(id: string, file: { path: string; kind: SampleFile['kind'] }): SampleFile {
  return { path: file.path, kind: file.kind, name: `${id}-${file.path.slice(file.path.lastIndexOf('/') + 1)}` };
}

/**
 * The samples a parsed manifest offers, in its order. An entry naming a bundled id stands for the
 * bundled sample as the app defines it (a versioned id always means the same data). A manifest
 * that offers none leaves the bundled list on offer.
 */
export function readSampleManifest(json: unknown, bundled: readonly Sample[]): SampleCatalogue {
  const top = v.safeParse(MANIFEST, json);
  if (!top.success) return { samples: bundled, problems: [`${MANIFEST_PATH} was not used: ${top.issues[0].message}.`] };
  const samples: Sample[] = [];
  const problems: string[] = [];
  top.output.samples.forEach((raw, index) => {
    const rawId = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? ` (${quote(raw.id)})` : '';
    const label = `${MANIFEST_PATH}: entry ${index + 1}${rawId} left out`;
    const entry = v.safeParse(ENTRY, raw);
    if (!entry.success) {
      const issue = entry.issues[0];
      // Messages name their key; a file's also say which file.
      const file = issue.path?.[1]?.key;
      problems.push(`${label}: ${typeof file === 'number' ? `files[${file}]: ` : ''}${issue.message}.`);
      return;
    }
    const { id, name, files, licence, version } = entry.output;
    if (samples.some((s) => s.id === id)) return void problems.push(`${label}: an earlier entry has the same id.`);
    const own = bundled.find((s) => s.id === id);
    samples.push(own ?? { id, title: name, files: files.map((f) => fileOf(id, f)), licence, version: String(version) });
  });
  return samples.length > 0 ? { samples, problems } : { samples: bundled, problems };
}

/**
 * The manifest's text as fetched: null when there is none (a 404, or the HTML page a host sends
 * for any unknown path), which quietly leaves the bundled list.
 */
export function readSampleManifestText(body: string | null, bundled: readonly Sample[]): SampleCatalogue {
  if (body === null || /^\s*</.test(body)) return { samples: bundled, problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return {
      samples: bundled,
      problems: [`${MANIFEST_PATH} was not used: it is not valid JSON (${e instanceof Error ? e.message : String(e)}).`],
    };
  }
  return readSampleManifest(json, bundled);
}
