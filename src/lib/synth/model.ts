import { parseDay } from './calendar.ts';
import { validateOptions } from './options.ts';
import type { SynthOptions } from './options.ts';
import { buildSeason } from './season.ts';
import type { Season } from './season.ts';
import { GHOST_SHARE, NEVER_BUYS } from './shares.ts';

/** Options resolved into what every part of the generator shares. */
export interface Model {
  options: SynthOptions;
  season: Season;
  /** Customers written to the customers file: indexes 0 .. fileCustomers-1. */
  fileCustomers: number;
  /** Buyers only seen in transactions: indexes fileCustomers .. total-1. */
  ghosts: number;
  total: number;
  /** The written id of a customer index. */
  customerId(index: number): string;
}

/** Validates the options and derives the model. */
export function createModel(options: SynthOptions): Model {
  validateOptions(options);
  const startDay = parseDay(options.start, 'start');
  const season = buildSeason(startDay, parseDay(options.end, 'end'));
  const fileCustomers = options.customers;
  const buyers = fileCustomers * (1 - NEVER_BUYS);
  const ghosts = Math.round((buyers * GHOST_SHARE) / (1 - GHOST_SHARE));
  const total = fileCustomers + ghosts;
  // schedule.ts packs (second, customer, channel) into one exact double.
  if (season.days * 86400 * total * 4 > Number.MAX_SAFE_INTEGER) {
    throw new Error(`invalid customers: ${options.customers} is too many for ${season.days} days`);
  }
  const width = Math.max(6, String(total).length);
  const customerId =
    options.idStyle === 'prefixed' ? (i: number) => `C${String(i + 1).padStart(width, '0')}` : (i: number) => String(10001 + i);
  return { options, season, fileCustomers, ghosts, total, customerId };
}
