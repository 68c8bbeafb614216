import { weighted } from './weighted.ts';
import type { Weighted } from './weighted.ts';

/*
 * Attribute values and their shares. Shares are loosely modelled on a UK-based online retailer
 * selling to consumers and small businesses; no value contains a comma or a quote, so rows need
 * no CSV quoting.
 */

/** A country (ISO 3166-1 alpha-2) with its cities and their shares. */
export interface Country {
  code: string;
  cities: Weighted<string>;
}

function country(code: string, cities: [string, number][]): Country {
  return { code, cities: weighted(cities) };
}

/** Countries with shares. */
export const COUNTRIES = weighted<Country>([
  [
    country('GB', [
      ['London', 30],
      ['Manchester', 9],
      ['Birmingham', 9],
      ['Leeds', 6],
      ['Glasgow', 6],
      ['Bristol', 5],
      ['Liverpool', 5],
      ['Edinburgh', 5],
      ['Sheffield', 4],
      ['Cardiff', 4],
      ['Belfast', 3],
      ['Nottingham', 3],
      ['Brighton', 3],
    ]),
    44,
  ],
  [
    country('DE', [
      ['Berlin', 25],
      ['Hamburg', 15],
      ['München', 15],
      ['Köln', 10],
      ['Frankfurt am Main', 10],
      ['Stuttgart', 8],
      ['Düsseldorf', 8],
      ['Leipzig', 5],
    ]),
    10,
  ],
  [
    country('FR', [
      ['Paris', 35],
      ['Lyon', 12],
      ['Marseille', 10],
      ['Toulouse', 9],
      ['Nice', 7],
      ['Nantes', 7],
      ['Bordeaux', 8],
      ['Lille', 7],
    ]),
    9,
  ],
  [
    country('NL', [
      ['Amsterdam', 35],
      ['Rotterdam', 22],
      ['Utrecht', 15],
      ['Den Haag', 15],
      ['Eindhoven', 10],
    ]),
    5,
  ],
  [
    country('IE', [
      ['Dublin', 60],
      ['Cork', 18],
      ['Galway', 12],
      ['Limerick', 10],
    ]),
    4,
  ],
  [
    country('ES', [
      ['Madrid', 35],
      ['Barcelona', 30],
      ['Valencia', 14],
      ['Sevilla', 11],
      ['Bilbao', 10],
    ]),
    4,
  ],
  [
    country('IT', [
      ['Milano', 32],
      ['Roma', 30],
      ['Torino', 14],
      ['Napoli', 12],
      ['Bologna', 12],
    ]),
    3,
  ],
  [
    country('BE', [
      ['Bruxelles', 40],
      ['Antwerpen', 28],
      ['Gent', 18],
      ['Liège', 14],
    ]),
    2.5,
  ],
  [
    country('SE', [
      ['Stockholm', 50],
      ['Göteborg', 25],
      ['Malmö', 17],
      ['Uppsala', 8],
    ]),
    2,
  ],
  [
    country('PL', [
      ['Warszawa', 35],
      ['Kraków', 22],
      ['Wrocław', 16],
      ['Gdańsk', 14],
      ['Poznań', 13],
    ]),
    2,
  ],
  [
    country('CH', [
      ['Zürich', 40],
      ['Genève', 25],
      ['Basel', 20],
      ['Bern', 15],
    ]),
    1.5,
  ],
  [
    country('DK', [
      ['København', 60],
      ['Aarhus', 25],
      ['Odense', 15],
    ]),
    1.5,
  ],
  [
    country('NO', [
      ['Oslo', 65],
      ['Bergen', 35],
    ]),
    1,
  ],
  [
    country('PT', [
      ['Lisboa', 60],
      ['Porto', 40],
    ]),
    1.5,
  ],
  [
    country('US', [
      ['New York', 25],
      ['Los Angeles', 18],
      ['Chicago', 14],
      ['Houston', 10],
      ['Seattle', 10],
      ['Boston', 12],
      ['Austin', 11],
    ]),
    5.5,
  ],
  [
    country('CA', [
      ['Toronto', 45],
      ['Vancouver', 30],
      ['Montréal', 25],
    ]),
    1.5,
  ],
  [
    country('AU', [
      ['Sydney', 40],
      ['Melbourne', 35],
      ['Brisbane', 15],
      ['Perth', 10],
    ]),
    1.5,
  ],
]);

/** Gender as customers stated it at sign-up. */
export const GENDERS = weighted([
  ['F', 50.5],
  ['M', 47.5],
  ['X', 2],
]);

/** The buying organisation's industry (firmographic). */
export const INDUSTRIES = weighted([
  ['Retail', 16],
  ['Hospitality', 9],
  ['Professional Services', 12],
  ['Technology', 11],
  ['Healthcare', 8],
  ['Education', 7],
  ['Manufacturing', 9],
  ['Construction', 5],
  ['Finance', 6],
  ['Non-profit', 4],
  ['Public Sector', 3],
  ['Media', 4],
  ['Real Estate', 6],
]);

/** Employee-count bands; the second value scales how many units a customer buys per line. */
export const COMPANY_SIZES = weighted<readonly [string, number]>([
  [['1-10', 1], 40],
  [['11-50', 1.3], 27],
  [['51-200', 1.8], 16],
  [['201-1000', 2.5], 9],
  [['1001-5000', 3.4], 5],
  [['5000+', 4.5], 3],
]);

/** Primary device seen at sign-up (technographic). */
export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;

/** Membership plan; the second value scales purchase frequency. */
export const PLANS = weighted<readonly [string, number]>([
  [['free', 0.75], 50],
  [['basic', 1], 28],
  [['plus', 1.45], 15],
  [['premium', 2.2], 7],
]);

/** Acquisition channel; the second value scales the expected customer lifetime. */
export const SOURCES = weighted<readonly [string, number]>([
  [['organic_search', 1.2], 24],
  [['paid_search', 0.85], 18],
  [['social', 0.75], 15],
  [['referral', 1.45], 10],
  [['email', 1.1], 8],
  [['direct', 1.2], 17],
  [['affiliate', 0.9], 5],
  [['marketplace', 0.9], 3],
]);

/** Sales channels of an order. */
export const CHANNELS = ['web', 'app', 'store', 'phone'] as const;
export const CHANNEL_SHARES = weighted([
  [0, 55],
  [1, 25],
  [2, 15],
  [3, 5],
]);

/** A product category: typical unit price in cents and how many units a line usually holds. */
export interface Category {
  name: string;
  priceCents: number;
  units: number;
}

/** Product categories with their share of order lines. */
export const CATEGORIES = weighted<Category>([
  [{ name: 'Home Decor', priceCents: 1500, units: 1.6 }, 18],
  [{ name: 'Kitchen', priceCents: 1200, units: 1.5 }, 14],
  [{ name: 'Stationery', priceCents: 450, units: 3 }, 10],
  [{ name: 'Fashion', priceCents: 3200, units: 1.1 }, 12],
  [{ name: 'Toys', priceCents: 1400, units: 1.3 }, 8],
  [{ name: 'Books', priceCents: 1100, units: 1.2 }, 7],
  [{ name: 'Beauty', priceCents: 1800, units: 1.4 }, 8],
  [{ name: 'Garden', priceCents: 2200, units: 1.3 }, 6],
  [{ name: 'Sports', priceCents: 3500, units: 1 }, 6],
  [{ name: 'Electronics', priceCents: 8500, units: 0.8 }, 5],
  [{ name: 'Furniture', priceCents: 14000, units: 0.6 }, 2],
  [{ name: 'Grocery', priceCents: 600, units: 2.5 }, 4],
]);

/** Order hour of day, by channel: shops and phone lines keep business hours. */
export const HOURS_BY_CHANNEL = [
  // web
  [6, 3.5, 2, 1.5, 1.5, 2.5, 6, 12, 22, 36, 46, 50, 52, 50, 48, 46, 44, 42, 42, 46, 48, 40, 26, 14],
  // app
  [10, 6, 3, 2, 2, 3, 7, 16, 24, 28, 32, 36, 42, 38, 34, 34, 36, 40, 46, 54, 58, 52, 36, 20],
  // store
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 45, 55, 60, 58, 55, 55, 58, 60, 45, 30, 15, 0, 0, 0],
  // phone
  [0, 0, 0, 0, 0, 0, 0, 0, 20, 50, 55, 55, 45, 50, 55, 50, 45, 35, 15, 0, 0, 0, 0, 0],
].map((hours) => weighted(hours.map((w, h) => [h, w] as const)));
