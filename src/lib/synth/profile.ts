import { ln } from './det-math.ts';
import type { Model } from './model.ts';
import { Rng } from './prng.ts';
import { SALT } from './salts.ts';
import { EXISTING, NEVER_BUYS, ONE_TIME } from './shares.ts';
import { sampleDay } from './season.ts';
import { CATEGORIES, COMPANY_SIZES, COUNTRIES, GENDERS, INDUSTRIES, PLANS, SOURCES } from './vocab.ts';
import { pick, pickIndex, weighted } from './weighted.ts';

/** Mean customer lifetime in days before the acquisition source scales it. */
const MEAN_LIFETIME = 380;

const DEVICE_BY_AGE = {
  young: weighted([
    [0, 30],
    [1, 60],
    [2, 10],
  ]),
  middle: weighted([
    [0, 46],
    [1, 44],
    [2, 10],
  ]),
  older: weighted([
    [0, 55],
    [1, 30],
    [2, 15],
  ]),
};
// Preferred channel given the primary device (desktop, mobile, tablet).
const CHANNEL_BY_DEVICE = [
  weighted([
    [0, 68],
    [1, 10],
    [2, 16],
    [3, 6],
  ]),
  weighted([
    [0, 45],
    [1, 40],
    [2, 11],
    [3, 4],
  ]),
  weighted([
    [0, 55],
    [1, 30],
    [2, 11],
    [3, 4],
  ]),
];

/** Everything about one customer: what the customers file says and how the customer buys. */
export interface Profile {
  buyer: boolean;
  /** Absolute day number; never after the first purchase. */
  signupDay: number;
  /** 0 when blank. */
  age: number;
  gender: string;
  country: number;
  city: string;
  industry: string;
  /** Index into COMPANY_SIZES, -1 when blank. */
  companySize: number;
  device: number;
  plan: number;
  source: number;
  emailOptIn: string;
  /** First day the customer may buy, period-relative: 0 for customers from before the period. */
  birth: number;
  /** Day of the first purchase in the period, period-relative. */
  first: number;
  /** Last day the customer may buy (churn), period-relative, inclusive. */
  death: number;
  /** Relative intensity of repeat purchases; 0 for one-time buyers. */
  rate: number;
  /** Preferred index into CHANNELS. */
  channel: number;
  /** Favourite index into CATEGORIES. */
  category: number;
  /** Typical units per order line. */
  units: number;
  /** Multiplies the category's typical price. */
  priceFactor: number;
}

/** The profile of customer `index`; a pure function of the model's seed and the index. */
export function customerProfile(model: Model, index: number): Profile {
  const { season } = model;
  const rng = new Rng(model.options.seed, index, SALT.profile);
  const neverBuys = rng.chance(NEVER_BUYS);
  // Customer 0 always buys: without a single buyer no row count could be reached.
  const buyer = index === 0 || index >= model.fileCustomers || !neverBuys;
  const age = rng.chance(0.025) ? 0 : Math.min(85, Math.max(18, Math.round(40 + 13 * rng.normal())));
  const gender = rng.chance(0.035) ? '' : pick(GENDERS, rng);
  const country = pickIndex(COUNTRIES, rng);
  const city = rng.chance(0.02) ? '' : pick(COUNTRIES.values[country].cities, rng);
  const industry = rng.chance(0.04) ? '' : pick(INDUSTRIES, rng);
  const companySize = rng.chance(0.05) ? -1 : pickIndex(COMPANY_SIZES, rng);
  const ageBand = age === 0 ? 'middle' : age < 30 ? 'young' : age >= 55 ? 'older' : 'middle';
  const device = pickIndex(DEVICE_BY_AGE[ageBand], rng);
  const plan = pickIndex(PLANS, rng);
  const source = pickIndex(SOURCES, rng);
  const optedIn = rng.chance(plan >= 2 ? 0.72 : 0.6);
  const emailOptIn = rng.chance(0.01) ? '' : optedIn ? 'true' : 'false';
  const channel = pickIndex(CHANNEL_BY_DEVICE[device], rng);
  const category = pickIndex(CATEGORIES, rng);

  const existing = buyer && rng.chance(EXISTING);
  const birth = existing ? 0 : sampleDay(season, 0, season.days - 1, rng.next());
  const oneTime = rng.chance(ONE_TIME);
  // Exponential lifetimes are memoryless: an existing customer's remaining lifetime has the same law.
  const lifetime = rng.exponential(MEAN_LIFETIME * SOURCES.values[source][1] * (optedIn ? 1.1 : 1));
  // An existing customer's purchase in the period may come any time; they stay until at least then.
  const first = existing ? sampleDay(season, 0, season.days - 1, rng.next()) : birth;
  const death = Math.max(first, Math.min(season.days - 1, birth + Math.floor(lifetime)));
  const sizeUnits = companySize < 0 ? 1 : COMPANY_SIZES.values[companySize][1];
  const rate = oneTime ? 0 : rng.lognormal(0, 1.0) * PLANS.values[plan][1] * Math.sqrt(sizeUnits);
  const units = rng.lognormal(ln(1.5), 0.45) * sizeUnits;
  const priceFactor = rng.lognormal(0, 0.25);

  let signupDay: number;
  if (existing) {
    signupDay = season.startDay - 1 - rng.int(1500);
  } else if (buyer) {
    const lag = rng.chance(0.45) ? 0 : rng.chance(0.64) ? Math.floor(rng.exponential(60)) : rng.int(1000);
    signupDay = season.startDay + birth - lag;
  } else {
    signupDay = season.startDay - 700 + rng.int(season.days + 700);
  }
  return {
    buyer,
    signupDay,
    age,
    gender,
    country,
    city,
    industry,
    companySize,
    device,
    plan,
    source,
    emailOptIn,
    birth,
    first,
    death,
    rate,
    channel,
    category,
    units,
    priceFactor,
  };
}
