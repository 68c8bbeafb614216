import type { Model } from './model.ts';
import { Rng } from './prng.ts';
import { SALT } from './salts.ts';
import { demand, sampleDay } from './season.ts';
import { CANCELLED, DUPLICATE, LINE_COUNTS, MISSING_ID } from './shares.ts';
import type { Traits } from './traits.ts';
import { CHANNEL_SHARES, HOURS_BY_CHANNEL } from './vocab.ts';
import { pickIndex, weighted } from './weighted.ts';

/** Flag bits of an invoice. */
export const FIRST = 1;
export const CANCELLED_FLAG = 2;
export const NO_ID = 4;
/** Bits 3-5: the 1-based line written twice, 0 for none. */
const DUP_SHIFT = 3;

const LINE_TABLE = weighted(LINE_COUNTS.map((share, i) => [i + 1, share] as const));
const MEAN_LINES = LINE_COUNTS.reduce((sum, share, i) => sum + share * (i + 1), 0);
/** Extra invoices drawn so that thinning, not topping up, lands on the exact row count. */
const OVERSAMPLE = 1.1;

/**
 * Every invoice of the period in time order. An invoice is one double,
 * `((second * customers) + customer) * 4 + channel`, so a typed-array sort orders millions of them.
 */
export interface Schedule {
  keys: Float64Array;
  /** Lines of each invoice; 0 when thinned away. */
  lines: Uint8Array;
  flags: Uint8Array;
}

/** Decoded invoice key. */
export interface InvoiceKey {
  /** Seconds since the period's first midnight. */
  second: number;
  customer: number;
  channel: number;
}

/** Unpacks an invoice key. */
export function decodeKey(key: number, customers: number): InvoiceKey {
  const channel = key % 4;
  const rest = (key - channel) / 4;
  const customer = rest % customers;
  return { second: (rest - customer) / customers, customer, channel };
}

/** The 1-based line of invoice `i` written twice, or 0. */
export function duplicateLine(s: Schedule, i: number): number {
  return s.flags[i] >> DUP_SHIFT;
}

function rowsOf(s: Schedule, i: number): number {
  return s.lines[i] + (duplicateLine(s, i) > 0 ? 1 : 0);
}

/**
 * Draws the invoices: each buyer's first purchase of the period, then a Poisson number of
 * repeat purchases spread over their lifetime in proportion to seasonal demand. Returns null when
 * the draw falls short of the target rows.
 */
function draw(model: Model, traits: Traits, targetRows: number, oversample: number, attempt: number): Schedule | null {
  const { season, total } = model;
  const seed = model.options.seed;
  const salt = attempt * 16;
  const wantInvoices = (oversample * targetRows) / (MEAN_LINES * (1 + DUPLICATE));
  let buyers = 0;
  let rateSum = 0;
  for (let i = 0; i < total; i++) {
    if (!traits.buyer[i]) continue;
    buyers++;
    rateSum += traits.rate[i];
  }
  // When every buyer is a one-time buyer (tiny runs), repeat purchases are all that can add rows.
  const rate = (i: number) => (rateSum > 0 ? traits.rate[i] : 1);
  let weightSum = 0;
  for (let i = 0; i < total; i++) {
    if (traits.buyer[i]) weightSum += rate(i) * demand(season, traits.birth[i], traits.death[i]);
  }
  const scale = Math.max(0, wantInvoices - buyers) / weightSum;

  const counts = new Uint32Array(total);
  let invoices = 0;
  for (let i = 0; i < total; i++) {
    if (!traits.buyer[i]) continue;
    const mean = scale * rate(i) * demand(season, traits.birth[i], traits.death[i]);
    counts[i] = 1 + new Rng(seed, i, SALT.count + salt).poisson(mean);
    invoices += counts[i];
  }

  const keys = new Float64Array(invoices);
  let k = 0;
  for (let i = 0; i < total; i++) {
    if (counts[i] === 0) continue;
    const rng = new Rng(seed, i, SALT.times + salt);
    const birth = traits.birth[i];
    const death = traits.death[i];
    for (let j = 0; j < counts[i]; j++) {
      const day = j === 0 ? traits.first[i] : sampleDay(season, birth, death, rng.next());
      const channel = rng.chance(0.75) ? traits.channel[i] : pickIndex(CHANNEL_SHARES, rng);
      const hour = pickIndex(HOURS_BY_CHANNEL[channel], rng);
      const second = day * 86400 + hour * 3600 + rng.int(3600);
      keys[k++] = (second * total + i) * 4 + channel;
    }
  }
  keys.sort();

  const schedule: Schedule = {
    keys,
    lines: new Uint8Array(invoices),
    flags: new Uint8Array(invoices),
  };
  const rng = new Rng(seed, 0, SALT.invoices + salt);
  const seen = new Uint8Array(total);
  const repeats = invoices - buyers;
  const missingChance = Math.min(1, (MISSING_ID * invoices) / Math.max(1, repeats));
  let rows = 0;
  for (let i = 0; i < invoices; i++) {
    const { customer } = decodeKey(keys[i], total);
    const first = seen[customer] === 0;
    seen[customer] = 1;
    const lines = LINE_TABLE.values[pickIndex(LINE_TABLE, rng)];
    const dup = rng.chance(DUPLICATE * lines) ? 1 + rng.int(lines) : 0;
    let flags = dup << DUP_SHIFT;
    if (first) flags |= FIRST;
    if (rng.chance(CANCELLED)) flags |= CANCELLED_FLAG;
    if (!first && rng.chance(missingChance)) flags |= NO_ID;
    schedule.lines[i] = lines;
    schedule.flags[i] = flags;
    rows += lines + (dup > 0 ? 1 : 0);
  }
  if (rows < targetRows) return null;
  thin(schedule, rows - targetRows, rng);
  return schedule;
}

/**
 * Removes `excess` rows by dropping random invoices, repeat purchases before first ones so every
 * buyer keeps a purchase whenever the target allows; the last one picked is shortened instead.
 */
function thin(s: Schedule, excess: number, rng: Rng): void {
  const n = s.lines.length;
  const order = new Uint32Array(n);
  let repeats = 0;
  for (let i = 0; i < n; i++) if (!(s.flags[i] & FIRST)) order[repeats++] = i;
  let f = repeats;
  for (let i = 0; i < n; i++) if (s.flags[i] & FIRST) order[f++] = i;

  let lo = 0;
  let hi = repeats;
  while (excess > 0) {
    if (lo === hi) hi = n;
    const r = lo + rng.int(hi - lo);
    const i = order[r];
    order[r] = order[lo];
    order[lo++] = i;
    const rows = rowsOf(s, i);
    if (rows <= excess) {
      s.lines[i] = 0;
      excess -= rows;
      continue;
    }
    if (duplicateLine(s, i) > 0) {
      s.flags[i] &= (1 << DUP_SHIFT) - 1;
      excess--;
    }
    s.lines[i] -= excess;
    excess = 0;
  }
}

/** The invoices of the period, thinned to exactly `targetRows` rows. */
export function buildSchedule(model: Model, traits: Traits, targetRows: number): Schedule {
  let oversample = OVERSAMPLE;
  for (let attempt = 0; ; attempt++) {
    const schedule = draw(model, traits, targetRows, oversample, attempt);
    if (schedule) return schedule;
    oversample *= 1.5;
  }
}
