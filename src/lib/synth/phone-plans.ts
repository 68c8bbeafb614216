import { weighted } from './weighted.ts';
import type { Weighted } from './weighted.ts';

/**
 * Telephone numbers by country, for synthetic contacts. Where a regulator sets numbers aside for
 * films and books, only those are used, so none can ring anyone:
 * - GB: Ofcom's numbers for drama (07700 900xxx, 020 7946 0xxx, 0161 496 0xxx and the other
 *   cities' 496 0xxx, 029 2018 0xxx, 028 9649 6xxx);
 * - US and CA: 555-0100 to 555-0199 in any area code (NANPA);
 * - AU: ACMA's numbers for creative works (thirty 0491 57x xxx mobiles, (0x) 5550 xxxx, (0x) 7010 xxxx);
 * - FR: ARCEP's numbers for audiovisual works (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, 06 39 98);
 * - DE: the Bundesnetzagentur's drama numbers (Mitteilung 148/2021: 030 23125xxx, 040 66969xxx,
 *   069 90009xxx, 089 99998xxx, 0221 4710xxx; 0171 39200xx and 0176 040690xx);
 * - SE: PTS's numbers for fiction (070-174 06 05 to 06 99, 08-465 004 xx, 031-390 06 xx, 040-628 04 xx).
 * Elsewhere no such range is published and numbers are random in the country's real format: they
 * may belong to someone, so never call or text them.
 */

/** Numbers that share a prefix; the digits after it are drawn from `from` to `to`. */
export interface PhoneRange {
  /** National significant number up to the drawn digits: no country code, no trunk 0. */
  prefix: string;
  digits: number;
  from: number;
  to: number;
  mobile: boolean;
  /** The cities a landline range serves (a mobile range serves the whole country). */
  cities: readonly string[];
  /** Group lengths of the national significant number as people write it (`20 7946 0123`). */
  groups: readonly number[];
}

/** How a number is written: `+44 20 7946 0123`, `020 7946 0123`, `02079460123`, `+442079460123`, … */
export type PhoneStyle =
  | 'international'
  | 'national'
  | 'compact'
  | 'e164'
  /** `+44 (0)20 7946 0123`, a British habit. */
  | 'international-trunk'
  /** `(02) 5550 1234`: the area code in brackets (landlines only; mobiles fall back to national). */
  | 'national-brackets'
  /** `070-174 06 12` (Sweden). */
  | 'national-dash'
  /** `06.39.98.12.34` (France). */
  | 'national-dots'
  /** `030/23125123` (Germany). */
  | 'national-slash'
  /** `(212) 555-0123`, `212-555-0123`, `+1 212-555-0123` (North America). */
  | 'nanp-brackets'
  | 'nanp-dash'
  | 'nanp-international';

export interface PhoneCountry {
  callingCode: string;
  /** Dialled before a national number within the country: `0`, or nothing. */
  trunk: string;
  /** Share of customers who give a mobile number, where their city has landlines to choose. */
  mobileShare: number;
  /** Whether every range is one the regulator set aside for fiction. */
  fictional: boolean;
  ranges: readonly PhoneRange[];
  styles: Weighted<PhoneStyle>;
}

type RangeOptions = { digits: number; from?: number; to?: number };

function range(prefix: string, mobile: boolean, cities: readonly string[], groups: readonly number[], o: RangeOptions): PhoneRange {
  return { prefix, digits: o.digits, from: o.from ?? 0, to: o.to ?? 10 ** o.digits - 1, mobile, cities, groups };
}

function mobile(prefixes: string, groups: readonly number[], o: RangeOptions): PhoneRange[] {
  return prefixes.split(' ').map((prefix) => range(prefix, true, [], groups, o));
}

function landline(cities: string, prefixes: string, groups: readonly number[], o: RangeOptions): PhoneRange[] {
  return prefixes.split(' ').map((prefix) => range(prefix, false, cities.split('|'), groups, o));
}

const EUROPEAN_STYLES = weighted<PhoneStyle>([
  ['national', 50],
  ['international', 36],
  ['compact', 8],
  ['e164', 6],
]);

const NANP_STYLES = weighted<PhoneStyle>([
  ['nanp-brackets', 35],
  ['nanp-dash', 25],
  ['nanp-international', 20],
  ['international', 8],
  ['e164', 7],
  ['compact', 5],
]);

/** North America: 555-0100 to 555-0199 behind each city's area codes. */
function nanp(areas: Record<string, string>): PhoneRange[] {
  return Object.entries(areas).flatMap(([city, codes]) =>
    codes.split(' ').map((code) => ({
      prefix: `${code}55501`,
      digits: 2,
      from: 0,
      to: 99,
      mobile: false,
      cities: [city],
      groups: [3, 3, 4],
    })),
  );
}

const AU_MOBILES =
  '491570006 491570156 491570157 491570158 491570159 491570110 491570313 491570737 491571266 491571491 ' +
  '491571804 491572549 491572665 491572983 491573770 491573087 491574118 491574632 491575254 491575789 ' +
  '491576398 491576801 491577426 491577644 491578957 491578148 491578888 491579212 491579760 491579455';

/** Countries by ISO code. */
export const PHONE_PLANS: Record<string, PhoneCountry> = {
  GB: {
    callingCode: '44',
    trunk: '0',
    mobileShare: 0.55,
    fictional: true,
    ranges: [
      ...mobile('7700900', [4, 6], { digits: 3 }),
      ...landline('London', '2079460', [2, 4, 4], { digits: 3 }),
      ...landline('Manchester', '1614960', [3, 3, 4], { digits: 3 }),
      ...landline('Birmingham', '1214960', [3, 3, 4], { digits: 3 }),
      ...landline('Leeds', '1134960', [3, 3, 4], { digits: 3 }),
      ...landline('Glasgow', '1414960', [3, 3, 4], { digits: 3 }),
      ...landline('Bristol', '1174960', [3, 3, 4], { digits: 3 }),
      ...landline('Liverpool', '1514960', [3, 3, 4], { digits: 3 }),
      ...landline('Edinburgh', '1314960', [3, 3, 4], { digits: 3 }),
      ...landline('Sheffield', '1144960', [3, 3, 4], { digits: 3 }),
      ...landline('Nottingham', '1154960', [3, 3, 4], { digits: 3 }),
      ...landline('Cardiff', '2920180', [2, 4, 4], { digits: 3 }),
      ...landline('Belfast', '2896496', [2, 4, 4], { digits: 3 }),
    ],
    styles: weighted<PhoneStyle>([
      ['national', 48],
      ['international', 34],
      ['international-trunk', 5],
      ['compact', 7],
      ['e164', 6],
    ]),
  },
  US: {
    callingCode: '1',
    trunk: '',
    mobileShare: 0,
    fictional: true,
    ranges: nanp({
      'New York': '212 646 718 917',
      'Los Angeles': '213 310 323 818',
      Chicago: '312 773',
      Houston: '713 832',
      Seattle: '206',
      Boston: '617',
      Austin: '512 737',
    }),
    styles: NANP_STYLES,
  },
  CA: {
    callingCode: '1',
    trunk: '',
    mobileShare: 0,
    fictional: true,
    ranges: nanp({ Toronto: '416 647 437', Vancouver: '604 778', Montréal: '514 438' }),
    styles: NANP_STYLES,
  },
  AU: {
    callingCode: '61',
    trunk: '0',
    mobileShare: 0.6,
    fictional: true,
    ranges: [
      ...mobile(AU_MOBILES, [3, 3, 3], { digits: 0 }),
      ...landline('Sydney', '25550 27010', [1, 4, 4], { digits: 4 }),
      ...landline('Melbourne', '35550 37010', [1, 4, 4], { digits: 4 }),
      ...landline('Brisbane', '75550 77010', [1, 4, 4], { digits: 4 }),
      ...landline('Perth', '85550 87010', [1, 4, 4], { digits: 4 }),
    ],
    styles: weighted<PhoneStyle>([
      ['national', 42],
      ['national-brackets', 8],
      ['international', 34],
      ['compact', 8],
      ['e164', 8],
    ]),
  },
  FR: {
    callingCode: '33',
    trunk: '0',
    mobileShare: 0.65,
    fictional: true,
    ranges: [
      ...mobile('63998', [1, 2, 2, 2, 2], { digits: 4 }),
      ...landline('Paris', '19900', [1, 2, 2, 2, 2], { digits: 4 }),
      ...landline('Nantes', '26191', [1, 2, 2, 2, 2], { digits: 4 }),
      ...landline('Lille', '35301', [1, 2, 2, 2, 2], { digits: 4 }),
      ...landline('Lyon|Marseille|Nice', '46571', [1, 2, 2, 2, 2], { digits: 4 }),
      ...landline('Toulouse|Bordeaux', '53649', [1, 2, 2, 2, 2], { digits: 4 }),
    ],
    styles: weighted<PhoneStyle>([
      ['national', 48],
      ['national-dots', 6],
      ['international', 34],
      ['compact', 6],
      ['e164', 6],
    ]),
  },
  DE: {
    callingCode: '49',
    trunk: '0',
    mobileShare: 0.4,
    fictional: true,
    ranges: [
      ...mobile('17139200', [3, 7], { digits: 2 }),
      ...mobile('176040690', [3, 8], { digits: 2 }),
      ...landline('Berlin', '3023125', [2, 8], { digits: 3 }),
      ...landline('Hamburg', '4066969', [2, 8], { digits: 3 }),
      ...landline('München', '8999998', [2, 8], { digits: 3 }),
      ...landline('Köln', '2214710', [3, 7], { digits: 3 }),
      ...landline('Frankfurt am Main', '6990009', [2, 8], { digits: 3 }),
    ],
    styles: weighted<PhoneStyle>([
      ['national', 46],
      ['national-slash', 6],
      ['international', 34],
      ['compact', 8],
      ['e164', 6],
    ]),
  },
  SE: {
    callingCode: '46',
    trunk: '0',
    mobileShare: 0.6,
    fictional: true,
    ranges: [
      ...mobile('701740', [2, 3, 2, 2], { digits: 3, from: 605, to: 699 }),
      ...landline('Stockholm', '846500', [1, 3, 3, 2], { digits: 3, from: 400, to: 499 }),
      ...landline('Göteborg', '313900', [2, 3, 2, 2], { digits: 3, from: 600, to: 699 }),
      ...landline('Malmö', '406280', [2, 3, 2, 2], { digits: 3, from: 400, to: 499 }),
    ],
    styles: weighted<PhoneStyle>([
      ['national-dash', 40],
      ['national', 10],
      ['international', 34],
      ['compact', 10],
      ['e164', 6],
    ]),
  },
  NL: {
    callingCode: '31',
    trunk: '0',
    mobileShare: 0.7,
    fictional: false,
    ranges: [
      ...mobile('61 62 63 64 65', [1, 8], { digits: 7 }),
      ...landline('Amsterdam', '20', [2, 3, 4], { digits: 7, from: 2000000 }),
      ...landline('Rotterdam', '10', [2, 3, 4], { digits: 7, from: 2000000 }),
      ...landline('Utrecht', '30', [2, 3, 4], { digits: 7, from: 2000000 }),
      ...landline('Den Haag', '70', [2, 3, 4], { digits: 7, from: 3000000 }),
      ...landline('Eindhoven', '40', [2, 3, 4], { digits: 7, from: 2000000 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  IE: {
    callingCode: '353',
    trunk: '0',
    mobileShare: 0.7,
    fictional: false,
    ranges: [
      ...mobile('83 85 86 87 89', [2, 3, 4], { digits: 7, from: 1000000 }),
      ...landline('Dublin', '1', [1, 3, 4], { digits: 7, from: 2000000 }),
      ...landline('Cork', '21', [2, 3, 4], { digits: 7, from: 2000000 }),
      ...landline('Galway', '91', [2, 3, 3], { digits: 6, from: 200000 }),
      ...landline('Limerick', '61', [2, 3, 3], { digits: 6, from: 200000 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  ES: {
    callingCode: '34',
    trunk: '',
    mobileShare: 0.7,
    fictional: false,
    ranges: [
      ...mobile('60 61 62 63 64 65 66 67 68 69', [3, 2, 2, 2], { digits: 7 }),
      ...landline('Madrid', '91', [2, 3, 2, 2], { digits: 7, from: 2000000 }),
      ...landline('Barcelona', '93', [2, 3, 2, 2], { digits: 7, from: 2000000 }),
      ...landline('Valencia', '96', [2, 3, 2, 2], { digits: 7, from: 2000000 }),
      ...landline('Sevilla', '95', [2, 3, 2, 2], { digits: 7, from: 4000000 }),
      ...landline('Bilbao', '94', [2, 3, 2, 2], { digits: 7, from: 4000000 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  IT: {
    callingCode: '39',
    trunk: '',
    mobileShare: 0.7,
    fictional: false,
    ranges: [
      ...mobile('320 327 328 329 330 333 334 335 338 339 340 345 346 347 348 349 366 380 388 389 392 393', [3, 3, 4], { digits: 7 }),
      // Italian landlines keep their 0 after the country code: +39 02 1234 5678.
      ...landline('Milano', '02', [2, 4, 4], { digits: 8, from: 20000000 }),
      ...landline('Roma', '06', [2, 4, 4], { digits: 8, from: 30000000 }),
      ...landline('Torino', '011', [3, 3, 4], { digits: 7, from: 2000000 }),
      ...landline('Napoli', '081', [3, 3, 4], { digits: 7, from: 2000000 }),
      ...landline('Bologna', '051', [3, 3, 4], { digits: 7, from: 2000000 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  BE: {
    callingCode: '32',
    trunk: '0',
    mobileShare: 0.7,
    fictional: false,
    ranges: [
      ...mobile('47 48 49', [3, 2, 2, 2], { digits: 7 }),
      ...landline('Bruxelles', '2', [1, 3, 2, 2], { digits: 7, from: 2000000, to: 8999999 }),
      ...landline('Antwerpen', '3', [1, 3, 2, 2], { digits: 7, from: 2000000, to: 8999999 }),
      ...landline('Gent', '9', [1, 3, 2, 2], { digits: 7, from: 2000000, to: 4999999 }),
      ...landline('Liège', '4', [1, 3, 2, 2], { digits: 7, from: 2000000, to: 3999999 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  PL: {
    callingCode: '48',
    trunk: '',
    mobileShare: 0.75,
    fictional: false,
    ranges: [
      ...mobile('50 51 53 57 60 66 69 72 73 78 79 88', [3, 3, 3], { digits: 7 }),
      ...landline('Warszawa', '22', [2, 3, 2, 2], { digits: 7, from: 2000000 }),
      ...landline('Kraków', '12', [2, 3, 2, 2], { digits: 7, from: 2000000 }),
      ...landline('Wrocław', '71', [2, 3, 2, 2], { digits: 7, from: 3000000 }),
      ...landline('Gdańsk', '58', [2, 3, 2, 2], { digits: 7, from: 3000000 }),
      ...landline('Poznań', '61', [2, 3, 2, 2], { digits: 7, from: 8000000 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  CH: {
    callingCode: '41',
    trunk: '0',
    mobileShare: 0.7,
    fictional: false,
    ranges: [
      ...mobile('76 77 78 79', [2, 3, 2, 2], { digits: 7, from: 2000000 }),
      ...landline('Zürich', '44', [2, 3, 2, 2], { digits: 7, from: 2000000 }),
      ...landline('Genève', '22', [2, 3, 2, 2], { digits: 7, from: 3000000 }),
      ...landline('Basel', '61', [2, 3, 2, 2], { digits: 7, from: 2000000 }),
      ...landline('Bern', '31', [2, 3, 2, 2], { digits: 7, from: 3000000 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  DK: {
    callingCode: '45',
    trunk: '',
    mobileShare: 0.8,
    fictional: false,
    ranges: [
      ...mobile('20 21 22 23 24 25 26 27 28 29 30 31 40 41 42 50 51 52 53 60 61', [2, 2, 2, 2], { digits: 6, from: 100000 }),
      ...landline('København', '32 33', [2, 2, 2, 2], { digits: 6, from: 100000 }),
      ...landline('Aarhus', '86 87', [2, 2, 2, 2], { digits: 6, from: 100000 }),
      ...landline('Odense', '63 65', [2, 2, 2, 2], { digits: 6, from: 100000 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  NO: {
    callingCode: '47',
    trunk: '',
    mobileShare: 0.85,
    fictional: false,
    ranges: [
      ...mobile('40 41 46 47 48 90 91 92 93 94 95 96 97 98 99', [3, 2, 3], { digits: 6 }),
      ...landline('Oslo', '21 22 23 24', [2, 2, 2, 2], { digits: 6 }),
      ...landline('Bergen', '55', [2, 2, 2, 2], { digits: 6 }),
    ],
    styles: EUROPEAN_STYLES,
  },
  PT: {
    callingCode: '351',
    trunk: '',
    mobileShare: 0.75,
    fictional: false,
    ranges: [
      ...mobile('91 92 93 96', [3, 3, 3], { digits: 7 }),
      ...landline('Lisboa', '21', [3, 3, 3], { digits: 7 }),
      ...landline('Porto', '22', [3, 3, 3], { digits: 7 }),
    ],
    styles: EUROPEAN_STYLES,
  },
};
