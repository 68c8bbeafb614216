import { expect, test } from 'vitest';
import { estimateLoadMs, formatDuration, loadTimeText } from '../../src/lib/import/time-estimate.ts';

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

test('durations and the time left read as people say them', () => {
  expect(formatDuration(4_400)).toBe('4 s');
  expect(formatDuration(65_000)).toBe('1 min 05 s');
  expect(loadTimeText(2_000, 10_000)).toBe('2 s elapsed · about 8 s left');
  // Under a second left is not "longer than estimated" (the sample's load said so at 0 s of 1 s).
  expect(loadTimeText(0, 700)).toBe('0 s elapsed · almost done');
  expect(loadTimeText(12_000, 10_000)).toBe("12 s elapsed · longer than the 10 s estimated from the files' size");
});
