/**
 * Meta's normalisation before SHA-256, as its Marketing API documents it for customer-list custom
 * audiences ("Hashing and normalizing data",
 * https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#hash):
 * EMAIL "trim leading and trailing whitespace and convert all characters to lowercase";
 * PHONE "remove symbols, letters, and any leading zeros", with the country code prefixed;
 * FN / LN "lowercase only with no punctuation; special characters in UTF-8 format".
 */

export function metaEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** `+447700900123` → `447700900123`: digits only, country code first, no `+` (E.164 has no leading zero). */
export function metaPhone(e164: string): string {
  return e164.replace(/\D/g, '');
}

/**
 * `Zoë-Anne` → `zoëanne`, `O'Brien` → `obrien`: lowercase, letters only. Accented and non-Latin letters
 * stay (Meta: "special characters in UTF-8"), in composed form (NFC) so `é` typed either way hashes
 * the same; punctuation, digits and spaces go, as Meta's own SDK drops every non-letter.
 */
export function metaName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}]/gu, '');
}
