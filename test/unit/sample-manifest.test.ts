import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readSampleManifest, readSampleManifestText } from '../../src/lib/sample-manifest.ts';
import { SAMPLES, findSample } from '../../src/lib/samples.ts';

const SHIPPED = readFileSync(path.resolve(import.meta.dirname, '../../public/samples/manifest.json'), 'utf8');

/** An instructor's entry as the README describes it. */
const demo = (patch: Record<string, unknown> = {}) => ({
  id: 'class-demo',
  name: 'Our class data',
  files: [{ path: 'samples/class-demo.csv', kind: 'transactions' }],
  licence: 'CC BY 4.0',
  version: '2025-03',
  ...patch,
});

describe('the shipped manifest', () => {
  test('lists every bundled sample, in SAMPLES’ order, with the same files, licence and version', () => {
    const json = JSON.parse(SHIPPED) as { samples: { id: string; name: string; files: unknown[]; licence: string; version: string }[] };
    expect(json.samples.map((s) => s.id)).toEqual(SAMPLES.map((s) => s.id));
    for (const entry of json.samples) {
      const bundled = findSample(entry.id)!;
      expect(entry.name).toBe(bundled.title);
      expect(entry.files).toEqual(bundled.files.map((f) => ({ path: f.path, kind: f.kind })));
      expect(entry.licence).toBe(bundled.licence);
      expect(entry.version).toBe(bundled.version);
    }
  });

  test('reads without a problem, offering the bundled samples themselves', () => {
    const { samples, problems } = readSampleManifestText(SHIPPED, SAMPLES);
    expect(problems).toEqual([]);
    expect(samples).toEqual(SAMPLES);
  });
});

describe('an instructor’s entry', () => {
  test('is offered after the bundled ones, its files loaded under names that start with its id', () => {
    const { samples, problems } = readSampleManifest({ samples: [...JSON.parse(SHIPPED).samples, demo()] }, SAMPLES);
    expect(problems).toEqual([]);
    expect(samples.map((s) => s.id)).toEqual(['retail-v2', 'b2b-v1', 'retail-v1', 'class-demo']);
    expect(samples[3]).toEqual({
      id: 'class-demo',
      title: 'Our class data',
      files: [{ path: 'samples/class-demo.csv', name: 'class-demo-class-demo.csv', kind: 'transactions' }],
      licence: 'CC BY 4.0',
      version: '2025-03',
    });
    // No cleaning of its own: it loads with the settings the page guesses from its files.
    expect(samples[3].cleaning).toBeUndefined();
  });

  test('a whole-number version is read as text; a customers file may come with it', () => {
    const entry = demo({ version: 3, files: [...demo().files, { path: 'samples/sub/people.tsv.gz', kind: 'customers' }] });
    const [sample] = readSampleManifest({ samples: [entry] }, SAMPLES).samples;
    expect(sample.version).toBe('3');
    expect(sample.files[1]).toEqual({ path: 'samples/sub/people.tsv.gz', name: 'class-demo-people.tsv.gz', kind: 'customers' });
  });

  test('naming a bundled id stands for the bundled sample: a versioned id always means the same data', () => {
    const { samples } = readSampleManifest(
      { samples: [demo({ id: 'retail-v1', files: [{ path: 'samples/other.csv', kind: 'transactions' }] })] },
      SAMPLES,
    );
    expect(samples).toEqual([findSample('retail-v1')]);
  });
});

describe('a bad entry is named, left out, and the rest still offered', () => {
  const cases: [string, unknown, string][] = [
    ['another origin', demo({ files: [{ path: 'https://elsewhere.example/x.csv', kind: 'transactions' }] }), 'files[0]: path must name'],
    ['outside samples/', demo({ files: [{ path: 'samples/../secret.csv', kind: 'transactions' }] }), 'files[0]: path must name'],
    ['an absolute path', demo({ files: [{ path: '/samples/x.csv', kind: 'transactions' }] }), 'files[0]: path must name'],
    ['not a data file', demo({ files: [{ path: 'samples/x.html', kind: 'transactions' }] }), 'files[0]: path must name'],
    [
      'an unknown kind',
      demo({ files: [{ path: 'samples/x.csv', kind: 'orders' }] }),
      'files[0]: kind must be "transactions" or "customers"',
    ],
    ['a file without kind', demo({ files: [{ path: 'samples/x.csv' }] }), 'files[0]: "kind" is missing from a file'],
    ['customers only', demo({ files: [{ path: 'samples/x.csv', kind: 'customers' }] }), 'files must include a transactions file'],
    ['no files', demo({ files: [] }), 'files must list at least one file'],
    ['no licence', Object.fromEntries(Object.entries(demo()).filter(([key]) => key !== 'licence')), '"licence" is missing from an entry'],
    ['an empty name', demo({ name: '  ' }), 'name must not be empty'],
    ['an id unfit for a link', demo({ id: 'class demo' }), 'id must be 1–64 letters'],
    ['a fractional version', demo({ version: 1.5 }), 'version must be text or a whole number'],
    ['an unknown key', demo({ colour: 'red' }), 'unknown key "colour" in an entry'],
    ['not an object', 'class-demo', 'an entry must be an object'],
  ];
  for (const [what, entry, message] of cases) {
    test(what, () => {
      const good = demo({ id: 'good' });
      const { samples, problems } = readSampleManifest({ samples: [entry, good] }, SAMPLES);
      expect(samples.map((s) => s.id)).toEqual(['good']);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^samples\/manifest\.json: entry 1( \("[^"]*"\))? left out: /);
      expect(problems[0]).toContain(message);
    });
  }

  test('the entry is named by its place and id', () => {
    const { problems } = readSampleManifest({ samples: [demo({ id: 'good' }), demo({ files: [] })] }, SAMPLES);
    expect(problems).toEqual(['samples/manifest.json: entry 2 ("class-demo") left out: files must list at least one file.']);
  });

  test('a second entry with an id already offered', () => {
    const { samples, problems } = readSampleManifest({ samples: [demo(), demo({ name: 'Again' })] }, SAMPLES);
    expect(samples.map((s) => s.title)).toEqual(['Our class data']);
    expect(problems).toEqual(['samples/manifest.json: entry 2 ("class-demo") left out: an earlier entry has the same id.']);
  });
});

describe('without a usable manifest, the bundled list', () => {
  test('none on the server (a 404, or a host’s HTML page for any path): quietly', () => {
    expect(readSampleManifestText(null, SAMPLES)).toEqual({ samples: SAMPLES, problems: [] });
    expect(readSampleManifestText('<!doctype html><html></html>', SAMPLES)).toEqual({ samples: SAMPLES, problems: [] });
  });

  test('not JSON, or not the manifest’s shape: said', () => {
    const broken = readSampleManifestText('{"samples": [', SAMPLES);
    expect(broken.samples).toBe(SAMPLES);
    expect(broken.problems[0]).toMatch(/^samples\/manifest\.json was not used: it is not valid JSON/);
    expect(readSampleManifest([demo()], SAMPLES)).toEqual({
      samples: SAMPLES,
      problems: ['samples/manifest.json was not used: it must be an object with a "samples" list.'],
    });
  });

  test('every entry bad: the problems, and the bundled list', () => {
    const { samples, problems } = readSampleManifest({ samples: [demo({ files: [] })] }, SAMPLES);
    expect(samples).toBe(SAMPLES);
    expect(problems).toHaveLength(1);
  });
});
