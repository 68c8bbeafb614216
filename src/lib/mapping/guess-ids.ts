import type { FileImport } from '../spec/import.ts';
import { roleValues, type GuessNote } from './guess-notes.ts';
import { profileColumn } from './profile.ts';

/**
 * Lower-case and trim for e-mail ids: `Ann@Example.com` and ` ann@example.com` are one customer,
 * and shops and CRMs write the same address with different capitals and stray spaces.
 */
export function guessIdCleanup(mapping: FileImport, headers: string[], rows: string[][]): { lowerCase: boolean; note: GuessNote | null } {
  const ids = roleValues(mapping, headers, rows, 'customer_id');
  if (ids === null || profileColumn(ids.values).email < 0.8) return { lowerCase: false, note: null };
  const capitals = ids.values.find((v) => v !== v.toLowerCase());
  const seen = capitals ? ` (the first rows have ${capitals})` : '';
  return {
    lowerCase: true,
    note: {
      topic: 'ids',
      text: `Customer ids lower-cased and trimmed: ${ids.column} holds e-mail addresses${seen}, and the same address written with other capitals or spaces is the same customer.`,
    },
  };
}
