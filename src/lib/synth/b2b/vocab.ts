import { weighted } from '../weighted.ts';

/*
 * The B2B sample's plans, seat counts and company names. Industries, size bands and countries are
 * the retail generator's (../vocab.ts), so the two samples describe organisations the same way.
 * No value contains a comma or a quote, so rows need no CSV quoting.
 */

/** A subscription plan: list price per seat and month in cents, and its rank for upgrades. */
export interface Plan {
  name: string;
  seatCents: number;
}

/** Plans from cheapest to dearest: an upgrade moves one step right, a downgrade one step left. */
export const PLANS: readonly Plan[] = [
  { name: 'Starter', seatCents: 1200 },
  { name: 'Team', seatCents: 2500 },
  { name: 'Business', seatCents: 4500 },
  { name: 'Enterprise', seatCents: 7900 },
];

/** The plan an account starts on, by company size band (index into COMPANY_SIZES): big companies buy bigger plans. */
export const FIRST_PLAN_BY_SIZE = [
  weighted([
    [0, 60],
    [1, 32],
    [2, 8],
    [3, 0],
  ]),
  weighted([
    [0, 35],
    [1, 42],
    [2, 20],
    [3, 3],
  ]),
  weighted([
    [0, 15],
    [1, 40],
    [2, 35],
    [3, 10],
  ]),
  weighted([
    [0, 5],
    [1, 25],
    [2, 45],
    [3, 25],
  ]),
  weighted([
    [0, 0],
    [1, 12],
    [2, 43],
    [3, 45],
  ]),
  weighted([
    [0, 0],
    [1, 5],
    [2, 35],
    [3, 60],
  ]),
];

/** Seats bought at first, by size band: [fewest, most]. */
export const SEATS_BY_SIZE: readonly (readonly [number, number])[] = [
  [1, 5],
  [2, 15],
  [5, 40],
  [10, 80],
  [20, 150],
  [40, 300],
];

/** Share of accounts paying yearly, by plan: bigger plans sign yearly contracts more often. */
export const ANNUAL_SHARE_BY_PLAN = [0.15, 0.3, 0.45, 0.7];

/** Words company names are made of; none is a real company's name on its own. */
export const NAME_STEMS = [
  'Alder',
  'Amber',
  'Arbor',
  'Aster',
  'Beacon',
  'Birch',
  'Bluefin',
  'Brightwater',
  'Cairn',
  'Canal',
  'Cedar',
  'Cobalt',
  'Copper',
  'Corvid',
  'Crescent',
  'Dune',
  'Ember',
  'Fennel',
  'Fjord',
  'Flint',
  'Foxglove',
  'Granite',
  'Harbour',
  'Hazel',
  'Heron',
  'Highland',
  'Indigo',
  'Iris',
  'Juniper',
  'Kestrel',
  'Lantern',
  'Larch',
  'Linden',
  'Lumen',
  'Maple',
  'Marlin',
  'Meadow',
  'Meridian',
  'Moss',
  'Nimbus',
  'Northwind',
  'Oak',
  'Orchard',
  'Osprey',
  'Otter',
  'Pebble',
  'Pine',
  'Quarry',
  'Quill',
  'Raven',
  'Ridge',
  'Rowan',
  'Saffron',
  'Sage',
  'Sextant',
  'Silver',
  'Sorrel',
  'Spruce',
  'Stone',
  'Summit',
  'Tamarind',
  'Thistle',
  'Tide',
  'Timber',
  'Vale',
  'Willow',
  'Wren',
  'Yarrow',
  'Zephyr',
  'Zinc',
] as const;

/** The second word of a company name, by industry (the retail vocabulary's names). */
export const NAME_NOUNS: Record<string, readonly string[]> = {
  Retail: ['Goods', 'Supply', 'Outfitters', 'Market', 'Stores', 'Trading'],
  Hospitality: ['Hotels', 'Kitchens', 'Inns', 'Hospitality', 'Catering', 'Dining'],
  'Professional Services': ['Consulting', 'Partners', 'Advisory', 'Associates', 'Legal', 'Accounting'],
  Technology: ['Labs', 'Software', 'Systems', 'Digital', 'Analytics', 'Cloud'],
  Healthcare: ['Health', 'Clinics', 'Care', 'Medical', 'Dental', 'Therapeutics'],
  Education: ['Academy', 'Learning', 'School', 'Tutors', 'College', 'Education'],
  Manufacturing: ['Manufacturing', 'Works', 'Industries', 'Engineering', 'Fabrication', 'Components'],
  Construction: ['Builders', 'Construction', 'Contractors', 'Homes', 'Civil', 'Structures'],
  Finance: ['Capital', 'Finance', 'Wealth', 'Lending', 'Insurance', 'Payments'],
  'Non-profit': ['Foundation', 'Trust', 'Alliance', 'Society', 'Network', 'Charity'],
  'Public Sector': ['Council', 'Authority', 'Agency', 'Services', 'Office', 'Board'],
  Media: ['Media', 'Studios', 'Press', 'Pictures', 'Publishing', 'Audio'],
  'Real Estate': ['Properties', 'Estates', 'Realty', 'Lettings', 'Homes', 'Land'],
};

/** Legal-form suffixes by country, as companies there write them (empty: none). */
export const LEGAL_FORMS: Record<string, readonly string[]> = {
  GB: ['Ltd', 'Ltd', 'Ltd', 'LLP', 'plc'],
  IE: ['Ltd', 'Ltd', 'DAC'],
  DE: ['GmbH', 'GmbH', 'GmbH', 'AG', 'KG'],
  AT: ['GmbH'],
  CH: ['AG', 'GmbH', 'SA'],
  FR: ['SAS', 'SARL', 'SA'],
  BE: ['BV', 'SRL', 'NV'],
  NL: ['B.V.', 'B.V.', 'N.V.'],
  ES: ['S.L.', 'S.L.', 'S.A.'],
  IT: ['S.r.l.', 'S.r.l.', 'S.p.A.'],
  PT: ['Lda', 'S.A.'],
  PL: ['Sp. z o.o.', 'S.A.'],
  SE: ['AB'],
  DK: ['ApS', 'A/S'],
  NO: ['AS', 'ASA'],
  US: ['Inc.', 'Inc.', 'LLC', 'Corp.'],
  CA: ['Inc.', 'Ltd', 'Corp.'],
  AU: ['Pty Ltd', 'Pty Ltd', 'Ltd'],
};
