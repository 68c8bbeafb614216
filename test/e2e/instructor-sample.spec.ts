import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, parseCsv, test } from './fixtures.ts';
import { SPEC_PORTS } from './ports.ts';

/**
 * A deployment an instructor added data to: the production build, served by a tiny static server
 * (not Vite's), with `samples/instructor-demo.csv` and an entry for it in `samples/manifest.json`
 * laid over the build's own files, as copying them into the deployed folder would.
 */
const DIST = path.resolve(import.meta.dirname, '../../dist');
const SITE_PORT = SPEC_PORTS.instructorSite;
const SITE = `http://127.0.0.1:${SITE_PORT}/`;

const DEMO_CSV = [
  'order_id,customer_id,order_date,amount,region',
  'A-1,ann,2024-01-05,120.00,North',
  'A-2,bob,2024-01-09,80.50,South',
  'A-3,ann,2024-02-11,45.00,North',
  'A-4,cem,2024-02-20,300.00,East',
  'A-5,,2024-03-01,10.00,North',
  'A-6,dee,2024-03-15,55.25,South',
  'A-7,bob,2024-04-02,99.99,South',
  'A-8,ann,2024-04-30,60.00,North',
  '',
].join('\n');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

let overlay: string;
let server: Server;

test.beforeAll(async () => {
  expect(existsSync(path.join(DIST, 'index.html')), 'run `npm run build` first').toBe(true);
  overlay = mkdtempSync(path.join(tmpdir(), 'sw-instructor-'));
  mkdirSync(path.join(overlay, 'samples'));
  writeFileSync(path.join(overlay, 'samples/instructor-demo.csv'), DEMO_CSV);
  const manifest = JSON.parse(readFileSync(path.join(DIST, 'samples/manifest.json'), 'utf8')) as { samples: unknown[] };
  manifest.samples.push(
    {
      id: 'instructor-demo',
      name: 'Workshop orders (made up for the class)',
      files: [{ path: 'samples/instructor-demo.csv', kind: 'transactions' }],
      licence: 'CC0 1.0',
      version: '2025-1',
    },
    // A mistake an instructor might make: a file elsewhere. It is named and left out; the rest stays on offer.
    { id: 'broken', name: 'Broken', files: [{ path: '../outside.csv', kind: 'transactions' }], licence: 'CC0 1.0', version: '1' },
  );
  writeFileSync(path.join(overlay, 'samples/manifest.json'), JSON.stringify(manifest, null, 2));
  server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', SITE).pathname);
    const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    // The instructor's files first, then the build's; never a path outside them.
    const file = [overlay, DIST]
      .map((root) => ({ root, file: path.join(root, relative) }))
      .find(({ root, file }) => file.startsWith(root + path.sep) && existsSync(file) && statSync(file).isFile())?.file;
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(SITE_PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (overlay) rmSync(overlay, { recursive: true, force: true });
});

test.use({ baseURL: SITE });

test('?sample=instructor-demo loads the CSV an instructor placed in samples/, with no other step', async ({ app, page }) => {
  await app.open('?sample=instructor-demo');
  await app.loaded();
  await expect(page.getByRole('group', { name: 'Data loaded' })).toContainText('instructor-demo-instructor-demo.csv');
  const rows = parseCsv(DEMO_CSV);
  const withId = rows.filter((r) => r.customer_id !== '');
  const file = 'instructor-demo-instructor-demo.csv';
  expect(await app.count('input', file)).toBe(rows.length);
  expect(await app.accountedFor(file)).toBe(rows.length);
  expect(await app.count('loaded', file)).toBe(withId.length);
  expect(await app.count('excluded-no_customer_id', file)).toBe(rows.length - withId.length);
  expect(await app.count('customers')).toBe(new Set(withId.map((r) => r.customer_id)).size);
  const [total] = await app.sqlColumn('SELECT sum(amount) FROM orders');
  expect(Number(total)).toBeCloseTo(
    withId.reduce((sum, r) => sum + Number(r.amount), 0),
    6,
  );

  // The picker offers it beside the bundled samples, and names the entry it left out.
  await app.section('Data');
  await page.getByRole('button', { name: 'Change files or settings' }).click();
  const choice = page.getByLabel('Sample', { exact: true });
  await expect(choice.locator('option')).toHaveText([
    'Retail sample (synthetic, 2023–2024, with contact fields)',
    'B2B subscriptions sample (synthetic, 2023–2024, accounts and invoices)',
    'Retail sample (synthetic, 2023–2024)',
    'Workshop orders (made up for the class)',
  ]);
  await expect(page.getByRole('list', { name: 'Problems with the samples list' })).toHaveText(
    'samples/manifest.json: entry 5 ("broken") left out: files[0]: path must name a .csv, .tsv or .txt file (or .gz of one) inside samples/, like "samples/class.csv".',
  );
});

test('a link naming a sample the site does not offer says so', async ({ app, page }) => {
  await app.open('?sample=no-such-sample');
  await expect(page.getByRole('alert')).toContainText('“no-such-sample”, that this site does not offer');
  await expect(page.getByRole('alert')).toContainText('instructor-demo');
});
