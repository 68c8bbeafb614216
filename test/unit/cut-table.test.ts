import { expect, test } from 'vitest';
import { cutTableRows } from '../../src/lib/analysis/cut-table.ts';

test('R lists its cuts from the best class down; F and M end open', () => {
  const rows = cutTableRows(
    {
      bins: 3,
      cuts: { recency: [10, 40], frequency: [1, 3], monetary: [50, 200] },
      classSizes: { r: [5, 6, 7], f: [8, 9, 1], m: [6, 6, 6] },
    },
    'total',
  );
  expect(rows.map((r) => [r.label, r.cells.map((c) => `${c.bound}:${c.customers}`)])).toEqual([
    ['R: recency ≤ days', ['older:5', '40:6', '10:7']],
    ['F: orders ≤', ['1:8', '3:9', 'more:1']],
    ['M: spend ≤', ['50:6', '200:6', 'more:6']],
  ]);
  expect(
    cutTableRows({ bins: 3, cuts: { recency: [], frequency: [], monetary: [] }, classSizes: { r: [], f: [], m: [] } }, 'average')[2].label,
  ).toBe('M: average order ≤');
});
