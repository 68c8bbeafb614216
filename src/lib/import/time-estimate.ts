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

/** How long loading `files` should take, from their cells. */
export function estimateLoadMs(files: readonly FileShape[]): number {
  return BASE_MS + files.reduce((sum, f) => sum + (f.rows * f.columns * MS_PER_MILLION_CELLS) / 1e6, 0);
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
