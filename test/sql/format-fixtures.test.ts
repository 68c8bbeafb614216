/**
 * The format fixtures (test/fixtures/formats: Mac Roman with CR-only line ends, ISO-8859-2,
 * Shift_JIS, GBK, an .xlsx workbook) through the page's own steps on the browser's engine: the
 * first look (inspectFile, after the worker's workbook-to-CSV for the .xlsx), the worker's
 * transcoding and record count (prepareCounted), the import; then the guessed settings, the
 * report's counts and each customer's figures against expected.ts, computed from the orders alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runImport } from '../../src/lib/import/run-import.ts';
import { inspectFile } from '../../src/lib/preview/inspect.ts';
import { headIsWhole, readHead } from '../../src/lib/preview/read-head.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
import { prepareCounted } from '../../workers/file-bytes.ts';
import { workbookToCsv } from '../../workers/workbook.ts';
import { FORMATS_DIR } from '../fixtures/formats/build.ts';
import { expectedCounts, expectedCustomers, FORMAT_CASES, hundredthsOf } from '../fixtures/formats/expected.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
beforeAll(async () => {
  db = await openEngine();
});

describe.each(FORMAT_CASES)('$file', (c) => {
  test('is guessed, counted and loaded with each customer right, no setting changed', async () => {
    let bytes: Uint8Array = new Uint8Array(readFileSync(path.join(FORMATS_DIR, c.file)));
    if (c.file.endsWith('.xlsx')) {
      const workbook = await workbookToCsv(c.file, bytes.slice().buffer);
      expect(workbook).toMatchObject({ sheet: 'Orders', sheets: ['Orders', 'Notes'] });
      bytes = workbook.csv;
    }
    const file = new File([bytes as Uint8Array<ArrayBuffer>], c.file);
    const head = await readHead(file);
    const { mapping, dateChoices } = inspectFile(c.file, head, headIsWhole(c.file, file.size));
    expect(mapping.parse).toEqual(c.guessed);
    expect(dateChoices).toEqual([]);
    expect(mapping.kind).toBe('transactions');
    const roles = Object.fromEntries(mapping.columns.map((col) => [col.role, col.name]));
    expect(Object.keys(roles)).toEqual(expect.arrayContaining(['customer_id', 'order_id', 'order_date', 'amount']));

    const { prepared, count } = await prepareCounted(file, mapping, () => {});
    const registered = `uploads/formats-${c.file}`;
    db.register(registered, prepared.kind === 'buffer' ? prepared.bytes : new Uint8Array(await prepared.file.arrayBuffer()));
    const delimiter = mapping.parse.delimiter === 'whitespace' ? '\t' : mapping.parse.delimiter;
    const report = await runImport(db, defaultImportSpec([mapping]), [{ path: registered, delimiter, count }]);

    const { input, loaded, excluded } = expectedCounts(c);
    const [fileReport] = report.files;
    expect(fileReport).toMatchObject({ input, loaded, rejected: 0, excluded: { no_customer_id: excluded } });

    const rows = await db.rows(`SELECT customer_id, count(*) AS orders, CAST(sum(amount) AS VARCHAR) AS total,
      strftime(min(order_date), '%Y-%m-%d %H:%M:%S') AS first, strftime(max(order_date), '%Y-%m-%d %H:%M:%S') AS last
      FROM orders GROUP BY customer_id ORDER BY customer_id`);
    const loadedFigures = new Map(
      rows.map((r) => [
        String(r.customer_id),
        { orders: Number(r.orders), hundredths: hundredthsOf(String(r.total)), first: String(r.first), last: String(r.last) },
      ]),
    );
    expect(loadedFigures).toEqual(expectedCustomers(c));
  });
});
