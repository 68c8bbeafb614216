import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { detectDelimiter, guessDateFormat, guessRoles } from '../../src/lib/mapping/index.ts';
import type { ColumnMapping, Role } from '../../src/lib/spec/import.ts';

const DATA = new URL('../../../shared/data/', import.meta.url);
const absent = !existsSync(DATA);
const skipNote = absent ? ' (skipped: ../shared/data is absent)' : '';
const PREVIEW_ROWS = 50;

/** The first bytes of a file: a preview never needs the whole of it. */
function head(path: string, size = 64 * 1024): Buffer {
  const fd = openSync(new URL(path, DATA), 'r');
  try {
    const buffer = Buffer.alloc(size);
    return buffer.subarray(0, readSync(fd, buffer, 0, size, 0));
  } finally {
    closeSync(fd);
  }
}

function csvPreview(text: string): { headers: string[]; rows: string[][] } {
  const [headers, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  return { headers, rows: rows.slice(0, PREVIEW_ROWS) };
}

function roleMap(mapping: ColumnMapping[]): Record<string, Role> {
  return Object.fromEntries(mapping.map((m) => [m.name, m.role]));
}

describe.skipIf(absent)(`guessRoles on the shared datasets${skipNote}`, () => {
  test('Online Retail (gzip CSV)', () => {
    // Only the first 64 KB of the archive: a sync flush decodes a truncated gzip stream.
    const text = gunzipSync(head('online-retail/online-retail.csv.gz'), {
      finishFlush: constants.Z_SYNC_FLUSH,
    }).toString('utf8');
    const { headers, rows } = csvPreview(text.slice(0, text.lastIndexOf('\n')));
    expect(rows).toHaveLength(PREVIEW_ROWS);
    expect(roleMap(guessRoles(headers, rows))).toEqual({
      InvoiceNo: 'order_id',
      StockCode: 'attribute',
      Description: 'attribute',
      Quantity: 'quantity',
      InvoiceDate: 'order_date',
      UnitPrice: 'unit_price',
      CustomerID: 'customer_id',
      Country: 'attribute',
    });
    expect(guessDateFormat(rows.map((r) => r[headers.indexOf('InvoiceDate')])).format).toBe('ymd');
  });

  test('CDNOW transactions CSV', () => {
    const text = head('cdnow/cdnow_master_transactions.csv').toString('utf8');
    const { headers, rows } = csvPreview(text);
    expect(roleMap(guessRoles(headers, rows))).toEqual({
      customer_id: 'customer_id',
      order_id: 'order_id',
      order_date: 'order_date',
      amount: 'amount',
      number_of_cds: 'quantity',
    });
  });

  test('CDNOW master text, whitespace-aligned, read without its header line', () => {
    const text = head('cdnow/CDNOW_master.txt').toString('latin1');
    expect(detectDelimiter(text)).toBe('whitespace');
    const lines = text
      .split(/\r?\n/)
      .slice(0, PREVIEW_ROWS + 1)
      .map((l) => l.trim().split(/\s+/));
    // This copy starts with a header line although the data is described as headerless.
    const [first, ...rest] = lines;
    const data = /^\d+$/.test(first[0]) ? lines : rest;
    const headless = guessRoles(['column1', 'column2', 'column3', 'column4'], data);
    expect(headless.map((m) => m.role)).toEqual(['customer_id', 'order_date', 'quantity', 'amount']);
    expect(guessDateFormat(data.map((r) => r[1])).format).toBe('ymd-compact');
    if (data !== lines) {
      expect(roleMap(guessRoles(first, rest))).toEqual({
        customer_id: 'customer_id',
        date: 'order_date',
        number_of_cds: 'quantity',
        dollar_value: 'amount',
      });
    }
  });

  test('CDNOW sample: two padded ids, the first is the customer', () => {
    const text = head('cdnow/CDNOW_sample.txt').toString('latin1');
    expect(detectDelimiter(text)).toBe('whitespace');
    const rows = text
      .split(/\r?\n/)
      .slice(0, PREVIEW_ROWS)
      .map((l) => l.trim().split(/\s+/));
    const headers = rows[0].map((_, i) => `column${i + 1}`);
    expect(guessRoles(headers, rows).map((m) => m.role)).toEqual(['customer_id', 'attribute', 'order_date', 'quantity', 'amount']);
  });

  test('rfm_data_orders: customer ids are person names; names and e-mail are contact fields', () => {
    const text = head('rfm-orders/rfm_data_orders.csv').toString('utf8');
    const { headers, rows } = csvPreview(text);
    expect(headers).toEqual(['customer_id', 'order_date', 'revenue', 'first_name', 'last_name', 'email']);
    expect(roleMap(guessRoles(headers, rows))).toEqual({
      customer_id: 'customer_id',
      order_date: 'order_date',
      revenue: 'amount',
      first_name: 'first_name',
      last_name: 'last_name',
      email: 'email',
    });
  });
});
