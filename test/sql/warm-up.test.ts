import { describe, expect, test } from 'vitest';
import type { RegisteredFile } from '../../src/lib/import/run-import.ts';
import { dropNewObjectsSql, userObjects, warmUp, warmUpFiles, WARM_UP_ROUNDS, type WarmUpHost } from '../../src/lib/import/warm-up.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

/** Registers the warm-up's files with the test engine as the worker does (paths under uploads/), and records what it unregisters. */
function host(engine: TestEngine): WarmUpHost & { unregistered: string[] } {
  const unregistered: string[] = [];
  return {
    unregistered,
    async register(spec, files) {
      return Promise.all(
        files.map(async (file, i): Promise<RegisteredFile> => {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const path = `uploads/${i}-${file.name}`;
          engine.register(path, bytes);
          return csvRegistration(spec.files[i], bytes, path);
        }),
      );
    },
    async unregister(files) {
      for (const f of files) if ('path' in f) unregistered.push(f.path);
    },
  };
}

const names = async (engine: TestEngine) => (await userObjects(engine)).map((o) => `${o.kind} ${o.schema}.${o.name}`).sort();

describe('the engine warm-up', () => {
  test('imports and analyses its made-up files whole, then leaves only what was there before', async () => {
    const engine = await openEngine();
    await engine.exec('CREATE TABLE kept_table AS SELECT 1 AS x; CREATE VIEW kept_view AS SELECT 2 AS y');
    const before = await names(engine);
    const files = host(engine);
    // Counts the statements it ran, to show they were the import's and the analysis's.
    let statements = 0;
    expect(await warmUp(engine, files, () => (statements++, false))).toBe(true);
    expect(statements).toBeGreaterThan(30);
    expect(await names(engine)).toEqual(before);
    expect(files.unregistered).toEqual(['uploads/0-warm-up-transactions.csv', 'uploads/1-warm-up-customers.csv']);
  });

  test('reads, imports and analyses its files in rounds, so that more of the engine gets optimised', async () => {
    const engine = await openEngine();
    const ran: string[] = [];
    const recorded = {
      ...engine,
      exec: (sql: string) => (ran.push(sql), engine.exec(sql)),
      rows: (sql: string) => (ran.push(sql), engine.rows(sql)),
    };
    const files = host(engine);
    expect(await warmUp(recorded, files, () => false)).toBe(true);
    const times = (start: string) => ran.filter((sql) => sql.includes(start)).length;
    expect(WARM_UP_ROUNDS).toBeGreaterThan(1);
    expect(times('CREATE OR REPLACE TABLE "raw_0" AS')).toBe(WARM_UP_ROUNDS);
    expect(times('CREATE OR REPLACE TABLE orders AS')).toBe(WARM_UP_ROUNDS);
    expect(times('CREATE OR REPLACE TABLE customer_scores AS')).toBe(WARM_UP_ROUNDS);
    expect(files.unregistered).toEqual(['uploads/0-warm-up-transactions.csv', 'uploads/1-warm-up-customers.csv']);
  });

  test.each([1, 5, 12, 20, 30])(
    'stopped before statement %i, it ends at once, drops what it made and says it did not run whole',
    async (at) => {
      const engine = await openEngine();
      const before = await names(engine);
      const files = host(engine);
      let statements = 0;
      expect(await warmUp(engine, files, () => ++statements >= at)).toBe(false);
      // Asked once more after saying stop: never.
      expect(statements).toBe(at);
      expect(await names(engine)).toEqual(before);
      expect(files.unregistered).toHaveLength(2);
    },
  );

  test('its files have what a real export has: cancelled invoices, returns and lines without a customer', () => {
    const [transactions, customers] = warmUpFiles();
    const lines = transactions.text.trimEnd().split('\n');
    expect(lines).toHaveLength(5_001);
    expect(lines[0]).toBe('invoice_id,customer_id,invoice_date,product_category,quantity,unit_price,amount,country,channel,device,status');
    expect(lines.some((l) => l.endsWith(',cancelled'))).toBe(true);
    expect(lines.some((l) => l.endsWith(',returned'))).toBe(true);
    expect(lines.some((l) => l.split(',')[1] === '')).toBe(true);
    expect(customers.text.split('\n')[0]).toContain('email');
  });
});

test('only the tables and views made since are dropped, temporary ones by their own database', () => {
  const before = [{ kind: 'TABLE' as const, database: 'memory', schema: 'main', name: 'orders' }];
  const after = [
    ...before,
    { kind: 'VIEW' as const, database: 'memory', schema: 'main', name: 'order_lines' },
    { kind: 'TABLE' as const, database: 'temp', schema: 'main', name: 'odd "name"' },
    { kind: 'TABLE' as const, database: 'memory', schema: 'main', name: 'order_lines' },
  ];
  expect(dropNewObjectsSql(before, after)).toEqual([
    'DROP VIEW IF EXISTS "memory"."main"."order_lines"',
    'DROP TABLE IF EXISTS "temp"."main"."odd ""name"""',
    'DROP TABLE IF EXISTS "memory"."main"."order_lines"',
  ]);
});
