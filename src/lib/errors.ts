/** What went wrong, in terms the UI can explain and act on. */
export type ErrorKind =
  | 'engine'
  | 'encoding'
  | 'parse'
  | 'mapping'
  | 'duplicates'
  | 'memory'
  | 'sql'
  | 'unsupported-file'
  | 'refused'
  | 'rule'
  /** Cancelled by the user: see stop-reason.ts. */
  | 'stopped'
  /** Past the time limit for SQL nobody asked to run: see stop-reason.ts. */
  | 'time-limit';

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
  // First: a refused path or setting may contain words the checks below look for (a URL with "utf8").
  const locked = engineLockMessage(message);
  if (locked) return new WorkbenchError('refused', locked);
  if (/out of memory|could not allocate|malloc|memory access out of bounds/i.test(message)) {
    return new WorkbenchError(
      'memory',
      `This file is too large for the browser's memory (${firstLine(message)}). Try a smaller extract, or the command-line tool for large files.`,
    );
  }
  // DuckDB's words for bytes that are not UTF-8; a message that only lists `encoding = utf-8` among its options is not one.
  if (/invalid unicode|not (?:valid )?utf-?8|invalid utf-?8/i.test(message)) {
    return new WorkbenchError('encoding', `This file is not valid UTF-8: choose its encoding (e.g. windows-1252). ${firstLine(message)}`);
  }
  return new WorkbenchError('sql', message);
}

/** What every refusal by the engine lock (src/lib/sql/lockdown.ts) begins with. */
export const ENGINE_LOCK = 'Blocked by the engine lock';

/**
 * DuckDB's words for what the lock refuses, mapped to a message that says it was the lock, and why
 * it cannot be lifted, with DuckDB's own first line after it. Null for any other error.
 */
export function engineLockMessage(message: string): string | null {
  const duckdb = `(DuckDB: ${firstLine(message)})`;
  // enable_external_access = false and allowed_directories: any path outside the loaded files.
  if (/Permission Error: Cannot access (file|directory) .*disabled by configuration/.test(message)) {
    return `${ENGINE_LOCK}: this page never reads from or sends to the network or your disk; SQL here reads only the files you loaded. ${duckdb}`;
  }
  if (/Permission Error: .*extensions? .*disabled (by|through) configuration/i.test(message)) {
    return `${ENGINE_LOCK}: this page loads no DuckDB extensions, so nothing is ever downloaded. ${duckdb}`;
  }
  // autoload_known_extensions = false: a function that lives in an extension.
  const extension = /is not in the catalog, but it exists in the (\w+) extension/.exec(message);
  if (extension) {
    return `${ENGINE_LOCK}: this needs the ${extension[1]} extension, and this page loads no DuckDB extensions, so nothing is ever downloaded. ${duckdb}`;
  }
  // lock_configuration = true.
  const setting = /Cannot change configuration option "([^"]+)" - the configuration has been locked/.exec(message);
  if (setting) {
    return `${ENGINE_LOCK}: the engine's settings (here ${setting[1]}) are locked for as long as this page is open, so nothing can open it to the network or your disk. ${duckdb}`;
  }
  return null;
}

export function firstLine(text: string): string {
  return text.split('\n')[0];
}
