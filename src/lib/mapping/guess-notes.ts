import type { AmountLevel, FileImport, FileKind, Role } from '../spec/import.ts';

/** What a guess was about; the mapping form lists one note per topic. */
export type GuessTopic = 'kind' | 'delimiter' | 'decimal-mark' | 'date-format' | 'amount-level' | 'amount-source' | 'ids';

/** One guess in words a person can check against the preview: what was chosen and why. */
export interface GuessNote {
  topic: GuessTopic;
  text: string;
}

/** Import settings that belong to the whole import, not one file, as one file's values suggest them. */
export interface SuggestedSettings {
  amountLevel: AmountLevel;
  /** Lower-case (and trim) customer ids: they are e-mail addresses. */
  lowerCaseIds: boolean;
}

export const NO_SUGGESTION: SuggestedSettings = { amountLevel: 'line', lowerCaseIds: false };

/** A file's column values for one role, from the rows looked at (blanks included). */
export interface RoleValues {
  column: string;
  values: string[];
}

/** The column mapped to a role and its values in the preview rows, or null. */
export function roleValues(mapping: FileImport, headers: string[], rows: string[][], role: Role): RoleValues | null {
  const column = mapping.columns.find((c) => c.role === role)?.name;
  const i = column === undefined ? -1 : headers.indexOf(column);
  return i < 0 ? null : { column: column!, values: rows.map((r) => (r[i] ?? '').trim()) };
}

/**
 * The settings the chosen files suggest together: order level when a transactions file repeats or
 * blanks its order totals, lower-case ids when any file's customer ids are e-mail addresses (ids
 * must be cleaned the same way in every file to match).
 */
export function combineSuggestions(files: readonly { kind: FileKind; suggested: SuggestedSettings }[]): SuggestedSettings {
  return {
    amountLevel: files.some((f) => f.kind === 'transactions' && f.suggested.amountLevel === 'order') ? 'order' : 'line',
    lowerCaseIds: files.some((f) => f.suggested.lowerCaseIds),
  };
}
