import { PHONE_PLANS } from './phone-plans.ts';
import type { PhoneCountry, PhoneRange, PhoneStyle } from './phone-plans.ts';
import type { Rng } from './prng.ts';
import { pick } from './weighted.ts';

/** A number, its national significant digits, and its country's plan. */
interface Drawn {
  plan: PhoneCountry;
  range: PhoneRange;
  nsn: string;
}

function split(nsn: string, groups: readonly number[]): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const length of groups) {
    parts.push(nsn.slice(at, at + length));
    at += length;
  }
  return parts;
}

/** The number written in one of the ways people and exports write it. */
export function formatPhone(plan: PhoneCountry, range: PhoneRange, nsn: string, style: PhoneStyle): string {
  const code = plan.callingCode;
  const trunk = plan.trunk;
  const [head, ...rest] = split(nsn, range.groups);
  switch (style) {
    case 'international':
      return `+${code} ${[head, ...rest].join(' ')}`;
    case 'international-trunk':
      return `+${code} (${trunk})${[head, ...rest].join(' ')}`;
    case 'e164':
      return `+${code}${nsn}`;
    case 'compact':
      return `${trunk}${nsn}`;
    case 'national-brackets':
      return range.mobile ? `${trunk}${[head, ...rest].join(' ')}` : `(${trunk}${head}) ${rest.join(' ')}`;
    case 'national-dash':
      return `${trunk}${head}-${rest.join(' ')}`;
    case 'national-dots':
      return `${trunk}${[head, ...rest].join('.')}`;
    case 'national-slash':
      return `${trunk}${head}/${rest.join('')}`;
    case 'nanp-brackets':
      return `(${head}) ${rest[0]}-${rest[1]}`;
    case 'nanp-dash':
      return `${head}-${rest[0]}-${rest[1]}`;
    case 'nanp-international':
      return `+${code} ${head}-${rest[0]}-${rest[1]}`;
    case 'national':
      return `${trunk}${[head, ...rest].join(' ')}`;
  }
}

/**
 * Hands out telephone numbers, each to one person while its ranges last. A customer gets a number
 * from the ranges that fit (a mobile, or a landline of their city), else from any range of the
 * country; only when all of those are used up does a number repeat (the ranges set aside for
 * fiction hold a thousand numbers or fewer). Numbers depend on the order of the calls, so a file
 * must draw them in a fixed order (its rows').
 */
export class PhoneBook {
  private readonly taken = new Set<string>();
  private readonly used = new Map<PhoneRange, number>();

  /** A number for a customer of `country` (ISO code) living in `city` (may be blank). */
  draw(rng: Rng, country: string, city: string): string {
    const plan = PHONE_PLANS[country];
    if (!plan) throw new Error(`no telephone numbers for country ${country}`);
    const { range, nsn } = this.number(rng, plan, city);
    return formatPhone(plan, range, nsn, pick(plan.styles, rng));
  }

  private number(rng: Rng, plan: PhoneCountry, city: string): Drawn {
    const mobiles = plan.ranges.filter((r) => r.mobile);
    const landlines = plan.ranges.filter((r) => !r.mobile && (city === '' || r.cities.includes(city)));
    const wantMobile = landlines.length === 0 || (mobiles.length > 0 && rng.chance(plan.mobileShare));
    const first = wantMobile ? mobiles : landlines;
    for (const choices of [first, wantMobile ? landlines : mobiles, plan.ranges]) {
      const found = this.free(rng, plan, choices);
      if (found) return found;
    }
    const fallback = first.length > 0 ? first : plan.ranges;
    const range = fallback[rng.int(fallback.length)];
    return { plan, range, nsn: this.digits(range, range.from + rng.int(range.to - range.from + 1)) };
  }

  /** A number not given yet from one of `ranges` (tried from a random one on), or null. */
  private free(rng: Rng, plan: PhoneCountry, ranges: readonly PhoneRange[]): Drawn | null {
    if (ranges.length === 0) return null;
    const start = rng.int(ranges.length);
    for (let k = 0; k < ranges.length; k++) {
      const range = ranges[(start + k) % ranges.length];
      const size = range.to - range.from + 1;
      if ((this.used.get(range) ?? 0) >= size) continue;
      // Probe on from a random value: at most `size` steps, and few while the range is far from full.
      const offset = rng.int(size);
      for (let step = 0; step < size; step++) {
        const nsn = this.digits(range, range.from + ((offset + step) % size));
        const key = `${plan.callingCode}${nsn}`;
        if (this.taken.has(key)) continue;
        this.taken.add(key);
        this.used.set(range, (this.used.get(range) ?? 0) + 1);
        return { plan, range, nsn };
      }
    }
    return null;
  }

  private digits(range: PhoneRange, value: number): string {
    return range.digits === 0 ? range.prefix : `${range.prefix}${String(value).padStart(range.digits, '0')}`;
  }
}
