import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { customersCsv } from '../../src/lib/csv/customers-csv.ts';
import { shareLink } from '../../src/lib/spec/share-link.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import type { AnySpecFile as SpecFile } from '../../src/lib/spec/migrate.ts';
import { runCli } from './run-cli.ts';
import { SQL_PAYLOADS } from '../fixtures/sql-payloads.ts';
import { hasShared, SHARED } from './shared-data.ts';
import { GUESS_FIXTURES, pointCents, reference, RULES, splitCsv, type CustomerTotal } from '../guess-reference.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../public/samples/retail-v1');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const RETAIL = path.join(SHARED, 'data/online-retail/online-retail.csv.gz');
const customersRows = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
let dir: string;
const tmp = (name: string) => path.join(dir, name);

/** A parquet copy with the types DuckDB's sniffer gives (timestamps, doubles, integer ids), not text. */
async function toParquet(csv: string, parquet: string): Promise<void> {
  const db = await openNativeDb(1);
  try {
    await db.exec(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    const types = (await db.rows(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('${parquet}'))`)).map((r) => r.column_type);
    expect(types).toContain('TIMESTAMP');
  } finally {
    db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sw-cli-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('segment-workbench apply', () => {
  test('a parquet copy of the sample gives the same export, byte for byte, as the CSV', async () => {
    await toParquet(path.join(SAMPLE, 'transactions.csv'), tmp('tx.parquet'));
    const customers = ['--customers', path.join(SAMPLE, 'customers.csv')];
    const fromCsv = await runCli('apply', path.join(SAMPLE, 'transactions.csv'), ...customers);
    const fromParquet = await runCli('apply', tmp('tx.parquet'), ...customers, '--out', tmp('from-parquet.csv'));
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    expect(fromParquet.code, fromParquet.stderr).toBe(0);
    expect(fromCsv.stdout.split('\r\n')[0]).toMatch(/^customer_id,recency_days,frequency,monetary,.*,signup_date,/);
    // The customers file's 5,000 customers (some never bought) and the 48 buyers it lacks.
    expect(fromCsv.stdout.split('\r\n')).toHaveLength(1 + 5_048);
    expect(readFileSync(tmp('from-parquet.csv'), 'utf8')).toBe(fromCsv.stdout);
  });

  test.skipIf(!hasShared)('Online Retail: parquet equals the gzip CSV, and --sql replays to the same export', async () => {
    await toParquet(RETAIL, tmp('retail.parquet'));
    const gz = await runCli('apply', RETAIL, '--out', tmp('retail.csv'));
    const parquet = await runCli('apply', tmp('retail.parquet'), '--out', tmp('retail-parquet.csv'));
    expect(gz.code, gz.stderr).toBe(0);
    expect(parquet.code, parquet.stderr).toBe(0);
    expect(gz.stderr).toContain('541909 records: 397924 loaded, 0 rejected, 143985 excluded');
    // The parquet file's records come from its footer, apart from the read: the same 541,909.
    expect(parquet.stderr).toContain('541909 records: 397924 loaded, 0 rejected, 143985 excluded');
    const csv = readFileSync(tmp('retail.csv'), 'utf8');
    expect(csv.split('\r\n')).toHaveLength(1 + 4_339);
    expect(readFileSync(tmp('retail-parquet.csv'), 'utf8')).toBe(csv);

    const sql = await runCli('apply', RETAIL, '--sql');
    expect(sql.code, sql.stderr).toBe(0);
    expect(sql.stdout).toContain('read_csv(');
    expect(sql.stdout).toContain('CREATE OR REPLACE VIEW customers');
    const db = await openNativeDb();
    try {
      // The script as a warehouse would get it: every statement, the export SELECT last.
      expect(customersCsv(await db.rows(sql.stdout))).toBe(csv);
    } finally {
      db.close();
    }
  });

  test('a spec file changes the definitions: breakpoints, 3 bins with their default range rules', async () => {
    writeFileSync(tmp('bins3.json'), JSON.stringify({ version: 1, analysis: { rfm: { method: 'breakpoints', bins: 3 } } }));
    const tx = path.join(SAMPLE, 'transactions.csv');
    const run = await runCli('apply', tx, '--spec', tmp('bins3.json'));
    expect(run.code, run.stderr).toBe(0);
    const scores = new Set(
      run.stdout
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[7]),
    );
    expect([...scores].every((cell) => /^[1-3]{3}$/.test(cell))).toBe(true);
    expect(run.stdout).toContain('Need Attention');
    expect(run.stdout).not.toBe((await runCli('apply', tx)).stdout);
  });

  test('a share link gives the same export as the spec file it holds; a damaged link is refused', async () => {
    const spec: SpecFile = {
      version: 1,
      analysis: { rfm: { method: 'breakpoints' } },
      segments: {
        segments: [
          { id: 's1', name: 'Big', definition: { kind: 'sql', sql: 'monetary > 500' } },
          {
            id: 's2',
            name: 'Mobile',
            definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules: [condition('device', 'eq', 'mobile')] } },
          },
        ],
      },
    };
    writeFileSync(tmp('shared.json'), JSON.stringify(spec));
    const tx = path.join(SAMPLE, 'transactions.csv');
    const customers = path.join(SAMPLE, 'customers.csv');
    const link = await shareLink('https://example.org/segment-workbench/', spec);
    const byFile = await runCli('apply', tx, '--customers', customers, '--spec', tmp('shared.json'));
    const byLink = await runCli('apply', tx, '--customers', customers, '--link', link);
    expect(byLink.code, byLink.stderr).toBe(0);
    expect(byLink.stdout.split('\r\n')[0]).toMatch(/,Big,Mobile$/);
    expect(byLink.stdout).toBe(byFile.stdout);
    const damaged = await runCli('apply', tx, '--link', link.slice(0, -20));
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain('--link: the share link cannot be read: it is damaged or cut short');
    expect((await runCli('apply', tx, '--link', link, '--spec', tmp('shared.json'))).code).toBe(2);
  });

  test('"is in segment" in a spec file: a disabled segment is still what "in" it means; the export holds the enabled ones', async () => {
    const spec: SpecFile = {
      version: 1,
      segments: {
        segments: [
          {
            id: 'mb',
            name: 'Mobile big',
            enabled: false,
            definition: {
              kind: 'rules',
              root: { type: 'group', combine: 'and', rules: [condition('device', 'eq', 'mobile'), condition('monetary', 'gte', '500')] },
            },
          },
          { id: 'de', name: 'German', definition: { kind: 'sql', sql: "country = 'DE'" } },
          {
            id: 'x',
            name: 'Mobile big outside Germany',
            definition: {
              kind: 'rules',
              root: {
                type: 'group',
                combine: 'and',
                rules: [
                  { type: 'segment', segment: 'mb', member: true, name: 'Mobile big' },
                  { type: 'segment', segment: 'de', member: false, name: 'German' },
                ],
              },
            },
          },
        ],
      },
    };
    writeFileSync(tmp('references.json'), JSON.stringify(spec));
    const run = await runCli(
      'apply',
      path.join(SAMPLE, 'transactions.csv'),
      '--customers',
      path.join(SAMPLE, 'customers.csv'),
      '--spec',
      tmp('references.json'),
    );
    expect(run.code, run.stderr).toBe(0);
    const rows = customersRows(run.stdout);
    expect(Object.keys(rows[0]).slice(-2)).toEqual(['German', 'Mobile big outside Germany']);
    const expected = rows.filter((r) => r.device === 'mobile' && Number(r.monetary) >= 500 && r.country !== 'DE').map((r) => r.customer_id);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r['Mobile big outside Germany'] === 'true').map((r) => r.customer_id)).toEqual(expected);
  });

  test("a spec file's SQL segment that smuggles a second statement is refused by name, and nothing else runs", async () => {
    const spec: SpecFile = {
      version: 1,
      segments: {
        segments: SQL_PAYLOADS.filter((p) => p.family.startsWith('dollar-quoted')).map((p, i) => ({
          id: `p${i}`,
          name: p.family,
          definition: { kind: 'sql', sql: p.sql },
        })),
      },
    };
    writeFileSync(tmp('payload.json'), JSON.stringify(spec));
    const run = await runCli(
      'apply',
      path.join(SAMPLE, 'transactions.csv'),
      '--customers',
      path.join(SAMPLE, 'customers.csv'),
      '--spec',
      tmp('payload.json'),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Segment "dollar-quoted \$\$" cannot be exported: (More than one statement|One statement only)/);
  });

  test('a spec or a link with any problem stops the run with every problem listed: a nightly job never runs on part of a definition', async () => {
    const spec = {
      version: 1,
      analysis: { analysisDate: '2024-13-45' },
      segments: {
        segments: [
          { id: 'a', name: 'A', definition: { kind: 'sql', sql: 'monetary > 0' } },
          { id: 'b', name: 'A', definition: { kind: 'sql', sql: 'monetary > 0' } },
        ],
      },
    };
    writeFileSync(tmp('partial.json'), JSON.stringify(spec));
    const tx = path.join(SAMPLE, 'transactions.csv');
    const byFile = await runCli('apply', tx, '--spec', tmp('partial.json'));
    const byLink = await runCli('apply', tx, '--link', await shareLink('https://example.org/', spec as SpecFile));
    const problems = [
      '2 problems, nothing was run:',
      '  - spec.analysis.analysisDate: expected a real date YYYY-MM-DD, got "2024-13-45"',
      '  - spec.segments.segments[1].name: "A" is already used by segments[0]',
    ].join('\n');
    expect(byFile.stderr).toBe(`segment-workbench: ${tmp('partial.json')} is not a valid spec: ${problems}\n`);
    expect(byLink.stderr).toBe(`segment-workbench: --link: ${problems}\n`);
    for (const run of [byFile, byLink]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
    }
  });

  test('ambiguous DD/MM or MM/DD dates stop with the spec option to set; setting it loads', async () => {
    writeFileSync(tmp('ambiguous.csv'), 'customer_id,order_date,amount\na,03/04/2024,10\nb,05/06/2024,20\na,07/08/2024,5\n');
    const stopped = await runCli('apply', tmp('ambiguous.csv'));
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('"import.transactions.parse.dateFormat" to one of "dmy", "mdy"');
    expect(stopped.stderr).not.toMatch(/\n\s+at /);

    writeFileSync(tmp('dmy.json'), JSON.stringify({ version: 1, import: { transactions: { parse: { dateFormat: 'dmy' } } } }));
    const loaded = await runCli('apply', tmp('ambiguous.csv'), '--spec', tmp('dmy.json'));
    expect(loaded.code, loaded.stderr).toBe(0);
    // Day first: b bought on 5 June, a last on 7 August (the analysis date is the 8th).
    expect(loaded.stdout).toContain('\r\na,1,2,15,');
    expect(loaded.stdout).toContain('\r\nb,64,1,20,4,1,2,412,New Customers,Gold,active,2024-06-05 00:00:00,');
  });

  test('a windows-1252 file decodes as in the browser (€ is 0x80): guessed, transcoded, loaded', async () => {
    writeFileSync(tmp('dmy-only.json'), JSON.stringify({ version: 1, import: { transactions: { parse: { dateFormat: 'dmy' } } } }));
    const run = await runCli('apply', path.join(FIXTURES, 'european-orders-cp1252.csv'), '--spec', tmp('dmy-only.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('\r\nRenée Müller,1,2,1234.51,');
    expect(run.stdout).toContain('\r\nZoë,190,1,99.99,');
  });

  test('a file the reader would misread, or one without records, stops with the reason, as on the page', async () => {
    writeFileSync(tmp('mixed.csv'), 'customer_id,order_date,amount\na,2024-01-01,10\r\nb,2024-01-02,20\n');
    const mixed = await runCli('apply', tmp('mixed.csv'));
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('mixed.csv cannot be read: its lines end in different ways (LF and CRLF)');
    writeFileSync(tmp('header-only.csv'), 'customer_id,order_date,amount\n');
    const empty = await runCli('apply', tmp('header-only.csv'));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('header-only.csv has no records below its header');
  });

  test.each([
    { name: 'a missing file', args: ['apply', 'no-such-file.csv'], code: 1, message: 'transactions file not found: no-such-file.csv' },
    {
      name: 'a missing customers file',
      args: ['apply', path.join(SAMPLE, 'transactions.csv'), '--customers', 'nope.csv'],
      code: 1,
      message: 'customers file not found: nope.csv',
    },
    { name: 'a directory', args: ['apply', SAMPLE], code: 1, message: 'is not a file' },
    {
      name: 'a missing spec',
      args: ['apply', path.join(SAMPLE, 'transactions.csv'), '--spec', 'nope.json'],
      code: 1,
      message: 'spec file not found: nope.json',
    },
    { name: 'no command', args: [], code: 2, message: 'usage: segment-workbench apply' },
    { name: 'an unknown option', args: ['apply', 'x.csv', '--frobnicate', '1'], code: 2, message: "Unknown option '--frobnicate'" },
  ])('$name: a clear message, exit $code, no stack trace', async ({ args, code, message }) => {
    const run = await runCli(...args);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  test.each([
    { spec: '{ "version": 1, ', error: 'not valid JSON' },
    { spec: '{}', error: 'spec: version is missing' },
    { spec: '{ "version": 1, "analysis": { "rfm": { "bins": 6 } } }', error: 'spec.analysis.rfm.bins: expected one of 3, 4, 5, got 6' },
    { spec: '{ "version": 1, "import": { "cleaning": { "retruns": true } } }', error: 'spec.import.cleaning: unknown key "retruns"' },
    {
      spec: '{ "version": 1, "import": { "transactions": { "columns": { "CustomerID": "client" } } } }',
      error: 'spec.import.transactions.columns["CustomerID"]: expected one of "customer_id"',
    },
    {
      spec: '{ "version": 1, "import": { "transactions": { "columns": { "Nope": "amount" } } } }',
      error: 'names "Nope", which transactions.csv does not have',
    },
    {
      spec: '{ "version": 1, "analysis": { "rfm": { "method": "thresholds" } } }',
      error: 'spec.analysis.rfm.thresholds: the thresholds method needs cut points for recency, frequency and monetary',
    },
  ])('a bad spec is refused with what is wrong: $error', async ({ spec, error }) => {
    writeFileSync(tmp('bad.json'), spec);
    const run = await runCli('apply', path.join(SAMPLE, 'transactions.csv'), '--spec', tmp('bad.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(error);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });
});

describe('segment-workbench apply guesses as the page does (issue 11 fixtures, no setting changed)', () => {
  /** Each customer in the export: orders, exact total as cents, first and last order. */
  function exported(csv: string): Map<string, CustomerTotal> {
    const [header, ...rows] = splitCsv(csv, ',');
    const at = (name: string) => header.indexOf(name);
    return new Map(
      rows.map((r) => [
        r[at('customer_id')],
        {
          orders: Number(r[at('frequency')]),
          cents: pointCents(r[at('monetary')]),
          first: r[at('first_purchase')],
          last: r[at('last_purchase')],
        },
      ]),
    );
  }
  const records = (name: string) => {
    const r = reference(name);
    const excluded = Object.values(r.excluded).reduce((a, b) => a + b, 0);
    return `${name}: ${r.records} records: ${r.loaded} loaded, 0 rejected, ${excluded} excluded`;
  };

  test.each(Object.keys(RULES).filter((name) => name !== 'client-visits.csv'))('%s', async (name) => {
    const run = await runCli('apply', path.join(GUESS_FIXTURES, name));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(records(name));
    const expected = reference(name);
    expect(run.stderr).toContain(`${expected.customers.size} customers, ${expected.orders} orders`);
    expect(exported(run.stdout)).toEqual(expected.customers);
  });

  test('the guesses are said as the page says them: per order for the ERP dump, lower-case for e-mail ids', async () => {
    const erp = await runCli('apply', path.join(GUESS_FIXTURES, 'erp-order-lines.csv'));
    expect(erp.stderr).toContain('erp-order-lines.csv: guessed: Per order: ORDER_TOTAL repeats one value on every line of an order');
    expect(erp.stderr).toContain('erp-order-lines.csv: guessed: ORDER_TOTAL is used for amounts, not QUANTITY × UNIT_PRICE');
    expect(erp.stderr).toContain('erp-order-lines.csv: guessed: ORDER_DATE has English month names');
    const mail = await runCli('apply', path.join(GUESS_FIXTURES, 'shop-orders-email.csv'));
    expect(mail.stderr).toContain('shop-orders-email.csv: guessed: Customer ids lower-cased and trimmed');
    const european = await runCli('apply', path.join(GUESS_FIXTURES, 'european-semicolon.csv'));
    expect(european.stderr).toContain('european-semicolon.csv: guessed: Belegdatum read as DD.MM.YYYY');
  });

  test('a spec file still decides over a guess: amounts per line for the ERP dump count each order once per line', async () => {
    writeFileSync(tmp('per-line.json'), JSON.stringify({ version: 1, import: { amountLevel: 'line' } }));
    const run = await runCli('apply', path.join(GUESS_FIXTURES, 'erp-order-lines.csv'), '--spec', tmp('per-line.json'));
    expect(run.code, run.stderr).toBe(0);
    const total = [...exported(run.stdout).values()].reduce((s, c) => s + c.cents, 0);
    expect(total).toBeGreaterThan(reference('erp-order-lines.csv').totalCents);
  });

  test('repeated ids in a customers file: the advice says it looks like transactions, and following it loads right', async () => {
    const visits = path.join(GUESS_FIXTURES, 'client-visits.csv');
    const asCustomers = await runCli('apply', path.join(GUESS_FIXTURES, 'shop-orders-email.csv'), '--customers', visits);
    expect(asCustomers.code).toBe(1);
    expect(asCustomers.stderr).toMatch(
      /client-visits\.csv: \d+ customer ids appear more than once .*This looks like transactions, not customers/,
    );
    expect(asCustomers.stderr).toContain('give it as the transactions file');

    writeFileSync(tmp('fee.json'), JSON.stringify({ version: 1, import: { transactions: { columns: { fee: 'amount' } } } }));
    const asTransactions = await runCli('apply', visits, '--spec', tmp('fee.json'));
    expect(asTransactions.code, asTransactions.stderr).toBe(0);
    expect(asTransactions.stderr).toContain(records('client-visits.csv'));
    expect(exported(asTransactions.stdout)).toEqual(reference('client-visits.csv').customers);
  });
});
