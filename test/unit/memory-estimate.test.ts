import { expect, test } from 'vitest';
import {
  estimateCompactLoadMemory,
  estimateLoadMemory,
  formatMemory,
  gzipOriginalSize,
  memoryFit,
  parseMemorySize,
  sampleShape,
} from '../../src/lib/import/memory-estimate.ts';
import { wideOrdersCsv } from '../data/wide-orders.ts';

const MiB = 2 ** 20;

test("a file's rows are its size over the width of the rows sampled at its start", () => {
  const text = 'id,amount\n' + Array.from({ length: 1000 }, (_, i) => `C${String(i).padStart(4, '0')},${i % 10}`).join('\n') + '\n';
  // The whole file: every row sampled.
  expect(sampleShape(text, text.length, 2)).toMatchObject({ rows: 1000, columns: 2, bytesPerRow: 8 });
  // Its head only, cut inside a row: the cut row is not sampled, and the count comes from the size.
  const shape = sampleShape(text.slice(0, 200), text.length, 2);
  expect(shape.bytesPerRow).toBe(8);
  expect(shape.rows).toBe(1000);
});

test('multi-byte text counts in bytes', () => {
  const text = 'name\nÉlodie\nZoë\n';
  expect(sampleShape(text, new TextEncoder().encode(text).length, 1).bytesPerRow).toBe((8 + 5) / 2);
});

test('the estimate follows the cells, within a quarter of what the calibration found needed', () => {
  // test/bench/calibrate-memory.ts (2026-11-30, orders looking their attributes up): the wide file needed 358 MiB, the 1M-row files 421 MiB.
  const wide = wideOrdersCsv(320_000);
  const estimate = estimateLoadMemory([sampleShape(wide.slice(0, 65_536), wide.length, 44)]);
  expect(estimate / MiB / 358).toBeGreaterThan(0.75);
  expect(estimate / MiB / 358).toBeLessThan(1.25);
  const oneMillion = estimateLoadMemory([
    { bytes: 80_921_351, columns: 11, rows: 1_000_000, bytesPerRow: 80.9 },
    { bytes: 8_100_026, columns: 12, rows: 100_000, bytesPerRow: 81 },
  ]);
  expect(oneMillion / MiB / 421).toBeGreaterThan(0.75);
  expect(oneMillion / MiB / 421).toBeLessThan(1.25);
});

test('a compact load is estimated from the cells too, within a quarter of what the calibration found needed', () => {
  // test/bench/calibrate-memory.ts --compact (2026-11-30): the wide file needed 194 MiB, Online Retail 109, the 1M-row files 186.
  const wide = wideOrdersCsv(320_000);
  const cases: [number, number][] = [
    [estimateCompactLoadMemory([sampleShape(wide.slice(0, 65_536), wide.length, 44)]), 194],
    [estimateCompactLoadMemory([{ bytes: 52_504_639, columns: 8, rows: 541_909, bytesPerRow: 96.9 }]), 109],
    [
      estimateCompactLoadMemory([
        { bytes: 80_921_351, columns: 11, rows: 1_000_000, bytesPerRow: 80.9 },
        { bytes: 8_100_026, columns: 12, rows: 100_000, bytesPerRow: 81 },
      ]),
      186,
    ],
  ];
  for (const [estimate, needed] of cases) {
    expect(estimate / MiB / needed).toBeGreaterThan(0.75);
    expect(estimate / MiB / needed).toBeLessThan(1.25);
  }
});

test('the fit against the engine limit, as usual and compactly', () => {
  const wide = wideOrdersCsv(320_000);
  const shape = sampleShape(wide.slice(0, 65_536), wide.length, 44);
  // engine-restart.spec.ts: this file does not fit the strained build's 256 MB as usual, and loads there compactly.
  expect(memoryFit([shape], 256 * MiB)).toMatchObject({ fits: false, fitsCompactly: true, limitBytes: 256 * MiB });
  const bigger = wideOrdersCsv(1_200_000);
  expect(memoryFit([sampleShape(bigger.slice(0, 65_536), bigger.length, 44)], 256 * MiB)).toMatchObject({ fitsCompactly: false });
  expect(memoryFit([shape], parseMemorySize('3.1 GiB'))).toMatchObject({ fits: true });
  expect(memoryFit([shape], null)).toBeNull();
  expect(memoryFit([], 256 * MiB)).toBeNull();
});

test("DuckDB's memory sizes read in bytes", () => {
  expect(parseMemorySize('3.1 GiB')).toBeCloseTo(3.1 * 2 ** 30);
  expect(parseMemorySize('256.0 MiB')).toBe(256 * MiB);
  expect(parseMemorySize('500MB')).toBe(500e6);
  expect(parseMemorySize('lots')).toBeNull();
});

test("a gzip file's uncompressed size from its trailer, past 4 GiB too", () => {
  expect(gzipOriginalSize(new Uint8Array([0x39, 0x30, 0x00, 0x00]), 100)).toBe(12_345);
  // 5 GiB reads as 1 GiB in the trailer; compressed to 2 GiB it must be bigger than that.
  expect(gzipOriginalSize(new Uint8Array([0, 0, 0, 0x40]), 2 * 2 ** 30)).toBe(5 * 2 ** 30);
});

test('sizes as people read them', () => {
  expect(formatMemory(811 * MiB)).toBe('850 MB');
  expect(formatMemory(3.1 * 2 ** 30)).toBe('3.3 GB');
});
