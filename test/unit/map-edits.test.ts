import { expect, test } from 'vitest';
import { assignCell, claimsByCell, mergeSegments, renameSegment } from '../../src/lib/analysis/map-edits.ts';
import { STANDARD_SEGMENTS, defaultRangeSegments } from '../../src/lib/spec/rfm-defaults.ts';

const map = () => STANDARD_SEGMENTS.map((s) => ({ ...s, cells: [...s.cells] }));

test('the standard map claims each of the 125 cells exactly once', () => {
  const claims = claimsByCell(map());
  expect(claims.size).toBe(125);
  expect([...claims.values()].every((owners) => owners.length === 1)).toBe(true);
});

test('re-assigning a cell moves it', () => {
  const edited = assignCell(map(), '555', 'Loyal');
  expect(claimsByCell(edited).get('555')).toEqual(['Loyal']);
  expect(edited.find((s) => s.name === 'Champions')!.cells).not.toContain('555');
});

test('merging moves every cell and removes the segment', () => {
  const edited = mergeSegments(map(), 'Lost', 'Hibernating');
  expect(edited.map((s) => s.name)).not.toContain('Lost');
  expect(claimsByCell(edited).get('111')).toEqual(['Hibernating']);
  expect(claimsByCell(edited).size).toBe(125);
});

test('renaming refuses empty and duplicate names, and "Other"', () => {
  expect(renameSegment(map(), 'Lost', 'Gone').map((s) => s.name)).toContain('Gone');
  expect(renameSegment(map(), 'Lost', ' ')).toEqual(map());
  expect(renameSegment(map(), 'Lost', 'Loyal')).toEqual(map());
  expect(renameSegment(map(), 'Lost', ' Other ')).toEqual(map());
  // Range rules rename the same way.
  const ranges = defaultRangeSegments(3);
  expect(renameSegment(ranges, 'Lost', 'Other')).toEqual(ranges);
  expect(renameSegment(ranges, 'Lost', 'Gone').map((s) => s.name)).toContain('Gone');
});
