import { runAnalysis } from '../analysis/run-analysis.ts';
import { inspectFile } from '../preview/inspect.ts';
import { headIsWhole, readHead } from '../preview/read-head.ts';
import { defaultImportSpec, type ImportSpec } from '../spec/import.ts';
import { defaultAnalysisSpec } from '../spec/rfm-defaults.ts';
import { ident } from '../sql/quote.ts';
import { createDataset } from '../synth/dataset.ts';
import { benchOptions } from '../synth/options.ts';
import { runImport, type RegisteredFile } from './run-import.ts';
import type { SqlRunner } from './sql-runner.ts';

/**
 * V8 first runs WebAssembly as quickly compiled code, and optimises a function only after it has run
 * a while: an engine's first import and analysis run slower than any after them. A 1M-row import took
 * 3.3 s cold and 2.6 s the second time (the browser's engine in Node); in the page, 3.35 s cold and
 * 2.9 s after this warm-up. So once the engine has started, while a person is still choosing files,
 * a small import and analysis of made-up data runs the same code, and everything it made is dropped.
 */

/**
 * Transaction lines of the made-up files. 5,000 took the first 1M-row import as far down as 100,000
 * did (2.8 s against 3.3 s cold, in Node); 1,000 left more of it cold.
 */
const WARM_UP_LINES = 5_000;

/**
 * How many times the made-up files are imported and analysed. Chromium optimises less of a single
 * round than Node does: after one round, its background compiler was still at work through a 1M-row
 * import and analysis. Measured in the page (1M rows + customers, files chosen once the warm-up had
 * ended, nine alternating runs each on a noisy machine): files chosen → import report 7.25 s on
 * average after one round, 6.68 s after three; the first analysis 0.92 s against 0.74 s. Three
 * rounds took 5 s there, against 3.3 s for one, while a person is still choosing files; a request
 * that comes first ends them (what ran is optimised all the same). Twenty thousand lines once did
 * no better than 5,000 once.
 */
export const WARM_UP_ROUNDS = 3;

/** Where the warm-up's files are registered with the engine, as an import's are. */
export interface WarmUpHost {
  register(spec: ImportSpec, files: File[]): Promise<RegisteredFile[]>;
  unregister(files: RegisteredFile[]): Promise<void>;
}

/**
 * Imports and analyses the made-up files, WARM_UP_ROUNDS times, then drops every table and view it
 * made and unregisters its files. Ends early, between two statements, once `stop()` says so (a
 * request is waiting): what ran is compiled, and the request waits only for the statement running.
 * Says whether it ran whole.
 */
export async function warmUp(db: SqlRunner, host: WarmUpHost, stop: () => boolean): Promise<boolean> {
  const before = await userObjects(db);
  const files = warmUpFiles().map((f) => new File([f.text], f.name, { type: 'text/csv' }));
  const inspections = await Promise.all(files.map(async (f) => inspectFile(f.name, await readHead(f), headIsWhole(f.name, f.size))));
  const spec = defaultImportSpec(inspections.map((i) => i.mapping));
  const untilStopped: SqlRunner = {
    exec: (sql) => (stop() ? Promise.reject(new Stopped()) : db.exec(sql)),
    rows: (sql) => (stop() ? Promise.reject(new Stopped()) : db.rows(sql)),
  };
  const registered = await host.register(spec, files);
  try {
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      await runImport(untilStopped, spec, registered);
      await runAnalysis(untilStopped, defaultAnalysisSpec(), null);
    }
    return true;
  } catch (e) {
    if (e instanceof Stopped) return false;
    throw e;
  } finally {
    for (const sql of dropNewObjectsSql(before, await userObjects(db))) await db.exec(sql);
    await host.unregister(registered);
  }
}

class Stopped extends Error {}

/**
 * A small transactions file and its customers file (with contact fields), made up by the generator
 * of the sample and the benchmark data, so the warm-up takes the paths a real export takes: cancelled
 * invoices, returns, lines without a customer, buyers missing from the customers file.
 */
export function warmUpFiles(): { name: string; text: string }[] {
  const dataset = createDataset(benchOptions(WARM_UP_LINES, { seed: 7, contacts: true }));
  return [
    { name: 'warm-up-transactions.csv', text: [...dataset.transactionsCsv()].join('') },
    { name: 'warm-up-customers.csv', text: [...dataset.customersCsv()].join('') },
  ];
}

export interface UserObject {
  kind: 'TABLE' | 'VIEW';
  database: string;
  schema: string;
  name: string;
}

/** Every table and view statements made, temporary ones included (DuckDB's own are internal). */
const USER_OBJECTS_SQL = `SELECT 'TABLE' AS kind, database_name AS database, schema_name AS schema, table_name AS name FROM duckdb_tables() WHERE NOT internal
UNION ALL SELECT 'VIEW', database_name, schema_name, view_name FROM duckdb_views() WHERE NOT internal`;

export async function userObjects(db: SqlRunner): Promise<UserObject[]> {
  return (await db.rows(USER_OBJECTS_SQL)) as unknown as UserObject[];
}

/** The statements that drop every table and view `after` lists and `before` did not. */
export function dropNewObjectsSql(before: readonly UserObject[], after: readonly UserObject[]): string[] {
  const qualified = (o: UserObject) => [o.database, o.schema, o.name].map(ident).join('.');
  const existed = new Set(before.map((o) => `${o.kind} ${qualified(o)}`));
  return after.filter((o) => !existed.has(`${o.kind} ${qualified(o)}`)).map((o) => `DROP ${o.kind} IF EXISTS ${qualified(o)}`);
}
