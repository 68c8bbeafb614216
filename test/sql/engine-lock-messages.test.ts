import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINE_LOCK, fromDuckDbError } from '../../src/lib/errors.ts';
import { openEngine, type TestEngine } from './engine.ts';

/**
 * The engine lock's refusals, as the locked engine really words them, must reach the person as a
 * message that names the lock (the e2e privacy test checks the same in the browser).
 */
const REFUSED: [sql: string, reason: RegExp][] = [
  [`SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')`, /network or your disk/],
  [`SELECT * FROM read_text('/etc/passwd')`, /network or your disk/],
  [`SELECT * FROM read_csv('uploads/../etc/hosts')`, /network or your disk/],
  [`COPY (SELECT 1 AS a) TO 'http://127.0.0.1:9/out.csv'`, /network or your disk/],
  [`EXPORT DATABASE 'http://127.0.0.1:9/dump'`, /network or your disk/],
  [`LOAD 'http://127.0.0.1:9/x.duckdb_extension'`, /loads no DuckDB extensions/],
  [`SELECT * FROM read_json('uploads/x.json')`, /needs the json extension/],
  [`SELECT * FROM read_parquet('uploads/x.parquet')`, /needs the parquet extension/],
  [`SET enable_external_access = true`, /settings \(here enable_external_access\) are locked/],
  [`SET lock_configuration = false`, /settings \(here lock_configuration\) are locked/],
  [`RESET allowed_directories`, /settings \(here allowed_directories\) are locked/],
];

describe('the engine lock names itself in every refusal', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await openEngine();
  });
  afterAll(() => engine.close());

  test.each(REFUSED)('%s', async (sql, reason) => {
    const error = await engine.exec(sql).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, 'the locked engine ran it').not.toBeNull();
    const mapped = fromDuckDbError(error);
    expect(mapped.kind).toBe('refused');
    expect(mapped.message.startsWith(`${ENGINE_LOCK}: `)).toBe(true);
    expect(mapped.message).toMatch(reason);
    // DuckDB's own words follow, so nothing is hidden.
    expect(mapped.message).toContain(`(DuckDB: ${String((error as Error).message).split('\n')[0]})`);
  });

  test('an ordinary SQL error is not blamed on the lock', async () => {
    const error = await engine.exec('SELECT no_such_column FROM (SELECT 1 AS a)').catch((e: unknown) => e);
    expect(fromDuckDbError(error).kind).toBe('sql');
    expect(fromDuckDbError(error).message).not.toContain(ENGINE_LOCK);
  });
});
