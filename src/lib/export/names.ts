import type { ContactRow } from './contact.ts';

export interface PersonName {
  first: string;
  last: string;
}

const clean = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * First and last name for the tools' two name columns. First/last columns win whenever either holds
 * text (the other one stays empty). Otherwise the full name is split:
 * - `Smith, Jane` (one comma): before the comma is the last name, after it the first name;
 * - else the first word is the first name and all the words after it the last name, so compound
 *   surnames and particles stay whole (`José García López` → `José` / `García López`,
 *   `Ludwig van Beethoven` → `Ludwig` / `van Beethoven`); a middle name goes with the last name;
 * - one word is a first name alone.
 */
export function personName(row: Pick<ContactRow, 'firstName' | 'lastName' | 'fullName'>): PersonName {
  const first = clean(row.firstName);
  const last = clean(row.lastName);
  if (first || last) return { first, last };
  const full = clean(row.fullName);
  const comma = full.split(',');
  if (comma.length === 2) return { first: comma[1].trim(), last: comma[0].trim() };
  const space = full.indexOf(' ');
  return space < 0 ? { first: full, last: '' } : { first: full.slice(0, space), last: full.slice(space + 1) };
}
