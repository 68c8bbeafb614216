import { expect, test } from 'vitest';
import { overlapCellName } from '../../src/lib/segments/overlap-names.ts';

// Champions 1,200; Big spenders 300; 123 in both: 10.25 % of Champions, 41 % of Big spenders, Jaccard 123 / 1,377.
const overlap = [
  [1200, 123],
  [123, 300],
];
const names = ['Champions', 'Big spenders'];

test("an off-diagonal cell's name carries the customers in both, the row segment's share and the Jaccard index", () => {
  expect(overlapCellName(overlap, names, 0, 1)).toBe(
    'Show customers in Champions and Big spenders: 123 customers, 10.3 % of Champions, Jaccard index 0.09',
  );
  expect(overlapCellName(overlap, names, 1, 0)).toBe(
    'Show customers in Big spenders and Champions: 123 customers, 41 % of Big spenders, Jaccard index 0.09',
  );
});

test("a diagonal cell's name carries the segment's size", () => {
  expect(overlapCellName(overlap, names, 0, 0)).toBe('Show customers in Champions: 1,200 customers');
});

test('an empty segment has no share or index to tell', () => {
  expect(
    overlapCellName(
      [
        [0, 0],
        [0, 0],
      ],
      names,
      0,
      1,
    ),
  ).toBe('Show customers in Champions and Big spenders: 0 customers');
});
