import { civilFromDays, daysFromCivil, parseDay } from '../calendar.ts';
import { Rng } from '../prng.ts';
import type { Account } from './account.ts';
import { TRIAL_DAYS } from './account.ts';
import type { B2bOptions } from './options.ts';
import { B2B_SALT } from './salts.ts';
import { PLANS } from './vocab.ts';

export type InvoiceStatus = 'paid' | 'refunded' | 'void';

/** One invoice of an account, before ids are given out in date order. */
export interface Invoice {
  account: number;
  day: number;
  /** Order of the account's invoices (a void invoice comes before its reissue). */
  seq: number;
  amountCents: number;
  /** Index into PLANS. */
  plan: number;
  seats: number;
  annual: boolean;
  status: InvoiceStatus;
}

/** What billing did to an account over its life: its invoices within the period and where it ended. */
export interface Billing {
  invoices: Invoice[];
  /** The plan and seats of its last invoice (or of its trial, when it never paid). */
  plan: number;
  seats: number;
  annual: boolean;
  /** Day it stopped paying, or null while it still pays at the period's end. */
  churnDay: number | null;
}

/** Chances at each renewal. Yearly renewals are rarer, so each is a bigger decision. */
interface Odds {
  churn: number;
  upgrade: number;
  downgrade: number;
  moreSeats: number;
  fewerSeats: number;
}

/** Monthly churn falls with company size (index into COMPANY_SIZES). */
function monthlyOdds(size: number): Odds {
  return { churn: 0.034 - 0.004 * size, upgrade: 0.012, downgrade: 0.006, moreSeats: 0.06, fewerSeats: 0.03 };
}

function annualOdds(size: number): Odds {
  return { churn: 0.2 - 0.02 * size, upgrade: 0.15, downgrade: 0.06, moreSeats: 0.35, fewerSeats: 0.12 };
}

/** Invoices refunded after payment, and issued wrong, voided and reissued a few days later. */
const REFUNDED = 0.015;
const REISSUED = 0.025;
/** Monthly accounts that leave by not paying: their last invoice is voided after dunning. */
const UNPAID_EXIT = 0.4;
/** Yearly contracts cost ten months. */
const ANNUAL_MONTHS = 10;

/** The same day of the month `months` later, the anchor day kept (a 31st bills on the month's last day). */
function addMonths(anchor: number, day: number, months: number): number {
  const { y, m } = civilFromDays(day);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
  return daysFromCivil(year, month, Math.min(anchor, last));
}

function resize(seats: number, rng: Rng, grow: boolean): number {
  const step = Math.max(1, Math.round(seats * (0.1 + 0.3 * rng.next())));
  return grow ? seats + step : Math.max(1, seats - step);
}

/**
 * Bills an account from the end of its trial until it churns: each renewal may upgrade or downgrade
 * the plan and add or cut seats, and takes effect on that invoice. Billing before the period is
 * played out (an account may have changed plan or left already) but only the period's invoices are kept.
 */
export function billAccount(options: B2bOptions, account: Account): Billing {
  const rng = new Rng(options.seed, account.index, B2B_SALT.billing);
  const start = parseDay(options.start, 'start');
  const end = parseDay(options.end, 'end');
  let plan = account.firstPlan;
  let seats = account.firstSeats;
  const annual = account.annual;
  const invoices: Invoice[] = [];
  if (!account.converts) return { invoices, plan, seats, annual, churnDay: null };
  const odds = annual ? annualOdds(account.size) : monthlyOdds(account.size);
  const first = account.signupDay + TRIAL_DAYS;
  const anchor = civilFromDays(first).d;
  let churnDay: number | null = null;
  for (let n = 0, day = first; day <= end; n++, day = addMonths(anchor, first, n * (annual ? 12 : 1))) {
    if (n > 0) {
      if (rng.chance(odds.churn)) {
        churnDay = day;
        // Leaving by not paying: the renewal is invoiced, never paid, and voided.
        if (!annual && rng.chance(UNPAID_EXIT) && day >= start)
          invoices.push(invoice(account, day, invoices.length, plan, seats, annual, 'void'));
        break;
      }
      if (rng.chance(odds.upgrade) && plan < PLANS.length - 1) plan++;
      else if (rng.chance(odds.downgrade) && plan > 0) plan--;
      if (rng.chance(odds.moreSeats)) seats = resize(seats, rng, true);
      else if (rng.chance(odds.fewerSeats)) seats = resize(seats, rng, false);
    }
    const refunded = rng.chance(REFUNDED);
    const reissued = !refunded && rng.chance(REISSUED);
    const reissueDay = day + 1 + rng.int(5);
    if (day < start) continue;
    if (reissued && reissueDay <= end) {
      // Issued with last term's seats by mistake, voided, and issued again correctly.
      invoices.push(invoice(account, day, invoices.length, plan, Math.max(1, seats + 1 + rng.int(3)), annual, 'void'));
      invoices.push(invoice(account, reissueDay, invoices.length, plan, seats, annual, 'paid'));
    } else {
      invoices.push(invoice(account, day, invoices.length, plan, seats, annual, refunded ? 'refunded' : 'paid'));
    }
  }
  return { invoices, plan, seats, annual, churnDay };
}

function invoice(account: Account, day: number, seq: number, plan: number, seats: number, annual: boolean, status: InvoiceStatus): Invoice {
  const amountCents = PLANS[plan].seatCents * seats * (annual ? ANNUAL_MONTHS : 1);
  return { account: account.index, day, seq, amountCents, plan, seats, annual, status };
}
