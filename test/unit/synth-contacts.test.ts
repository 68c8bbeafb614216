import { describe, expect, test } from 'vitest';
import { CONTACT_COLUMNS, CUSTOMERS_HEADER } from '../../src/lib/synth/customers-csv.ts';
import { ContactDrawer } from '../../src/lib/synth/contact.ts';
import { createDataset } from '../../src/lib/synth/dataset.ts';
import { EmailBook } from '../../src/lib/synth/email-address.ts';
import { SAMPLE_OPTIONS, SAMPLE_V2_OPTIONS, validateOptions } from '../../src/lib/synth/options.ts';
import { drawPersonName, mailLetters } from '../../src/lib/synth/person-name.ts';
import { PhoneBook, formatPhone } from '../../src/lib/synth/phone-number.ts';
import { PHONE_PLANS } from '../../src/lib/synth/phone-plans.ts';
import { Rng } from '../../src/lib/synth/prng.ts';

const join = (chunks: Iterable<string>) => [...chunks].join('');

const text = join(createDataset(SAMPLE_V2_OPTIONS).customersCsv(64 * 1024));
const [headerLine, ...lines] = text.slice(0, -1).split('\n');
const header = headerLine.split(',');
const rows = lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [header[i], value])));
const share = (predicate: (r: Record<string, string>) => boolean) => rows.filter(predicate).length / rows.length;

/** Calling code and trunk prefix of every country in the sample, restated from the ITU's list. */
const DIALLING: Record<string, [string, string]> = {
  GB: ['44', '0'],
  US: ['1', ''],
  CA: ['1', ''],
  AU: ['61', '0'],
  FR: ['33', '0'],
  DE: ['49', '0'],
  SE: ['46', '0'],
  NL: ['31', '0'],
  IE: ['353', '0'],
  ES: ['34', ''],
  IT: ['39', ''],
  BE: ['32', '0'],
  PL: ['48', ''],
  CH: ['41', '0'],
  DK: ['45', ''],
  NO: ['47', ''],
  PT: ['351', ''],
};

/** The number as dialled within its country: `+44 (0)20 7946 0123` → `02079460123`. */
function nationalDigits(phone: string, country: string): string {
  const [code, trunk] = DIALLING[country];
  const digits = phone.replace('(0)', '').replace(/\D/g, '');
  if (!phone.startsWith('+')) return digits;
  expect(digits.startsWith(code), `${phone} in ${country}`).toBe(true);
  return trunk + digits.slice(code.length);
}

/**
 * The ranges regulators set aside for films and books, written here from their lists (not from
 * the generator's plans): Ofcom (GB), NANPA (US, CA), ACMA (AU), ARCEP (FR), Bundesnetzagentur
 * Mitteilung 148/2021 (DE), PTS (SE).
 */
const FICTION: Record<string, RegExp> = {
  GB: /^0(7700900\d{3}|2079460\d{3}|1(1[3-7]|[2-6]1)4960\d{3}|2920180\d{3}|2896496\d{3})$/,
  US: /^[2-9]\d\d55501\d\d$/,
  CA: /^[2-9]\d\d55501\d\d$/,
  AU: /^0(491570(006|110|15[6-9]|313|737)|491571(266|491|804)|491572(549|665|983)|491573(770|087)|491574(118|632)|491575(254|789)|491576(398|801)|491577(426|644)|491578(957|148|888)|491579(212|760|455)|[2378](5550|7010)\d{4})$/,
  FR: /^0(19900|26191|35301|46571|53649|63998)\d{4}$/,
  DE: /^0(3023125\d{3}|4066969\d{3}|6990009\d{3}|8999998\d{3}|2214710\d{3}|17139200\d\d|176040690\d\d)$/,
  SE: /^0(7017406(0[5-9]|[1-9]\d)|8465004\d\d|3139006\d\d|4062804\d\d)$/,
};

describe('retail-v2 customers', () => {
  test("v1's columns, then the contact columns, on every row", () => {
    expect(headerLine).toBe(`${CUSTOMERS_HEADER},${CONTACT_COLUMNS}`);
    expect(CONTACT_COLUMNS).toBe('email,first_name,last_name,phone,accepts_email_marketing');
    expect(rows).toHaveLength(SAMPLE_V2_OPTIONS.customers);
    expect(lines.every((line) => line.split(',').length === header.length)).toBe(true);
    expect(/["\r]/.test(text)).toBe(false);
  });

  test('e-mail addresses: one per customer, at reserved example domains only, about 3 % blank', () => {
    const emails = rows.map((r) => r.email).filter((e) => e !== '');
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBe(emails.length);
    expect(emails.filter((e) => !/^[A-Za-z0-9._+-]+@example\.(com|org|net)$/.test(e))).toEqual([]);
    for (const domain of ['example.com', 'example.org', 'example.net']) expect(emails.some((e) => e.endsWith(`@${domain}`))).toBe(true);
    expect(share((r) => r.email === '')).toBeGreaterThan(0.02);
    expect(share((r) => r.email === '')).toBeLessThan(0.045);
    // As people type them: a few with capitals, so exports must normalise them.
    expect(emails.some((e) => /[A-Z]/.test(e))).toBe(true);
  });

  test("an address is made from the customer's own name", () => {
    // Letters Unicode does not decompose are spelled as ASCII keyboards spell them.
    const spelled: Record<string, string> = { ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', ı: 'i' };
    const letters = (s: string) =>
      s
        .toLowerCase()
        .replace(/[øłßæı]/g, (c) => spelled[c])
        .normalize('NFD')
        .replace(/[^a-z]/g, '');
    const unrelated = rows.filter((r) => {
      if (r.email === '') return false;
      const local = letters(r.email.split('@')[0]);
      const first = letters(r.first_name);
      const surnames = r.last_name.split(' ').map(letters);
      const umlauts = (s: string) => s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
      const firstE = letters(umlauts(r.first_name));
      const lastE = letters(umlauts(r.last_name.split(' ')[0]));
      return ![first, firstE, ...surnames, lastE].some((part) => part.length > 0 && local.includes(part));
    });
    expect(unrelated.map((r) => `${r.first_name} ${r.last_name} ${r.email}`)).toEqual([]);
  });

  test('names: every customer has a first and a last name, from a varied vocabulary', () => {
    expect(rows.filter((r) => r.first_name === '' || r.last_name === '')).toEqual([]);
    expect(new Set(rows.map((r) => r.first_name)).size).toBeGreaterThan(500);
    expect(new Set(rows.map((r) => r.last_name)).size).toBeGreaterThan(500);
    // Names with letters beyond ASCII, as the countries write them.
    expect(rows.some((r) => /[^\x20-\x7e]/.test(r.first_name + r.last_name))).toBe(true);
  });

  test("consent: yes exactly where v1's opt-in is true and there is an address", () => {
    expect(new Set(rows.map((r) => r.accepts_email_marketing))).toEqual(new Set(['yes', 'no']));
    const wrong = rows.filter((r) => (r.accepts_email_marketing === 'yes') !== (r.email_opt_in === 'true' && r.email !== ''));
    expect(wrong).toEqual([]);
  });

  test('phones: about 25 % blank, unique, written nationally and internationally in the customer’s country', () => {
    const phones = rows.filter((r) => r.phone !== '');
    expect(share((r) => r.phone === '')).toBeGreaterThan(0.2);
    expect(share((r) => r.phone === '')).toBeLessThan(0.3);
    const keys = phones.map((r) => `${r.country} ${nationalDigits(r.phone, r.country)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(phones.filter((r) => !/^\+?[\d ()./-]+$/.test(r.phone))).toEqual([]);
    const international = phones.filter((r) => r.phone.startsWith('+')).length / phones.length;
    expect(international).toBeGreaterThan(0.3);
    expect(international).toBeLessThan(0.6);
  });

  test('phones in countries whose regulator sets numbers aside for fiction are all such numbers', () => {
    const outside = rows.filter(
      (r) => r.phone !== '' && FICTION[r.country] && !FICTION[r.country].test(nationalDigits(r.phone, r.country)),
    );
    expect(outside.map((r) => `${r.country} ${r.phone}`)).toEqual([]);
    // Mobiles too: Ofcom's 07700 900xxx in Britain.
    expect(rows.some((r) => r.country === 'GB' && nationalDigits(r.phone, 'GB').startsWith('07700900'))).toBe(true);
  });

  test('a tiny dataset is pinned byte for byte', () => {
    const tiny = createDataset({ ...SAMPLE_V2_OPTIONS, seed: 7, customers: 4, targetRows: 6 });
    expect(join(tiny.customersCsv())).toMatchInlineSnapshot(`
      "customer_id,signup_date,age,gender,country,city,industry,company_size,device,plan,acquisition_source,email_opt_in,email,first_name,last_name,phone,accepts_email_marketing
      C000001,2024-03-17,40,M,PL,Poznań,Professional Services,11-50,mobile,plus,email,true,wojciech.rutkowski@example.com,Wojciech,Rutkowski,,yes
      C000002,2019-10-29,49,,GB,Belfast,Education,201-1000,desktop,basic,direct,true,john.scott@example.com,John,Scott,07700 900011,yes
      C000003,2023-05-18,48,F,CH,Zürich,Retail,11-50,desktop,basic,email,false,ingrid.hartmann@example.com,Ingrid,Hartmann,076 384 01 99,no
      C000004,2019-12-10,46,F,DE,Köln,Manufacturing,1-10,tablet,basic,organic_search,false,julia78@example.com,Julia,Lehmann,0176 04069072,no
      "
    `);
  });

  test('the contact columns move nothing else: transactions and v1 columns are the same with or without them', () => {
    const options = { ...SAMPLE_OPTIONS, customers: 300, targetRows: 2000 };
    const without = createDataset(options);
    const withContacts = createDataset({ ...options, contacts: true });
    expect(join(withContacts.transactionsCsv())).toBe(join(without.transactionsCsv()));
    const v1 = join(without.customersCsv()).split('\n');
    const v2 = join(withContacts.customersCsv()).split('\n');
    expect(v2.map((line) => line.split(',').slice(0, 12).join(','))).toEqual(v1);
  });

  test('the contacts option must be a boolean', () => {
    expect(() => validateOptions({ ...SAMPLE_OPTIONS, contacts: 'yes' as never })).toThrow('invalid contacts: yes');
  });
});

describe('building blocks', () => {
  test('names as e-mail letters', () => {
    expect(mailLetters("O'Brien")).toBe('obrien');
    expect(mailLetters('van der Berg')).toBe('vanderberg');
    expect(mailLetters('Jean-Pierre')).toBe('jeanpierre');
    expect(mailLetters('Łukasz Wiśniewski')).toBe('lukaszwisniewski');
    expect(mailLetters('İbrahim Yılmaz')).toBe('ibrahimyilmaz');
    expect(mailLetters('Søren Østergaard')).toBe('sorenostergaard');
    expect(mailLetters('Weiß')).toBe('weiss');
    expect(mailLetters('Müller', true)).toBe('mueller');
    expect(mailLetters('Müller')).toBe('muller');
  });

  test('Polish surnames take the woman’s form for women', () => {
    const rng = new Rng(1, 0, 99);
    const women = Array.from({ length: 300 }, () => drawPersonName(rng, 'PL', 'Kraków', 'F').last);
    const men = Array.from({ length: 300 }, () => drawPersonName(rng, 'PL', 'Kraków', 'M').last);
    expect(women.some((n) => n.endsWith('ska'))).toBe(true);
    expect(women.some((n) => n.endsWith('ski'))).toBe(false);
    expect(men.some((n) => n.endsWith('ska'))).toBe(false);
  });

  test('a country without names or numbers is refused, not given another’s', () => {
    expect(() => drawPersonName(new Rng(1), 'JP', '', 'F')).toThrow('no names for country JP');
    expect(() => new PhoneBook().draw(new Rng(1), 'JP', '')).toThrow('no telephone numbers for country JP');
  });

  test('the same name many times still gets a distinct address each time', () => {
    const book = new EmailBook();
    const rng = new Rng(3);
    const name = { first: 'Anna', last: 'Smith', mailFirst: 'anna', mailLast: 'smith' };
    const addresses = Array.from({ length: 2000 }, () => book.draw(rng, name, 1984));
    expect(new Set(addresses.map((a) => a.toLowerCase())).size).toBe(2000);
  });

  test('numbers stay unique while the fictional ranges last, then repeat rather than leave them', () => {
    const book = new PhoneBook();
    const rng = new Rng(5);
    // Brighton has no landline range for drama: mobiles first (1,000), then the other cities' ranges.
    const numbers = Array.from({ length: 3000 }, () => nationalDigits(book.draw(rng, 'GB', 'Brighton'), 'GB'));
    expect(new Set(numbers).size).toBe(3000);
    expect(numbers.slice(0, 1000).every((n) => n.startsWith('07700900'))).toBe(true);
    const sweden = new PhoneBook();
    const swedish = Array.from({ length: 500 }, () => nationalDigits(sweden.draw(rng, 'SE', 'Uppsala'), 'SE'));
    expect(swedish.every((n) => FICTION.SE.test(n))).toBe(true);
    // PTS sets aside 95 mobiles and 300 landlines: 395 distinct numbers, then repeats.
    expect(new Set(swedish).size).toBe(395);
  });

  test('how a London number is written', () => {
    const plan = PHONE_PLANS.GB;
    const london = plan.ranges.find((r) => r.cities.includes('London'))!;
    const nsn = '2079460123';
    expect(formatPhone(plan, london, nsn, 'national')).toBe('020 7946 0123');
    expect(formatPhone(plan, london, nsn, 'international')).toBe('+44 20 7946 0123');
    expect(formatPhone(plan, london, nsn, 'international-trunk')).toBe('+44 (0)20 7946 0123');
    expect(formatPhone(plan, london, nsn, 'compact')).toBe('02079460123');
    expect(formatPhone(plan, london, nsn, 'e164')).toBe('+442079460123');
    const us = PHONE_PLANS.US;
    const ny = us.ranges.find((r) => r.prefix.startsWith('212'))!;
    expect(formatPhone(us, ny, '2125550123', 'nanp-brackets')).toBe('(212) 555-0123');
    expect(formatPhone(us, ny, '2125550123', 'nanp-international')).toBe('+1 212-555-0123');
  });

  test('contacts of one person come from their own stream: the same index gives the same contact', () => {
    const person = { country: 'FR', city: 'Lyon', gender: 'F', birthYear: 1990 };
    const a = new ContactDrawer(11, 6).draw(42, person);
    const b = new ContactDrawer(11, 6).draw(42, person);
    expect(a).toEqual(b);
    expect(new ContactDrawer(11, 7).draw(42, person)).not.toEqual(a);
  });
});
