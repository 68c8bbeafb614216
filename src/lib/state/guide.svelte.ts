import { createContext } from 'svelte';
import { localPreferences, readExplanationsHidden, writeExplanationsHidden, type PreferenceStorage } from '../guide/preference.ts';

/** Whether the guided explanations are offered, as the person chose; remembered in this browser. */
export class Guide {
  hidden = $state(false);
  readonly #storage: PreferenceStorage | null;

  constructor(storage: PreferenceStorage | null = localPreferences()) {
    this.#storage = storage;
    this.hidden = readExplanationsHidden(storage);
  }

  hide(): void {
    this.hidden = true;
    writeExplanationsHidden(this.#storage, true);
  }

  show(): void {
    this.hidden = false;
    writeExplanationsHidden(this.#storage, false);
  }

  /** After "Forget everything": nothing of the choice is kept, and explanations are offered again. */
  forget(): void {
    this.show();
  }
}

/** The page's one Guide, for every explanation wherever it is rendered (set once in App). */
export const [getGuide, setGuide] = createContext<Guide>();
