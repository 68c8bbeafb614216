import { expect, test } from 'vitest';
import { gridKeyTarget } from '../../src/lib/analysis/grid-keys.ts';

const middle = { r: 3, f: 3 };

test('arrows move one cell; up is the higher R, drawn on top', () => {
  expect(gridKeyTarget(middle, 'ArrowUp', false, 5)).toEqual({ r: 4, f: 3 });
  expect(gridKeyTarget(middle, 'ArrowDown', false, 5)).toEqual({ r: 2, f: 3 });
  expect(gridKeyTarget(middle, 'ArrowLeft', false, 5)).toEqual({ r: 3, f: 2 });
  expect(gridKeyTarget(middle, 'ArrowRight', false, 5)).toEqual({ r: 3, f: 4 });
});

test('an arrow at an edge stays on its cell', () => {
  expect(gridKeyTarget({ r: 5, f: 1 }, 'ArrowUp', false, 5)).toEqual({ r: 5, f: 1 });
  expect(gridKeyTarget({ r: 5, f: 1 }, 'ArrowLeft', false, 5)).toEqual({ r: 5, f: 1 });
  expect(gridKeyTarget({ r: 1, f: 4 }, 'ArrowDown', false, 4)).toEqual({ r: 1, f: 4 });
  expect(gridKeyTarget({ r: 1, f: 4 }, 'ArrowRight', false, 4)).toEqual({ r: 1, f: 4 });
});

test("Home and End go to the row's ends, with Ctrl to the grid's; Page Up and Down to the column's", () => {
  expect(gridKeyTarget(middle, 'Home', false, 5)).toEqual({ r: 3, f: 1 });
  expect(gridKeyTarget(middle, 'End', false, 5)).toEqual({ r: 3, f: 5 });
  expect(gridKeyTarget(middle, 'Home', true, 5)).toEqual({ r: 5, f: 1 });
  expect(gridKeyTarget(middle, 'End', true, 3)).toEqual({ r: 1, f: 3 });
  expect(gridKeyTarget(middle, 'PageUp', false, 5)).toEqual({ r: 5, f: 3 });
  expect(gridKeyTarget(middle, 'PageDown', false, 5)).toEqual({ r: 1, f: 3 });
});

test('other keys are left to the cell', () => {
  for (const key of ['Tab', 'Enter', ' ', 'a']) expect(gridKeyTarget(middle, key, false, 5)).toBeNull();
});
