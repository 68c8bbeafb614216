import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import type { RegisteredFile } from '../../src/lib/import/run-import.ts';
import { csvRegistration } from './csv-registration.ts';
import { defaultImportSpec, type FileImport, type ImportSpec, type Role } from '../../src/lib/spec/import.ts';

/** ../shared beside the project root; tests that need it skip with a message when it is absent. */
export const SHARED = path.resolve(import.meta.dirname, '../../../shared');
export const hasShared = existsSync(path.join(SHARED, 'data'));

export function sharedBytes(relative: string): Uint8Array {
  const bytes = readFileSync(path.join(SHARED, relative));
  return relative.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

const RETAIL_ROLES: Record<string, Role> = {
  InvoiceNo: 'order_id',
  Quantity: 'quantity',
  InvoiceDate: 'order_date',
  UnitPrice: 'unit_price',
  CustomerID: 'customer_id',
};

/**
 * Registers Online Retail in a test engine and returns its import spec under "Standard" cleaning
 * (amount = Quantity × UnitPrice), the setting the reference was computed with.
 */
export function registerOnlineRetail(db: { register(name: string, bytes: Uint8Array): void }): {
  spec: ImportSpec;
  files: RegisteredFile[];
} {
  const bytes = sharedBytes('data/online-retail/online-retail.csv.gz');
  db.register('uploads/online-retail.csv', bytes);
  const columns = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
  const file: FileImport = {
    name: 'online-retail.csv',
    kind: 'transactions',
    parse: { delimiter: ',', header: true, encoding: 'utf-8', decimalMark: 'point', dateFormat: 'ymd' },
    columns: columns.map((name) => ({ name, role: RETAIL_ROLES[name] ?? 'attribute' })),
  };
  return { spec: defaultImportSpec([file]), files: [csvRegistration(file, bytes, 'uploads/online-retail.csv')] };
}
