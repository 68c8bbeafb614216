import { beforeAll, describe, expect, test } from 'vitest';
import { countRecords, recordDialect, unreadableReason } from '../../src/lib/import/record-count.ts';
import { unaccounted } from '../../src/lib/import/report.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import type { SqlRunner } from '../../src/lib/import/sql-runner.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { rawReadSql, structuralRejectsSql } from '../../src/lib/sql/read-csv.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
let counter = 0;
beforeAll(async () => {
  db = await openEngine();
});

const ORDER_ROLES: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

function ordersFile(csv: string, columns = ['id', 'order', 'date', 'amount']): FileImport {
  const name = `accounting-${++counter}.csv`;
  db.register(`uploads/${name}`, new TextEncoder().encode(csv));
  return {
    name,
    kind: 'transactions',
    parse: defaultParseOptions(),
    columns: columns.map((c) => ({ name: c, role: ORDER_ROLES[c] ?? 'attribute' })),
  };
}

/** DuckDB's raw read of a file: rows read and records it rejected. */
async function duckRead(file: FileImport, skip = 0): Promise<{ rows: number; rejected: number }> {
  const { delimiter, header } = recordDialect(file);
  await db.exec(
    rawReadSql({ path: `uploads/${file.name}`, table: 'raw_probe', columns: file.columns.map((c) => c.name), delimiter, header, skip }),
  );
  const rows = Number((await db.rows('SELECT count(*) AS n FROM raw_probe'))[0].n);
  return { rows, rejected: (await db.rows(structuralRejectsSql('raw_probe'))).length };
}

describe('the count agrees with what DuckDB reads, record by record', () => {
  // Each shape of the counter's definition (record-count.ts), read by the engine.
  test.each([
    ['blank lines', 'a,b\n1,2\n\n3,4\n\n\n5,6\n', 2],
    ['no line end at the end', 'a,b\n1,2\n3,4', 2],
    ['CRLF with blank lines', 'a,b\r\n1,2\r\n\r\n3,4\r\n', 2],
    ['CR alone', 'a,b\r\r1,2\r\r\r3,4\r', 2],
    ['a line of delimiters', 'a,b\n1,2\n,\n3,4\n', 2],
    ['a line of spaces (rejected)', 'a,b\n1,2\n   \n3,4\n', 2],
    ['blank lines before the header', '\n\na,b\n1,2\n3,4\n', 2],
    ['quoted line ends', 'a,b\n"x\ny",2\n"\n\n",4\n', 2],
    ['"" inside quotes', 'a,b\n"x""y",2\n"""",3\n', 2],
    ['a quote inside an unquoted field', 'a,b\nx"y\n,2\n3,4\n', 2],
    ['one space before a quote', 'a,b\n1, "x\ny"\n3,4\n', 2],
    ['two spaces before a quote', 'a,b\n1,  "x\ny"\n3,4\n', 2],
    ['data after a closing quote', 'a,b\n"x"y,"a\nb"\n3,4\n', 2],
    ['spaces after a closing quote', 'a,b\n"x"  ,2\n3,4\n', 2],
    ['an unterminated quote', 'a,b\n1,2\n"x,2\n3,4\n5,6\n', 2],
    ['a header spanning lines', '"a\nx",b\n1,2\n', 2],
    ['ragged records', 'a,b\n1,2,3\n4\n5,6\n', 2],
    ['one column, blank lines', 'a\n1\n\n2\n\n', 1],
    ['one column, quoted empty value', 'a\n""\n1\n', 1],
  ])('%s', async (_, csv, columns) => {
    const file = ordersFile(csv, ['a', 'b'].slice(0, columns));
    const count = countRecords(new TextEncoder().encode(csv), recordDialect(file));
    expect(unreadableReason(count)).toBeNull();
    const read = await duckRead(file, count.blankLinesBeforeHeader);
    expect(read.rows + read.rejected).toBe(count.records);
  });
});

describe('files DuckDB would misread as a whole are refused with the reason', () => {
  test.each([
    ['LF then CRLF', 'id,order,date,amount\nA,1,2024-01-01,1\r\nB,2,2024-01-01,1\n', /lines end in different ways \(LF and CRLF\)/],
    ['a first line end in quotes', '"id\r\n",order,date,amount\nA,1,2024-01-01,1\nB,2,2024-01-01,1\n', /first line end is inside a quoted/],
    ['a malformed header', '"id"x,order,date,amount\nA,1,2024-01-01,1\nB,2,2024-01-01,1\n', /header has text after a closing quote/],
  ])('%s', async (_, csv, message) => {
    const file = ordersFile(csv);
    await expect(runImport(db, defaultImportSpec([file]), [csvRegistration(file, csv)])).rejects.toThrow(message);
    // The refusal is needed: read anyway, DuckDB fails or does not account for the 2 records.
    const read = await duckRead(file).catch(() => null);
    expect(read === null || read.rows + read.rejected !== 2).toBe(true);
  });

  test('a file without records is refused instead of loading nothing', async () => {
    const csv = 'id,order,date,amount\n\n';
    const file = ordersFile(csv);
    await expect(runImport(db, defaultImportSpec([file]), [csvRegistration(file, csv)])).rejects.toThrow(/has no records below its header/);
  });
});

describe('a record lost or added between reading and judging is reported', () => {
  const csv = 'id,order,date,amount\nA,1,2024-01-01,1\nB,2,2024-01-01,2\nC,3,2024-01-01,3\n';

  /** The engine, with `change` run on the raw table right after the read. */
  const tampered = (change: string): SqlRunner => ({
    async exec(sql) {
      await db.exec(sql);
      if (sql.includes('read_csv(')) await db.exec(change);
    },
    rows: (sql) => db.rows(sql),
  });

  test('untouched, every record is accounted for', async () => {
    const file = ordersFile(csv);
    const report = await runImport(db, defaultImportSpec([file]), [csvRegistration(file, csv)]);
    expect(report.files[0]).toMatchObject({ input: 3, loaded: 3 });
    expect(unaccounted(report.files[0])).toBe(0);
  });

  test('a row deleted from the raw table shows as 1 record unaccounted for', async () => {
    const file = ordersFile(csv);
    const report = await runImport(tampered("DELETE FROM raw_0 WHERE id = 'B'"), defaultImportSpec([file]), [csvRegistration(file, csv)]);
    expect(report.files[0]).toMatchObject({ input: 3, loaded: 2, rejected: 0, excluded: {} });
    expect(unaccounted(report.files[0])).toBe(1);
  });

  test('a row read twice shows as 1 record more than the file holds', async () => {
    const file = ordersFile(csv);
    const report = await runImport(tampered("INSERT INTO raw_0 SELECT * FROM raw_0 WHERE id = 'C'"), defaultImportSpec([file]), [
      csvRegistration(file, csv),
    ]);
    expect(report.files[0]).toMatchObject({ input: 3, loaded: 4 });
    expect(unaccounted(report.files[0])).toBe(-1);
  });

  test('DuckDB 1.4.3 makes a row and a reject of one line with two malformed quoted fields: 1 more than the file holds', async () => {
    // Found by the corpus suite (afl/3977): the tail after the second malformed field is read as a row.
    const doubled = 'id,order,date,amount\nA,1,2024-01-01,5\n"A"x,"B"y,5,2024-01-02,7\nC,3,2024-01-03,4\n';
    const file = ordersFile(doubled);
    const report = await runImport(db, defaultImportSpec([file]), [csvRegistration(file, doubled)]);
    expect(report.files[0]).toMatchObject({ input: 3, loaded: 3, rejected: 1 });
    expect(unaccounted(report.files[0])).toBe(-1);
  });
});
