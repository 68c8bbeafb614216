import { describe, expect, test } from 'vitest';
import { cellLabel, cellSize, selectionOf } from '../../src/lib/segments/overlap-cell.ts';

const names: Record<string, string> = { a: 'Champions', b: 'Loyal' };
const nameOf = (id: string) => names[id];

describe('overlap cells', () => {
  test('a cell is a selection of segments to be in and not in, named for files and headings', () => {
    expect(selectionOf(['a'], 'both', nameOf)).toEqual({ include: ['a'], exclude: [], label: 'Champions' });
    expect(selectionOf(['a', 'b'], 'both', nameOf)).toEqual({ include: ['a', 'b'], exclude: [], label: 'Champions and Loyal' });
    expect(selectionOf(['a', 'b'], 'only-first', nameOf)).toEqual({ include: ['a'], exclude: ['b'], label: 'Champions, not Loyal' });
    expect(selectionOf(['a', 'b'], 'only-second', nameOf)).toEqual({ include: ['b'], exclude: ['a'], label: 'Loyal, not Champions' });
  });

  test("sizes come from the overlap matrix: both, and each segment's size less both", () => {
    const analysis = {
      overlapIds: ['a', 'b'],
      overlap: [
        [1200, 300],
        [300, 500],
      ],
    };
    expect(cellSize(analysis, ['a', 'b'], 'both')).toBe(300);
    expect(cellSize(analysis, ['a', 'b'], 'only-first')).toBe(900);
    expect(cellSize(analysis, ['a', 'b'], 'only-second')).toBe(200);
    expect(cellSize(analysis, ['a', 'c'], 'both')).toBeNull();
    expect(cellSize(null, ['a', 'b'], 'both')).toBeNull();
    expect(cellLabel('only-first', ['Champions', 'Loyal'], 900)).toBe('Only in Champions (900)');
    expect(cellLabel('both', ['Champions', 'Loyal'])).toBe('In both');
  });
});
