import type { Rng } from './prng.ts';

/** Values with relative weights, picked by inverse CDF. */
export interface Weighted<T> {
  readonly values: readonly T[];
  /** Running totals normalised to end at 1. */
  readonly cumulative: Float64Array;
}

/** Builds a picker from `[value, weight]` pairs. */
export function weighted<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  const cumulative = new Float64Array(pairs.length);
  let running = 0;
  pairs.forEach(([, w], i) => {
    running += w;
    cumulative[i] = running / total;
  });
  cumulative[pairs.length - 1] = 1;
  return { values: pairs.map(([v]) => v), cumulative };
}

/** Index of a weighted pick. Linear: the lists are short. */
export function pickIndex(table: Weighted<unknown>, rng: Rng): number {
  const u = rng.next();
  const cum = table.cumulative;
  let i = 0;
  while (u >= cum[i] && i < cum.length - 1) i++;
  return i;
}

/** A weighted pick. */
export function pick<T>(table: Weighted<T>, rng: Rng): T {
  return table.values[pickIndex(table, rng)];
}
