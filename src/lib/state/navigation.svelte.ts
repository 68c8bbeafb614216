import { readAddress, writeAddress, type Address, type SectionId } from '../address/url-state.ts';

/**
 * The address bar as state: the section shown and a share link's definitions. Moving to a section
 * is a new history entry, so back and forward step through sections and a reload returns to the
 * one shown; the definitions in the address follow the user's edits (address-follow.svelte.ts).
 */
export class Navigation {
  address = $state.raw<Address>(readAddress(location.hash));
  /** Told of a share link put into the address of an open page (pasted, or followed from another tab). */
  onNewLink: (url: string) => void = () => {};
  /** Told when the address changed from outside the nav bar (a link in the page, back, forward). */
  onFollowed: () => void = () => {};

  constructor() {
    // Back and forward fire popstate; a fragment typed or followed fires hashchange (some moves fire both).
    const follow = () => {
      const before = this.address;
      const now = readAddress(location.hash);
      if (now.view === before.view && now.spec === before.spec) return;
      this.address = now;
      if (now.spec && now.spec !== before.spec) this.onNewLink(location.href);
      if (now.view !== before.view) this.onFollowed();
    };
    addEventListener('popstate', follow);
    addEventListener('hashchange', follow);
  }

  /** The link that shows a section (keeping the rest of the address). */
  href(view: SectionId): string {
    return writeAddress({ ...this.address, view });
  }

  go(view: SectionId): void {
    if (view === this.address.view) return;
    this.address = { ...this.address, view };
    history.pushState(null, '', this.#url());
  }

  /** Puts these definitions (encoded) in the address, in place of what it held (the history entry is replaced, not added). */
  replaceSpec(spec: string | null): void {
    if (this.address.spec === spec) return;
    this.address = { ...this.address, spec };
    history.replaceState(null, '', this.#url());
  }

  #url(): string {
    // An empty fragment is written as no fragment at all (`location.hash = ''` would leave a bare `#`).
    return `${location.pathname}${location.search}${writeAddress(this.address)}`;
  }
}
