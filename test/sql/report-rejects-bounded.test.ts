import Papa from 'papaparse';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formulaSafe } from '../../src/lib/csv/formula-safe.ts';
import { writeExport } from '../../src/lib/export/paged-export.ts';
import { REPORT_REJECT_LIMIT } from '../../src/lib/import/report.ts';
import { allRejects, rejectsExport, runImport } from '../../src/lib/import/run-import.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
import { csvRegistration, transactionsFile } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

/** Small pages (whole record batches of 2,048 rows), so the download crosses several. */
let db: TestEngine;
beforeAll(async () => {
  db = await openEngine({ pageRows: 100 });
});
afterAll(() => db.close());

/** The runner, noting how many rows each query that returns record text (a reject's line) brought back. */
function watched(inner: SqlRunner) {
  const textRows: number[] = [];
  const runner: SqlRunner = {
    exec: (sql) => inner.exec(sql),
    async rows(sql) {
      const rows = await inner.rows(sql);
      if (rows.length && ('csv_line' in rows[0] || 'text' in rows[0])) textRows.push(rows.length);
      return rows;
    },
  };
  return { runner, textRows };
}

const RECORDS = 9000;

test('the import report reads at most its limit of rejected records with their text; the download, in pages, has them all, the same first ones', async () => {
  // Every third record has a field too many (the reader rejects it), every third a date that does not read (typing rejects it).
  const lines = ['id,order,date,amount'];
  for (let n = 1; n <= RECORDS; n++) {
    if (n % 3 === 0) lines.push(`c${n},${n},2024-01-01,1,extra`);
    else if (n % 3 === 1) lines.push(`c${n},${n},not a date,1`);
    else lines.push(`c${n},${n},2024-01-01,1`);
  }
  const csv = lines.join('\n') + '\n';
  const file = transactionsFile('many-rejects.csv', { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' });
  db.register(`uploads/${file.name}`, new TextEncoder().encode(csv));
  const { runner, textRows } = watched(db);
  const report = await runImport(runner, defaultImportSpec([file]), [csvRegistration(file, csv)]);
  const [reported] = report.files;
  expect(reported).toMatchObject({ input: RECORDS, loaded: RECORDS / 3, rejected: (2 * RECORDS) / 3 });
  expect(reported.rejects).toHaveLength(REPORT_REJECT_LIMIT);
  expect(Math.max(...textRows)).toBeLessThanOrEqual(REPORT_REJECT_LIMIT);

  const all = await allRejects(db, 0, file);
  expect(all).toHaveLength((2 * RECORDS) / 3);
  expect(reported.rejects).toEqual(all.slice(0, REPORT_REJECT_LIMIT));
  // Lines in the file: the header is line 1, record n is line n + 1.
  expect(all.slice(0, 3).map((r) => r.line)).toEqual([2, 4, 5]);
  expect(all.at(-1)!.line).toBe(RECORDS + 1);

  // The download, read in pages with the lines derived in SQL, is the file the worker wrote from `allRejects` in one piece.
  const { sql, format } = rejectsExport(0, file);
  const chunks: string[] = [];
  const written = await writeExport(db.pages(sql), format, (chunk) => void chunks.push(chunk));
  expect(chunks.length).toBeGreaterThan(2);
  expect(written.rows).toBe(all.length);
  const onePiece = Papa.unparse({
    fields: ['line', 'reason', 'text'],
    data: all.map((r) => [String(r.line), formulaSafe(r.reason), formulaSafe(r.text ?? '')]),
  });
  expect(chunks.join('')).toBe(onePiece);
});
