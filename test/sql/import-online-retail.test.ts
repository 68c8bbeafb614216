import { beforeAll, describe, expect, test } from 'vitest';
import { runImport } from '../../src/lib/import/run-import.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { hasShared, registerOnlineRetail } from './shared-data.ts';

describe.skipIf(!hasShared)('Online Retail under "Standard" cleaning', () => {
  let db: TestEngine;
  beforeAll(async () => {
    db = await openEngine();
  });

  test('accounts for all 541,909 records and matches the reference totals', async () => {
    const retail = registerOnlineRetail(db);
    const report = await runImport(db, retail.spec, retail.files);
    const [file] = report.files;
    expect(file.input).toBe(541_909);
    expect(file.loaded + file.rejected + Object.values(file.excluded).reduce((a, b) => a + b, 0)).toBe(541_909);
    expect(file.rejected).toBe(0);
    expect(file.loaded).toBe(397_924);
    expect(report.customers).toBe(4_339);
    expect(report.orders).toBe(18_536);
    expect(report.totalAmount).toBe('8911407.904');
    expect(file.floatIdsStripped).toBe(false);
    expect(file.excluded).toMatchInlineSnapshot(`
      {
        "cancelled": 8905,
        "no_customer_id": 135080,
      }
    `);
  });
});
