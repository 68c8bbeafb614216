import type { PersonName } from './person-name.ts';
import type { Rng } from './prng.ts';
import { pick, weighted } from './weighted.ts';

/**
 * Only the domains RFC 2606 reserves for examples: no address made here can reach anyone.
 * Shares loosely follow how addresses spread over a few big providers.
 */
export const RESERVED_DOMAINS = weighted([
  ['example.com', 62],
  ['example.net', 19],
  ['example.org', 19],
]);

/** The person's name parts and a number they might add (their birth year, or any). */
type LocalPart = (f: string, l: string, year: number, rng: Rng) => string;

const twoDigits = (n: number) => String(n % 100).padStart(2, '0');

/** How people make an address from their name, with rough shares. */
const LOCAL_PARTS = weighted<LocalPart>([
  [(f, l) => `${f}.${l}`, 34],
  [(f, l) => `${f}${l}`, 10],
  [(f, l) => `${f[0]}${l}`, 8],
  [(f, l) => `${f[0]}.${l}`, 5],
  [(f, l) => `${f}_${l}`, 4],
  [(f, l) => `${f}-${l}`, 2],
  [(f, l, _, rng) => `${f}.${l}${1 + rng.int(99)}`, 6],
  [(f, _, year, rng) => `${f}${twoDigits(year || rng.int(100))}`, 7],
  [(f, l, year, rng) => `${f}.${l}${year || 1950 + rng.int(55)}`, 3],
  [(f, l) => `${l}.${f}`, 4],
  [(f, l) => `${l}${f[0]}`, 3],
  [(f, l) => `${f}${l[0]}`, 4],
  [(f, _, __, rng) => `${f}${100 + rng.int(900)}`, 3],
  [(f, l, _, rng) => `${f}.${l}+${['shop', 'orders', 'retail'][rng.int(3)]}`, 1],
]);

/** `anna.schmidt` → `Anna.Schmidt`: some people type their address with capitals. */
function capitalised(local: string): string {
  return local.replace(/(^|[._-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/**
 * Hands out e-mail addresses made from names, each to one person only: an address already given
 * (whatever its capitals) gets a number, as a provider would ask for. Addresses depend on the
 * order of the calls, so a file must draw them in a fixed order (its rows').
 */
export class EmailBook {
  private readonly taken = new Set<string>();

  /** A new address for `name`; `birthYear` 0 when unknown. */
  draw(rng: Rng, name: PersonName, birthYear: number): string {
    let local = pick(LOCAL_PARTS, rng)(name.mailFirst, name.mailLast, birthYear, rng);
    if (rng.chance(0.03)) local = capitalised(local);
    const domain = pick(RESERVED_DOMAINS, rng);
    if (this.claim(`${local}@${domain}`)) return `${local}@${domain}`;
    const [user, tag] = local.split('+');
    for (let n = 2 + rng.int(98); ; n++) {
      const address = `${user}${n}${tag === undefined ? '' : `+${tag}`}@${domain}`;
      if (this.claim(address)) return address;
    }
  }

  private claim(address: string): boolean {
    const key = address.toLowerCase();
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
}
