/**
 * Writes synthetic retail data.
 *
 *   npx tsx src/cli/generate-data.ts sample [--out DIR]
 *     → public/samples/retail-v1/transactions.csv and customers.csv, and
 *       public/samples/retail-v2/customers.csv (v1's customers with contact fields; v2's
 *       transactions are v1's file, so it is not written twice), and
 *       public/samples/b2b-v1/accounts.csv and invoices.csv (the B2B subscription sample)
 *   npx tsx src/cli/generate-data.ts bench --rows 1000000 [--out bench-data/] [--customers N]
 *       [--seed N] [--ids prefixed|numeric] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--contacts]
 *     → <out>/tx-<rows>.csv and <out>/customers-<rows>.csv, skipped when a `.done` marker beside
 *       each says it already holds exactly these bytes.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createB2bDataset } from '../lib/synth/b2b/dataset.ts';
import { B2B_SAMPLE_OPTIONS } from '../lib/synth/b2b/options.ts';
import { createDataset } from '../lib/synth/dataset.ts';
import { SAMPLE_OPTIONS, SAMPLE_V2_OPTIONS, SYNTH_VERSION, benchOptions } from '../lib/synth/options.ts';
import type { IdStyle, SynthOptions } from '../lib/synth/options.ts';
import { summarizeTransactions } from '../lib/synth/summarize.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'public/samples');
const USAGE = `usage:
  generate-data.ts sample [--out DIR]
  generate-data.ts bench --rows N [--out DIR] [--customers N] [--seed N] [--ids prefixed|numeric]
                         [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--contacts]`;

/** What the `.done` marker records: a file is reused only when all of it matches. */
interface Marker {
  version: number;
  options: SynthOptions;
  rows: number;
  bytes: number;
}

function markerPath(file: string): string {
  return `${file}.done`;
}

function isDone(file: string, expect: Omit<Marker, 'bytes'>): boolean {
  if (!existsSync(file) || !existsSync(markerPath(file))) return false;
  try {
    const marker = JSON.parse(readFileSync(markerPath(file), 'utf8')) as Marker;
    return JSON.stringify({ ...marker, bytes: 0 }) === JSON.stringify({ ...expect, bytes: 0 }) && statSync(file).size === marker.bytes;
  } catch {
    return false;
  }
}

/** Writes chunks synchronously, so the disk sets the pace, into a `.part` file renamed when done. */
function writeChunks(file: string, chunks: Iterable<string>): number {
  const part = `${file}.part`;
  const fd = openSync(part, 'w');
  let bytes = 0;
  try {
    for (const chunk of chunks) {
      const buffer = Buffer.from(chunk, 'utf8');
      for (let offset = 0; offset < buffer.length;) offset += writeSync(fd, buffer, offset);
      bytes += buffer.length;
    }
  } finally {
    closeSync(fd);
  }
  renameSync(part, file);
  return bytes;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/** Writes one file, or with `marker` skips it when its `.done` marker says it is already there. */
function writeFile(file: string, rows: number, options: SynthOptions, chunks: () => Iterable<string>, what: string, marker: boolean): void {
  const expect = { version: SYNTH_VERSION, options, rows };
  if (marker && isDone(file, expect)) {
    console.log(`exists ${file} (${rows} ${what}, ${statSync(file).size} bytes)`);
    return;
  }
  const started = performance.now();
  const bytes = writeChunks(file, chunks());
  if (marker) writeFileSync(markerPath(file), `${JSON.stringify({ ...expect, bytes })}\n`);
  console.log(`wrote ${file}: ${rows} ${what}, ${bytes} bytes, ${seconds(started)} s`);
}

/** Writes the transactions file unless `txFile` is null, and the customers file. */
function generate(options: SynthOptions, txFile: string | null, customersFile: string, marker: boolean): void {
  const dataset = createDataset(options);
  mkdirSync(path.dirname(customersFile), { recursive: true });
  if (txFile !== null) writeFile(txFile, options.targetRows, options, () => dataset.transactionsCsv(), 'rows', marker);
  writeFile(customersFile, dataset.customers, options, () => dataset.customersCsv(), 'customers', marker);
}

/** Writes the B2B sample's accounts and invoices into `dir`. */
function generateB2b(dir: string): void {
  const dataset = createB2bDataset({ ...B2B_SAMPLE_OPTIONS });
  mkdirSync(dir, { recursive: true });
  for (const [file, rows, chunks] of [
    ['accounts.csv', dataset.accounts, () => dataset.accountsCsv()],
    ['invoices.csv', dataset.invoices, () => dataset.invoicesCsv()],
  ] as const) {
    const bytes = writeChunks(path.join(dir, file), chunks());
    console.log(`wrote ${path.join(dir, file)}: ${rows} rows, ${bytes} bytes`);
  }
}

function positive(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new Error(`invalid --${name}: ${text}`);
  return value;
}

function main(argv: string[]): void {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rows: { type: 'string' },
      out: { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
      ids: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      contacts: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  if (command === 'sample' && positionals.length === 1) {
    const dir = values.out ?? SAMPLES_DIR;
    const txFile = path.join(dir, 'retail-v1/transactions.csv');
    generate({ ...SAMPLE_OPTIONS }, txFile, path.join(dir, 'retail-v1/customers.csv'), false);
    generate({ ...SAMPLE_V2_OPTIONS }, null, path.join(dir, 'retail-v2/customers.csv'), false);
    generateB2b(path.join(dir, 'b2b-v1'));
    const s = summarizeTransactions([readFileSync(txFile, 'utf8')]);
    console.log(
      `sample: ${s.invoices} invoices, ${s.customers} customer ids, ` +
        `${s.oneTimeCustomers} one-time buyers, ` +
        `top 20% revenue share ${s.top20Share.toFixed(3)}, missing ids ${s.missingIds}, ` +
        `cancelled ${s.cancelledRows}, returns ${s.returnRows}, duplicates ${s.duplicateRows}, ` +
        `zero price ${s.zeroPriceRows}`,
    );
    return;
  }
  const rows = positive(values.rows, 'rows');
  if (command === 'bench' && positionals.length === 1 && rows !== undefined) {
    const overrides: Partial<SynthOptions> = {};
    const customers = positive(values.customers, 'customers');
    const seed = positive(values.seed, 'seed');
    if (customers !== undefined) overrides.customers = customers;
    if (seed !== undefined) overrides.seed = seed;
    if (values.ids !== undefined) overrides.idStyle = values.ids as IdStyle;
    if (values.start !== undefined) overrides.start = values.start;
    if (values.end !== undefined) overrides.end = values.end;
    if (values.contacts) overrides.contacts = true;
    const dir = values.out ?? 'bench-data';
    const started = performance.now();
    generate(benchOptions(rows, overrides), path.join(dir, `tx-${rows}.csv`), path.join(dir, `customers-${rows}.csv`), true);
    console.log(`done in ${seconds(started)} s`);
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exitCode = 2;
}
