import { describe, expect, test } from 'vitest';
import { parseSpecFile } from '../../src/lib/spec/read-spec.ts';
import { segmentsFile, segmentsSpecOf } from '../../src/lib/spec/spec-file.ts';
import { condition, type SegmentsSpec } from '../../src/lib/spec/segments.ts';

const SPEC: SegmentsSpec = {
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
          rules: [
            condition('monetary', 'gte', '500'),
            {
              type: 'group',
              combine: 'or',
              rules: [
                condition('country', 'in', '', '', ['FR', 'DE']),
                { type: 'orders', atLeast: 2, where: { type: 'group', combine: 'and', rules: [condition('channel', 'eq', 'web')] } },
              ],
            },
          ],
        },
      },
    },
    { id: 's2', name: 'SQL', color: '#e69f00', description: '', enabled: false, definition: { kind: 'sql', sql: "country = 'FR'" } },
  ],
};

describe('segments in a spec file', () => {
  test('save then open gives the same definitions back', () => {
    const parsed = parseSpecFile(JSON.stringify(segmentsFile(SPEC)));
    expect(parsed.spec && parsed.problems).toEqual([]);
    expect(segmentsSpecOf(parsed.spec!)).toEqual(SPEC);
  });

  test('what a hand-written file leaves out takes the defaults', () => {
    const text = JSON.stringify({
      version: 1,
      segments: {
        segments: [
          {
            id: 'a',
            name: 'Big',
            definition: {
              kind: 'rules',
              root: { type: 'group', combine: 'and', rules: [{ type: 'condition', column: 'monetary', op: 'gt', value: '1' }] },
            },
          },
        ],
      },
    });
    const spec = segmentsSpecOf(parseSpecFile(text).spec!);
    expect(spec.minSizePercent).toBe(1);
    expect(spec.segments[0]).toMatchObject({ enabled: true, description: '', color: '#0072b2' });
    expect(spec.segments[0].definition).toEqual({
      kind: 'rules',
      root: { type: 'group', combine: 'and', rules: [condition('monetary', 'gt', '1')] },
    });
  });

  test('every problem is named by its path, however deep; each segment with one is left out, the others open', () => {
    const text = JSON.stringify({
      version: 1,
      segments: {
        minSizePercent: 120,
        segments: [
          {
            id: 'a',
            name: 'A',
            definition: {
              kind: 'rules',
              root: {
                type: 'group',
                combine: 'and',
                rules: [{ type: 'group', combine: 'xor', rules: [{ type: 'condition', column: 'x', op: 'like' }] }],
              },
            },
          },
          { id: 'a', name: 'B', color: 'red', definition: { kind: 'sql' } },
          {
            id: 'c',
            name: 'C',
            definition: {
              kind: 'rules',
              root: {
                type: 'group',
                combine: 'and',
                rules: [{ type: 'orders', atLeast: 0, where: { type: 'group', combine: 'and', rules: [] } }],
              },
            },
          },
          { id: 'a', name: 'D', definition: { kind: 'sql', sql: 'true' } },
          { id: 'e', name: 'E', definition: { kind: 'sql', sql: 'true' } },
        ],
      },
    });
    const parsed = parseSpecFile(text);
    expect(parsed.spec?.segments).toEqual({
      segments: [
        { id: 'a', name: 'D', definition: { kind: 'sql', sql: 'true' } },
        { id: 'e', name: 'E', definition: { kind: 'sql', sql: 'true' } },
      ],
    });
    expect(parsed.spec && parsed.problems).toEqual([
      'spec.segments.minSizePercent: expected a number from 0 to 100, got 120',
      'spec.segments.segments[0].definition.root.rules[0].combine: expected one of "and", "or", got "xor"',
      expect.stringMatching(
        /^spec\.segments\.segments\[0\]\.definition\.root\.rules\[0\]\.rules\[0\]\.op: expected one of "eq", .* got "like"$/,
      ),
      'spec.segments.segments[1].color: expected a colour such as "#0072b2", got "red"',
      'spec.segments.segments[1].definition: sql is missing',
      'spec.segments.segments[2].definition.root.rules[0].atLeast: expected a whole number from 1, got 0',
    ]);
  });
});
