import type { Model } from './model.ts';
import { customerProfile } from './profile.ts';

/** What the transactions need of every customer's profile, as flat arrays (there may be millions). */
export interface Traits {
  buyer: Uint8Array;
  birth: Int32Array;
  first: Int32Array;
  death: Int32Array;
  rate: Float64Array;
  channel: Uint8Array;
  country: Uint8Array;
  device: Uint8Array;
  category: Uint8Array;
  units: Float64Array;
  priceFactor: Float64Array;
}

/** Profiles of all customers, ghosts included, reduced to what the transactions need. */
export function buildTraits(model: Model): Traits {
  const n = model.total;
  const t: Traits = {
    buyer: new Uint8Array(n),
    birth: new Int32Array(n),
    first: new Int32Array(n),
    death: new Int32Array(n),
    rate: new Float64Array(n),
    channel: new Uint8Array(n),
    country: new Uint8Array(n),
    device: new Uint8Array(n),
    category: new Uint8Array(n),
    units: new Float64Array(n),
    priceFactor: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const p = customerProfile(model, i);
    t.buyer[i] = p.buyer ? 1 : 0;
    t.birth[i] = p.birth;
    t.first[i] = p.first;
    t.death[i] = p.death;
    t.rate[i] = p.rate;
    t.channel[i] = p.channel;
    t.country[i] = p.country;
    t.device[i] = p.device;
    t.category[i] = p.category;
    t.units[i] = p.units;
    t.priceFactor[i] = p.priceFactor;
  }
  return t;
}
