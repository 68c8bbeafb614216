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
 * Transaction lines of the made-up files, round by round: the import and analysis of each round run
 * on files of that many lines. 5,000 took the first 1M-row import as far down as 100,000 did (2.8 s
 * against 3.3 s cold, in Node); 1,000 left more of it cold.
 *
 * Chromium optimises less of a single round than Node does: after one round, its background
 * compiler was still at work through a 1M-row import and analysis. Measured in the page (1M rows +
 * customers, files chosen once the warm-up had ended, nine alternating runs each on a noisy
 * machine): files chosen → import report 7.25 s on average after one round of 5,000 lines, 6.68 s
 * after three.
 *
 * A second 1M import in the same page took half the time in every statement after the read: some of
 * the engine is only run, and optimised, by files larger than 5,000 lines. Hence a last round of
 * 50,000. In three sittings of alternating builds (ten runs of each in all), the 1M import took
 * 4.88–5.50 s against 5.30–6.56 s after three rounds of 5,000, and the first analysis 0.44–0.60 s
 * against 0.49–0.69 s. Its cost: the warm-up takes 5.7 s instead of 4.6 s, and the engine keeps the
 * memory that round used, since its memory never shrinks (the page's resident memory after the
 * warm-up 662 MiB against 619 MiB), so a device that says it has little memory leaves it out
 * (warmUpRounds). Some of the gain is that memory, already mapped when the import writes to it: on
 * this machine a first write to a page costs about 13 µs, and 43 MiB is about 11,000 pages. A round
 * of 25,000 lines did no better than 5,000. One of 200,000 did better but kept 200 MiB more, and the
 * same 200 MiB only written and dropped bought most of its gain: not worth keeping for every visitor.
 *
 * Four more analyses after the last round did not speed up the first real one (2026-12-03, 1M rows +
 * customers, four alternating runs each): 449–536 ms against 441–562 ms, for a warm-up of 5.2–5.3 s
 * against 4.4–4.5 s. Its slowest statement, `customer_scores`, took 121–140 ms against 97–145 ms,
 * and 20–28 ms when the same page ran it again: what it pays the first time is not cold code.
 */
export const WARM_UP_ROUNDS: readonly number[] = [5_000, 5_000, 50_000];

/** Below this much memory (GB, as `navigator.deviceMemory` says), no round is larger than the first. */
export const WARM_UP_LARGE_ROUND_MIN_GB = 4;

/**
 * The rounds for a device with `deviceMemoryGb` of memory: all of WARM_UP_ROUNDS, or on a device
 * that says it has less than WARM_UP_LARGE_ROUND_MIN_GB, as many rounds of the first's size. A
 * browser that does not say (only Chromium's do) gets all of them.
 */
export function warmUpRounds(deviceMemoryGb: number | undefined): readonly number[] {
  if (deviceMemoryGb === undefined || deviceMemoryGb >= WARM_UP_LARGE_ROUND_MIN_GB) return WARM_UP_ROUNDS;
  return WARM_UP_ROUNDS.map(() => WARM_UP_ROUNDS[0]);
}

/** Where the warm-up's files are registered with the engine, as an import's are. */
export interface WarmUpHost {
  register(spec: ImportSpec, files: File[]): Promise<RegisteredFile[]>;
  unregister(files: RegisteredFile[]): Promise<void>;
}

/**
 * Imports and analyses made-up files once per round (`rounds`: their lines, WARM_UP_ROUNDS by
 * default), then drops every table and view it made and unregisters its files. Files of a size the
 * round before did not have replace that round's. Ends early, between two statements, once `stop()`
 * says so (a request is waiting): what ran is compiled, and the request waits only for the
 * statement running. Says whether it ran whole.
 */
export async function warmUp(
  db: SqlRunner,
  host: WarmUpHost,
  stop: () => boolean,
  rounds: readonly number[] = WARM_UP_ROUNDS,
): Promise<boolean> {
  const before = await userObjects(db);
  const untilStopped: SqlRunner = {
    exec: (sql) => (stop() ? Promise.reject(new Stopped()) : db.exec(sql)),
    rows: (sql) => (stop() ? Promise.reject(new Stopped()) : db.rows(sql)),
  };
  let registered: WarmUpFiles | undefined;
  try {
    for (const lines of rounds) {
      if (registered?.lines !== lines) {
        if (registered) await host.unregister(registered.files);
        registered = undefined; // so that `finally` does not unregister them again if the next fail
        registered = await registerFiles(host, lines, stop);
      }
      await runImport(untilStopped, registered.spec, registered.files);
      await runAnalysis(untilStopped, defaultAnalysisSpec(), null);
    }
    return true;
  } catch (e) {
    if (e instanceof Stopped) return false;
    throw e;
  } finally {
    for (const sql of dropNewObjectsSql(before, await userObjects(db))) await db.exec(sql);
    if (registered) await host.unregister(registered.files);
  }
}

/** Made-up files of `lines` lines, registered, and the spec the page would guess for them. */
interface WarmUpFiles {
  lines: number;
  spec: ImportSpec;
  files: RegisteredFile[];
}

async function registerFiles(host: WarmUpHost, lines: number, stop: () => boolean): Promise<WarmUpFiles> {
  const files = (await warmUpFiles(lines, stop)).map((f) => new File([f.text], f.name, { type: 'text/csv' }));
  const inspections = await Promise.all(files.map(async (f) => inspectFile(f.name, await readHead(f), headIsWhole(f.name, f.size))));
  const spec = defaultImportSpec(inspections.map((i) => i.mapping));
  return { lines, spec, files: await host.register(spec, files) };
}

class Stopped extends Error {}

/**
 * A transactions file of `lines` lines and its customers file (with contact fields), made up by the
 * generator of the sample and the benchmark data, so the warm-up takes the paths a real export
 * takes: cancelled invoices, returns, lines without a customer, buyers missing from the customers
 * file.
 */
export async function warmUpFiles(lines: number, stop: () => boolean = () => false): Promise<{ name: string; text: string }[]> {
  const dataset = createDataset(benchOptions(lines, { seed: 7, contacts: true }));
  return [
    { name: 'warm-up-transactions.csv', text: await joinGivingWay(dataset.transactionsCsv(MADE_UP_CHUNK_CHARS), stop) },
    { name: 'warm-up-customers.csv', text: await joinGivingWay(dataset.customersCsv(MADE_UP_CHUNK_CHARS), stop) },
  ];
}

/**
 * Made-up text is generated in slices of this many characters, and a request waiting between two
 * slices stops the warm-up: 50,000 lines took 0.2–0.6 s to make in one go (Node), a slice at most
 * 0.13–0.21 s (the first, which also plans the lines), about what the warm-up's longest statement
 * takes.
 */
const MADE_UP_CHUNK_CHARS = 1 << 18;

/** Joins the chunks, letting the worker's messages in after each (so that `stop` can say a request came). */
async function joinGivingWay(chunks: Iterable<string>, stop: () => boolean): Promise<string> {
  const parts: string[] = [];
  for (const chunk of chunks) {
    parts.push(chunk);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (stop()) throw new Stopped();
  }
  return parts.join('');
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
