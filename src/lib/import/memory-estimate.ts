/**
 * Whether files will fit in the engine's memory, known before a minute is spent loading them: the
 * memory an import and its first analysis need, estimated from each file's size and the width of the
 * rows at its start. Calibrated on the browser's engine (test/bench/calibrate-memory.ts, README:
 * "Memory before loading").
 */

/** What the estimate reads from a file: its size (uncompressed), columns, and the width of its rows. */
export interface FileShape {
  bytes: number;
  columns: number;
  /** Records, from the size and the average width of the rows sampled. */
  rows: number;
  bytesPerRow: number;
}

/**
 * The engine's peak per cell of a file (a record's field) over the import and the first analysis:
 * each cell is read as text (a 16-byte string header at least), then typed, staged, loaded and
 * analysed. Calibrated on four shapes (test/bench/calibrate-memory.ts): 25 to 34 bytes per cell
 * were needed (2026-11-30, since orders look their attributes up instead of carrying them through
 * the group, which halved a wide file's need); 30 puts every shape within a quarter of its need.
 */
const CELL_PEAK_BYTES = 30;
/** What any load needs besides its cells (the engine's own tables and buffers, the analysis's small tables). */
const BASE_BYTES = 24 * 2 ** 20;

/**
 * The shape of a file from the text at its start (`head`, whose last line may be cut) and its
 * size in bytes (uncompressed); `columns` as the mapping found them.
 */
export function sampleShape(head: string, bytes: number, columns: number): FileShape {
  const lines = head.split('\n');
  const whole = head.length >= bytes;
  // The last line of a head is cut unless the head is the whole file.
  const sampled = (whole ? lines.slice(1) : lines.slice(1, -1)).filter((line) => line.trim() !== '');
  const headerBytes = utf8Length(lines[0] ?? '') + 1;
  const sampledBytes = sampled.reduce((sum, line) => sum + utf8Length(line) + 1, 0);
  const bytesPerRow = sampled.length ? sampledBytes / sampled.length : Math.max(1, bytes - headerBytes);
  return { bytes, columns, rows: Math.max(0, Math.round((bytes - headerBytes) / bytesPerRow)), bytesPerRow };
}

/** Bytes the import and first analysis of one file need at their peak. */
export function estimateImportMemory(shape: FileShape): number {
  return shape.rows * shape.columns * CELL_PEAK_BYTES;
}

/** Bytes the import of all `files` needs at its peak. */
export function estimateLoadMemory(files: readonly FileShape[]): number {
  return BASE_BYTES + files.reduce((sum, shape) => sum + estimateImportMemory(shape), 0);
}

/**
 * The same for a compact load (src/lib/sql/storage.ts): each cell kept compressed, and beside the
 * tables the widest moment of typing and building (calibrated with test/bench/calibrate-memory.ts
 * --compact: README, "Memory before loading").
 */
const COMPACT_CELL_PEAK_BYTES = 10;
/** What a compact load needs besides its cells: one part read as text, and the buffers of a statement over it. */
const COMPACT_BASE_BYTES = 64 * 2 ** 20;

/** Bytes a compact load of all `files` needs at its peak. */
export function estimateCompactLoadMemory(files: readonly FileShape[]): number {
  return COMPACT_BASE_BYTES + files.reduce((sum, shape) => sum + shape.rows * shape.columns * COMPACT_CELL_PEAK_BYTES, 0);
}

/**
 * A gzip file's uncompressed size, from its last four bytes (ISIZE: the size modulo 2^32): a file
 * of 4 GiB or more reads smaller, so multiples of 2^32 are added until it is at least the compressed size.
 */
export function gzipOriginalSize(lastFour: Uint8Array, compressedBytes: number): number {
  let size = (lastFour[0] | (lastFour[1] << 8) | (lastFour[2] << 16)) + lastFour[3] * 2 ** 24;
  while (size < compressedBytes) size += 2 ** 32;
  return size;
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** DuckDB's way of writing a memory size ("3.1 GiB", "256.0 MiB") in bytes; null when it is not one. */
export function parseMemorySize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?i?B)\s*$/i.exec(text);
  if (!match) return null;
  const unit = UNITS[match[2].toUpperCase()];
  return unit === undefined ? null : Number(match[1]) * unit;
}

function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

/** Whether files fit in the engine's memory, as usual or compactly, with the figures the page shows. */
export interface MemoryFit {
  neededBytes: number;
  limitBytes: number;
  fits: boolean;
  /** What a compact load needs, and whether that fits. */
  compactBytes: number;
  fitsCompactly: boolean;
}

/** The estimate for `files` against the engine's memory limit; null when the limit is unknown. */
export function memoryFit(files: readonly FileShape[], limitBytes: number | null): MemoryFit | null {
  if (limitBytes === null || files.length === 0) return null;
  const neededBytes = estimateLoadMemory(files);
  const compactBytes = estimateCompactLoadMemory(files);
  return { neededBytes, limitBytes, fits: neededBytes <= limitBytes, compactBytes, fitsCompactly: compactBytes <= limitBytes };
}

/** A memory size as people read it: "811 MB", "3.3 GB" (decimal units, as file sizes are shown). */
export function formatMemory(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}
