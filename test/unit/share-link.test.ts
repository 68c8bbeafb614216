import { describe, expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { MAX_LINK_CHARS, hasSharedSpec, readShareLink, shareFragment, shareLink } from '../../src/lib/spec/share-link.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';

const SPEC: SpecFile = {
  version: 1,
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
  test('a link carries the spec in its fragment and gives it back exactly', async () => {
    const link = await shareLink('https://example.org/app/?sample=retail-v1#old', SPEC);
    expect(link).toMatch(/^https:\/\/example\.org\/app\/\?sample=retail-v1#spec=[A-Za-z0-9_-]+$/);
    expect(hasSharedSpec(link)).toBe(true);
    expect(await readShareLink(link)).toEqual({ value: SPEC, problems: [] });
    expect(await readShareLink(await shareFragment(SPEC))).toEqual({ value: SPEC, problems: [] });
  });

  test('a damaged or foreign link is refused whole with a reason; a readable one with a bad part opens without that part', async () => {
    const fragment = await shareFragment(SPEC);
    const data = fragment.slice('spec='.length);
    expect(hasSharedSpec('https://example.org/app/')).toBe(false);
    expect(await readShareLink('https://example.org/app/#other=1')).toEqual({
      value: null,
      refused: 'this is not a Segment Workbench share link (it has no #spec=…)',
    });
    expect(await readShareLink(`#spec=${data.slice(0, data.length / 2)}`)).toEqual({
      value: null,
      refused: 'the share link cannot be read: it is damaged or cut short',
    });
    expect(await readShareLink('#spec=<script>')).toEqual({
      value: null,
      refused: 'the share link cannot be read: it is damaged or cut short',
    });
    // Readable, but a version this page does not read: the envelope, refused whole.
    expect(await readShareLink(await shareFragment({ ...SPEC, version: 2 } as unknown as SpecFile))).toEqual({
      value: null,
      refused: 'spec.version: expected 1, got 2 (this page reads version 1)',
    });
    // Well-formed, but one segment is wrong: named by path, as for a file, and the rest is used.
    const bad = await shareFragment({
      ...SPEC,
      segments: { segments: [{ id: 'x', name: 'X', definition: { kind: 'sql' } }, ...SPEC.segments!.segments] },
    } as unknown as SpecFile);
    expect(await readShareLink(bad)).toEqual({ value: SPEC, problems: ['spec.segments.segments[0].definition: sql is missing'] });
  });

  test('a link that would inflate past 1 MB is refused', async () => {
    const huge = {
      version: 1,
      segments: { segments: [{ id: 'x', name: 'x'.repeat(2_000_000), definition: { kind: 'sql', sql: 'true' } }] },
    };
    expect(await readShareLink(await shareFragment(huge as SpecFile))).toEqual({
      value: null,
      refused: 'the share link cannot be read: the definitions in this link are larger than 1 MB',
    });
  });

  test(`a link longer than any valid one (${MAX_LINK_CHARS.toLocaleString('en-US')} characters) is refused before it is decoded`, async () => {
    expect(MAX_LINK_CHARS).toBe(1_337_560);
    const long = `#spec=${'A'.repeat(MAX_LINK_CHARS)}`;
    expect(await readShareLink(long)).toEqual({
      value: null,
      refused: 'the share link cannot be read: it is 1,337,566 characters long, longer than any link to definitions of at most 1 MB',
    });
  });

  test('a gzip bomb (64 MB of spaces in 64 KB) is stopped at 1 MB, and a bomb cut short is damaged', async () => {
    const bomb = gzipSync(Buffer.alloc(64_000_000, ' '), { level: 9 });
    const data = bomb.toString('base64url');
    expect(data.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await readShareLink(`#spec=${data}`)).toEqual({
      value: null,
      refused: 'the share link cannot be read: the definitions in this link are larger than 1 MB',
    });
    expect(await readShareLink(`#spec=${data.slice(0, 400)}`)).toEqual({
      value: null,
      refused: 'the share link cannot be read: it is damaged or cut short',
    });
  });
});
