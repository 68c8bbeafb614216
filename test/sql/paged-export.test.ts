import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAnalysis } from '../../src/lib/analysis/run-analysis.ts';
import { exportText, plainFormat, writeExport } from '../../src/lib/export/paged-export.ts';
import { TOOL_FORMATS } from '../../src/lib/export/tool-formats.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { PAGE_ROWS, userSqlRunner, type UserSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { audienceExport, type AudienceFormat } from '../../src/lib/segments/audience.ts';
import { readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { segmentExport, segmentExportCsv } from '../../src/lib/segments/segment-export.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import { exportCustomersSql } from '../../src/lib/sql/export.ts';
import { SNAPSHOT_CUSTOMERS_SQL } from '../../src/lib/sql/segment-base.ts';
import { onePieceCsv } from '../unit/one-piece-csv.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

/** The default sample (retail-v2): retail-v1's transactions and the customers file with contact fields. */
const SAMPLES = path.resolve(import.meta.dirname, '../../public/samples');
const SOURCES = { transactions: 'retail-v1/transactions.csv', customers: 'retail-v2/customers.csv' } as const;
const ROLES: Record<string, Role> = {
  invoice_id: 'order_id',
  customer_id: 'customer_id',
  invoice_date: 'order_date',
  amount: 'amount',
  email: 'email',
  first_name: 'first_name',
  last_name: 'last_name',
  phone: 'phone',
  accepts_email_marketing: 'consent',
};
/** Small pages (a page is whole record batches, so at least one batch), so the sample's 5,000 customers cross several. */
const SMALL_PAGE = 700;

let db: TestEngine;
let gate: UserSqlRunner;
let schema: SegmentSchema;
let customers: number;

beforeAll(async () => {
  db = await openEngine({ pageRows: SMALL_PAGE });
  const texts = Object.fromEntries(Object.entries(SOURCES).map(([kind, file]) => [kind, readFileSync(path.join(SAMPLES, file), 'utf8')]));
  const files: FileImport[] = (['transactions', 'customers'] as const).map((kind) => {
    db.register(`uploads/${kind}.csv`, new TextEncoder().encode(texts[kind]));
    const header = texts[kind].slice(0, texts[kind].indexOf('\n')).split(',');
    const role = (name: string): Role =>
      kind === 'customers' && ['invoice_id', 'invoice_date', 'amount'].includes(name) ? 'attribute' : (ROLES[name] ?? 'attribute');
    return { name: `${kind}.csv`, kind, parse: defaultParseOptions(), columns: header.map((name) => ({ name, role: role(name) })) };
  });
  await runImport(
    db,
    defaultImportSpec(files),
    files.map((f) => csvRegistration(f, texts[f.kind])),
  );
  const { result } = await runAnalysis(db, defaultAnalysisSpec(), null);
  await db.exec(SNAPSHOT_CUSTOMERS_SQL);
  gate = userSqlRunner(db);
  schema = await readSegmentSchema(gate, result.analysisDate);
  customers = Number((await db.rows('SELECT count(*) AS n FROM customers'))[0].n);
}, 120_000);
afterAll(() => db.close());

/** Every chunk an export writes, with the rows written after each. */
async function chunks(run: (write: (chunk: string, rows: number) => void) => Promise<unknown>) {
  const out: { chunk: string; rows: number }[] = [];
  await run((chunk, rows) => void out.push({ chunk, rows }));
  return out;
}

describe('exports read in pages from the engine', () => {
  test('the customer export, streamed in pages, is byte for byte the one-piece file', async () => {
    expect(customers).toBeGreaterThan(3 * SMALL_PAGE);
    const sql = exportCustomersSql();
    const whole = await db.rows(sql);
    const columns = schema.customers.map((c) => c.name);
    const written = await chunks((write) => writeExport(db.pages(sql), plainFormat(columns), write));
    // The header, then one chunk per page (whole record batches of up to 2,048 rows): no chunk holds the file.
    expect(written.length).toBeGreaterThan(2);
    expect(written.at(-1)!.rows).toBe(customers);
    expect(written.map((w) => w.chunk).join('')).toBe(onePieceCsv(whole, Object.keys(whole[0])));
  });

  test('segment columns and one segment’s members through the gate, paged, as before', async () => {
    const named = [
      {
        name: 'France',
        definition: {
          kind: 'rules' as const,
          root: { type: 'group' as const, combine: 'and' as const, rules: [condition('country', 'eq', 'FR')] },
        },
      },
      {
        name: '=Big, "spenders"',
        definition: {
          kind: 'rules' as const,
          root: { type: 'group' as const, combine: 'and' as const, rules: [condition('monetary', 'gt', '500')] },
        },
      },
    ];
    for (const member of [null, 0, 1]) {
      const { sql, columns } = segmentExport(named, schema, member);
      const paged = await segmentExportCsv(gate, named, schema, member);
      expect(paged, `member ${member}`).toBe(onePieceCsv(await gate.rows(sql), columns));
    }
  });

  test.each(['customers', 'contacts', ...TOOL_FORMATS.map((f) => f.id)])(
    'the %s audience file: small pages and one page give the same bytes',
    async (id) => {
      const format = id as AudienceFormat;
      const options = { consentOnly: false, context: { segmentName: 'All customers', defaultCountry: 'GB' } };
      const everyone = { include: [], exclude: [], library: [] };
      const paged = audienceExport(everyone, schema, format, options, [
        'email',
        'first_name',
        'last_name',
        'phone',
        'accepts_email_marketing',
      ]);
      const single = audienceExport(everyone, schema, format, options, [
        'email',
        'first_name',
        'last_name',
        'phone',
        'accepts_email_marketing',
      ]);
      const inPages = await exportText(db.pages(paged.sql), paged.format);
      const onePage = await exportText(
        (async function* () {
          yield await db.rows(single.sql);
        })(),
        single.format,
      );
      expect(inPages.text).toBe(onePage.text);
      expect(inPages.notes).toEqual(onePage.notes);
      expect(inPages.rows).toBeGreaterThan(SMALL_PAGE);
    },
  );
});

describe('at the real page size', () => {
  test(`a result of more than ${PAGE_ROWS.toLocaleString('en')} rows comes in pages, and the pages are the one-piece file`, async () => {
    const engine = await openEngine();
    try {
      // Quoted and neutralised cells on both sides of every page boundary.
      const sql = `SELECT i AS id, CASE i % 4 WHEN 0 THEN 'a,b' WHEN 1 THEN '=x' WHEN 2 THEN E'two\\nlines' ELSE NULL END AS note
FROM range(25000) t(i) ORDER BY i`;
      const pages: number[] = [];
      for await (const page of engine.pages(sql)) pages.push(page.length);
      expect(pages.length).toBeGreaterThan(1);
      expect(Math.max(...pages)).toBeLessThan(PAGE_ROWS + 2048 + 1);
      expect(pages.reduce((a, b) => a + b, 0)).toBe(25000);
      const written = await exportText(engine.pages(sql), plainFormat(['id', 'note']));
      expect(written.text).toBe(onePieceCsv(await engine.rows(sql), ['id', 'note']));
    } finally {
      engine.close();
    }
  });
});
