import { CsvPages } from './csv-pages.ts';

/** A result row keyed by column name (as the runners return them). */
export type ExportRow = Record<string, unknown>;

/** What an export format makes of the query's rows, a page at a time. */
export interface PagedFormat {
  /** The file's columns, in order. */
  columns: readonly string[];
  /** A page of the query's rows as the file's rows, keyed by column (the format may leave rows out). */
  rows(page: readonly ExportRow[]): readonly ExportRow[];
  /** After the last page: what the export left out, in sentences for the page. */
  notes?(): string[];
}

/**
 * Where an export's text goes as it is made: each chunk in order, with the rows written so far. It
 * may return a promise, and the next page waits for it (a download that cannot keep up slows the export
 * instead of piling up text).
 */
export type ExportChunks = (chunk: string, rowsWritten: number) => void | Promise<void>;

export interface ExportSummary {
  /** Rows in the file (customers, or rejected records). */
  rows: number;
  notes: string[];
}

/** The format that writes the query's rows as they are, in `columns`. */
export const plainFormat = (columns: readonly string[]): PagedFormat => ({ columns, rows: (page) => page });

/**
 * The one export writer: the query's pages in, CSV chunks out (the header, then one chunk per page),
 * never the whole file in one piece. Every download and the command line's output are made here.
 */
export async function writeExport(
  pages: AsyncIterable<readonly ExportRow[]>,
  format: PagedFormat,
  write: ExportChunks,
): Promise<ExportSummary> {
  const csv = new CsvPages(format.columns);
  await write(csv.header(), 0);
  for await (const page of pages) {
    const text = csv.page(format.rows(page));
    if (text) await write(text, csv.rows);
  }
  return { rows: csv.rows, notes: format.notes?.() ?? [] };
}

/** The export as one string, where the whole file is wanted anyway (the command line, tests). */
export async function exportText(
  pages: AsyncIterable<readonly ExportRow[]>,
  format: PagedFormat,
): Promise<ExportSummary & { text: string }> {
  const chunks: string[] = [];
  const summary = await writeExport(pages, format, (chunk) => void chunks.push(chunk));
  return { ...summary, text: chunks.join('') };
}

/** Rows already in memory as pages of at most `size` rows (for runners that cannot stream). */
export async function* inPages<T>(rows: readonly T[], size: number): AsyncGenerator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
