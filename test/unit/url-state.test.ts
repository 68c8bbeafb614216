import { describe, expect, test } from 'vitest';
import { readAddress, SECTIONS, shownSection, writeAddress } from '../../src/lib/address/url-state.ts';
import { readShareLink, shareFragment } from '../../src/lib/spec/share-link.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';

describe('the address fragment', () => {
  test('section and spec live side by side and come back as written', () => {
    expect(readAddress('#view=rfm&spec=H4sIAAA_-x')).toEqual({ view: 'rfm', spec: 'H4sIAAA_-x' });
    expect(readAddress('https://example.org/app/?sample=retail-v1#spec=abc&view=sql')).toEqual({ view: 'sql', spec: 'abc' });
    expect(writeAddress({ view: 'segments', spec: 'abc-_' })).toBe('#view=segments&spec=abc-_');
    expect(writeAddress({ view: null, spec: 'abc' })).toBe('#spec=abc');
    expect(writeAddress({ view: 'value', spec: null })).toBe('#view=value');
    expect(writeAddress({ view: null, spec: null })).toBe('');
    for (const { id } of SECTIONS) expect(readAddress(writeAddress({ view: id, spec: 'x' }))).toEqual({ view: id, spec: 'x' });
  });

  test('an unknown or missing section names none; nothing else in the fragment is read', () => {
    expect(readAddress('#view=admin')).toEqual({ view: null, spec: null });
    expect(readAddress('#view=')).toEqual({ view: null, spec: null });
    expect(readAddress('')).toEqual({ view: null, spec: null });
    expect(readAddress('#content')).toEqual({ view: null, spec: null });
    expect(readAddress('#view=overview&utm_source=mail')).toEqual({ view: 'overview', spec: null });
  });

  test('with no section named: Data until data is loaded, then the Overview; a named one always', () => {
    expect(shownSection({ view: null, spec: null }, false)).toBe('data');
    expect(shownSection({ view: null, spec: 'x' }, true)).toBe('overview');
    expect(shownSection({ view: 'sql', spec: null }, false)).toBe('sql');
    expect(shownSection({ view: 'data', spec: null }, true)).toBe('data');
  });

  test('a share link opened on a section still gives its definitions (the command line reads spec and ignores the rest)', async () => {
    const spec: SpecFile = { version: 2, analysis: { analysisDate: '2024-12-31' } };
    const fragment = await shareFragment(spec);
    expect(fragment).toMatch(/^spec=[A-Za-z0-9_-]+$/);
    const onSection = `https://example.org/app/#view=rfm&${fragment}&utm_campaign=x`;
    expect(await readShareLink(onSection)).toEqual({ spec, problems: [] });
  });
});
