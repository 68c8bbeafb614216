import Papa from 'papaparse';
import { formulaSafe } from '../csv/formula-safe.ts';

/** Papa's default line end, which the one-piece writer has always used. */
const NEWLINE = '\r\n';

/** A cell as every export writes it: empty for NULL, text a spreadsheet would run as a formula neutralised. */
const cellText = (value: unknown): string => (value == null ? '' : formulaSafe(String(value)));

/**
 * The app's CSV writer, a page of rows at a time: UTF-8 text, header first, CRLF line ends, headers and
 * cells that a spreadsheet would run as formulas neutralised. Each row is quoted on its own (Papa's
 * rules do not depend on other rows), so the pages joined are byte for byte what `Papa.unparse` writes
 * for all rows at once, including its header followed by a line end when there are no rows.
 */
export class CsvPages {
  readonly #columns: readonly string[];
  #rows = 0;

  constructor(columns: readonly string[]) {
    this.#columns = columns;
  }

  /** The header line and its line end: the start of every file, the whole of an empty one. */
  header(): string {
    return Papa.unparse([this.#columns.map(formulaSafe)], { newline: NEWLINE }) + NEWLINE;
  }

  /** The next rows' lines, keyed by column (given columns keep their order); '' for no rows. */
  page(rows: readonly Record<string, unknown>[]): string {
    if (!rows.length) return '';
    const lines = Papa.unparse(
      rows.map((r) => this.#columns.map((c) => cellText(r[c]))),
      { newline: NEWLINE },
    );
    const text = this.#rows ? NEWLINE + lines : lines;
    this.#rows += rows.length;
    return text;
  }

  /** Rows written so far. */
  get rows(): number {
    return this.#rows;
  }
}
