import { describe, expect, test } from 'vitest';
import { allCells, checkCellMap } from '../../src/lib/analysis/segment-map.ts';
import { STANDARD_SEGMENTS } from '../../src/lib/spec/rfm-defaults.ts';

describe('checkCellMap', () => {
  test('the standard map claims each of the 125 cells exactly once', () => {
    expect(allCells(5)).toHaveLength(125);
    expect(STANDARD_SEGMENTS.flatMap((s) => s.cells)).toHaveLength(125);
    expect(checkCellMap(STANDARD_SEGMENTS, 5)).toEqual({ uncovered: [], doubleClaimed: [], invalid: [] });
  });

  test('a gap and a double claim are both reported, in grid order', () => {
    const map = STANDARD_SEGMENTS.map((s) => ({ ...s, cells: s.cells.filter((c) => c !== '111') }));
    map[0] = { ...map[0], cells: [...map[0].cells, '543'] };
    expect(checkCellMap(map, 5)).toEqual({ uncovered: ['111'], doubleClaimed: ['543'], invalid: [] });
  });

  test('a cell listed twice by one segment is not a double claim; cells off the grid are invalid', () => {
    const check = checkCellMap([{ name: 'A', cells: ['333', '333', '334', '33'], action: '' }], 3);
    expect(check).toEqual({ uncovered: allCells(3).filter((c) => c !== '333'), doubleClaimed: [], invalid: ['334', '33'] });
  });

  test('allCells for 3 bins: 27 cells, highest first', () => {
    expect(allCells(3).slice(0, 4)).toEqual(['333', '332', '331', '323']);
    expect(allCells(3)).toHaveLength(27);
  });
});
