import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { ContactRow } from '../../src/lib/export/contact.ts';
import { contact } from './contact-fixture.ts';
import { metaName } from '../../src/lib/export/meta-normalize.ts';
import { toolExport } from '../../src/lib/export/tool-export.ts';

// Hashed independently of the module (which uses @noble/hashes): Node's own SHA-256, lowercase hex.
const sha = (normalised: string): string => createHash('sha256').update(normalised, 'utf8').digest('hex');
const none = '';

// The same people for both platforms, written as files hold them; the default country is GB.
const people: ContactRow[] = [
  contact({ email: '  John.Smith@Gmail.COM ', phone: '+44 7700 900123', firstName: 'Zoë-Anne', lastName: "O'Brien" }),
  contact({ email: 'ANNA@Example.org', phone: '07700 900456', fullName: 'José García López' }),
  contact({ email: 'Some.One@GoogleMail.com', phone: '0044 20 7946 0958', firstName: 'F.', lastName: 'Müller-Lüdenscheidt' }),
  contact({ phone: '+49 (0)30 123456', firstName: 'Mary Ann', lastName: 'St. John' }),
  contact({ email: 'mary jane@example.com', phone: '001 (555) 010-1234' }),
  contact({ email: 'no.phone@example.com', phone: 'call after 6' }),
  contact({ email: 'n/a', phone: null, fullName: 'Nobody Reachable' }),
  contact({ fullName: 'Name Only' }),
];
const gb = { segmentName: 'Champions', defaultCountry: 'GB' };

describe('Meta custom audience: normalised as Meta documents, then SHA-256', () => {
  // Meta, "Hashing and normalizing data" (developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#hash):
  // EMAIL: trim leading/trailing whitespace, lowercase. PHONE: digits only, country code first, no '+',
  // no leading zeros. FN/LN: lowercase, no punctuation, special characters kept in UTF-8.
  const exported = toolExport('meta', people, gb);

  test('each row hashes the strings normalised by hand', () => {
    expect(exported.rows).toEqual([
      [sha('john.smith@gmail.com'), sha('447700900123'), sha('zoëanne'), sha('obrien')],
      // National '07700 900456' takes the default country's code 44 and loses its trunk 0.
      [sha('anna@example.org'), sha('447700900456'), sha('josé'), sha('garcíalópez')],
      // '0044' is the international prefix: the number is +44 20 7946 0958. An initial keeps its letter.
      [sha('some.one@googlemail.com'), sha('442079460958'), sha('f'), sha('müllerlüdenscheidt')],
      // '(0)' is Germany's trunk prefix, not part of the number: +49 30 123456.
      [none, sha('4930123456'), sha('maryann'), sha('stjohn')],
      // Meta only trims the ends: a space inside the address leaves no address; the phone remains.
      [none, sha('15550101234'), none, none],
      // An unreadable phone is missing: the e-mail alone identifies the row.
      [sha('no.phone@example.com'), none, none, none],
    ]);
  });

  test('rows with neither e-mail nor phone are left out and counted, unreadable cells counted', () => {
    expect(exported.leftOut).toEqual([{ reason: 'no-email-or-phone', count: 2 }]);
    expect(exported.unreadableEmails).toBe(2); // 'mary jane@…' and 'n/a'
    expect(exported.unreadablePhones).toBe(1); // 'call after 6'
  });

  test('a name hashes the same whether its accents are typed composed or decomposed', () => {
    expect(metaName('Zoe\u0308')).toBe('zo\u00eb');
    expect(sha(metaName('Zoe\u0308'))).toBe(sha('zoë'));
  });
});

describe('Google Ads Customer Match: normalised as Google documents, then SHA-256', () => {
  // Google Ads help, "Formatting guidelines for uploading hashed data" (support.google.com/google-ads/answer/7476159)
  // and its template: lowercase, remove all spaces before, after or inside an e-mail address;
  // phone numbers in E.164 (with '+' and country code) before hashing. Dots in gmail.com or
  // googlemail.com addresses are not removed: that rule is in Google's enhanced-conversions guides,
  // not in Customer Match's.
  const exported = toolExport('google-ads', people, gb);

  test('each row hashes the strings normalised by hand', () => {
    expect(exported.rows).toEqual([
      [sha('john.smith@gmail.com'), sha('+447700900123')],
      [sha('anna@example.org'), sha('+447700900456')],
      [sha('some.one@googlemail.com'), sha('+442079460958')],
      [none, sha('+4930123456')],
      // Google removes spaces inside the address too, so this one is an address.
      [sha('maryjane@example.com'), sha('+15550101234')],
      [sha('no.phone@example.com'), none],
    ]);
  });

  test('rows with neither e-mail nor phone are left out and counted', () => {
    expect(exported.leftOut).toEqual([{ reason: 'no-email-or-phone', count: 2 }]);
    expect(exported.unreadableEmails).toBe(1); // 'n/a'
    expect(exported.unreadablePhones).toBe(1);
  });
});

test('a national number takes the default country given: (555) 010-1234 is +1 555 010 1234 from the US', () => {
  const us = [contact({ phone: '(555) 010-1234' })];
  expect(toolExport('meta', us, { segmentName: 'x', defaultCountry: 'US' }).rows).toEqual([[none, sha('15550101234'), none, none]]);
  expect(toolExport('google-ads', us, { segmentName: 'x', defaultCountry: 'us' }).rows).toEqual([[none, sha('+15550101234')]]);
});

test('without a default country a national number cannot be read: the row is left out, the phone counted', () => {
  const exported = toolExport('google-ads', [contact({ phone: '07700 900123' }), contact({ phone: '+44 7700 900123' })], {
    segmentName: 'x',
    defaultCountry: null,
  });
  expect(exported.rows).toEqual([[none, sha('+447700900123')]]);
  expect(exported.leftOut).toEqual([{ reason: 'no-email-or-phone', count: 1 }]);
  expect(exported.unreadablePhones).toBe(1);
});
