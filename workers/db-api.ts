import type { Audience, AudienceCounts, AudienceFile, AudienceFormat, AudienceOptions } from '../src/lib/segments/audience.ts';
import type { AnalysisResult } from '../src/lib/analysis/result.ts';
import type { ExportPreview } from '../src/lib/customer/export-preview.ts';
import type { ExportChunks, ExportSummary } from '../src/lib/export/paged-export.ts';
import type { CustomerOrders, CustomerStory, OrdersPageQuery, StorySegment } from '../src/lib/customer/types.ts';
import type { ImportPhase } from '../src/lib/import/run-import.ts';
import type { AnalysisSpec } from '../src/lib/spec/analysis.ts';
import type { ImportReport } from '../src/lib/import/report.ts';
import type { ImportSpec } from '../src/lib/spec/import.ts';
import type { NamedDefinition } from '../src/lib/segments/segment-export.ts';
import type { SegmentSchema } from '../src/lib/segments/schema.ts';
import type { ColumnSummary, MemberPage, SegmentAnalysis, SegmentCount, SegmentProfile } from '../src/lib/segments/types.ts';
import type { SegmentDefinition, SegmentLibrary } from '../src/lib/spec/segments.ts';
import type { SegmentView } from '../src/lib/sql/segment-schema.ts';
import type { PageQuery } from '../src/lib/sql/segment-sql.ts';
import type { WorkbookCsv } from './workbook.ts';

/** The engine's start-up, as the page shows it. */
export type EngineStatus =
  | { state: 'downloading'; loadedBytes: number; totalBytes: number }
  | { state: 'starting' }
  /** `files`: the URLs of the DuckDB bundle the browser selected (its wasm and worker), which the page keeps for offline use. */
  | {
      state: 'ready';
      version: string;
      locked: boolean;
      files: string[];
      /** The engine's memory limit in bytes (DuckDB-WASM's is about 3.1 GiB), for the check before loading. */
      memoryLimit: number | null;
      /** How the warm-up (warm-up.ts) went, once it has ended: its time, and whether it ran whole or gave way to a request. */
      warmUp?: { ms: number; whole: boolean };
    }
  | { state: 'failed'; message: string };

/** Import progress: reading bytes (when the file is decompressed or transcoded), then SQL phases. */
/** How a load keeps its tables: `compact` for files too large for the browser's memory as usual (src/lib/sql/storage.ts). */
export interface LoadHow {
  compact?: boolean;
}

export type ImportProgress = { phase: 'reading'; file: string; loadedBytes: number; totalBytes: number } | ImportPhase;

export interface QueryResult {
  columns: string[];
  /** Per column: numbers (right-aligned on screen). */
  numeric: boolean[];
  rows: (string | number | boolean | null)[][];
  /** True when the result had more rows than were returned. */
  truncated: boolean;
}

/** The only door to DuckDB. Every method speaks the domain and returns plain data. */
export interface DbApi {
  start(onStatus: (status: EngineStatus) => void): Promise<EngineStatus>;
  /** An .xlsx workbook's first sheet as CSV (UTF-8), which the page then maps and imports as any CSV. */
  readWorkbook(file: File): Promise<WorkbookCsv>;
  /** `ticket`, here and below: a name the page chose for this request, which `cancel` stops it by. */
  importFiles(
    spec: ImportSpec,
    files: File[],
    onProgress: (p: ImportProgress) => void,
    ticket?: string,
    how?: LoadHow,
  ): Promise<ImportReport>;
  /**
   * Reads chosen files ahead of their import, while nothing is loaded (session.ts `readAhead`): the
   * import then reuses what was read, and shows the read's progress while it waits for it. Says
   * whether every file is read. Never fails; cancelled by `ticket` when the choice changes.
   */
  readAhead(spec: ImportSpec, files: File[], onProgress: (p: ImportProgress) => void, ticket?: string): Promise<boolean>;
  /**
   * Imports files read ahead on the spec shown, while nothing is loaded (session.ts `importAhead`):
   * an import of that very spec then shows its report at once, and shows this one's progress while
   * it waits for it. Says whether that report is ready. Never fails; cancelled by `ticket` when the spec changes.
   */
  importAhead(spec: ImportSpec, files: File[], onProgress: (p: ImportProgress) => void, ticket?: string): Promise<boolean>;
  /**
   * Metrics, RFM scores and segments, tiers and lifecycle; recomputes only the stages the change
   * touches. A cancelled analysis leaves the tables of the previous one.
   */
  analyse(spec: AnalysisSpec, ticket?: string): Promise<AnalysisResult>;
  /**
   * The customer table as CSV (export columns first), cells safe to open in a spreadsheet. Every
   * export hands its file to `write` a chunk at a time (the header, then a page of rows per chunk),
   * waiting for each call to settle, and never holds the whole file; it resolves with the rows written.
   */
  exportCustomersCsv(write: ExportChunks, ticket?: string): Promise<ExportSummary>;
  /** Every rejected record of one file as CSV (line, reason, text), in chunks to `write`. */
  rejectsCsv(fileIndex: number, write: ExportChunks, ticket?: string): Promise<ExportSummary>;
  /** The columns segment rules can name, and the analysis date relative dates count back from. */
  segmentSchema(): Promise<SegmentSchema>;
  /**
   * A segment's member count and the SQL that counted it; a bad definition is a result, not an error.
   * `library`, here and in every method that compiles segments: all the spec's segments, enabled or
   * not, in which "is in segment" rules are resolved. `self`: the segment's id, to name a cycle from it.
   */
  countSegment(definition: SegmentDefinition, library: SegmentLibrary, self?: string): Promise<SegmentCount>;
  /** KPIs of each segment against the base, and the overlap of every pair. */
  analyseSegments(
    segments: { id: string; definition: SegmentDefinition }[],
    minSizePercent: number,
    library: SegmentLibrary,
  ): Promise<SegmentAnalysis>;
  profileSegment(definition: SegmentDefinition, library: SegmentLibrary): Promise<SegmentProfile>;
  /** Value suggestions for a rule: a column's most common values and its range. */
  columnSummary(view: SegmentView, column: string): Promise<ColumnSummary>;
  /** One page of the customers in all the `include` segments and none of the `exclude` ones (every customer when none). */
  memberPage(include: SegmentDefinition[], exclude: SegmentDefinition[], page: PageQuery, library: SegmentLibrary): Promise<MemberPage>;
  /** The customer export with one true/false column per segment, or only segment `member`'s customers (who accept marketing, with `consentOnly`). */
  exportSegmentsCsv(
    segments: NamedDefinition[],
    member: number | null,
    library: SegmentLibrary,
    consentOnly: boolean,
    write: ExportChunks,
    ticket?: string,
  ): Promise<ExportSummary>;
  /** How many customers an export is for, and how many of them accept marketing. */
  audienceCounts(audience: Audience): Promise<AudienceCounts>;
  /** An audience's export file in a format (today's customer columns, with contact fields, or a marketing tool's), in chunks to `write`. */
  exportAudience(
    audience: Audience,
    format: AudienceFormat,
    options: AudienceOptions,
    write: ExportChunks,
    ticket?: string,
  ): Promise<AudienceFile>;
  /**
   * One customer's story from the latest analysis (explained with the spec its tables were built
   * from): metrics, scores, segment, tier and stage with how each was derived, membership of each
   * given segment with why, and the first page of their orders.
   */
  customerStory(id: string, segments: StorySegment[], orders: OrdersPageQuery, library: SegmentLibrary): Promise<CustomerStory>;
  /** A page of a customer's orders, newest first. */
  customerOrders(id: string, page: OrdersPageQuery): Promise<CustomerOrders>;
  /** The first `rows` rows of what exportCustomersCsv writes, with their ids as loaded. */
  exportPreview(rows: number): Promise<ExportPreview>;
  /** Runs SQL as typed (the engine's lock is what keeps it local) and returns at most maxRows rows. */
  query(sql: string, maxRows: number, ticket?: string): Promise<QueryResult>;
  /**
   * Stops the request given `ticket` (waiting or running); it then fails with an error of kind
   * 'stopped'. False when no such request is left (it had already ended).
   */
  cancel(ticket: string): Promise<boolean>;
}
