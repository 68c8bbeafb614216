import type { RegisteredFile } from '../../src/lib/import/run-import.ts';
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
