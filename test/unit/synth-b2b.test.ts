import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ACCOUNTS_HEADER, INVOICES_HEADER, createB2bDataset } from '../../src/lib/synth/b2b/dataset.ts';
import { B2B_SAMPLE_OPTIONS } from '../../src/lib/synth/b2b/options.ts';
import { PLANS } from '../../src/lib/synth/b2b/vocab.ts';
import { parseCents } from '../../src/lib/synth/money.ts';

const join = (chunks: Iterable<string>) => [...chunks].join('');
const rowsOf = (text: string) =>
  text
    .slice(text.indexOf('\n') + 1)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));

const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../public/samples/b2b-v1');
function bundled(file: string): string {
  if (!existsSync(path.join(SAMPLE_DIR, file))) throw new Error(`public/samples/b2b-v1/${file} is missing: run \`npm run sample\``);
  return readFileSync(path.join(SAMPLE_DIR, file), 'utf8');
}

const sample = createB2bDataset({ ...B2B_SAMPLE_OPTIONS });
const accountsText = join(sample.accountsCsv());
const invoicesText = join(sample.invoicesCsv(4096));
const accounts = rowsOf(accountsText);
const invoices = rowsOf(invoicesText);
const column = (header: string, name: string) => header.split(',').indexOf(name);
const A = (name: string) => column(ACCOUNTS_HEADER, name);
const I = (name: string) => column(INVOICES_HEADER, name);

describe('b2b-v1', () => {
  test('the bundled files are byte for byte what the generator writes, whatever the chunk size', () => {
    expect(bundled('accounts.csv') === accountsText).toBe(true);
    expect(bundled('invoices.csv') === invoicesText).toBe(true);
    expect(join(createB2bDataset({ ...B2B_SAMPLE_OPTIONS }).invoicesCsv()) === invoicesText).toBe(true);
  });

  test('small: a few hundred accounts, a few thousand invoices, under 1 MB together', () => {
    expect(accounts).toHaveLength(B2B_SAMPLE_OPTIONS.accounts);
    expect(invoices).toHaveLength(sample.invoices);
    expect(sample.invoices).toBeGreaterThan(2000);
    expect(sample.invoices).toBeLessThan(10_000);
    expect(Buffer.byteLength(accountsText) + Buffer.byteLength(invoicesText)).toBeLessThan(1_000_000);
  });

  test('every row has its header’s fields; ids are unique; invoices are in date order within the period', () => {
    expect(accountsText.slice(0, accountsText.indexOf('\n'))).toBe(ACCOUNTS_HEADER);
    expect(invoicesText.slice(0, invoicesText.indexOf('\n'))).toBe(INVOICES_HEADER);
    expect(accounts.every((r) => r.length === ACCOUNTS_HEADER.split(',').length)).toBe(true);
    expect(invoices.every((r) => r.length === INVOICES_HEADER.split(',').length)).toBe(true);
    expect(new Set(accounts.map((r) => r[A('customer_id')])).size).toBe(accounts.length);
    expect(new Set(invoices.map((r) => r[I('invoice_id')])).size).toBe(invoices.length);
    const dates = invoices.map((r) => r[I('invoice_date')]);
    expect(dates.every((d, i) => i === 0 || dates[i - 1] <= d)).toBe(true);
    expect(dates[0] >= B2B_SAMPLE_OPTIONS.start && dates.at(-1)! <= B2B_SAMPLE_OPTIONS.end).toBe(true);
    const known = new Set(accounts.map((r) => r[A('customer_id')]));
    expect(invoices.every((r) => known.has(r[I('customer_id')]))).toBe(true);
  });

  test('an amount is seats × the plan’s seat price, times ten for a year', () => {
    for (const r of invoices) {
      const plan = PLANS.find((p) => p.name === r[I('plan')]);
      expect(plan, r.join(',')).toBeDefined();
      const months = r[I('billing_period')] === 'annual' ? 10 : 1;
      expect(parseCents(r[I('amount')])).toBe(plan!.seatCents * Number(r[I('seats')]) * months);
      expect(r[I('currency')]).toBe('USD');
    }
  });

  test('monthly and annual billing; paid, refunded and void invoices', () => {
    const count = (i: number, value: string) => invoices.filter((r) => r[i] === value).length;
    expect(count(I('billing_period'), 'monthly')).toBeGreaterThan(count(I('billing_period'), 'annual'));
    expect(count(I('billing_period'), 'annual')).toBeGreaterThan(50);
    expect(count(I('status'), 'paid') / invoices.length).toBeGreaterThan(0.9);
    expect(count(I('status'), 'refunded')).toBeGreaterThan(10);
    expect(count(I('status'), 'void')).toBeGreaterThan(10);
    expect(count(I('status'), 'paid') + count(I('status'), 'refunded') + count(I('status'), 'void')).toBe(invoices.length);
  });

  test('accounts upgrade, downgrade and change seats; some stop paying; some never pay', () => {
    const byAccount = new Map<string, string[][]>();
    for (const r of invoices) byAccount.set(r[I('customer_id')], [...(byAccount.get(r[I('customer_id')]) ?? []), r]);
    const rank = (r: string[]) => PLANS.findIndex((p) => p.name === r[I('plan')]);
    let upgrades = 0;
    let downgrades = 0;
    let seatChanges = 0;
    let stopped = 0;
    for (const list of byAccount.values()) {
      const paid = list.filter((r) => r[I('status')] === 'paid');
      for (let i = 1; i < paid.length; i++) {
        if (rank(paid[i]) > rank(paid[i - 1])) upgrades++;
        if (rank(paid[i]) < rank(paid[i - 1])) downgrades++;
        if (paid[i][I('seats')] !== paid[i - 1][I('seats')]) seatChanges++;
      }
      // A monthly account whose last invoice is months before the period's end has left.
      const last = list.at(-1)!;
      if (last[I('billing_period')] === 'monthly' && last[I('invoice_date')] < '2024-09-01') stopped++;
    }
    expect(upgrades).toBeGreaterThan(20);
    expect(downgrades).toBeGreaterThan(5);
    expect(seatChanges).toBeGreaterThan(50);
    expect(stopped).toBeGreaterThan(50);
    expect(accounts.length - byAccount.size).toBeGreaterThan(20);
  });

  test('accounts carry firmographics and a contact from the shared contact generator', () => {
    const industries = new Set(accounts.map((r) => r[A('industry')]));
    expect(industries.size).toBeGreaterThan(8);
    expect(new Set(accounts.map((r) => r[A('company_size')]))).toEqual(
      new Set(['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+']),
    );
    expect(accounts.every((r) => /^\d+$/.test(r[A('seats')]) && Number(r[A('seats')]) >= 1)).toBe(true);
    expect(accounts.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[A('signup_date')]))).toBe(true);
    expect(accounts.every((r) => r[A('first_name')] !== '' && r[A('last_name')] !== '')).toBe(true);
    const emails = accounts.map((r) => r[A('email')]).filter((e) => e !== '');
    expect(emails.every((e) => /@example\.(com|net|org)$/.test(e))).toBe(true);
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBe(emails.length);
    expect(accounts.every((r) => ['yes', 'no'].includes(r[A('accepts_email_marketing')]))).toBe(true);
    expect(accounts.every((r) => r[A('email')] !== '' || r[A('accepts_email_marketing')] === 'no')).toBe(true);
  });

  test('a different seed gives different data; bad options are refused by name', () => {
    const other = createB2bDataset({ ...B2B_SAMPLE_OPTIONS, seed: 7 });
    expect(join(other.invoicesCsv()) === invoicesText).toBe(false);
    expect(() => createB2bDataset({ ...B2B_SAMPLE_OPTIONS, accounts: 0 })).toThrow('invalid accounts: 0');
    expect(() => createB2bDataset({ ...B2B_SAMPLE_OPTIONS, end: '2022-01-01' })).toThrow('invalid end');
  });
});
