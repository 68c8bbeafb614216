import { describe, expect, test } from 'vitest';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { MAX_LINK_CHARS, hasSharedSpec, readShareLink, shareFragment, shareLink } from '../../src/lib/spec/share-link.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import { analysisSpecOf, importSpecOf, segmentsSpecOf, type SpecFile } from '../../src/lib/spec/spec-file.ts';

/** A link holding this JSON as written (not as the page would pack it), to test what the reader makes of it. */
const rawFragment = (json: unknown) => `spec=${deflateRawSync(JSON.stringify(json)).toString('base64url')}`;

/** What a spec means to the page: the full settings and segments it gives. */
const meaning = (spec: SpecFile) => ({ import: importSpecOf([], spec), analysis: analysisSpecOf(spec), segments: segmentsSpecOf(spec) });

const SPEC: SpecFile = {
  version: 2,
  analysis: { analysisDate: '2024-12-31', rfm: { method: 'breakpoints' } },
  segments: {
    segments: [
      {
        id: 's1',
        name: 'Lapsing "VIPs" — ünïcødé',
        definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules: [condition('monetary', 'gte', '500')] } },
      },
      { id: 's2', name: 'SQL', definition: { kind: 'sql', sql: "country = 'FR' AND note LIKE '%_\\\\'" } },
    ],
  },
};

describe('share links', () => {
  test('a link carries the spec in its fragment and gives back the same definitions, in their compact form', async () => {
    const link = await shareLink('https://example.org/app/?sample=retail-v1#old', SPEC);
    expect(link).toMatch(/^https:\/\/example\.org\/app\/\?sample=retail-v1#spec=[A-Za-z0-9_-]+$/);
    expect(hasSharedSpec(link)).toBe(true);
    const reading = await readShareLink(link);
    expect(reading.spec && reading.problems).toEqual([]);
    expect(meaning(reading.spec!)).toEqual(meaning(SPEC));
    // Compact: a condition's empty second value and list are left out, as is every default.
    expect(reading.spec!.segments!.segments[0].definition).toEqual({
      kind: 'rules',
      root: { type: 'group', combine: 'and', rules: [{ type: 'condition', column: 'monetary', op: 'gte', value: '500' }] },
    });
    expect(await readShareLink(await shareFragment(SPEC))).toEqual(reading);
    // What opens encodes to itself.
    expect(await readShareLink(await shareFragment(reading.spec!))).toEqual(reading);
  });

  test('segment ids are places in the list: an opened link numbers them s1, s2… and "is in" follows them', async () => {
    const spec: SpecFile = {
      version: 2,
      segments: {
        segments: [
          { id: 'big', name: 'Big', definition: { kind: 'sql', sql: 'monetary > 100' } },
          {
            id: 'x7',
            name: 'Big in France',
            definition: {
              kind: 'rules',
              root: {
                type: 'group',
                combine: 'and',
                rules: [
                  { type: 'segment', segment: 'big', member: true, name: 'Big' },
                  { type: 'segment', segment: 'gone', member: false, name: 'Deleted' },
                ],
              },
            },
          },
        ],
      },
    };
    const opened = (await readShareLink(await shareFragment(spec))).spec!;
    expect(opened.segments!.segments.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(opened.segments!.segments[1].definition).toEqual({
      kind: 'rules',
      root: {
        type: 'group',
        combine: 'and',
        rules: [
          { type: 'segment', segment: 's1' },
          { type: 'segment', segment: 'gone', member: false, name: 'Deleted' },
        ],
      },
    });
  });

  test('a damaged or foreign link is refused whole with a reason; a readable one with a bad part opens without that part', async () => {
    const fragment = await shareFragment(SPEC);
    const data = fragment.slice('spec='.length);
    expect(hasSharedSpec('https://example.org/app/')).toBe(false);
    expect(await readShareLink('https://example.org/app/#other=1')).toEqual({
      spec: null,
      refused: 'this is not a Segment Workbench share link (it has no #spec=…)',
    });
    expect(await readShareLink(`#spec=${data.slice(0, data.length / 2)}`)).toEqual({
      spec: null,
      refused: 'the share link cannot be read: it is damaged or cut short',
    });
    expect(await readShareLink('#spec=<script>')).toEqual({
      spec: null,
      refused: 'the share link cannot be read: it is damaged or cut short',
    });
    // Readable, but a version this page does not read: the envelope, refused whole.
    expect(await readShareLink(rawFragment({ ...SPEC, version: 3 }))).toEqual({
      spec: null,
      refused: 'spec.version: expected 1 or 2, got 3 (this page reads versions 1 and 2)',
    });
    // Well-formed, but one segment is wrong: named by path, as for a file, and the rest is used.
    const bad = rawFragment({
      ...SPEC,
      segments: { segments: [{ id: 'x', name: 'X', definition: { kind: 'sql' } }, ...SPEC.segments!.segments] },
    });
    const reading = await readShareLink(bad);
    expect(reading.spec && reading.problems).toEqual(['spec.segments.segments[0].definition: sql is missing']);
    expect(meaning(reading.spec!)).toEqual(meaning(SPEC));
  });

  test('a link that would inflate past 1 MB is refused', async () => {
    const huge = {
      version: 1,
      segments: { segments: [{ id: 'x', name: 'x'.repeat(2_000_000), definition: { kind: 'sql', sql: 'true' } }] },
    };
    expect(await readShareLink(rawFragment(huge))).toEqual({
      spec: null,
      refused: 'the share link cannot be read: the definitions in this link are larger than 1 MB',
    });
  });

  test(`a link longer than any valid one (${MAX_LINK_CHARS.toLocaleString('en-US')} characters) is refused before it is decoded`, async () => {
    expect(MAX_LINK_CHARS).toBe(1_337_560);
    const long = `#spec=${'A'.repeat(MAX_LINK_CHARS)}`;
    expect(await readShareLink(long)).toEqual({
      spec: null,
      refused: 'the share link cannot be read: it is 1,337,566 characters long, longer than any link to definitions of at most 1 MB',
    });
  });

  test('a gzip bomb (64 MB of spaces in 64 KB) is stopped at 1 MB, and a bomb cut short is damaged', async () => {
    const bomb = gzipSync(Buffer.alloc(64_000_000, ' '), { level: 9 });
    const data = bomb.toString('base64url');
    expect(data.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await readShareLink(`#spec=${data}`)).toEqual({
      spec: null,
      refused: 'the share link cannot be read: the definitions in this link are larger than 1 MB',
    });
    expect(await readShareLink(`#spec=${data.slice(0, 400)}`)).toEqual({
      spec: null,
      refused: 'the share link cannot be read: it is damaged or cut short',
    });
  });
});
