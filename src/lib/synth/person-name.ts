import { NAME_POOLS } from './person-names.ts';
import type { NamePool, PoolName } from './person-names.ts';
import type { Rng } from './prng.ts';
import { pick, weighted } from './weighted.ts';
import type { Weighted } from './weighted.ts';

/** A person's name as a customer file writes it, and the parts an e-mail address is made of. */
export interface PersonName {
  first: string;
  last: string;
  /** The given name in lower-case ASCII letters only (`jean-pierre` → `jeanpierre`). */
  mailFirst: string;
  /** The surname the same way; of two Spanish or Portuguese surnames, the first. */
  mailLast: string;
}

/** One origin of the names in a place, with its share. */
interface PoolShare {
  pool: PoolName;
  weight: number;
  /** Share of people with two surnames (Spain, Portugal), written `García López`. */
  twoSurnames?: number;
  /** Share of people whose given name comes from this other pool (Emily Chen in London). */
  firstFrom?: { pool: PoolName; share: number };
}

const ANGLO_FIRST = { pool: 'en', share: 0.45 } as const;

function shares(...list: PoolShare[]): Weighted<PoolShare> {
  return weighted(list.map((s) => [s, s.weight] as const));
}

/** Where customers of each country (ISO code) have their names from. */
const BY_COUNTRY: Record<string, Weighted<PoolShare>> = {
  GB: shares(
    { pool: 'en', weight: 80 },
    { pool: 'sa', weight: 7, firstFrom: { pool: 'en', share: 0.15 } },
    { pool: 'ga', weight: 3 },
    { pool: 'pl', weight: 3 },
    { pool: 'wa', weight: 3, firstFrom: { pool: 'en', share: 0.3 } },
    { pool: 'zh', weight: 2, firstFrom: ANGLO_FIRST },
    { pool: 'ar', weight: 2 },
  ),
  IE: shares(
    { pool: 'ga', weight: 48 },
    { pool: 'en', weight: 42 },
    { pool: 'pl', weight: 6 },
    { pool: 'sa', weight: 2 },
    { pool: 'wa', weight: 2 },
  ),
  US: shares(
    { pool: 'en', weight: 70 },
    { pool: 'es', weight: 16, twoSurnames: 0.08, firstFrom: { pool: 'en', share: 0.2 } },
    { pool: 'zh', weight: 4, firstFrom: ANGLO_FIRST },
    { pool: 'sa', weight: 4 },
    { pool: 'wa', weight: 4, firstFrom: { pool: 'en', share: 0.4 } },
    { pool: 'ar', weight: 2 },
  ),
  CA: shares(
    { pool: 'en', weight: 70 },
    { pool: 'fr', weight: 8 },
    { pool: 'zh', weight: 11, firstFrom: ANGLO_FIRST },
    { pool: 'sa', weight: 11 },
  ),
  AU: shares(
    { pool: 'en', weight: 78 },
    { pool: 'zh', weight: 8, firstFrom: ANGLO_FIRST },
    { pool: 'sa', weight: 6 },
    { pool: 'it', weight: 4 },
    { pool: 'ar', weight: 4 },
  ),
  DE: shares(
    { pool: 'de', weight: 84 },
    { pool: 'tr', weight: 8 },
    { pool: 'pl', weight: 4 },
    { pool: 'it', weight: 2 },
    { pool: 'ar', weight: 2 },
  ),
  FR: shares({ pool: 'fr', weight: 84 }, { pool: 'ar', weight: 10 }, { pool: 'pt', weight: 3 }, { pool: 'es', weight: 3 }),
  NL: shares({ pool: 'nl', weight: 86 }, { pool: 'tr', weight: 6 }, { pool: 'ar', weight: 6 }, { pool: 'sa', weight: 2 }),
  BE: shares({ pool: 'nl', weight: 55 }, { pool: 'fr', weight: 38 }, { pool: 'ar', weight: 5 }, { pool: 'tr', weight: 2 }),
  ES: shares({ pool: 'es', weight: 94, twoSurnames: 0.6 }, { pool: 'ar', weight: 4 }, { pool: 'pt', weight: 2 }),
  IT: shares({ pool: 'it', weight: 95 }, { pool: 'ar', weight: 3 }, { pool: 'es', weight: 2 }),
  SE: shares(
    { pool: 'sv', weight: 85 },
    { pool: 'ar', weight: 7 },
    { pool: 'tr', weight: 3 },
    { pool: 'pl', weight: 3 },
    { pool: 'no', weight: 2 },
  ),
  PL: shares({ pool: 'pl', weight: 98 }, { pool: 'de', weight: 2 }),
  CH: shares({ pool: 'de', weight: 78 }, { pool: 'it', weight: 10 }, { pool: 'pt', weight: 6 }, { pool: 'tr', weight: 6 }),
  DK: shares({ pool: 'da', weight: 90 }, { pool: 'ar', weight: 4 }, { pool: 'tr', weight: 3 }, { pool: 'sv', weight: 3 }),
  NO: shares({ pool: 'no', weight: 88 }, { pool: 'sv', weight: 4 }, { pool: 'pl', weight: 4 }, { pool: 'ar', weight: 4 }),
  PT: shares({ pool: 'pt', weight: 96, twoSurnames: 0.5 }, { pool: 'es', weight: 4 }),
};

/** Cities whose language differs from their country's first one. */
const BY_CITY: Record<string, Weighted<PoolShare>> = {
  Montréal: shares({ pool: 'fr', weight: 78 }, { pool: 'en', weight: 14 }, { pool: 'ar', weight: 8 }),
  Genève: shares({ pool: 'fr', weight: 78 }, { pool: 'pt', weight: 10 }, { pool: 'it', weight: 6 }, { pool: 'es', weight: 6 }),
  Bruxelles: shares(
    { pool: 'fr', weight: 62 },
    { pool: 'nl', weight: 16 },
    { pool: 'ar', weight: 14 },
    { pool: 'tr', weight: 4 },
    { pool: 'it', weight: 4 },
  ),
  Liège: shares({ pool: 'fr', weight: 86 }, { pool: 'it', weight: 8 }, { pool: 'ar', weight: 6 }),
  Antwerpen: shares({ pool: 'nl', weight: 86 }, { pool: 'ar', weight: 8 }, { pool: 'tr', weight: 6 }),
  Gent: shares({ pool: 'nl', weight: 88 }, { pool: 'tr', weight: 7 }, { pool: 'ar', weight: 5 }),
};

/** Letters that Unicode does not decompose into a base letter and a mark. */
const OWN_LETTERS: Record<string, string> = { ß: 'ss', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ı: 'i', đ: 'd', þ: 'th' };
const UMLAUTS_AS_E: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };

/** A name as the lower-case ASCII letters an e-mail address is made of: `Ó Súilleabháin` → `osuilleabhain`. */
export function mailLetters(name: string, umlautsAsE = false): string {
  let text = name.toLowerCase();
  if (umlautsAsE) text = text.replace(/[äöü]/g, (c) => UMLAUTS_AS_E[c]);
  text = text.replace(/[ßłøæœıđþ]/g, (c) => OWN_LETTERS[c]);
  return text.normalize('NFD').replace(/[^a-z]/g, '');
}

/** `Kowalski/Kowalska` → the form for the gender; other surnames as they are. */
function surnameFor(entry: string, female: boolean): string {
  const slash = entry.indexOf('/');
  if (slash < 0) return entry;
  return female ? entry.slice(slash + 1) : entry.slice(0, slash);
}

function poolsFor(country: string, city: string): Weighted<PoolShare> {
  const table = BY_CITY[city] ?? BY_COUNTRY[country];
  if (!table) throw new Error(`no names for country ${country}`);
  return table;
}

/**
 * A name fitting a customer's country, city and stated gender (`F`, `M`, `X` or blank). A blank
 * gender gets a woman's or a man's name at even odds; `X` a name given to anyone where the
 * language has such names, half of the time.
 */
export function drawPersonName(rng: Rng, country: string, city: string, gender: string): PersonName {
  const share = pick(poolsFor(country, city), rng);
  const pool: NamePool = NAME_POOLS[share.pool];
  const female = gender === 'F' || (gender !== 'M' && rng.chance(0.5));
  const firstPool: NamePool = share.firstFrom && rng.chance(share.firstFrom.share) ? NAME_POOLS[share.firstFrom.pool] : pool;
  const given = gender === 'X' && firstPool.unisex && rng.chance(0.5) ? firstPool.unisex : female ? firstPool.female : firstPool.male;
  const first = given[rng.int(given.length)];
  const surname = () => surnameFor(pool.surnames[rng.int(pool.surnames.length)], female);
  const main = surname();
  let last = main;
  if (share.twoSurnames && rng.chance(share.twoSurnames)) {
    const second = surname();
    if (second !== main) last = `${main} ${second}`;
  }
  return {
    first,
    last,
    mailFirst: mailLetters(first, firstPool.umlautsAsE),
    mailLast: mailLetters(main, pool.umlautsAsE),
  };
}

/** Every country with names. */
export const NAMED_COUNTRIES = Object.keys(BY_COUNTRY);
