import Papa from 'papaparse';
import type { Delimiter } from '../spec/import.ts';

export interface Preview {
  /** Column names as the import will use them: unique, never empty. */
  headers: string[];
  rows: string[][];
}

/**
 * The first records of a file's head, split as DuckDB will split them (any of LF, CRLF or CR
 * ends a line). The head may end mid-record, so its last line is dropped unless the head is the
 * whole file.
 */
export function previewRecords(text: string, delimiter: Delimiter, header: boolean, complete: boolean, limit = 20): Preview {
  // A line may end in LF, CRLF or CR alone (old Mac files): cut after the last of any.
  const body = complete ? text : text.slice(0, Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'), 0));
  const records =
    delimiter === 'whitespace'
      ? body
          .split(/\r\n|\n|\r/)
          .filter((l) => l.trim() !== '')
          .map((l) => l.trim().split(/[ \t]+/))
      : (Papa.parse<string[]>(body, { delimiter, quoteChar: '"', skipEmptyLines: true }).data as string[][]);
  const width = records.reduce((w, r) => Math.max(w, r.length), 0);
  const first = header ? (records[0] ?? []) : [];
  const names = Array.from({ length: header ? first.length : width }, (_, i) => first[i] ?? '');
  return { headers: uniqueNames(names), rows: records.slice(header ? 1 : 0, (header ? 1 : 0) + limit) };
}

/** Trims names, drops NUL, fills empty ones (`column3`), and suffixes repeats (`amount_2`); case-insensitive as in DuckDB. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    // NUL cannot be part of a name in SQL (a header of NUL padding would otherwise stop the load).
    const base =
      raw
        .replace(/^\uFEFF/, '')
        .replaceAll('\0', '')
        .trim() || `column${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
