import { expect, test } from 'vitest';
import { phoneCountry, phoneToE164 } from '../../src/lib/export/phone.ts';

test('phone numbers written in national and international styles come out in E.164', () => {
  const gb = phoneCountry('GB');
  expect(phoneToE164('+44 7700 900123', gb)).toBe('+447700900123');
  expect(phoneToE164('07700 900123', gb)).toBe('+447700900123');
  expect(phoneToE164('0044 (0)7700-900123', gb)).toBe('+447700900123');
  expect(phoneToE164('+1 (555) 010-1234', gb)).toBe('+15550101234');
  expect(phoneToE164('(555) 010-1234', phoneCountry('US'))).toBe('+15550101234');
  expect(phoneToE164('01 23 45 67 89', phoneCountry('FR'))).toBe('+33123456789');
});

test('an extension is dropped: E.164 has none', () => {
  expect(phoneToE164('020 7946 0958 ext. 12', phoneCountry('GB'))).toBe('+442079460958');
});

test('what is not a phone number, or too short, cannot be read', () => {
  expect(phoneToE164('call after 6', phoneCountry('GB'))).toBeNull();
  expect(phoneToE164('12', phoneCountry('GB'))).toBeNull();
  expect(phoneToE164('555-0101', phoneCountry('US'))).toBeNull();
  expect(phoneToE164('07700 900123', null)).toBeNull();
});

test('the default country is an ISO 3166-1 alpha-2 code in any case; UK is taken as GB; others are none', () => {
  expect(phoneCountry(' gb ')).toBe('GB');
  expect(phoneCountry('UK')).toBe('GB');
  expect(phoneCountry('GBR')).toBeNull();
  expect(phoneCountry('')).toBeNull();
  expect(phoneCountry(null)).toBeNull();
});
