import { describe, expect, test } from 'vitest';
import { discardedResults, listInWords } from '../../src/lib/discard-results.ts';

describe('what removing a file discards', () => {
  test('nothing loaded: nothing to lose, so nothing to ask', () => {
    expect(discardedResults({ loaded: false, analysed: false, segments: 3 })).toBeNull();
  });

  test('loaded, analysed, with segments: every result is named, and the definitions are said to stay', () => {
    expect(discardedResults({ loaded: true, analysed: true, segments: 3 })).toEqual({
      lost: [
        'the import report',
        'the RFM analysis with its charts, value tiers and lifecycle stages',
        'the counts, KPIs, overlap, profiles and member lists of 3 segments',
        'the SQL console',
      ],
      kept: ['the analysis settings', 'the 3 segment definitions'],
    });
  });

  test('loaded with no analysis and no segments: only what is there', () => {
    expect(discardedResults({ loaded: true, analysed: false, segments: 0 })).toEqual({
      lost: ['the import report', 'the SQL console'],
      kept: ['the analysis settings'],
    });
    expect(discardedResults({ loaded: true, analysed: true, segments: 1 })?.kept).toEqual([
      'the analysis settings',
      'the 1 segment definition',
    ]);
  });

  test('lists read as words', () => {
    expect([listInWords([]), listInWords(['a']), listInWords(['a', 'b']), listInWords(['a', 'b', 'c'])]).toEqual([
      '',
      'a',
      'a and b',
      'a, b and c',
    ]);
  });
});
