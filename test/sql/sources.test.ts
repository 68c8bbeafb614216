import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { inspectFile, reinspect } from '../../src/lib/preview/inspect.ts';
import { headIsWhole, readHead } from '../../src/lib/preview/read-head.ts';
import { recogniseInspection } from '../../src/lib/sources/apply.ts';
import { sourceSettings } from '../../src/lib/sources/recognise.ts';
import { cleaningColumnProblems } from '../../src/lib/spec/cleaning-columns.ts';
import { defaultImportSpec, type ImportSpec } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { mappingProblems } from '../../src/lib/spec/validate-import.ts';
import {
  CUSTOMERS_FIXTURES,
  ORDERS_FIXTURES,
  SOURCES_DIR,
  coverage,
  expectedRows,
  fixtureText,
  twoPlaces,
} from '../fixtures/sources/catalogue.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
beforeAll(async () => {
  db = await openEngine();
});

/**
 * Loads fixtures as the page does when they are dropped and Load is pressed, with no setting
 * changed: the first look at each file, its recognition, the settings the sources call for.
 */
async function loadAsDropped(names: string[]) {
  const mappings = [];
  for (const name of names) {
    const bytes = readFileSync(path.join(SOURCES_DIR, name));
    const head = await readHead(new Blob([bytes]));
    const complete = headIsWhole(name, bytes.length);
    const { inspection, preset } = recogniseInspection(inspectFile(name, head, complete), (m, guess) =>
      reinspect(m, head, complete, guess),
    );
    // Nothing the page would ask before loading.
    expect(mappingProblems(inspection.mapping, inspection.dateChoices, preset?.dateFormat !== undefined)).toEqual([]);
    mappings.push(inspection.mapping);
    db.register(`uploads/${name}`, bytes);
  }
  const spec: ImportSpec = { ...defaultImportSpec(mappings), ...sourceSettings(mappings) };
  expect(cleaningColumnProblems(spec)).toEqual([]);
  const report = await runImport(
    db,
    spec,
    mappings.map((m) => csvRegistration(m, readFileSync(path.join(SOURCES_DIR, m.name)))),
  );
  await runAnalysis(db, defaultAnalysisSpec(), null);
  return { report, spec };
}

/** Every buyer's monetary (two places at least) and frequency, as the app computed them. */
async function buyers(): Promise<Record<string, [string, number]>> {
  const rows = await db.rows(
    `SELECT customer_id, CAST(monetary AS VARCHAR) AS monetary, frequency FROM customers WHERE frequency IS NOT NULL`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.customer_id), [twoPlaces(String(r.monetary)), Number(r.frequency)]]));
}

describe('each known export loads with no setting changed, to the totals its documentation implies', () => {
  test.each(ORDERS_FIXTURES)('$file is read as $source', async (fixture) => {
    const { report, spec } = await loadAsDropped([fixture.file]);
    expect(spec.files[0].source).toBe(fixture.source);
    const expected = expectedRows(fixture.reference(fixtureText(fixture.file)));
    expect(await buyers()).toEqual(expected);
    expect(report.customers).toBe(Object.keys(expected).length);
    // Every record accounted for.
    const f = report.files[0];
    expect(f.loaded + f.rejected + Object.values(f.excluded).reduce((a, b) => a + b, 0)).toBe(f.input);
    expect(f.rejected).toBe(0);
  });

  test.each(CUSTOMERS_FIXTURES)('$file is read as $source, a customers file beside its orders', async (fixture) => {
    const { report, spec } = await loadAsDropped([fixture.orders.file, fixture.file]);
    expect(spec.files.map((f) => [f.kind, f.source])).toEqual([
      ['transactions', fixture.orders.source],
      ['customers', fixture.source],
    ]);
    expect(report.customersFile).toEqual(coverage(fixture));
    expect(await buyers()).toEqual(expectedRows(fixture.orders.reference(fixtureText(fixture.orders.file))));
  });
});

describe('the quirks each fixture reproduces', () => {
  test('Shopify: line items inherit their order, so none is excluded for a blank e-mail; their products stay theirs', async () => {
    const { report } = await loadAsDropped(['shopify-orders.csv']);
    // Only the point-of-sale order without an e-mail has no customer.
    expect(report.files[0].excluded).toEqual({ no_customer_id: 1, not_kept: 6, cancelled: 1 });
    const items = await db.rows(`SELECT "Lineitem name" AS item FROM order_lines WHERE order_id = '#1002' ORDER BY rec_no`);
    expect(items.map((r) => r.item)).toEqual(['Walnut Serving Board', 'Ceramic Mug - Blue', 'Olive Oil Pourer']);
    // A fully refunded order is an order of 0; its customer spent nothing, and the report lists them.
    expect(report.nonPositiveBuyers).toEqual({ total: 1, first: [{ customerId: 'noah.kim@example.net', monetary: '0' }] });
    expect(report.amountConflicts).toBe(0);
  });

  test('Stripe: payments in several currencies add up in the account currency; the report warns of none', async () => {
    const { report } = await loadAsDropped(['stripe-payments-legacy.csv']);
    expect(report.currencies).toEqual(['USD']);
    // Stripe's own Currency column stays, as an attribute (renamed beside the canonical currency).
    const original = await db.rows(`SELECT DISTINCT "Currency_2" AS c FROM order_lines ORDER BY 1`);
    expect(original.map((r) => r.c)).toEqual(['eur', 'gbp', 'usd']);
  });

  test('HubSpot: open and lost deals are no purchases; a deal without a contact belongs to its company', async () => {
    const { report } = await loadAsDropped(['hubspot-deals.csv']);
    expect(report.files[0].excluded).toEqual({ no_customer_id: 1, not_kept: 4 });
    expect(await db.rows(`SELECT order_id FROM orders WHERE customer_id = 'soylent co' ORDER BY 1`)).toHaveLength(2);
  });

  test('WebToffee: guests all have customer_id 0, yet are told apart by e-mail', async () => {
    await loadAsDropped(['woocommerce-webtoffee-orders.csv']);
    const guests = await db.rows(`SELECT DISTINCT customer_id FROM order_lines WHERE customer_id_2 = '0' ORDER BY 1`);
    expect(guests.map((r) => r.customer_id)).toEqual(['guest.one@example.nl', 'guest.two@example.be']);
  });

  test('Square: a refund row nets its payment instead of being dropped', async () => {
    const { report } = await loadAsDropped(['square-transactions.csv']);
    expect(report.files[0].excluded).toEqual({ no_customer_id: 2, not_kept: 1 });
    expect(await db.rows(`SELECT CAST(amount AS VARCHAR) AS a FROM orders WHERE order_id = 'TXa1Fixture0007'`)).toEqual([{ a: '0.000' }]);
  });
});
