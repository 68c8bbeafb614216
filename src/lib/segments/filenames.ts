import { slug } from '../format.ts';

/** A download name from a segment's name: `High-value, lapsing` → `high-value-lapsing-members.csv`. */
export function csvFilename(name: string, suffix: string): string {
  return `${slug(name) || 'segment'}-${suffix}.csv`;
}
