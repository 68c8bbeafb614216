import type { FilePart, RegisteredFile } from '../../src/lib/import/run-import.ts';
import { countRecords, recordDialect } from '../../src/lib/import/record-count.ts';
import { defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';

/**
 * What runImport needs for a CSV registered at `uploads/<file.name>` (or `path`): where it is, its
 * delimiter and its records counted from the same bytes, as the worker and the CLI count them.
 */
export function csvRegistration(file: FileImport, content: string | Uint8Array, path = `uploads/${file.name}`): RegisteredFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const dialect = recordDialect(file);
  return { path, delimiter: dialect.delimiter, count: countRecords(bytes, dialect) };
}

/** A transactions file read with default parse options, its columns given as name → role in file order. */
export function transactionsFile(name: string, roles: Record<string, Role>): FileImport {
  return {
    name,
    kind: 'transactions',
    parse: defaultParseOptions(),
    columns: Object.entries(roles).map(([column, role]) => ({ name: column, role })),
  };
}

/**
 * `bytes` registered in `db` as parts cut every `cutEvery` bytes between records, the first at
 * `path` and the rest after it, as the worker registers a compact load's files
 * (workers/register-file.ts); what runImport needs to read them.
 */
export function partsRegistration(
  db: { register(name: string, bytes: Uint8Array): void },
  file: FileImport,
  bytes: Uint8Array,
  path: string,
  cutEvery: number,
): RegisteredFile & { parts: readonly FilePart[] } {
  const dialect = recordDialect(file);
  const count = countRecords(bytes, dialect, cutEvery);
  const cuts = count.cuts ?? [];
  const ends = [...cuts.map((c) => c.byte), bytes.length];
  db.register(path, bytes.subarray(0, ends[0]));
  const parts = cuts.map((cut, k) => {
    db.register(`${path}.part${k + 1}`, bytes.subarray(cut.byte, ends[k + 1]));
    return { path: `${path}.part${k + 1}`, linesBefore: cut.lines };
  });
  return { path, delimiter: dialect.delimiter, count, parts };
}
