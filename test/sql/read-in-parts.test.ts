import { describe, expect, test } from 'vitest';
import { allRejects, runImport, type RegisteredFile } from '../../src/lib/import/run-import.ts';
import { defaultImportSpec, type FileImport } from '../../src/lib/spec/import.ts';
import { COMPACT_STORAGE_SQL } from '../../src/lib/sql/storage.ts';
import { csvRegistration, partsRegistration, transactionsFile } from './csv-registration.ts';
import { openEngine } from './engine.ts';
import { hasShared, sharedBytes } from './shared-data.ts';

/**
 * A compact load reads each file in parts cut between records, one part after another, into a
 * compressed database (workers/session.ts): it must import exactly as a whole read does, the
 * rejected records with their lines and texts, and every record loaded where it was.
 */
interface Input {
  file: FileImport;
  bytes: Uint8Array;
}

async function importOf(inputs: Input[], cutEvery?: number) {
  const db = await openEngine();
  if (cutEvery !== undefined) await db.exec(COMPACT_STORAGE_SQL);
  let parts = 0;
  const registered = inputs.map(({ file, bytes }, i): RegisteredFile => {
    const path = `uploads/${i}-${file.name}`;
    if (cutEvery === undefined) {
      db.register(path, bytes);
      return csvRegistration(file, bytes, path);
    }
    const registration = partsRegistration(db, file, bytes, path, cutEvery);
    parts += registration.parts.length;
    return registration;
  });
  const report = await runImport(db, defaultImportSpec(inputs.map((i) => i.file)), registered);
  const lines = await db.rows(`SELECT * FROM order_lines ORDER BY source_file, rec_no`);
  const rejects = await Promise.all(inputs.map((input, i) => allRejects(db, i, input.file)));
  const [{ catalog }] = await db.rows(`SELECT database_name AS catalog FROM duckdb_tables() WHERE table_name = 'orders'`);
  db.close();
  return { result: { report, lines, rejects }, parts, catalog };
}

const ROLES = { customer_id: 'customer_id', order_id: 'order_id', order_date: 'order_date', amount: 'amount', note: 'attribute' } as const;

/** Records of every kind the import tells apart, with blank lines and quoted line ends between them. */
function messyCsv(lineEnd: string, before = ''): string {
  const rows = [`${before}customer_id,order_id,order_date,amount,note`];
  for (let i = 1; i <= 120; i++) {
    const id = `C${String(i % 17).padStart(3, '0')}`;
    if (i % 11 === 0)
      rows.push(`${id},${i},2024-01-02,5,too,many`); // the reader rejects it
    else if (i % 13 === 0)
      rows.push(`${id},${i},not a date,5,x`); // typing rejects it
    else if (i % 19 === 0) rows.push(`${id},${i},2024-02-03,12.5 EUR?,x`);
    else if (i % 7 === 0) rows.push(`,${i},2024-03-04,9,no id`);
    else if (i % 5 === 0) rows.push(`${id},${i},2024-04-05,3.25,"a note${lineEnd}over two lines, ""quoted"""`);
    else if (i % 23 === 0) rows.push(`${id},"${i}",2024-05-06,"1,5",unclosed "quote`);
    else rows.push(`${id},${i},2024-06-${String((i % 28) + 1).padStart(2, '0')},${i}.${i % 100},plain`);
    if (i % 31 === 0) rows.push('', '');
  }
  return rows.join(lineEnd) + lineEnd;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('a file read in parts', () => {
  test.each([
    ['LF', messyCsv('\n')],
    ['CRLF', messyCsv('\r\n')],
    ['blank lines before the header', messyCsv('\n', '\n\n')],
  ])('imports as when read whole (%s)', async (_, csv) => {
    const inputs = [{ file: transactionsFile('messy.csv', ROLES), bytes: utf8(csv) }];
    const whole = await importOf(inputs);
    for (const cutEvery of [200, 1000]) {
      const inParts = await importOf(inputs, cutEvery);
      expect(inParts.parts).toBeGreaterThan(2);
      expect(inParts.catalog).toBe('compact');
      expect(inParts.result).toEqual(whole.result);
    }
    // Rejects of both kinds, in parts after the first: their lines are the whole file's.
    expect(whole.result.report.files[0].rejected).toBeGreaterThan(10);
    expect(whole.result.rejects[0].at(-1)!.line).toBeGreaterThan(100);
  });

  test('with a customers file beside the transactions', async () => {
    const customers: FileImport = {
      name: 'customers.csv',
      kind: 'customers',
      parse: transactionsFile('x', {}).parse,
      columns: [
        { name: 'customer_id', role: 'customer_id' },
        { name: 'city', role: 'attribute' },
      ],
    };
    const people = ['customer_id,city', ...Array.from({ length: 30 }, (_, i) => `C${String(i).padStart(3, '0')},"City ${i}"`), 'broken'];
    const inputs = [
      { file: transactionsFile('messy.csv', ROLES), bytes: utf8(messyCsv('\n')) },
      { file: customers, bytes: utf8(people.join('\n')) },
    ];
    const whole = await importOf(inputs);
    const inParts = await importOf(inputs, 120);
    expect(inParts.result).toEqual(whole.result);
  });

  test.skipIf(!hasShared)('Online Retail, in parts of 4 MB', { timeout: 120_000 }, async () => {
    const columns = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
    const roles = {
      InvoiceNo: 'order_id',
      Quantity: 'quantity',
      InvoiceDate: 'order_date',
      UnitPrice: 'unit_price',
      CustomerID: 'customer_id',
    };
    const file: FileImport = {
      ...transactionsFile('online-retail.csv', {}),
      columns: columns.map((name) => ({
        name,
        role: (roles as Record<string, FileImport['columns'][number]['role']>)[name] ?? 'attribute',
      })),
    };
    const inputs = [{ file, bytes: sharedBytes('data/online-retail/online-retail.csv.gz') }];
    const whole = await importOf(inputs);
    const inParts = await importOf(inputs, 4_000_000);
    expect(inParts.parts).toBeGreaterThan(8);
    expect(inParts.result.report).toEqual(whole.result.report);
    expect(inParts.result.rejects).toEqual(whole.result.rejects);
    expect(inParts.result.lines.length).toBe(whole.result.lines.length);
  });
});
