import { WorkbenchError, errorMessage } from '../errors.ts';
import { exportText, plainFormat, writeExport, type ExportChunks, type ExportSummary } from '../export/paged-export.ts';
import type { UserSqlRunner } from '../import/sql-runner.ts';
import type { SegmentDefinition, SegmentLibrary } from '../spec/segments.ts';
import { CONSENTING } from '../sql/audience.ts';
import { exportCustomersSql, flagHeaders } from '../sql/export.ts';
import { segmentPredicate } from '../sql/segment-sql.ts';
import type { SegmentSchema } from './schema.ts';

/** A segment as the export names it. */
export interface NamedDefinition {
  name: string;
  definition: SegmentDefinition;
}

/** A segment's predicate for an export; one with an error is refused by name. */
export function exportPredicate(segment: NamedDefinition, schema: SegmentSchema, library: SegmentLibrary = []): string {
  try {
    return segmentPredicate(segment.definition, schema, library);
  } catch (e) {
    throw new WorkbenchError('rule', `Segment "${segment.name}" cannot be exported: ${errorMessage(e)}`);
  }
}

/** The customer export's query and its columns, in order. */
export interface SegmentExport {
  sql: string;
  columns: string[];
}

/**
 * The customer export: with `member` set, only that segment's members; otherwise every customer
 * with one true/false column per segment. A segment with an error is refused by name. "Is in
 * segment" rules are resolved in `library` (all the spec's segments, exported or not). With
 * `consentOnly`, only the customers who accept marketing.
 */
export function segmentExport(
  segments: readonly NamedDefinition[],
  schema: SegmentSchema,
  member: number | null,
  library: SegmentLibrary = [],
  consentOnly = false,
): SegmentExport {
  const predicates = segments.map((s) => exportPredicate(s, schema, library));
  const viewColumns = schema.customers.map((c) => c.name);
  const consent = consentOnly ? [CONSENTING] : [];
  if (member !== null) return { sql: exportCustomersSql({ where: [predicates[member], ...consent].join(' AND ') }), columns: viewColumns };
  const headers = flagHeaders(
    segments.map((s) => s.name),
    viewColumns,
  );
  return {
    sql: exportCustomersSql({ flags: headers.map((header, i) => ({ header, predicate: predicates[i] })), where: consent[0] }),
    columns: [...viewColumns, ...headers],
  };
}

/** The export, a page at a time, through the one export writer: what the page downloads. */
export function writeSegmentExport(
  db: UserSqlRunner,
  write: ExportChunks,
  segments: readonly NamedDefinition[],
  schema: SegmentSchema,
  member: number | null,
  library: SegmentLibrary = [],
  consentOnly = false,
): Promise<ExportSummary> {
  const { sql, columns } = segmentExport(segments, schema, member, library, consentOnly);
  return writeExport(db.pages(sql), plainFormat(columns), write);
}

/** The export as CSV text in one piece, as the command line writes it. */
export async function segmentExportCsv(
  db: UserSqlRunner,
  segments: readonly NamedDefinition[],
  schema: SegmentSchema,
  member: number | null,
  library: SegmentLibrary = [],
  consentOnly = false,
): Promise<string> {
  const { sql, columns } = segmentExport(segments, schema, member, library, consentOnly);
  return (await exportText(db.pages(sql), plainFormat(columns))).text;
}
