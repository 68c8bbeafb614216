import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { civilFromDays, daysFromCivil, formatDay, parseDay } from '../../src/lib/synth/calendar.ts';
import { createDataset } from '../../src/lib/synth/dataset.ts';
import { exp, ln } from '../../src/lib/synth/det-math.ts';
import { formatCents, parseCents } from '../../src/lib/synth/money.ts';
import { SAMPLE_OPTIONS, SAMPLE_V2_OPTIONS, benchOptions, validateOptions } from '../../src/lib/synth/options.ts';
import type { SynthOptions } from '../../src/lib/synth/options.ts';
import { summarizeTransactions } from '../../src/lib/synth/summarize.ts';

const OPTIONS: SynthOptions = { ...SAMPLE_OPTIONS, customers: 2500, targetRows: 20_000 };
const TX_HEADER = 'invoice_id,customer_id,invoice_date,product_category,quantity,unit_price,amount,country,channel,device,status';
const CUSTOMERS_HEADER =
  'customer_id,signup_date,age,gender,country,city,industry,company_size,device,plan,acquisition_source,email_opt_in';

function join(chunks: Iterable<string>): string {
  return [...chunks].join('');
}

function rowsOf(text: string): string[][] {
  return text
    .split('\n')
    .slice(1, -1)
    .map((line) => line.split(','));
}

const dataset = createDataset(OPTIONS);
const txChunks = [...dataset.transactionsCsv(64 * 1024)];
const tx = txChunks.join('');
const customersText = join(dataset.customersCsv(16 * 1024));
const rows = rowsOf(tx);
const customerRows = rowsOf(customersText);
const summary = summarizeTransactions(txChunks);

describe('determinism', () => {
  test('the same options give the same text, whatever the chunk size', () => {
    const again = createDataset({ ...OPTIONS });
    expect(join(again.transactionsCsv())).toBe(tx);
    expect(join(again.customersCsv(1))).toBe(customersText);
  });

  test('another seed gives other text', () => {
    const other = createDataset({ ...OPTIONS, seed: OPTIONS.seed + 1 });
    expect(join(other.transactionsCsv())).not.toBe(tx);
    expect(join(other.customersCsv())).not.toBe(customersText);
  });

  // Pinned bytes: a change here means every machine's files change too (bump SYNTH_VERSION).
  test('a tiny dataset is pinned byte for byte', () => {
    const tiny = createDataset({ ...OPTIONS, seed: 7, customers: 4, targetRows: 6 });
    expect(join(tiny.transactionsCsv())).toMatchInlineSnapshot(`
      "invoice_id,customer_id,invoice_date,product_category,quantity,unit_price,amount,country,channel,device,status
      100001,C000003,2023-05-18 13:04:58,Home Decor,5,6.99,34.95,CH,web,desktop,completed
      100001,C000003,2023-05-18 13:04:58,Home Decor,3,11.99,35.97,CH,web,desktop,completed
      100002,C000004,2023-10-16 12:38:10,Kitchen,3,42.75,128.25,DE,web,tablet,completed
      100002,C000004,2023-10-16 12:38:10,Grocery,2,6.99,13.98,DE,web,tablet,completed
      100003,C000001,2024-03-17 19:52:52,Electronics,1,38.99,38.99,PL,app,mobile,completed
      100003,C000001,2024-03-17 19:52:52,Kitchen,2,8.40,16.80,PL,app,mobile,completed
      "
    `);
    expect(join(tiny.customersCsv())).toMatchInlineSnapshot(`
      "customer_id,signup_date,age,gender,country,city,industry,company_size,device,plan,acquisition_source,email_opt_in
      C000001,2024-03-17,40,M,PL,Poznań,Professional Services,11-50,mobile,plus,email,true
      C000002,2019-10-29,49,,GB,Belfast,Education,201-1000,desktop,basic,direct,true
      C000003,2023-05-18,48,F,CH,Zürich,Retail,11-50,desktop,basic,email,false
      C000004,2019-12-10,46,F,DE,Köln,Manufacturing,1-10,tablet,basic,organic_search,false
      "
    `);
  });

  const samples = path.resolve(import.meta.dirname, '../../public/samples');
  function bundled(file: string): string {
    if (!existsSync(path.join(samples, file))) throw new Error(`public/samples/${file} is missing: run \`npm run sample\``);
    return readFileSync(path.join(samples, file), 'utf8');
  }

  test('the bundled sample retail-v1 is what the generator writes', () => {
    const sample = createDataset(SAMPLE_OPTIONS);
    expect(bundled('retail-v1/transactions.csv') === join(sample.transactionsCsv())).toBe(true);
    expect(bundled('retail-v1/customers.csv') === join(sample.customersCsv())).toBe(true);
  });

  test("retail-v2 is what the generator writes: v1's transactions, v1's customers with contact columns added", () => {
    const v2 = createDataset(SAMPLE_V2_OPTIONS);
    expect(bundled('retail-v2/customers.csv') === join(v2.customersCsv())).toBe(true);
    // v2 ships no transactions file of its own (src/lib/samples.ts points at v1's): they must be the same.
    expect(bundled('retail-v1/transactions.csv') === join(v2.transactionsCsv())).toBe(true);
    expect(existsSync(path.join(samples, 'retail-v2/transactions.csv'))).toBe(false);
    const v1Lines = bundled('retail-v1/customers.csv').split('\n');
    const v2Lines = bundled('retail-v2/customers.csv').split('\n');
    expect(v2Lines).toHaveLength(v1Lines.length);
    const v1Columns = CUSTOMERS_HEADER.split(',').length;
    expect(v2Lines.every((line, i) => line.split(',').slice(0, v1Columns).join(',') === v1Lines[i])).toBe(true);
  });
});

describe('shape', () => {
  test('headers, exact row counts and field counts', () => {
    expect(tx.slice(0, tx.indexOf('\n'))).toBe(TX_HEADER);
    expect(customersText.slice(0, customersText.indexOf('\n'))).toBe(CUSTOMERS_HEADER);
    expect(rows).toHaveLength(20_000);
    expect(customerRows).toHaveLength(2500);
    expect(rows.every((r) => r.length === 11)).toBe(true);
    expect(customerRows.every((r) => r.length === 12)).toBe(true);
  });

  test('chunks end at line ends and are at least the asked size, but the last', () => {
    expect(txChunks.length).toBeGreaterThan(10);
    expect(txChunks.every((c) => c.endsWith('\n'))).toBe(true);
    expect(txChunks.slice(0, -1).every((c) => c.length >= 64 * 1024)).toBe(true);
  });

  test('exact row counts at the edges: fewer rows than buyers, one row', () => {
    for (const targetRows of [1, 7, 333]) {
      const small = createDataset({ ...OPTIONS, customers: 100, targetRows });
      expect(rowsOf(join(small.transactionsCsv()))).toHaveLength(targetRows);
    }
  });

  test('customer ids: prefixed in the sample, digits in the numeric style', () => {
    expect(customerRows[0][0]).toBe('C000001');
    expect(customerRows.every((r) => /^C\d{6}$/.test(r[0]))).toBe(true);
    const numeric = createDataset({
      ...OPTIONS,
      customers: 50,
      targetRows: 500,
      idStyle: 'numeric',
    });
    const ids = rowsOf(join(numeric.transactionsCsv())).map((r) => r[1]);
    expect(ids.every((id) => id === '' || /^\d+$/.test(id))).toBe(true);
  });

  test('bench options scale customers with rows', () => {
    expect(benchOptions(1_000_000)).toMatchObject({ customers: 100_000, targetRows: 1_000_000 });
  });
});

describe('values', () => {
  test('every amount is quantity × unit price to the cent', () => {
    const bad = rows.filter((r) => parseCents(r[6]) !== Number(r[4]) * parseCents(r[5]));
    expect(bad).toEqual([]);
  });

  test('dates are well-formed, real, within the period and in time order', () => {
    const start = parseDay(OPTIONS.start, 'start');
    const end = parseDay(OPTIONS.end, 'end');
    const bad = rows.filter((r) => {
      const m = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.exec(r[2]);
      if (!m) return true;
      const day = parseDay(m[1], 'date');
      return day < start || day > end;
    });
    expect(bad).toEqual([]);
    expect(rows.every((r, i) => i === 0 || rows[i - 1][2] <= r[2])).toBe(true);
  });

  test('no field needs CSV quoting', () => {
    expect(/["\r]/.test(tx) || /["\r]/.test(customersText)).toBe(false);
  });

  test('cancellations are exactly the C-prefixed invoices; other rows are completed or returned', () => {
    expect(rows.every((r) => r[0].startsWith('C') === (r[10] === 'cancelled'))).toBe(true);
    expect(rows.every((r) => Number(r[4]) < 0 === (r[10] === 'returned'))).toBe(true);
    expect(new Set(rows.map((r) => r[10]))).toEqual(new Set(['completed', 'cancelled', 'returned']));
  });

  test('an invoice has 1 to 5 distinct lines, one customer and one time', () => {
    const byInvoice = new Map<string, string[][]>();
    for (const r of rows) byInvoice.set(r[0], [...(byInvoice.get(r[0]) ?? []), r]);
    const sizes = [...byInvoice.values()].map((lines) => new Set(lines.map((l) => l.join(','))).size);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(5);
    for (const lines of byInvoice.values()) {
      expect(new Set(lines.map((l) => `${l[1]} ${l[2]}`)).size).toBe(1);
    }
  });
});

describe('shares on a 20k-row run', () => {
  const share = (n: number) => n / summary.rows;

  test('imperfections', () => {
    expect(share(summary.missingIds)).toBeGreaterThan(0.02);
    expect(share(summary.missingIds)).toBeLessThan(0.045);
    expect(share(summary.cancelledRows)).toBeGreaterThan(0.008);
    expect(share(summary.cancelledRows)).toBeLessThan(0.025);
    expect(share(summary.returnRows)).toBeGreaterThan(0.012);
    expect(share(summary.returnRows)).toBeLessThan(0.03);
    expect(summary.duplicateRows).toBeGreaterThan(0);
    expect(share(summary.duplicateRows)).toBeLessThan(0.01);
    expect(summary.zeroPriceRows).toBeGreaterThan(0);
  });

  test('the top 20 % of customers bring most of the revenue', () => {
    expect(summary.top20Share).toBeGreaterThan(0.55);
    expect(summary.top20Share).toBeLessThan(0.85);
  });

  test('many one-time buyers', () => {
    expect(summary.oneTimeCustomers / summary.customers).toBeGreaterThan(0.3);
  });

  test('some customers never buy; a few buyers are missing from the customers file', () => {
    const known = new Set(customerRows.map((r) => r[0]));
    const buyers = new Set(rows.map((r) => r[1]).filter((id) => id !== ''));
    const never = [...known].filter((id) => !buyers.has(id)).length / known.size;
    const unknown = [...buyers].filter((id) => !known.has(id)).length / buyers.size;
    expect(never).toBeGreaterThan(0.03);
    expect(never).toBeLessThan(0.08);
    expect(unknown).toBeGreaterThan(0.003);
    expect(unknown).toBeLessThan(0.02);
  });

  test('nobody buys before signing up', () => {
    const signup = new Map(customerRows.map((r) => [r[0], r[1]]));
    const early = rows.filter((r) => signup.has(r[1]) && r[2].slice(0, 10) < (signup.get(r[1]) ?? ''));
    expect(early).toEqual([]);
  });

  test('November and December are the busiest months', () => {
    const perMonth = new Map<string, number>();
    for (const r of rows) perMonth.set(r[2].slice(5, 7), (perMonth.get(r[2].slice(5, 7)) ?? 0) + 1);
    const ranked = [...perMonth].sort((a, b) => b[1] - a[1]).map(([month]) => month);
    expect(ranked.slice(0, 2).sort()).toEqual(['11', '12']);
  });

  test('customer attributes have a few blanks', () => {
    const blanks = (column: number) => customerRows.filter((r) => r[column] === '').length / customerRows.length;
    for (const column of [2, 3, 5, 6, 7]) {
      expect(blanks(column)).toBeGreaterThan(0.005);
      expect(blanks(column)).toBeLessThan(0.1);
    }
    expect(blanks(0) + blanks(1) + blanks(4)).toBe(0);
  });
});

describe('building blocks', () => {
  test('calendar round trips across leap years', () => {
    for (let day = daysFromCivil(1999, 12, 1); day < daysFromCivil(2025, 3, 1); day++) {
      const { y, m, d } = civilFromDays(day);
      expect(daysFromCivil(y, m, d)).toBe(day);
    }
    expect(formatDay(daysFromCivil(2024, 2, 29))).toBe('2024-02-29');
    expect(formatDay(0)).toBe('1970-01-01');
  });

  test.each([
    ['2023-02-29', 'invalid start: 2023-02-29'],
    ['2023-1-01', 'invalid start: 2023-1-01'],
    ['01/01/2023', 'invalid start: 01/01/2023'],
  ])('parseDay rejects %s', (text, message) => {
    expect(() => parseDay(text, 'start')).toThrow(message);
  });

  test('deterministic ln and exp agree with Math to ~1e-15', () => {
    for (let x = 1e-9; x < 1e9; x *= 1.37) {
      expect(Math.abs(ln(x) - Math.log(x))).toBeLessThan(1e-14 * Math.max(1, Math.abs(Math.log(x))));
    }
    for (let x = -700; x < 700; x += 3.3) {
      expect(Math.abs(exp(x) / Math.exp(x) - 1)).toBeLessThan(1e-14);
    }
  });

  test.each([
    [0, '0.00'],
    [5, '0.05'],
    [1205, '12.05'],
    [-99, '-0.99'],
    [-123456, '-1234.56'],
  ])('formatCents(%d) is %s and parses back', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
    expect(parseCents(text)).toBe(cents);
  });

  test.each<[Partial<SynthOptions>, string]>([
    [{ seed: -1 }, 'invalid seed: -1'],
    [{ seed: 1.5 }, 'invalid seed: 1.5'],
    [{ customers: 0 }, 'invalid customers: 0'],
    [{ targetRows: 2.5 }, 'invalid targetRows: 2.5'],
    [{ start: '2023-13-01' }, 'invalid start: 2023-13-01'],
    [{ end: '2022-12-31' }, 'invalid end: 2022-12-31 is before start 2023-01-01'],
    [{ idStyle: 'uuid' as never }, 'invalid idStyle: uuid'],
  ])('invalid options %o', (override, message) => {
    expect(() => validateOptions({ ...OPTIONS, ...override })).toThrow(message);
  });
});
