import { WorkbenchError } from '../errors.ts';
import { inPages } from '../export/paged-export.ts';

/**
 * One result row, keyed by column name. Rows are null-prototype objects, so a column named
 * `__proto__`, `constructor` or `toString` is an ordinary key (see `rowObject`).
 */
export type Row = Record<string, unknown>;

/**
 * Rows per page when a result is read in pages (exports): enough that the per-page work is small
 * next to the rows', few enough that a page of wide rows stays a few megabytes.
 */
export const PAGE_ROWS = 10_000;

/** The two things the import needs from a database; the browser worker, tests and CLI implement it. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
  /**
   * The rows in pages of about PAGE_ROWS, as the engine streams them, so no page holds the whole
   * result. A runner without it (the CLI's) reads the whole result and cuts it (see `rowPages`).
   */
  pages?(sql: string): AsyncIterable<Row[]>;
}

/** A query's rows in pages: streamed where the runner can, else read whole and cut. */
export async function* rowPages(db: SqlRunner, sql: string): AsyncGenerator<Row[]> {
  if (db.pages) yield* db.pages(sql);
  else yield* inPages(await db.rows(sql), PAGE_ROWS);
}

/** What one statement built from user text may be: a query, or the temporary table segment work builds from one. */
export type StatementKind = 'select' | 'create';

/** A runner that can prepare: what the gate for user SQL needs. */
export interface PreparingRunner extends SqlRunner {
  /**
   * Prepares the whole text as one statement, then runs that prepared statement. DuckDB refuses to
   * prepare several statements at once; where the engine tells a statement's type (native DuckDB),
   * a statement of another kind than `kind` is refused too.
   */
  runPrepared(sql: string, kind: StatementKind): Promise<Row[]>;
  /** Prepares the whole text as `runPrepared` does, then streams its rows in pages (see `SqlRunner.pages`). */
  pagesPrepared?(sql: string, kind: 'select'): AsyncIterable<Row[]>;
}

declare const gated: unique symbol;

/**
 * The only runner that may run statements built from user text (SQL segments from the editor, a file
 * or a link; rule values and column names): every statement is prepared whole before it runs. The
 * compilers wrap user text in a statement that begins with their own SELECT (or CREATE … AS SELECT),
 * so a statement the engine prepares as one is that statement: text that closes the wrapper and
 * adds `; UPDATE …` makes several statements, and nothing runs. Keyword checks in user-sql.ts give
 * friendlier messages; this is the guarantee.
 */
export interface UserSqlRunner {
  readonly [gated]: true;
  /** One query; its rows. */
  rows(sql: string): Promise<Row[]>;
  /** One query; its rows in pages (an export's). */
  pages(sql: string): AsyncIterable<Row[]>;
  /** One `CREATE … AS SELECT` of a temporary table. */
  create(sql: string): Promise<void>;
  /**
   * A query the app wrote over tables it built, with no user text in it (the KPIs and overlap read
   * `segment_flags`): not the gate's business, and not held to the time limit for SQL nobody asked
   * to run, which is for segments' own SQL. A Cancel still stops it.
   */
  ownRows(sql: string): Promise<Row[]>;
}

const MULTIPLE_STATEMENTS = /cannot prepare multiple statements/i;

export function userSqlRunner(db: PreparingRunner, own: SqlRunner = db): UserSqlRunner {
  const run = async (sql: string, kind: StatementKind) => {
    try {
      return await db.runPrepared(sql, kind);
    } catch (e) {
      throw gateError(e);
    }
  };
  async function* pages(sql: string): AsyncGenerator<Row[], void, undefined> {
    if (!db.pagesPrepared) {
      yield* inPages(await run(sql, 'select'), PAGE_ROWS);
      return;
    }
    try {
      yield* db.pagesPrepared(sql, 'select');
    } catch (e) {
      throw gateError(e);
    }
  }
  const gate: Omit<UserSqlRunner, typeof gated> = {
    rows: (sql) => run(sql, 'select'),
    pages,
    create: async (sql) => void (await run(sql, 'create')),
    ownRows: (sql) => own.rows(sql),
  };
  return gate as UserSqlRunner;
}

/** DuckDB's refusal to prepare several statements, in the page's words; any other error as it is. */
function gateError(e: unknown): unknown {
  return e instanceof Error && MULTIPLE_STATEMENTS.test(e.message) ? refusedSeveral() : e;
}

function refusedSeveral(): WorkbenchError {
  return new WorkbenchError(
    'refused',
    'More than one statement: a segment is one condition or one SELECT that only reads, so SQL that ends the query and starts another (a ";" outside a string) is not run at all.',
  );
}

/** What `runPrepared` says when native DuckDB prepared a statement of another kind than expected. */
export function refusedKind(kind: StatementKind, actual: string): WorkbenchError {
  return new WorkbenchError('refused', `Expected one ${kind === 'select' ? 'SELECT' : 'CREATE … AS SELECT'}, got a ${actual} statement.`);
}

/**
 * A row as a null-prototype object: assigning `row['__proto__']` on an ordinary object would set
 * its prototype instead of a key, and reading `row['constructor']` would find Object's.
 */
export function rowObject(names: readonly string[], values: (i: number) => unknown): Row {
  const row: Row = Object.create(null);
  names.forEach((name, i) => (row[name] = values(i)));
  return row;
}
