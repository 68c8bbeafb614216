import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNativeDb, type NativeDb } from '../../src/cli/native-db.ts';
import { userSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { analyseSegments, countSegment, readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import { segmentExportCsv } from '../../src/lib/segments/segment-export.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { SQL_PAYLOADS } from '../fixtures/sql-payloads.ts';
import { GATE_ANALYSIS_DATE, GATE_FILES, loadGateData } from './gate-fixture.ts';
import { databaseDigest } from './table-digest.ts';

/** The command line's engine: the same gate, and the statement's type checked as well. */
let native: NativeDb;
let dir: string;
let schema: SegmentSchema;
let before: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sw-gate-'));
  for (const [name, csv] of Object.entries(GATE_FILES)) writeFileSync(path.join(dir, name), csv);
  native = await openNativeDb(1);
  await loadGateData(native, (name) => path.join(dir, name));
  schema = await readSegmentSchema(userSqlRunner(native), GATE_ANALYSIS_DATE);
  before = await databaseDigest(native);
});
afterAll(() => {
  native.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('native DuckDB (the CLI): user SQL is one prepared statement of the expected type', () => {
  test('a prepared statement of another type is refused before it runs', async () => {
    await expect(native.runPrepared('CREATE TABLE pwned AS SELECT 1', 'select')).rejects.toThrow(
      /Expected one SELECT, got a CREATE statement/,
    );
    await expect(native.runPrepared('DELETE FROM orders', 'select')).rejects.toThrow(/got a DELETE statement/);
    await expect(native.runPrepared('SELECT 1', 'create')).rejects.toThrow(/got a SELECT statement/);
    expect(await databaseDigest(native)).toEqual(before);
  });

  test.each(SQL_PAYLOADS)('$family: refused or harmless, every table byte-identical', async (p) => {
    const gate = userSqlRunner(native);
    const definition = { kind: 'sql' as const, sql: p.sql };
    const count = await countSegment(gate, definition, schema);
    const [segment] = (await analyseSegments(gate, [{ id: 'p', definition }], schema, 1)).segments;
    const exported = await segmentExportCsv(gate, [{ name: 'P', definition }], schema, null).then(
      () => 'exported',
      (e: Error) => e.message,
    );
    expect(await databaseDigest(native)).toEqual(before);
    if (p.sql.includes(';') && !p.unparsable) {
      const aimed = p.target === 'count' ? (count.ok ? '' : count.error) : segment.ok ? '' : segment.error;
      expect(aimed).toMatch(/^More than one statement|is not allowed: a segment is one condition|^One statement only/);
      expect(exported).toMatch(/cannot be exported/);
    }
  });
});
