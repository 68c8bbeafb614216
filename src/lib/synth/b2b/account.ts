import { parseDay } from '../calendar.ts';
import { Rng } from '../prng.ts';
import { COMPANY_SIZES, COUNTRIES, GENDERS, INDUSTRIES } from '../vocab.ts';
import { pick, pickIndex } from '../weighted.ts';
import { companyName } from './company-name.ts';
import type { B2bOptions } from './options.ts';
import { B2B_SALT } from './salts.ts';
import { ANNUAL_SHARE_BY_PLAN, FIRST_PLAN_BY_SIZE, SEATS_BY_SIZE } from './vocab.ts';

/** Accounts that signed up within two years before the period (the rest sign up during it). */
const EXISTING = 0.35;
/** Accounts whose free trial never turned into a paid plan: in the accounts file, never invoiced. */
const NEVER_CONVERTED = 0.1;
/** Days of free trial before the first invoice. */
export const TRIAL_DAYS = 14;

/** Who an account is and how it started, before any billing. */
export interface Account {
  index: number;
  /** `ACC-00001`. */
  id: string;
  name: string;
  industry: string;
  /** Index into COMPANY_SIZES. */
  size: number;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  city: string;
  signupDay: number;
  /** Index into PLANS. */
  firstPlan: number;
  firstSeats: number;
  annual: boolean;
  converts: boolean;
  /** The contact's stated gender (it only shapes their name). */
  contactGender: string;
}

/** The written id of an account index. */
export function accountId(index: number): string {
  return `ACC-${String(index + 1).padStart(5, '0')}`;
}

/** Seats between the band's fewest and most, small counts likelier (u² leans low). */
function firstSeats(rng: Rng, size: number): number {
  const [low, high] = SEATS_BY_SIZE[size];
  const u = rng.next();
  return low + Math.floor((high - low + 1) * u * u);
}

/** One account's profile, from its own stream: the same index always gives the same account. */
export function accountProfile(options: B2bOptions, index: number): Account {
  const rng = new Rng(options.seed, index, B2B_SALT.account);
  const start = parseDay(options.start, 'start');
  const end = parseDay(options.end, 'end');
  const place = pick(COUNTRIES, rng);
  const city = pick(place.cities, rng);
  const industry = pick(INDUSTRIES, rng);
  const size = pickIndex(COMPANY_SIZES, rng);
  const plan = pick(FIRST_PLAN_BY_SIZE[size], rng);
  const seats = firstSeats(rng, size);
  const annual = rng.chance(ANNUAL_SHARE_BY_PLAN[plan]);
  // Existing accounts signed up within two years before the period; new ones until a trial before its end.
  const signupDay = rng.chance(EXISTING) ? start - 1 - rng.int(730) : start + rng.int(Math.max(1, end - start - TRIAL_DAYS));
  return {
    index,
    id: accountId(index),
    name: companyName(rng, industry, place.code),
    industry,
    size,
    country: place.code,
    city,
    signupDay,
    firstPlan: plan,
    firstSeats: seats,
    annual,
    converts: !rng.chance(NEVER_CONVERTED),
    contactGender: pick(GENDERS, rng),
  };
}

/** The size band as the file writes it (`51-200`). */
export function sizeBand(account: Account): string {
  return COMPANY_SIZES.values[account.size][0];
}
