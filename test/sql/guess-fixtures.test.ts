import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { errorKind } from '../../src/lib/errors.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { combineSuggestions } from '../../src/lib/mapping/guess-notes.ts';
import { inspectFile, type Inspection } from '../../src/lib/preview/inspect.ts';
import { assignRole } from '../../src/lib/spec/assign-role.ts';
import type { FileImport } from '../../src/lib/spec/import.ts';
import { importSpecOf } from '../../src/lib/spec/spec-file.ts';
import { GUESS_FIXTURES, pointCents, reference, RULES, type Reference } from '../guess-reference.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
beforeAll(async () => {
  db = await openEngine();
});

const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(GUESS_FIXTURES, name)));

/** The page's first look at a fixture, and the spec it would load with no setting changed. */
function asGuessed(name: string): { inspection: Inspection; mapping: FileImport } {
  const inspection = inspectFile(name, bytesOf(name), true);
  return { inspection, mapping: inspection.mapping };
}

async function load(mapping: FileImport, suggested: Inspection['suggested']) {
  const bytes = bytesOf(mapping.name);
  db.register(`uploads/${mapping.name}`, bytes);
  const spec = importSpecOf([mapping], { version: 2 }, combineSuggestions([{ kind: mapping.kind, suggested }]));
  return runImport(db, spec, [csvRegistration(mapping, bytes)]);
}

/** Each customer's orders, exact total as cents, first and last order, as loaded. */
async function loadedCustomers(): Promise<Reference['customers']> {
  const rows = await db.rows(
    `SELECT customer_id, count(*) AS orders, CAST(sum(amount) AS VARCHAR) AS total,
       CAST(min(order_date) AS VARCHAR) AS first, CAST(max(order_date) AS VARCHAR) AS last
     FROM orders GROUP BY customer_id`,
  );
  return new Map(
    rows.map((r) => [
      String(r.customer_id),
      { orders: Number(r.orders), cents: pointCents(String(r.total)), first: String(r.first), last: String(r.last) },
    ]),
  );
}

async function expectLoadedAsReference(report: Awaited<ReturnType<typeof load>>, expected: Reference): Promise<void> {
  const [file] = report.files;
  expect({ input: file.input, loaded: file.loaded, rejected: file.rejected, excluded: file.excluded }).toEqual({
    input: expected.records,
    loaded: expected.loaded,
    rejected: 0,
    excluded: expected.excluded,
  });
  expect(report.customers).toBe(expected.customers.size);
  expect(report.orders).toBe(expected.orders);
  expect(pointCents(report.totalAmount!)).toBe(expected.totalCents);
  expect([report.firstDate, report.lastDate]).toEqual([expected.firstDate, expected.lastDate]);
  expect(await loadedCustomers()).toEqual(expected.customers);
}

describe('each fixture, loaded as guessed with no setting changed, gives the independent totals', () => {
  const loadable = Object.keys(RULES).filter((name) => name !== 'client-visits.csv');
  test.each(loadable)('%s', async (name) => {
    const { inspection, mapping } = asGuessed(name);
    expect(mapping.kind).toBe('transactions');
    const report = await load(mapping, inspection.suggested);
    await expectLoadedAsReference(report, reference(name));
  });

  test('the ERP dump is loaded per order: summing its repeated totals would count each order once per line', async () => {
    const { inspection, mapping } = asGuessed('erp-order-lines.csv');
    expect(inspection.suggested.amountLevel).toBe('order');
    const report = await load(mapping, inspection.suggested);
    expect(report.amountConflicts).toBe(0);
    // What a per-line reading would have given instead: more than the reference, for every order of several lines.
    const perLine = await load(mapping, { ...inspection.suggested, amountLevel: 'line' });
    expect(pointCents(perLine.totalAmount!)).toBeGreaterThan(reference('erp-order-lines.csv').totalCents);
  });

  test('e-mail ids: lower-case and trim merge one customer written several ways', async () => {
    const { inspection, mapping } = asGuessed('shop-orders-email.csv');
    const report = await load(mapping, inspection.suggested);
    expect(report.files[0].mergedIds).toBeGreaterThan(0);
    expect(report.customers).toBe(reference('shop-orders-email.csv').customers.size);
  });
});

describe('a file guessed as customers whose ids repeat', () => {
  test('is refused with advice that fits the guess, and loads right once the advice is followed', async () => {
    const { inspection, mapping } = asGuessed('client-visits.csv');
    expect(mapping.kind).toBe('customers');
    const refusal = await load(mapping, inspection.suggested).catch((e: unknown) => e);
    expect(errorKind(refusal)).toBe('duplicates');
    expect((refusal as Error).message).toMatch(/customer ids appear more than once .*This looks like transactions, not customers/);
    expect((refusal as Error).message).toContain('an order date (visit_date)');

    // As a person would follow it: the kind to transactions, then the fee as the amount.
    const followed: FileImport = { ...mapping, kind: 'transactions', columns: assignRole(mapping.columns, 'fee', 'amount') };
    await expectLoadedAsReference(await load(followed, inspection.suggested), reference('client-visits.csv'));
  });
});
