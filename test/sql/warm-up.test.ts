import { describe, expect, test } from 'vitest';
import type { RegisteredFile } from '../../src/lib/import/run-import.ts';
import {
  dropNewObjectsSql,
  userObjects,
  warmUp,
  warmUpFiles,
  warmUpRounds,
  WARM_UP_LARGE_ROUND_MIN_GB,
  WARM_UP_ROUNDS,
  type WarmUpHost,
} from '../../src/lib/import/warm-up.ts';
import { loadedSummarySql } from '../../src/lib/sql/report.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

/** Registers the warm-up's files with the test engine as the worker does (paths under uploads/), and records what it unregisters. */
function host(engine: TestEngine): WarmUpHost & { unregistered: string[]; lines: number[] } {
  const unregistered: string[] = [];
  const lines: number[] = [];
  return {
    unregistered,
    lines,
    async register(spec, files) {
      lines.push((await files[0].text()).trimEnd().split('\n').length - 1);
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
    // Files of each size, registered once and unregistered once.
    const paths = ['uploads/0-warm-up-transactions.csv', 'uploads/1-warm-up-customers.csv'];
    expect(files.lines).toEqual([...new Set(WARM_UP_ROUNDS)]);
    expect(files.unregistered).toEqual(files.lines.flatMap(() => paths));
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
    expect(WARM_UP_ROUNDS.length).toBeGreaterThan(1);
    expect(times('CREATE OR REPLACE TABLE "raw_0" AS')).toBe(WARM_UP_ROUNDS.length);
    expect(times('CREATE OR REPLACE TABLE orders AS')).toBe(WARM_UP_ROUNDS.length);
    expect(times('CREATE OR REPLACE TABLE customer_scores AS')).toBe(WARM_UP_ROUNDS.length);
  });

  test('its last round is ten times the first, so that the paths only larger files take run too', async () => {
    expect(WARM_UP_ROUNDS.at(-1)).toBe(10 * WARM_UP_ROUNDS[0]);
    const engine = await openEngine();
    const loadedLines: number[] = [];
    const recorded = {
      ...engine,
      rows: async (sql: string) => {
        const rows = await engine.rows(sql);
        if (sql === loadedSummarySql(false) || sql === loadedSummarySql(true)) loadedLines.push(Number(rows[0].lines));
        return rows;
      },
    };
    const files = host(engine);
    expect(await warmUp(recorded, files, () => false, [200, 200, 1_000])).toBe(true);
    // The small files serve both small rounds; the large ones replace them for the last.
    expect(files.lines).toEqual([200, 1_000]);
    expect(files.unregistered).toHaveLength(4);
    expect(loadedLines).toHaveLength(3);
    expect(loadedLines[1]).toBe(loadedLines[0]);
    expect(loadedLines[2]).toBeGreaterThan(4 * loadedLines[0]);
  });

  test('a request while the larger files are made stops it before they are registered', async () => {
    const engine = await openEngine();
    const before = await names(engine);
    const files = host(engine);
    // The smaller files are unregistered just before the larger ones are made: a request comes then.
    expect(await warmUp(engine, files, () => files.unregistered.length > 0, [200, 1_000])).toBe(false);
    expect(files.lines).toEqual([200]);
    expect(await names(engine)).toEqual(before);
  });

  test("a device that says it has little memory runs every round at the first round's size", () => {
    expect(warmUpRounds(undefined)).toEqual(WARM_UP_ROUNDS);
    expect(warmUpRounds(WARM_UP_LARGE_ROUND_MIN_GB)).toEqual(WARM_UP_ROUNDS);
    expect(warmUpRounds(8)).toEqual(WARM_UP_ROUNDS);
    expect(warmUpRounds(WARM_UP_LARGE_ROUND_MIN_GB / 2)).toEqual(WARM_UP_ROUNDS.map(() => WARM_UP_ROUNDS[0]));
    expect(warmUpRounds(0.25)).toEqual([5_000, 5_000, 5_000]);
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
      expect(files.unregistered).toHaveLength(2 * files.lines.length);
    },
  );

  test('its files have what a real export has: cancelled invoices, returns and lines without a customer', async () => {
    const [transactions, customers] = await warmUpFiles(5_000);
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
