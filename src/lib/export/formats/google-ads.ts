import { googleEmail, googlePhone } from '../google-normalize.ts';
import { sha256Hex } from '../sha256.ts';
import type { ToolFormat } from '../tool-format.ts';

/**
 * Google Ads Customer Match ("Formatting guidelines for uploading hashed data"): English headers
 * `Email` and `Phone`, values normalised and SHA-256 hashed. Names are left out: Google matches on
 * them only together with `Country` and `Zip` (all four columns or the upload errors), and a customer's
 * postal code is not among the contact fields. No consent column: the upload has none.
 */
export const googleAds: ToolFormat = {
  id: 'google-ads',
  label: 'Google Ads Customer Match',
  docsUrl: 'https://support.google.com/google-ads/answer/7476159',
  hashed: true,
  usesPhone: true,
  identifier: 'email-or-phone',
  header: () => ['Email', 'Phone'],
  email: googleEmail,
  cells: (c) => [c.email ? sha256Hex(c.email) : '', c.phone ? sha256Hex(googlePhone(c.phone)) : ''],
};
