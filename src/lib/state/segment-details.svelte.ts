import type { Remote } from 'comlink';
import type { DbApi } from '../../../workers/db-api.ts';
import { errorMessage } from '../errors.ts';
import type { MemberPage, SegmentProfile } from '../segments/types.ts';
import type { SegmentDefinition, SegmentLibrary, SegmentSpec } from '../spec/segments.ts';
import type { PageQuery } from '../sql/segment-sql.ts';
import { selectionOf, type OverlapCell, type SegmentSelection } from '../segments/overlap-cell.ts';

export const PAGE_SIZE = 50;

/** Whose customers the member list shows: one segment, or a cell of two segments' overlap. */
export interface MemberFilter extends SegmentSelection {
  /** The segments as opened (one, or the overlap's two). */
  ids: string[];
  cell: OverlapCell;
}

/** The profile of one segment and the member list of one or two, as shown; a stale result never replaces a newer one. */
export class SegmentDetails {
  profileId = $state<string | null>(null);
  profile = $state.raw<SegmentProfile | null>(null);
  profileError = $state<string | null>(null);
  members = $state.raw<MemberFilter | null>(null);
  page = $state.raw<MemberPage | null>(null);
  pageQuery = $state<PageQuery>({ offset: 0, limit: PAGE_SIZE, sortColumn: 'customer_id', descending: false, search: '' });
  pageError = $state<string | null>(null);

  readonly #db: Remote<DbApi>;
  readonly #segment: (id: string) => SegmentSpec | undefined;
  readonly #library: () => SegmentLibrary;
  #latestProfile = 0;
  #latestPage = 0;

  /** `library`: every segment, as "is in segment" rules are resolved in it (a plain snapshot). */
  constructor(db: Remote<DbApi>, segment: (id: string) => SegmentSpec | undefined, library: () => SegmentLibrary) {
    this.#db = db;
    this.#segment = segment;
    this.#library = library;
  }

  async showProfile(id: string | null): Promise<void> {
    this.profileId = id;
    const run = ++this.#latestProfile;
    const segment = id ? this.#segment(id) : undefined;
    if (!segment) {
      this.profile = null;
      return;
    }
    try {
      const profile = await this.#db.profileSegment($state.snapshot(segment.definition) as SegmentDefinition, this.#library());
      if (run !== this.#latestProfile) return;
      this.profile = profile;
      this.profileError = null;
    } catch (e) {
      if (run !== this.#latestProfile) return;
      this.profile = null;
      this.profileError = errorMessage(e);
    }
  }

  /** Opens the member list of one segment, or of a cell of two segments' overlap (at first, the customers in both). */
  async showMembers(ids: string[], cell: OverlapCell = 'both'): Promise<void> {
    const nameOf = (id: string) => this.#segment(id)?.name ?? id;
    this.members = { ids, cell, ...selectionOf(ids, cell, nameOf) };
    this.pageQuery.offset = 0;
    await this.loadPage();
  }

  closeMembers(): void {
    this.members = null;
    this.page = null;
  }

  async setPage(edit: (query: PageQuery) => void): Promise<void> {
    edit(this.pageQuery);
    await this.loadPage();
  }

  async loadPage(): Promise<void> {
    const filter = this.members;
    if (!filter) return;
    const run = ++this.#latestPage;
    const definitions = (ids: string[]) =>
      $state.snapshot(ids.map((id) => this.#segment(id)?.definition).filter((d) => d !== undefined)) as SegmentDefinition[];
    try {
      const page = await this.#db.memberPage(
        definitions(filter.include),
        definitions(filter.exclude),
        $state.snapshot(this.pageQuery),
        this.#library(),
      );
      if (run !== this.#latestPage) return;
      this.page = page;
      this.pageError = null;
    } catch (e) {
      if (run !== this.#latestPage) return;
      this.page = null;
      this.pageError = errorMessage(e);
    }
  }

  /** Recomputes what is shown: everything, or only what involves segment `id`. */
  reload(id?: string): void {
    if (this.profileId && (id === undefined || this.profileId === id)) void this.showProfile(this.profileId);
    if (this.members && (id === undefined || this.members.ids.includes(id))) void this.loadPage();
  }

  /** A removed segment leaves the views it was in. */
  forget(id: string): void {
    if (this.profileId === id) this.profileId = null;
    if (this.members?.ids.includes(id)) this.members = null;
  }

  clear(): void {
    this.profileId = null;
    this.profile = null;
    this.closeMembers();
  }
}
