import { WorkbenchError } from '../errors.ts';

/**
 * One result row, keyed by column name. Rows are null-prototype objects, so a column named
 * `__proto__`, `constructor` or `toString` is an ordinary key (see `rowObject`).
 */
export type Row = Record<string, unknown>;

/** The two things the import needs from a database; the browser worker, tests and CLI implement it. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
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
      if (e instanceof Error && MULTIPLE_STATEMENTS.test(e.message)) throw refusedSeveral();
      throw e;
    }
  };
  return {
    rows: (sql) => run(sql, 'select'),
    create: async (sql) => void (await run(sql, 'create')),
    ownRows: (sql) => own.rows(sql),
  } as UserSqlRunner;
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
