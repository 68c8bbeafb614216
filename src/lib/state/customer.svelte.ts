import type { Remote } from 'comlink';
import type { DbApi } from '../../../workers/db-api.ts';
import type { ExportPreview } from '../customer/export-preview.ts';
import type { CustomerOrders, CustomerStory, StorySegment } from '../customer/types.ts';
import { errorMessage } from '../errors.ts';
import type { SegmentLibrary, SegmentSpec } from '../spec/segments.ts';

export const ORDERS_PAGE_SIZE = 20;
/** Rows of the export shown under its button. */
export const EXPORT_PREVIEW_ROWS = 5;

/**
 * The customer whose story is open (one at a time), their current page of orders, and the first
 * rows of the customer export to open a story from. A stale result never replaces a newer one.
 */
export class CustomerStories {
  openId = $state<string | null>(null);
  story = $state.raw<CustomerStory | null>(null);
  orders = $state.raw<CustomerOrders | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  preview = $state.raw<ExportPreview | null>(null);
  previewError = $state<string | null>(null);

  readonly #db: Remote<DbApi>;
  readonly #segments: () => readonly SegmentSpec[];
  readonly #library: () => SegmentLibrary;
  #latest = 0;
  #latestOrders = 0;
  #latestPreview = 0;

  /**
   * `segments`: the segments whose membership a story shows (the enabled ones); `library`: every
   * segment, as "is in segment" rules are resolved in it (a plain snapshot).
   */
  constructor(db: Remote<DbApi>, segments: () => readonly SegmentSpec[], library: () => SegmentLibrary) {
    this.#db = db;
    this.#segments = segments;
    this.#library = library;
  }

  /** Opens a customer's story, from their first page of orders. */
  async open(id: string): Promise<void> {
    this.openId = id;
    this.story = null;
    this.orders = null;
    await this.#load(id, 0);
  }

  close(): void {
    this.#latest++;
    this.openId = null;
    this.story = null;
    this.orders = null;
    this.error = null;
    this.loading = false;
  }

  async #load(id: string, ordersOffset: number): Promise<void> {
    const run = ++this.#latest;
    this.#latestOrders++;
    this.loading = true;
    const segments: StorySegment[] = this.#segments().map((s) => ({ id: s.id, name: s.name, definition: $state.snapshot(s.definition) }));
    try {
      const story = await this.#db.customerStory(id, segments, { offset: ordersOffset, limit: ORDERS_PAGE_SIZE }, this.#library());
      if (run !== this.#latest) return;
      this.story = story;
      this.orders = story.orders;
      this.error = null;
    } catch (e) {
      if (run !== this.#latest) return;
      this.error = errorMessage(e);
    } finally {
      if (run === this.#latest) this.loading = false;
    }
  }

  /** Another page of the open customer's orders. */
  async showOrders(offset: number): Promise<void> {
    const id = this.openId;
    if (id === null) return;
    const run = ++this.#latestOrders;
    try {
      const orders = await this.#db.customerOrders(id, { offset: Math.max(0, offset), limit: ORDERS_PAGE_SIZE });
      if (run !== this.#latestOrders || id !== this.openId) return;
      this.orders = orders;
      this.error = null;
    } catch (e) {
      if (run === this.#latestOrders) this.error = errorMessage(e);
    }
  }

  async loadPreview(): Promise<void> {
    const run = ++this.#latestPreview;
    try {
      const preview = await this.#db.exportPreview(EXPORT_PREVIEW_ROWS);
      if (run !== this.#latestPreview) return;
      this.preview = preview;
      this.previewError = null;
    } catch (e) {
      if (run === this.#latestPreview) this.previewError = errorMessage(e);
    }
  }

  /** After each analysis: the open story (on the same page of orders) and the preview are read again. */
  reload(): void {
    if (this.openId !== null) void this.#load(this.openId, this.orders?.offset ?? 0);
    void this.loadPreview();
  }

  /** Other data was loaded: nothing shown belongs to it. */
  reset(): void {
    this.close();
    this.#latestPreview++;
    this.preview = null;
    this.previewError = null;
  }
}
