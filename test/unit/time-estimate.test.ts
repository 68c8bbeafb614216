import { describe, expect, test } from 'vitest';
import type { ImportProgress } from '../../workers/db-api.ts';
import { COMPACT_SLOWDOWN, estimateLoadMs, formatDuration, loadMsLeft, loadTimeText } from '../../src/lib/import/time-estimate.ts';

test('the estimate grows with the cells: the bench files take about their measured time', () => {
  const oneMillion = estimateLoadMs([
    { bytes: 80_921_351, columns: 11, rows: 1_000_000, bytesPerRow: 80.9 },
    { bytes: 8_100_026, columns: 12, rows: 100_000, bytesPerRow: 81 },
  ]);
  // Measured: 3.29 s in the browser on the bench machine (2026-11-30, median of 3 runs, the import timed in the page).
  expect(oneMillion).toBeGreaterThan(3_000);
  expect(oneMillion).toBeLessThan(4_500);
  expect(estimateLoadMs([])).toBe(300);
});

test('a compact load is estimated longer, by the slowdown the page states', () => {
  const shapes = [{ bytes: 1_660_000_000, columns: 11, rows: 20_000_000, bytesPerRow: 83 }];
  expect(estimateLoadMs(shapes, true) - 300).toBeCloseTo((estimateLoadMs(shapes) - 300) * COMPACT_SLOWDOWN);
  expect(estimateLoadMs([], true)).toBe(300);
});

test('durations and the time left read as people say them', () => {
  expect(formatDuration(4_400)).toBe('4 s');
  expect(formatDuration(65_000)).toBe('1 min 05 s');
  expect(loadTimeText(2_000, 10_000)).toBe('2 s elapsed · about 8 s left');
  // Under a second left is not "longer than estimated" (the sample's load said so at 0 s of 1 s).
  expect(loadTimeText(0, 700)).toBe('0 s elapsed · almost done');
  expect(loadTimeText(12_000, 10_000)).toBe("12 s elapsed · longer than the 10 s estimated from the files' size");
});

describe('the time left at Load counts the work done ahead on the same files and spec', () => {
  const files = [
    { name: 'tx.csv', shape: { bytes: 80_921_351, columns: 11, rows: 1_000_000, bytesPerRow: 80.9 } },
    { name: 'customers.csv', shape: { bytes: 8_100_026, columns: 12, rows: 100_000, bytesPerRow: 81 } },
  ];
  const whole = estimateLoadMs(files.map((f) => f.shape));
  const left = (progress: ImportProgress | null, read = false) => loadMsLeft(files, { imported: false, read, progress });

  test('nothing done ahead: the whole estimate', () => {
    expect(left(null)).toBe(whole);
    expect(left({ phase: 'parsing', file: 'tx.csv' })).toBe(whole);
  });

  test('each step ahead leaves less, down to the first analysis once the import is done', () => {
    const steps = [
      left({ phase: 'parsing', file: 'customers.csv' }),
      left(null, true),
      left({ phase: 'checking', file: 'customers.csv' }, true),
      left({ phase: 'loading' }, true),
      loadMsLeft(files, { imported: true }),
    ];
    expect([whole, ...steps]).toEqual([whole, ...steps].sort((a, b) => b - a));
    expect(new Set(steps).size).toBe(steps.length);
    expect(left({ phase: 'checking', file: 'tx.csv' }, true)).toBe(left(null, true));
    // Read, the files have most of their checking and building still to do; imported, only the analysis is left.
    expect(left(null, true) / whole).toBeCloseTo(0.65, 1);
    expect(left({ phase: 'loading' }, true) / whole).toBeCloseTo(0.49, 2);
    expect(loadMsLeft(files, { imported: true }) / whole).toBeLessThan(0.2);
  });

  test("each file counts for its cells: the 1M-row file's read is most of the reading", () => {
    const secondFile = left({ phase: 'reading', file: 'customers.csv', loadedBytes: 1, totalBytes: 2 });
    expect(whole - secondFile).toBeGreaterThan(8 * (secondFile - left(null, true)));
    expect(left({ phase: 'checking', file: 'customers.csv' }, true)).toBeLessThan(left({ phase: 'checking', file: 'tx.csv' }, true));
  });

  test('a phase naming no file of the load is read as no progress', () => {
    expect(left({ phase: 'checking', file: 'other.csv' })).toBe(whole);
    expect(left({ phase: 'checking', file: 'other.csv' }, true)).toBe(left(null, true));
  });
});
