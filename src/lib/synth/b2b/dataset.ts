import { formatDay } from '../calendar.ts';
import { ChunkBuilder } from '../chunk-builder.ts';
import { ContactDrawer } from '../contact.ts';
import type { ContactBlanks } from '../contact.ts';
import { CHUNK_CHARS } from '../dataset.ts';
import { formatCents } from '../money.ts';
import { Rng } from '../prng.ts';
import { accountId, accountProfile, sizeBand } from './account.ts';
import type { Account } from './account.ts';
import { billAccount } from './billing.ts';
import type { Billing, Invoice } from './billing.ts';
import { validateB2bOptions } from './options.ts';
import type { B2bOptions } from './options.ts';
import { B2B_SALT } from './salts.ts';
import { PLANS } from './vocab.ts';

/** Header of the accounts file (the sample's customers file). */
export const ACCOUNTS_HEADER =
  'customer_id,company_name,industry,company_size,country,city,plan,seats,signup_date,email,first_name,last_name,phone,accepts_email_marketing';

/** Header of the invoices file (the sample's transactions file). */
export const INVOICES_HEADER = 'invoice_id,customer_id,invoice_date,amount,currency,plan,seats,billing_period,status';

/** Every account is billed in one currency: sums of amounts mean something. */
export const CURRENCY = 'USD';

/** Business contacts nearly always give an e-mail address; a phone less often. */
const B2B_BLANKS: ContactBlanks = { email: 0.01, phone: 0.3 };
/** Share of contacts who agreed to marketing e-mail. */
const CONSENT = 0.55;

/** A synthetic B2B subscription dataset: accounts and their invoices. */
export interface B2bDataset {
  readonly options: B2bOptions;
  readonly accounts: number;
  /** Rows of the invoices file. */
  readonly invoices: number;
  accountsCsv(chunkChars?: number): Generator<string>;
  invoicesCsv(chunkChars?: number): Generator<string>;
}

/** Invoices of all accounts in date order (then account, then each account's own order). */
function inDateOrder(billings: readonly Billing[]): Invoice[] {
  return billings.flatMap((b) => b.invoices).sort((a, b) => a.day - b.day || a.account - b.account || a.seq - b.seq);
}

function accountRow(account: Account, billing: Billing, contacts: ContactDrawer, seed: number): string {
  const c = contacts.draw(account.index, { country: account.country, city: account.city, gender: account.contactGender, birthYear: 0 });
  // Consent comes from a stream of its own, so it moves no name or number; without an address, no consent.
  const consent = c.email !== '' && new Rng(seed, account.index, B2B_SALT.consent).chance(CONSENT) ? 'yes' : 'no';
  return (
    `${account.id},${account.name},${account.industry},${sizeBand(account)},${account.country},${account.city},` +
    `${PLANS[billing.plan].name},${billing.seats},${formatDay(account.signupDay)},` +
    `${c.email},${c.firstName},${c.lastName},${c.phone},${consent}\n`
  );
}

/** A seeded dataset; accounts and billing are worked out at once (a few hundred accounts). */
export function createB2bDataset(options: B2bOptions): B2bDataset {
  validateB2bOptions(options);
  const accounts = Array.from({ length: options.accounts }, (_, i) => accountProfile(options, i));
  const billings = accounts.map((a) => billAccount(options, a));
  const invoices = inDateOrder(billings);
  const width = Math.max(6, String(invoices.length).length);
  return {
    options,
    accounts: accounts.length,
    invoices: invoices.length,
    *accountsCsv(chunkChars = CHUNK_CHARS) {
      const contacts = new ContactDrawer(options.seed, B2B_SALT.contacts, B2B_BLANKS);
      const chunk = new ChunkBuilder(chunkChars);
      chunk.add(`${ACCOUNTS_HEADER}\n`);
      for (const [i, account] of accounts.entries()) {
        chunk.add(accountRow(account, billings[i], contacts, options.seed));
        if (chunk.full) yield chunk.take();
      }
      if (chunk.size > 0) yield chunk.take();
    },
    *invoicesCsv(chunkChars = CHUNK_CHARS) {
      const chunk = new ChunkBuilder(chunkChars);
      chunk.add(`${INVOICES_HEADER}\n`);
      for (const [n, inv] of invoices.entries()) {
        chunk.add(
          `INV-${String(n + 1).padStart(width, '0')},${accountId(inv.account)},${formatDay(inv.day)},${formatCents(inv.amountCents)},` +
            `${CURRENCY},${PLANS[inv.plan].name},${inv.seats},${inv.annual ? 'annual' : 'monthly'},${inv.status}\n`,
        );
        if (chunk.full) yield chunk.take();
      }
      if (chunk.size > 0) yield chunk.take();
    },
  };
}
