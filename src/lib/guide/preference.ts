/**
 * Whether someone chose to hide every explanation. Kept in the browser's local storage under one
 * key (a preference, not work: the IndexedDB store holds work), and forgotten with everything else
 * by "Forget everything stored in this browser". A storage that refuses (a private window, site data
 * turned off) means explanations are shown and the choice lasts until the page is left.
 */
export const EXPLANATIONS_KEY = 'segment-workbench:explanations';
const HIDDEN = 'hidden';

/** The part of `Storage` this needs. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The page's local storage, or null where the browser refuses to give it. */
export function localPreferences(): PreferenceStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readExplanationsHidden(storage: PreferenceStorage | null): boolean {
  try {
    return storage?.getItem(EXPLANATIONS_KEY) === HIDDEN;
  } catch {
    return false;
  }
}

/** Saves the choice; false when the browser refused to keep it. Showing them again removes the key: the default keeps nothing. */
export function writeExplanationsHidden(storage: PreferenceStorage | null, hidden: boolean): boolean {
  try {
    if (!storage) return false;
    if (hidden) storage.setItem(EXPLANATIONS_KEY, HIDDEN);
    else storage.removeItem(EXPLANATIONS_KEY);
    return true;
  } catch {
    return false;
  }
}
