/**
 * The page's address fragment: which section is shown and, for a share link, the definitions it
 * carries — side by side (`#view=rfm&spec=…`), so a link can open on a section and moving between
 * sections keeps the link's definitions. The fragment never reaches a server. The command line
 * reads `spec` from it and ignores the rest.
 */
export const SECTIONS = [
  { id: 'data', label: 'Data' },
  { id: 'overview', label: 'Overview' },
  { id: 'rfm', label: 'RFM' },
  { id: 'value', label: 'Value & lifecycle' },
  { id: 'segments', label: 'Segments' },
  { id: 'sql', label: 'SQL' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export interface Address {
  /** The section named in the address; null when it names none (or one that does not exist). */
  view: SectionId | null;
  /** A share link's encoded definitions, as they stand in the address. */
  spec: string | null;
}

const isSection = (id: string | null): id is SectionId => SECTIONS.some((s) => s.id === id);

/** Reads a fragment (`#…` or without the `#`) or a whole URL. */
export function readAddress(urlOrFragment: string): Address {
  const at = urlOrFragment.indexOf('#');
  const params = new URLSearchParams(at >= 0 ? urlOrFragment.slice(at + 1) : urlOrFragment);
  const view = params.get('view');
  return { view: isSection(view) ? view : null, spec: params.get('spec') };
}

/** The fragment for an address, `#` included; empty when it holds nothing. */
export function writeAddress(address: Address): string {
  // Written by hand, not URLSearchParams: the spec is base64url, which needs no escaping, and
  // this keeps the link exactly as it was shared.
  const parts = [address.view && `view=${address.view}`, address.spec && `spec=${address.spec}`].filter(Boolean);
  return parts.length ? `#${parts.join('&')}` : '';
}

/** A link to a section on its own (from within the page, where no share link is pending). */
export function sectionHref(id: SectionId): string {
  return writeAddress({ view: id, spec: null });
}

export function sectionLabel(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)!.label;
}

/**
 * The section shown: the address's, or — when it names none — Data until data is loaded, then the
 * Overview (what a person opening the sample or their file wants to see first).
 */
export function shownSection(address: Address, dataLoaded: boolean): SectionId {
  return address.view ?? (dataLoaded ? 'overview' : 'data');
}
