import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The ISO 3166-1 alpha-2 code libphonenumber knows for a default-country setting, or null.
 * `UK` is taken as `GB` (ISO reserves UK for the United Kingdom; people type it).
 */
export function phoneCountry(code: string | null | undefined): CountryCode | null {
  const upper = (code ?? '').trim().toUpperCase();
  const iso = upper === 'UK' ? 'GB' : upper;
  return isSupportedCountry(iso) ? iso : null;
}

/**
 * A phone number as written in a file (`+44 7700 900123`, `07700 900123`, `0044 …`, `(555) 010-1234`)
 * in E.164 (`+447700900123`), or null when it cannot be read. A number without a country code takes
 * the default country's; without one, it cannot be read. An extension is dropped (E.164 has none).
 *
 * "Possible" (the right length for its country) is the bar, not libphonenumber's "valid": validity
 * rejects the ranges reserved for fiction and tests (Ofcom's 07700 900xxx, the US 555-01xx) and any
 * range allocated after the bundled metadata; the platforms take any E.164 number and match what they can.
 */
export function phoneToE164(text: string, defaultCountry: CountryCode | null): string | null {
  const parsed = parsePhoneNumberFromString(text, defaultCountry ?? undefined);
  return parsed?.isPossible() ? parsed.number : null;
}
