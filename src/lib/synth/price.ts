import type { Rng } from './prng.ts';

/**
 * A shelf price near `cents`: most end in .99, some in .49/.95, the rest on a 5-cent step,
 * so unit prices repeat the way catalogue prices do.
 */
export function shelfPrice(cents: number, rng: Rng): number {
  const c = Math.max(25, Math.round(cents));
  const u = rng.next();
  if (u < 0.5) return Math.max(99, Math.round(c / 100) * 100 - 1);
  if (u < 0.7) return Math.max(45, Math.round(c / 50) * 50 - 5);
  return Math.round(c / 5) * 5;
}
