import { describe, expect, test } from 'vitest';
import { countRecords, recordDialect } from '../../src/lib/import/record-count.ts';
import { runImport, type RegisteredFile } from '../../src/lib/import/run-import.ts';
import { defaultImportSpec } from '../../src/lib/spec/import.ts';
import { csvRegistration, transactionsFile } from './csv-registration.ts';
import { openEngine } from './engine.ts';

/**
 * The worker counts a file DuckDB reads as it is while DuckDB reads it (`countLater`): the import must
 * come out as when the count came first, blank lines before the header and refusals included.
 */
const file = (name: string) =>
  transactionsFile(name, { customer_id: 'customer_id', order_id: 'order_id', order_date: 'order_date', amount: 'amount' });
const HEADER = 'customer_id,order_id,order_date,amount';

async function importBoth(name: string, csv: string) {
  const f = file(name);
  const outcome = async (registered: RegisteredFile) => {
    const db = await openEngine();
    db.register(`uploads/${name}`, new TextEncoder().encode(csv));
    try {
      const report = await runImport(db, defaultImportSpec([f]), [registered]);
      const lines = await db.rows('SELECT customer_id, order_id, CAST(amount AS VARCHAR) AS amount FROM order_lines ORDER BY rec_no');
      return { report: report.files[0], lines };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  const counted = csvRegistration(f, csv);
  const bytes = new TextEncoder().encode(csv);
  // A count that takes its time, as a stream of a large file does: the read runs first.
  const slowCount = () =>
    new Promise<ReturnType<typeof countRecords>>((resolve) => setTimeout(() => resolve(countRecords(bytes, recordDialect(f))), 50));
  const whileCounting: RegisteredFile = { path: `uploads/${name}`, delimiter: ',', countLater: slowCount };
  return { before: await outcome(counted), during: await outcome(whileCounting) };
}

describe('a file counted while DuckDB reads it', () => {
  test('loads as when counted first', async () => {
    const { before, during } = await importBoth('plain.csv', `${HEADER}\nA,1,2024-01-01,5\nB,2,2024-01-02,7.5\n`);
    expect(during).toEqual(before);
    expect(during.report?.loaded).toBe(2);
  });

  test('with blank lines before the header, is read again past them', async () => {
    const { before, during } = await importBoth('blank-first.csv', `\n\n${HEADER}\nA,1,2024-01-01,5\nB,2,2024-01-02,7.5\n`);
    expect(during).toEqual(before);
    expect(during.lines?.map((l) => l.customer_id)).toEqual(['A', 'B']);
  });

  test('is refused with the count’s reason, whatever the read made of it', async () => {
    const mixed = await importBoth('mixed.csv', `${HEADER}\nA,1,2024-01-01,1\r\nB,2,2024-01-02,2\n`);
    expect(mixed.during).toEqual(mixed.before);
    expect(mixed.during.error).toContain('mixed.csv cannot be read: its lines end in different ways');
    const headerOnly = await importBoth('header-only.csv', `${HEADER}\n`);
    expect(headerOnly.during).toEqual(headerOnly.before);
    expect(headerOnly.during.error).toContain('has no records below its header');
  });

  test('a count that fails fails the import with its error', async () => {
    const f = file('unreadable.csv');
    const db = await openEngine();
    db.register('uploads/unreadable.csv', new TextEncoder().encode(`${HEADER}\nA,1,2024-01-01,5\n`));
    const countLater = () => Promise.reject(new Error('the file changed while it was read'));
    await expect(runImport(db, defaultImportSpec([f]), [{ path: 'uploads/unreadable.csv', delimiter: ',', countLater }])).rejects.toThrow(
      'the file changed while it was read',
    );
  });
});
