import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { runImport, type RegisteredFile } from '../../src/lib/import/run-import.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { defaultImportSpec, standardCleaning, type FileImport, type ImportSpec } from '../../src/lib/spec/import.ts';
import { csvRegistration, transactionsFile } from './csv-registration.ts';
import { openEngine } from './engine.ts';

/**
 * A transactions file's attributes stay in its raw table and order_lines joins them by position
 * (attributesStayRaw), and so do its customer id, order id and status (textsStayingRaw; the status
 * read with the same trimming as staging, some having spaces around them): every line must meet
 * its own record's values. 300,000 records span several
 * of DuckDB's row groups, which native DuckDB reads on 4 threads; some records are rejected or
 * excluded, so the staged table is not the loaded lines alone. Orders have 3 lines, and each order
 * id comes back 270,000 records later: `orders` looks up an order's first line by its record number
 * for `tag` (never empty), and takes `size` (empty on every other line) through the group.
 */
const RECORDS = 300_000;
const header = 'id,order,date,amount,tag,size,status';
const lines = [header];
for (let i = 0; i < RECORDS; i++) {
  const order = Math.floor(i / 3) % 90_000;
  const id = i % 777 === 0 ? '' : `c${order % 5000}`;
  const date = i % 1000 === 1 ? 'not a date' : `2024-${String((i % 12) + 1).padStart(2, '0')}-01`;
  const status = i % 11 === 0 ? `" st${i % 7}"` : `st${i % 7}`;
  lines.push(`${id},o${order},${date},${(i % 97) + 1}.5,t${i},${i % 2 ? '' : 's' + i},${status}`);
}
const csv = lines.join('\n') + '\n';
const file = transactionsFile('by-position.csv', {
  id: 'customer_id',
  order: 'order_id',
  date: 'order_date',
  amount: 'amount',
  tag: 'attribute',
  size: 'attribute',
  status: 'status',
});
const dir = mkdtempSync(path.join(tmpdir(), 'by-position-'));

/**
 * A customers file's attributes stay in its raw table too (customerAttributesSql): each id must
 * meet its first record's values. Ids repeat after 200,000 records (the first copy is kept) and
 * some are empty, so the staged table is not the loaded customers alone.
 */
const IDS = 200_000;
const customerLines = ['id,note,size'];
const firstRecord = new Map<string, number>();
for (let i = 0; i < RECORDS; i++) {
  const id = i % 777 === 0 ? '' : `c${i % IDS}`;
  if (id && !firstRecord.has(id)) firstRecord.set(id, i);
  customerLines.push(`${id},n${i},${i % 2 ? '' : 's' + i}`);
}
const customersCsv = customerLines.join('\n') + '\n';
const customers: FileImport = {
  ...transactionsFile('customers.csv', { id: 'customer_id', note: 'attribute', size: 'attribute' }),
  kind: 'customers',
};

/** An engine with the files registered as the CLI (native, 4 threads) or the page (wasm) registers them. */
async function openWith(native: boolean, files: [FileImport, string][]): Promise<{ db: SqlRunner; registered: RegisteredFile[] }> {
  if (native) {
    for (const [f, text] of files) writeFileSync(path.join(dir, f.name), text);
    return { db: await openNativeDb(4), registered: files.map(([f, text]) => csvRegistration(f, text, path.join(dir, f.name))) };
  }
  const engine = await openEngine();
  for (const [f, text] of files) engine.register(`uploads/${f.name}`, new TextEncoder().encode(text));
  return { db: engine, registered: files.map(([f, text]) => csvRegistration(f, text)) };
}

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
      const { db, registered } = await openWith(native, [[file, csv]]);
      const spec = { ...defaultImportSpec([file]), cleaning: { ...standardCleaning(), duplicates } };
      const report = await runImport(db, spec, registered);
      const [r] = await db.rows(
        `SELECT count(*) AS lines,
        count(*) FILTER (WHERE tag IS DISTINCT FROM 't' || (rec_no - 1)) AS wrong_tag,
        count(*) FILTER (WHERE size IS DISTINCT FROM CASE WHEN rec_no % 2 = 1 THEN 's' || (rec_no - 1) END) AS wrong_size,
        count(*) FILTER (WHERE order_id IS DISTINCT FROM 'o' || ((rec_no - 1) // 3 % 90000)) AS wrong_order,
        count(*) FILTER (WHERE customer_id IS DISTINCT FROM 'c' || ((rec_no - 1) // 3 % 90000 % 5000)) AS wrong_customer,
        count(*) FILTER (WHERE status IS DISTINCT FROM 'st' || ((rec_no - 1) % 7)) AS wrong_status
      FROM order_lines`,
      );
      // Left in the raw table, the texts are not copied; the duplicate rule's window copies them.
      const staged = (await db.rows(`SELECT column_name FROM (DESCRIBE staged_0)`)).map((c) => String(c.column_name));
      expect(staged.filter((c) => ['customer_id', 'order_id', 'status'].includes(c))).toEqual(
        duplicates ? ['customer_id', 'order_id', 'status'] : [],
      );
      expect(Number(r.lines)).toBe(report.files[0].loaded);
      expect(report.files[0].loaded).toBeGreaterThan(RECORDS * 0.9);
      expect(Number(r.wrong_tag)).toBe(0);
      expect(Number(r.wrong_size)).toBe(0);
      expect(Number(r.wrong_order)).toBe(0);
      expect(Number(r.wrong_customer)).toBe(0);
      expect(Number(r.wrong_status)).toBe(0);
      // Each order's attributes are its first line's that has one, as arg_min over its lines takes them.
      const reference = `SELECT customer_id, order_id, arg_min(tag, rec_no) AS tag, arg_min(size, rec_no) AS size
        FROM order_lines GROUP BY source_file, customer_id, order_id`;
      const [o] = await db.rows(
        `SELECT (SELECT count(*) FROM orders) AS orders,
          (SELECT count(*) FROM (SELECT customer_id, order_id, tag, size FROM orders EXCEPT ALL ${reference})) AS not_in_reference,
          (SELECT count(*) FROM (${reference} EXCEPT ALL SELECT customer_id, order_id, tag, size FROM orders)) AS missing`,
      );
      expect(Number(o.orders)).toBe(90_000);
      expect(Number(o.not_in_reference)).toBe(0);
      expect(Number(o.missing)).toBe(0);
    },
    60_000,
  );

  test('order ids with spaces around them, empty or not ASCII are read trimmed, from a copy', async () => {
    const ids = ['o1', ' o1', 'o1 ', '"  "', 'ö2', ' ö2', '\u00a0o3', 'o3'];
    const small = ['id,order,date,amount', ...ids.map((o, i) => `c${i % 2},${o},2024-01-0${i + 1},${i + 1}`)].join('\n') + '\n';
    const f = transactionsFile('padded-orders.csv', { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' });
    const { db, registered } = await openWith(native, [[f, small]]);
    await runImport(db, defaultImportSpec([f]), registered);
    const lines = await db.rows(`SELECT order_id FROM order_lines ORDER BY rec_no`);
    expect(lines.map((l) => l.order_id)).toEqual(['o1', 'o1', 'o1', null, 'ö2', 'ö2', 'o3', 'o3']);
    const staged = (await db.rows(`SELECT column_name FROM (DESCRIBE staged_0)`)).map((c) => String(c.column_name));
    expect(staged).toContain('order_id');
    const orders = await db.rows(`SELECT customer_id, order_id, line_count FROM orders ORDER BY ALL`);
    expect(orders.map((o) => `${String(o.customer_id)} ${String(o.order_id)} ${Number(o.line_count)}`)).toEqual([
      'c0 o1 2',
      'c0 o3 1',
      'c0 ö2 1',
      'c1 o1 1',
      'c1 o3 1',
      'c1 ö2 1',
      'c1 null 1',
    ]);
  });

  test('each customer carries its first record’s attributes', async () => {
    const { db, registered } = await openWith(native, [
      [file, csv],
      [customers, customersCsv],
    ]);
    const spec: ImportSpec = { ...defaultImportSpec([file, customers]), duplicateCustomers: 'keep-first' };
    const report = await runImport(db, spec, registered);
    const rows = await db.rows(`SELECT customer_id, note, size FROM customer_attributes`);
    expect(rows.length).toBe(firstRecord.size);
    expect(report.files[1].excluded.duplicate_customer).toBe(RECORDS - firstRecord.size - report.files[1].excluded.no_customer_id!);
    const wrong = rows.filter((r) => {
      const i = firstRecord.get(String(r.customer_id));
      return i === undefined || r.note !== `n${i}` || r.size !== (i % 2 ? null : `s${i}`);
    });
    expect(wrong).toEqual([]);
  }, 60_000);
});
