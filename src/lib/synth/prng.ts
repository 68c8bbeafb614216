import { exp, ln } from './det-math.ts';

/** murmur3's finaliser: spreads every input bit, so nearby seeds give unrelated streams. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A seeded sfc32 generator. Only 32-bit integer operations and IEEE basic arithmetic (through
 * det-math), so a seed gives the same numbers on every engine and machine.
 * `stream` and `salt` pick independent sub-streams (one per customer, one per purpose).
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(seed: number, stream = 0, salt = 0) {
    const h = mix32((seed >>> 0) ^ 0x9e3779b9);
    this.a = mix32(h ^ Math.imul(stream >>> 0, 0x27d4eb2f));
    this.b = mix32(this.a ^ Math.imul((salt >>> 0) + 1, 0x165667b1));
    this.c = mix32(this.b ^ h);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) + t;
    this.c |= 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal by Marsaglia's polar method: it needs only ln and sqrt, both deterministic. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * ln(s)) / s);
    this.spare = v * m;
    return u * m;
  }

  /** exp(N(mu, sigma²)). */
  lognormal(mu: number, sigma: number): number {
    return exp(mu + sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * ln(1 - this.next());
  }

  /** Poisson count; a rounded normal above 30, where the two differ by less than the noise. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}
