/**
 * Google Ads Customer Match normalisation before SHA-256 ("Formatting guidelines for uploading hashed
 * data", https://support.google.com/google-ads/answer/7476159, and its template's notes: "lowercase all
 * characters and remove all extra spaces before, after or in between email addresses and names";
 * "phone numbers must be formatted as E.164 prior to hashing").
 *
 * Dots in gmail.com / googlemail.com addresses are kept: removing them is a rule of Google's enhanced
 * conversions and Campaign Manager 360 guides, not of Customer Match (neither the help centre's
 * Customer Match pages nor the Google Ads API's Customer Match example, which only lowercases and
 * strips whitespace, say so), so a Customer Match hash is of the address as the person wrote it.
 */

export function googleEmail(email: string): string {
  return email.replace(/\s+/g, '').toLowerCase();
}

/** E.164 with its `+`: `+447700900123` is hashed as is. */
export function googlePhone(e164: string): string {
  return e164;
}
