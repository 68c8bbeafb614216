import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { defaultImportSpec, standardCleaning } from '../../src/lib/spec/import.ts';
import { csvRegistration, transactionsFile } from './csv-registration.ts';
import { openEngine } from './engine.ts';

/**
 * A transactions file's attributes stay in its raw table and order_lines joins them by position
 * (attributesStayRaw): every line must meet its own record's values. 300,000 records span several
 * of DuckDB's row groups, which native DuckDB reads on 4 threads; some records are rejected or
 * excluded, so the staged table is not the loaded lines alone.
 */
const RECORDS = 300_000;
const header = 'id,order,date,amount,tag,size';
const lines = [header];
for (let i = 0; i < RECORDS; i++) {
  const id = i % 777 === 0 ? '' : `c${i % 5000}`;
  const date = i % 1000 === 1 ? 'not a date' : `2024-${String((i % 12) + 1).padStart(2, '0')}-01`;
  lines.push(`${id},o${i},${date},${(i % 97) + 1}.5,t${i},${i % 2 ? '' : 's' + i}`);
}
const csv = lines.join('\n') + '\n';
const file = transactionsFile('by-position.csv', {
  id: 'customer_id',
  order: 'order_id',
  date: 'order_date',
  amount: 'amount',
  tag: 'attribute',
  size: 'attribute',
});
const dir = mkdtempSync(path.join(tmpdir(), 'by-position-'));
writeFileSync(path.join(dir, file.name), csv);

describe.each([
  ['wasm', false],
  ['native, 4 threads', true],
])('attributes joined by position on %s', (_, native) => {
  test.each([
    ['left in the raw table', false],
    ['copied (the duplicate rule is on)', true],
  ])(
    'each line carries its own record’s attributes: %s',
    async (_, duplicates) => {
      let db;
      let registered;
      if (native) {
        db = await openNativeDb(4);
        registered = csvRegistration(file, csv, path.join(dir, file.name));
      } else {
        const engine = await openEngine();
        engine.register(`uploads/${file.name}`, new TextEncoder().encode(csv));
        db = engine;
        registered = csvRegistration(file, csv);
      }
      const spec = { ...defaultImportSpec([file]), cleaning: { ...standardCleaning(), duplicates } };
      const report = await runImport(db, spec, [registered]);
      const [r] = await db.rows(
        `SELECT count(*) AS lines,
        count(*) FILTER (WHERE tag IS DISTINCT FROM 't' || (rec_no - 1)) AS wrong_tag,
        count(*) FILTER (WHERE size IS DISTINCT FROM CASE WHEN rec_no % 2 = 1 THEN 's' || (rec_no - 1) END) AS wrong_size
      FROM order_lines`,
      );
      expect(Number(r.lines)).toBe(report.files[0].loaded);
      expect(report.files[0].loaded).toBeGreaterThan(RECORDS * 0.9);
      expect(Number(r.wrong_tag)).toBe(0);
      expect(Number(r.wrong_size)).toBe(0);
    },
    60_000,
  );
});
