import type { ImportProgress } from '../../../workers/db-api.ts';
import type { FileShape } from './memory-estimate.ts';

/**
 * Milliseconds the browser's load (import and first analysis) takes per million cells (a record's
 * fields), from the bench (`npm run bench`, this repository's machine, 2026-11-30, the import timed
 * in the page, Load clicked at once after the engine's warm-up): 1M rows + customers file, 12.2M
 * cells in 3.29 s (median of 3 runs; 0.245 ms per thousand); 5M rows, 61M cells in 15.06 s (0.242);
 * Online Retail, 4.3M cells in 1.42 s (0.26). A slower computer takes longer: the page says when
 * the estimate has passed.
 */
const MS_PER_MILLION_CELLS = 245;
const BASE_MS = 300;

/**
 * How much longer a compact load takes than one as usual (src/lib/sql/storage.ts): reading in parts
 * and compressing, and every statement over compressed tables. From the browser's engine in Node,
 * the bench's files loaded both ways (README: "Memory before loading").
 */
export const COMPACT_SLOWDOWN = 2.5;

/** How long loading `files` should take, from their cells; longer when `compact`. */
export function estimateLoadMs(files: readonly FileShape[], compact = false): number {
  const cells = files.reduce((sum, f) => sum + (f.rows * f.columns * MS_PER_MILLION_CELLS) / 1e6, 0);
  return BASE_MS + cells * (compact ? COMPACT_SLOWDOWN : 1);
}

/**
 * The parts of a load's time, as shares of it: reading each file into the engine, checking (typing
 * and staging) each, then building orders and customers and the first analysis. From the import's
 * statements timed on the browser's engine (test/bench/profile-import.ts --wasm, 1M rows + customers
 * file, 2026-11-30: reads 1.24 s, checks 0.74 s, building 1.24 s of 3.2 s) and the first analysis,
 * about a tenth of the load in the bench; building is the rest. Reads and checks go by each file's cells.
 */
const READ_SHARE = 0.35;
const CHECK_SHARE = 0.21;
const ANALYSIS_SHARE = 0.1;

/**
 * Where the work the page did ahead of Load stands (work-ahead.svelte.ts): the import is done; or
 * every file is read, or not; and the phase of the run under way, if any (a read of one file, or
 * the import's checks or building).
 */
export type WorkDoneAhead = { imported: true } | { imported: false; read: boolean; progress: ImportProgress | null };

/**
 * How long a load should take from Load on, when work on the same files and spec was done ahead:
 * the estimate less the share done. Files are named as progress names them.
 */
export function loadMsLeft(files: readonly { name: string; shape: FileShape }[], ahead: WorkDoneAhead): number {
  const total = estimateLoadMs(files.map((f) => f.shape));
  const work = total - BASE_MS;
  if (ahead.imported) return BASE_MS + work * ANALYSIS_SHARE;
  const cells = files.map((f) => f.shape.rows * f.shape.columns);
  const allCells = cells.reduce((a, b) => a + b, 0) || 1;
  const perFile = (share: number) => cells.map((c) => (work * share * c) / allCells);
  const [reads, checks] = [perFile(READ_SHARE), perFile(CHECK_SHARE)];
  const sum = (parts: number[], end = parts.length) => parts.slice(0, end).reduce((a, b) => a + b, 0);
  const p = ahead.progress;
  const at = p && 'file' in p ? files.findIndex((f) => f.name === p.file) : -1;
  // A file being read counts as not read (a file the page reads itself is then read again by the engine).
  let done = ahead.read ? sum(reads) : 0;
  if ((p?.phase === 'reading' || p?.phase === 'parsing') && at >= 0) done = sum(reads, at);
  else if (p?.phase === 'checking' && at >= 0) done = sum(reads) + sum(checks, at);
  else if (p?.phase === 'loading') done = sum(reads) + sum(checks);
  return total - done;
}

/** "4 s", "1 min 05 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** What the progress says about time: elapsed, and what is left of the estimate (or that it has passed). */
export function loadTimeText(elapsedMs: number, expectedMs: number): string {
  const elapsed = `${formatDuration(elapsedMs)} elapsed`;
  const left = expectedMs - elapsedMs;
  if (left >= 1000) return `${elapsed} · about ${formatDuration(left)} left`;
  if (left > 0) return `${elapsed} · almost done`;
  return `${elapsed} · longer than the ${formatDuration(expectedMs)} estimated from the files' size`;
}
