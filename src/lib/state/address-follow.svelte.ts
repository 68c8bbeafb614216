import { untrack } from 'svelte';
import { readAddress } from '../address/url-state.ts';
import { shareFragment } from '../spec/share-link.ts';
import type { Navigation } from './navigation.svelte.ts';
import type { Workbench } from './workbench.svelte.ts';

/** Edits come in bursts (typing a value): the address is written once after the burst. */
const WRITE_DELAY_MS = 500;
/** This tab's own address and the link it was opened with (sessionStorage: one tab, gone with it). */
const TAB_KEY = 'segment-workbench:address';

interface TabAddress {
  /** The definitions this tab last wrote into its address (encoded, as in `#spec=`). */
  own: string | null;
  /** What the link this tab was opened with said (encoded), for "Reset to link". */
  origin: string | null;
}

type TabStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The address follows the definitions: after the user's first change to loaded work, the address
 * holds a link to what is on the page (replaced, not a new history entry; written shortly after a
 * burst of edits), so copying the address shares it. A link the page was opened with stays in the
 * address until then, and "Reset to link" goes back to what it said.
 *
 * A reload must not take the page's own address for a colleague's link (it would hold the user's
 * own SQL segments for confirmation again): the tab remembers what it wrote, and an address equal
 * to it is the tab's own work, which the saved work brings back. Any other `#spec=` is a link.
 */
export class AddressFollower {
  /** The link the page was opened with (encoded), while there is one to go back to. */
  origin = $state<string | null>(null);
  /** The address holds edits made since the link was opened (what "Reset to link" undoes). */
  edited = $derived(this.origin !== null && this.#navAddress() !== this.origin);

  readonly #workbench: Workbench;
  readonly #nav: Navigation;
  readonly #storage: TabStorage | null;
  /** The definitions (JSON) when the work was last loaded or a link applied: a change from them is the user's. */
  #baseline: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(workbench: Workbench, nav: Navigation, storage: TabStorage | null = tabStorage()) {
    this.#workbench = workbench;
    this.#nav = nav;
    this.#storage = storage;
    this.origin = this.#read().origin;
    $effect.root(() => {
      $effect(() => {
        const settled = workbench.report !== null && workbench.analysis.result !== null && !workbench.busy && workbench.link.spec === null;
        if (!settled) {
          this.#baseline = null;
          return;
        }
        const now = JSON.stringify(workbench.definitions());
        untrack(() => this.#changed(now));
      });
    });
  }

  /** Whether the address's `#spec=` is what this tab wrote itself (its own work, not a link to open). */
  isOwn(url: string): boolean {
    const spec = readAddress(url).spec;
    return spec !== null && spec === this.#read().own;
  }

  /** A link is being opened: it is what "Reset to link" returns to. */
  opened(url: string): void {
    const spec = readAddress(url).spec;
    this.origin = spec;
    this.#write({ own: this.#read().own, origin: spec });
  }

  /** The link's definitions were applied: the address keeps the link until the user changes something. */
  applied(): void {
    this.#baseline = null;
    const spec = this.#nav.address.spec;
    if (spec) this.#write({ own: spec, origin: this.origin });
  }

  /** Opens the link the page was opened with again, over the edits made since. */
  async resetToLink(): Promise<void> {
    if (!this.origin) return;
    clearTimeout(this.#timer);
    this.#nav.replaceSpec(this.origin);
    await this.#workbench.link.open(`#spec=${this.origin}`);
  }

  #changed(now: string): void {
    if (this.#baseline === null) {
      this.#baseline = now;
      return;
    }
    if (now === this.#baseline) return;
    this.#baseline = now;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#follow(), WRITE_DELAY_MS);
  }

  async #follow(): Promise<void> {
    const fragment = await shareFragment(this.#workbench.definitions());
    const spec = readAddress(fragment).spec;
    this.#write({ own: spec, origin: this.origin });
    this.#nav.replaceSpec(spec);
  }

  #navAddress(): string | null {
    return this.#nav.address.spec;
  }

  #read(): TabAddress {
    try {
      const saved = JSON.parse(this.#storage?.getItem(TAB_KEY) ?? 'null') as Partial<TabAddress> | null;
      return { own: typeof saved?.own === 'string' ? saved.own : null, origin: typeof saved?.origin === 'string' ? saved.origin : null };
    } catch {
      return { own: null, origin: null };
    }
  }

  #write(value: TabAddress): void {
    try {
      this.#storage?.setItem(TAB_KEY, JSON.stringify(value));
    } catch {
      // Storage refused (private mode, full): a reload then opens the address as a link, which is still safe.
    }
  }
}

function tabStorage(): TabStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
