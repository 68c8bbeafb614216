import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnySpecFile as SpecFile } from '../../src/lib/spec/migrate.ts';
import { CUSTOMERS_FIXTURES, ORDERS_FIXTURES, SOURCES_DIR, expectedRows, fixtureText, twoPlaces } from '../fixtures/sources/catalogue.ts';
import { rowsOf } from '../fixtures/sources/references.ts';
import { runCli } from './run-cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sw-sources-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => path.join(SOURCES_DIR, name);

/** The export's buyers: customer → [monetary, frequency]. */
function buyersOf(csv: string): Record<string, [string, number]> {
  return Object.fromEntries(
    rowsOf(csv)
      .filter((r) => r.frequency !== '')
      .map((r) => [r.customer_id, [twoPlaces(r.monetary), Number(r.frequency)]]),
  );
}

async function apply(...args: string[]) {
  const run = await runCli('apply', ...args);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

describe('segment-workbench apply recognises the same exports as the page', () => {
  test.each(ORDERS_FIXTURES)('$file: recognised, and the totals of its documentation', async (f) => {
    const run = await apply(fixture(f.file));
    expect(run.stderr).toMatch(new RegExp(`^${f.file}: recognised as `, 'm'));
    expect(buyersOf(run.stdout)).toEqual(expectedRows(f.reference(fixtureText(f.file))));
  });

  test.each(CUSTOMERS_FIXTURES)('$file beside its orders: a customers file, its columns as attributes', async (f) => {
    const run = await apply(fixture(f.orders.file), '--customers', fixture(f.file));
    expect(run.stderr).toMatch(new RegExp(`^${f.file}: recognised as .*a customers file`, 'm'));
    expect(buyersOf(run.stdout)).toEqual(expectedRows(f.orders.reference(fixtureText(f.orders.file))));
  });
});

describe('a spec records the source, and may change any of its choices', () => {
  const spec = (name: string, content: SpecFile) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  test('source null reads a Shopify export as no known export: its line items go under "no customer id" again', async () => {
    const run = await apply(
      fixture('shopify-orders.csv'),
      '--spec',
      spec('none.json', { version: 1, import: { transactions: { source: null } } }),
    );
    expect(run.stderr).not.toContain('recognised as');
    expect(run.stderr).toMatch(/shopify-orders\.csv: 20 records: 12 loaded, 0 rejected, 8 excluded \(no_customer_id 8\)/);
    // Without the export's settings the values still speak: Email holds addresses, so ids are
    // lower-cased and trimmed (said as a guess), and the 7 spellings are 5 customers again.
    expect(run.stderr).toContain('guessed: Customer ids lower-cased and trimmed: Email holds e-mail addresses');
    expect(run.stderr).toContain('5 customers, 12 orders');
    // Told not to, they are 7.
    const cased = await apply(
      fixture('shopify-orders.csv'),
      '--spec',
      spec('none-cased.json', { version: 1, import: { transactions: { source: null }, ids: { lowerCase: false } } }),
    );
    expect(cased.stderr).toContain('7 customers, 12 orders');
  });

  test('a spec key wins over the preset’s: HubSpot deals with every stage kept', async () => {
    const run = await apply(
      fixture('hubspot-deals.csv'),
      '--spec',
      spec('stages.json', { version: 1, import: { cleaning: { keepOnly: [] } } }),
    );
    // The lost deal has no amount: kept, it is rejected for it.
    expect(run.stderr).toMatch(/hubspot-deals\.csv: 11 records: 9 loaded, 1 rejected, 1 excluded \(no_customer_id 1\)/);
  });

  test('a named source applies to a file whose header would not be recognised by itself', async () => {
    // The same Stripe payments with the columns the preset does not need cut away, so its signature no longer matches.
    const rows = rowsOf(fixtureText('stripe-payments-legacy.csv'));
    const keep = [
      'id',
      'Created (UTC)',
      'Converted Amount',
      'Converted Amount Refunded',
      'Converted Currency',
      'Status',
      'Captured',
      'Customer ID',
      'Customer Email',
    ];
    const cut = path.join(dir, 'stripe-cut.csv');
    writeFileSync(cut, [keep.join(','), ...rows.map((r) => keep.map((k) => r[k]).join(','))].join('\n') + '\n');
    const unrecognised = await runCli('apply', cut);
    expect(unrecognised.stderr).not.toContain('recognised as');
    const named = await apply(
      cut,
      '--spec',
      spec('stripe.json', { version: 1, import: { transactions: { source: 'stripe-payments-legacy' } } }),
    );
    expect(named.stderr).toContain('stripe-cut.csv: recognised as Stripe payments export');
    expect(buyersOf(named.stdout)).toEqual(buyersOf((await apply(fixture('stripe-payments-legacy.csv'))).stdout));
  });

  test('an unknown source or a bad cleaning key is named by its path, before any file is read', async () => {
    const run = await runCli(
      'apply',
      fixture('stripe-payments-legacy.csv'),
      '--spec',
      spec('bad.json', {
        version: 1,
        import: { transactions: { source: 'stripe-2' }, cleaning: { keepOnly: [{ column: 'Status' }] } },
      } as never),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('spec.import.transactions.source: expected one of');
    expect(run.stderr).toContain('spec.import.cleaning.keepOnly[0]: values is missing');
  });
});
