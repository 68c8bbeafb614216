import { describe, expect, test } from 'vitest';
import { defaultSegmentMap } from '../../src/lib/spec/rfm-defaults.ts';
import { condition, type SegmentsSpec } from '../../src/lib/spec/segments.ts';
import { segmentsFile, type SpecFile } from '../../src/lib/spec/spec-file.ts';
import type { AppStore, RecordKey, RecordKind } from '../../src/lib/storage/app-store.ts';
import {
  cleanName,
  describeSummary,
  listOrder,
  nameFromFilename,
  newSet,
  newSetId,
  readSet,
  setFileText,
  setFilename,
  setKey,
  storedSet,
  summarize,
  uniqueName,
  type DefinitionSet,
} from '../../src/lib/storage/library.ts';
import { DefinitionsLibrary } from '../../src/lib/state/library.svelte.ts';
import type { OpenOutcome, Segments } from '../../src/lib/state/segments.svelte.ts';

const SEGMENTS: SegmentsSpec = {
  minSizePercent: 2.5,
  segments: [
    {
      id: 's1',
      name: 'Lapsing "VIPs"',
      color: '#0072b2',
      description: "ünïcødé, quotes ' and %_\\",
      enabled: true,
      definition: {
        kind: 'rules',
        root: {
          type: 'group',
          combine: 'and',
          rules: [condition('monetary', 'gte', '500'), condition('country', 'in', '', '', ['FR', 'DE'])],
        },
      },
    },
    { id: 's2', name: 'French', color: '#e69f00', description: '', enabled: false, definition: { kind: 'sql', sql: "country = 'FR'" } },
  ],
};
const TEXT = JSON.stringify(segmentsFile(SEGMENTS), null, 2);
const AT = '2025-03-04T05:06:07.000Z';

function made(text = TEXT, name = 'Spring campaign', id = 'a1'): DefinitionSet {
  const result = newSet(text, { id, name, savedAt: AT });
  if ('refused' in result) throw new Error(result.refused);
  return result.set;
}

describe('a definition set', () => {
  test('says what it contains', () => {
    const withMap: SpecFile = {
      version: 2,
      analysis: { rfm: { map: defaultSegmentMap(5) } },
      import: { amountLevel: 'line' },
      segments: segmentsFile(SEGMENTS).segments,
    };
    expect(summarize(withMap)).toEqual({
      segments: 2,
      segmentNames: ['Lapsing "VIPs"', 'French'],
      rfmMap: true,
      analysisSettings: false,
      importSettings: true,
    });
    expect(describeSummary(summarize(withMap))).toBe('2 segments (Lapsing "VIPs", French) · RFM map · import settings');
    expect(describeSummary(summarize({ version: 2, analysis: { analysisDate: '2024-06-30' }, segments: { segments: [] } }))).toBe(
      'no segments · analysis settings',
    );
    const six = {
      segments: 6,
      segmentNames: ['a', 'b', 'c', 'd', 'e', 'f'],
      rfmMap: false,
      analysisSettings: false,
      importSettings: false,
    };
    expect(describeSummary(six)).toBe('6 segments (a, b, c, d and 2 more)');
  });

  test('is refused when its file cannot be read, defines no segment or has no name', () => {
    expect(newSet('{', { id: 'x', name: 'n', savedAt: AT })).toMatchObject({ refused: expect.stringMatching(/^not valid JSON/) });
    expect(newSet('{"version":3}', { id: 'x', name: 'n', savedAt: AT })).toMatchObject({ refused: expect.stringMatching(/version/) });
    expect(newSet('{"version":1}', { id: 'x', name: 'n', savedAt: AT })).toEqual({ refused: 'it defines no segments' });
    expect(newSet(TEXT, { id: 'x', name: ' \n\t ', savedAt: AT })).toEqual({ refused: 'a set needs a name' });
  });

  test('leaves out the parts a definitions file would, and names them', () => {
    const file = JSON.parse(TEXT) as { segments: { segments: unknown[] } };
    file.segments.segments.push({ id: 'bad id!', name: 'Broken', definition: { kind: 'sql', sql: '1' } });
    const result = newSet(JSON.stringify(file), { id: 'x', name: 'n', savedAt: AT });
    if ('refused' in result) throw new Error(result.refused);
    expect(result.set.summary.segmentNames).toEqual(['Lapsing "VIPs"', 'French']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^spec\.segments\.segments\[2\]/);
  });

  test('export then import gives an equal set: the same spec, the same name', () => {
    const set = made(TEXT, 'Spring / "campaign": v2');
    const filename = setFilename(set.name);
    expect(filename).toBe('Spring - -campaign-- v2.segments.json');
    const again = made(setFileText(set), nameFromFilename(setFilename('Spring campaign')), 'b2');
    expect(again.spec).toEqual(set.spec);
    expect(again.summary).toEqual(set.summary);
    expect(again.name).toBe('Spring campaign');
    // The exported file is the one "Save segment definitions" writes, so the CLI and "Open segment definitions" read it.
    expect(JSON.parse(setFileText(set))).toEqual(JSON.parse(TEXT));
  });

  test('is stored and read back whole; a record it cannot trust is not listed', () => {
    const set = made();
    const record = structuredClone(storedSet(set));
    expect(readSet(record, setKey(set.id))).toEqual(set);
    expect(readSet(record, setKey('other'))).toBeNull();
    expect(readSet({ ...record, version: 2 }, setKey(set.id))).toBeNull();
    expect(readSet({ ...record, name: '' }, setKey(set.id))).toBeNull();
    expect(readSet({ ...record, savedAt: 'yesterday' }, setKey(set.id))).toBeNull();
    expect(readSet({ ...record, spec: { version: 1 } }, setKey(set.id))).toBeNull();
    expect(readSet('text', setKey(set.id))).toBeNull();
    // The summary is worked out again, never taken from storage.
    expect(readSet({ ...record, summary: { segments: 99 } }, setKey(set.id))?.summary).toEqual(set.summary);
  });
});

describe('names', () => {
  test('are cleaned, kept unique without regard to case, and read from file names', () => {
    expect(cleanName('  Big\n\tspenders\u0007 ')).toBe('Big spenders');
    expect(cleanName('x'.repeat(500))).toHaveLength(120);
    expect(uniqueName('VIP', ['Other'])).toBe('VIP');
    expect(uniqueName('VIP', ['vip', 'VIP (2)'])).toBe('VIP (3)');
    expect(uniqueName('VIP (2)', ['VIP (2)'])).toBe('VIP (3)');
    expect(nameFromFilename('Q3.SEGMENTS.JSON')).toBe('Q3');
    expect(nameFromFilename('segments.json')).toBe('segments');
    expect(nameFromFilename('.segments.json')).toBe('Imported definitions');
    expect(setFilename('..')).toBe('definitions.segments.json');
  });

  test('sets are listed newest first, then by name; ids are 16 hex digits', () => {
    const a = { ...made(), id: 'a', name: 'B', savedAt: '2025-01-01T00:00:00.000Z' };
    const b = { ...a, id: 'b', name: 'A' };
    const c = { ...a, id: 'c', name: 'C', savedAt: '2025-02-01T00:00:00.000Z' };
    expect(listOrder([a, b, c]).map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect(newSetId()).toMatch(/^[0-9a-f]{16}$/);
    expect(newSetId((bytes) => bytes.fill(255))).toBe('ffffffffffffffff');
  });
});

/** An in-memory store that can be told to refuse every write, as a full disk or a private window does. */
class MemoryStore implements AppStore {
  readonly records = new Map<string, unknown>();
  failing: DOMException | null = null;
  async get(key: RecordKey) {
    return structuredClone(this.records.get(key));
  }
  async put(key: RecordKey, value: unknown) {
    if (this.failing) throw new Error('the browser’s storage for this page is full');
    this.records.set(key, structuredClone(value));
  }
  async delete(key: RecordKey) {
    if (this.failing) throw new Error('the browser’s storage for this page is full');
    this.records.delete(key);
  }
  async list(kind: RecordKind) {
    return [...this.records].filter(([key]) => key.startsWith(`${kind}:`)).map(([key, value]) => ({ key: key as RecordKey, value }));
  }
  async deleteKinds(kinds: readonly RecordKind[]) {
    if (this.failing) throw new Error('the browser’s storage for this page is full');
    for (const key of [...this.records.keys()]) if (kinds.some((k) => key.startsWith(`${k}:`))) this.records.delete(key);
  }
}

/** The page's segments as the library uses them: their spec file's text, and opening one. */
function pageSegments(): Segments & { opened: string[] } {
  const opened: string[] = [];
  const outcome: OpenOutcome = { refused: null, problems: [] };
  return { opened, specFileText: () => TEXT, open: (text: string) => (opened.push(text), outcome) } as unknown as Segments & {
    opened: string[];
  };
}

describe('the library in this browser', () => {
  test('saves, renames, duplicates, deletes and opens, and reads its sets back', async () => {
    const store = new MemoryStore();
    const segments = pageSegments();
    const library = new DefinitionsLibrary(store, segments, () => undefined);
    await library.list();
    expect(await library.save('Spring')).toEqual({ done: 'Saved “Spring”: 2 segments.', problems: [] });
    await library.save('spring');
    expect(library.sets.map((s) => s.name).sort()).toEqual(['Spring', 'spring (2)']);
    const [first] = library.sets.filter((s) => s.name === 'Spring');
    expect(await library.rename(first.id, '  Autumn ')).toMatchObject({ done: 'Renamed “Spring” to “Autumn”.' });
    expect(await library.duplicate(first.id)).toMatchObject({ done: 'Saved a copy of “Autumn” as “Copy of Autumn”.' });
    const second = library.sets.find((s) => s.name === 'spring (2)')!;
    expect(await library.remove(second.id)).toMatchObject({ done: 'Deleted “spring (2)”.' });

    const again = new DefinitionsLibrary(store, segments, () => undefined);
    await again.list();
    expect(again.sets.map((s) => s.name).sort()).toEqual(['Autumn', 'Copy of Autumn']);
    expect(again.open(first.id)).toEqual({ refused: null, problems: [] });
    expect(JSON.parse(segments.opened[0])).toEqual(JSON.parse(TEXT));
  });

  test('a refused write is said, and neither the list nor what was stored changes', async () => {
    const store = new MemoryStore();
    const library = new DefinitionsLibrary(store, pageSegments(), () => undefined);
    await library.save('Kept');
    const stored = structuredClone([...store.records]);
    const listed = library.sets;
    store.failing = new DOMException('full', 'QuotaExceededError');
    const id = listed[0].id;
    for (const result of [
      await library.save('Lost'),
      await library.rename(id, 'Renamed'),
      await library.duplicate(id),
      await library.remove(id),
      await library.import('x.segments.json', TEXT),
    ]) {
      expect(result).toMatchObject({ refused: expect.stringContaining('the browser’s storage for this page is full') });
    }
    expect(await library.forgetEverything()).toMatchObject({ refused: expect.stringMatching(/^Nothing was forgotten/) });
    expect(library.sets).toBe(listed);
    expect([...store.records]).toEqual(stored);
  });

  test('forgetting everything deletes every set and every autosave record, and tells autosave', async () => {
    const store = new MemoryStore();
    let told = 0;
    const library = new DefinitionsLibrary(store, pageSegments(), () => told++);
    await library.save('One');
    await library.import('Two.segments.json', TEXT);
    await store.put('workspace:abc', { version: 1 });
    expect(store.records.size).toBe(3);
    expect(await library.forgetEverything()).toMatchObject({ done: expect.stringMatching(/^Everything this page stored/) });
    expect(store.records.size).toBe(0);
    expect(library.sets).toEqual([]);
    expect(told).toBe(1);
  });

  test('a stored record it cannot read is said, and the others are listed', async () => {
    const store = new MemoryStore();
    const set = made();
    await store.put(setKey(set.id), storedSet(set));
    await store.put('library:broken', { version: 1, id: 'broken', name: 'x', savedAt: AT, spec: 'no' });
    const library = new DefinitionsLibrary(store, pageSegments(), () => undefined);
    await library.list();
    expect(library.sets).toEqual([set]);
    expect(library.readProblem).toBe(
      '1 stored set could not be read (written by another version of this page, or damaged) and is not listed.',
    );
  });
});
