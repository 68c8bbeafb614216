import { errorMessage } from '../errors.ts';
import type { AppStore } from '../storage/app-store.ts';
import {
  cleanName,
  listOrder,
  nameFromFilename,
  newSet,
  newSetId,
  readSet,
  savedNow,
  setFileText,
  setFilename,
  setKey,
  storedSet,
  uniqueName,
  type DefinitionSet,
} from '../storage/library.ts';
import type { OpenOutcome, Segments } from './segments.svelte.ts';

/** What an action did, for the page to say: done (with parts left out, if any), or refused with why. */
export type LibraryOutcome = { done: string; problems: string[] } | { refused: string };

/**
 * The saved definition sets of this browser, as listed. Every change is written first and shown
 * after: a write the browser refuses (a full disk, a private window, storage closed) is said, and
 * the list on screen and every set stored before stay as they were.
 */
export class DefinitionsLibrary {
  sets = $state.raw<DefinitionSet[]>([]);
  /** Why the list could not be read, or how many stored sets could not be; null when all is well. */
  readProblem = $state<string | null>(null);
  listed = $state(false);

  readonly #store: AppStore;
  readonly #segments: Segments;
  /** Told after everything stored was forgotten, so autosave does not write back what it held. */
  readonly #onForgotten: () => void;

  constructor(store: AppStore, segments: Segments, onForgotten: () => void) {
    this.#store = store;
    this.#segments = segments;
    this.#onForgotten = onForgotten;
  }

  /** Reads the list from storage (once, when first shown; again after a failure). */
  async list(): Promise<void> {
    try {
      const records = await this.#store.list('library');
      const sets = records.map((r) => readSet(r.value, r.key)).filter((s) => s !== null);
      this.sets = listOrder(sets);
      const unread = records.length - sets.length;
      this.readProblem = unread
        ? `${unread} stored set${unread === 1 ? '' : 's'} could not be read (written by another version of this page, or damaged) and ${unread === 1 ? 'is' : 'are'} not listed.`
        : null;
    } catch (e) {
      this.readProblem = `The saved definitions could not be read in this browser: ${errorMessage(e)}.`;
    }
    this.listed = true;
  }

  byId(id: string): DefinitionSet | undefined {
    return this.sets.find((s) => s.id === id);
  }

  /** Saves the segments on the page as a new set under `name` (made unique among the sets). */
  save(name: string): Promise<LibraryOutcome> {
    return this.#add(this.#segments.specFileText(), name, 'Saved');
  }

  /** Adds a spec file (`<name>.segments.json`) to the library as a new set. */
  import(filename: string, text: string): Promise<LibraryOutcome> {
    return this.#add(text, nameFromFilename(filename), 'Imported');
  }

  async rename(id: string, name: string): Promise<LibraryOutcome> {
    const set = this.byId(id);
    const clean = cleanName(name);
    if (!set) return { refused: 'that set is no longer listed' };
    if (!clean) return { refused: 'a set needs a name' };
    const renamed = { ...set, name: uniqueName(clean, this.#namesBut(id)) };
    const failed = await this.#put(renamed, `“${set.name}” could not be renamed`);
    if (failed) return failed;
    this.sets = listOrder(this.sets.map((s) => (s.id === id ? renamed : s)));
    return { done: `Renamed “${set.name}” to “${renamed.name}”.`, problems: [] };
  }

  async duplicate(id: string): Promise<LibraryOutcome> {
    const set = this.byId(id);
    if (!set) return { refused: 'that set is no longer listed' };
    const copy: DefinitionSet = {
      ...structuredClone(set),
      id: newSetId(),
      name: uniqueName(cleanName(`Copy of ${set.name}`), this.#namesBut(null)),
      savedAt: savedNow(),
    };
    const failed = await this.#put(copy, `“${set.name}” could not be duplicated`);
    if (failed) return failed;
    this.sets = listOrder([...this.sets, copy]);
    return { done: `Saved a copy of “${set.name}” as “${copy.name}”.`, problems: [] };
  }

  async remove(id: string): Promise<LibraryOutcome> {
    const set = this.byId(id);
    if (!set) return { refused: 'that set is no longer listed' };
    try {
      await this.#store.delete(setKey(id));
    } catch (e) {
      return { refused: `“${set.name}” could not be deleted from this browser: ${errorMessage(e)}. It is still saved` };
    }
    this.sets = this.sets.filter((s) => s.id !== id);
    return { done: `Deleted “${set.name}”.`, problems: [] };
  }

  /** Replaces the segments on the page with the set's, as opening its file would. */
  open(id: string): OpenOutcome {
    const set = this.byId(id);
    if (!set) return { refused: 'that set is no longer listed', problems: [] };
    return this.#segments.open(setFileText(set));
  }

  /** The set as a file to download: `<name>.segments.json`, which Import and `apply --spec` read. */
  file(id: string): { filename: string; text: string } | null {
    const set = this.byId(id);
    return set ? { filename: setFilename(set.name), text: setFileText(set) } : null;
  }

  /** Deletes every saved set and every autosaved record of this browser, in one transaction. */
  async forgetEverything(): Promise<LibraryOutcome> {
    try {
      await this.#store.deleteKinds(['library', 'workspace']);
    } catch (e) {
      return { refused: `Nothing was forgotten: this browser's storage refused (${errorMessage(e)}). Everything stored is as it was` };
    }
    this.sets = [];
    this.readProblem = null;
    this.#onForgotten();
    return { done: 'Everything this page stored in this browser was deleted: no saved definitions, no autosaved work.', problems: [] };
  }

  async #add(text: string, name: string, verb: 'Saved' | 'Imported'): Promise<LibraryOutcome> {
    const made = newSet(text, { id: newSetId(), name: uniqueName(cleanName(name), this.#namesBut(null)), savedAt: savedNow() });
    if ('refused' in made) return { refused: `nothing was ${verb.toLowerCase()}: ${made.refused}` };
    const failed = await this.#put(made.set, `“${made.set.name}” could not be ${verb.toLowerCase()}`);
    if (failed) return failed;
    this.sets = listOrder([...this.sets, made.set]);
    return {
      done: `${verb} “${made.set.name}”: ${made.set.summary.segments} segment${made.set.summary.segments === 1 ? '' : 's'}.`,
      problems: made.problems,
    };
  }

  /** Writes a set; on a failure, says so in words (nothing on screen or stored changes). */
  async #put(set: DefinitionSet, what: string): Promise<{ refused: string } | null> {
    try {
      await this.#store.put(setKey(set.id), storedSet(set));
      return null;
    } catch (e) {
      return { refused: `${what} in this browser: ${errorMessage(e)}. Nothing was lost: the sets saved before are as they were` };
    }
  }

  #namesBut(id: string | null): string[] {
    return this.sets.filter((s) => s.id !== id).map((s) => s.name);
  }
}
