/** What went wrong, in terms the UI can explain and act on. */
export type ErrorKind =
  'engine' | 'encoding' | 'parse' | 'mapping' | 'duplicates' | 'memory' | 'sql' | 'unsupported-file' | 'refused' | 'rule';

const PREFIX = 'WorkbenchError:';

/**
 * An error whose kind survives the worker boundary: comlink carries only message, name and
 * stack, so the kind travels in the name.
 */
export class WorkbenchError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.name = PREFIX + kind;
  }
}

/** The kind of any error, including one rebuilt by comlink on this side of the worker. */
export function errorKind(error: unknown): ErrorKind | 'unknown' {
  if (error instanceof Error && error.name.startsWith(PREFIX)) {
    return error.name.slice(PREFIX.length) as ErrorKind;
  }
  return 'unknown';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Gives a DuckDB error the kind a person can act on. */
export function fromDuckDbError(error: unknown): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const message = errorMessage(error);
  if (/out of memory|could not allocate|malloc|memory access out of bounds/i.test(message)) {
    return new WorkbenchError(
      'memory',
      `This file is too large for the browser's memory (${firstLine(message)}). Try a smaller extract, or the command-line tool for large files.`,
    );
  }
  if (/invalid unicode|utf-?8/i.test(message)) {
    return new WorkbenchError('encoding', `This file is not valid UTF-8: choose its encoding (e.g. windows-1252). ${firstLine(message)}`);
  }
  return new WorkbenchError('sql', message);
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
