import type { ToolFormat } from '../tool-format.ts';

/**
 * Klaviyo list import ("How to add subscribers to a list"): the first column is `Email` (or
 * `Phone Number`); Klaviyo property names as headers map by themselves; a row needs a valid e-mail
 * or phone number; phone numbers in E.164. Consent: the optional `Email Marketing Consent` column
 * takes `Subscribed`; a blank cell is Klaviyo's default, "Never subscribed" — so only a known yes is
 * written, and never an opt-out this data cannot vouch for.
 */
export const klaviyo: ToolFormat = {
  id: 'klaviyo',
  label: 'Klaviyo',
  docsUrl: 'https://help.klaviyo.com/hc/en-us/articles/115005078967',
  hashed: false,
  usesPhone: true,
  identifier: 'email-or-phone',
  header: () => ['Email', 'Phone Number', 'First Name', 'Last Name', 'Email Marketing Consent'],
  email: (trimmed) => trimmed,
  cells: (c) => [c.email ?? '', c.phone ?? '', c.firstName, c.lastName, c.consent === true && c.email ? 'Subscribed' : ''],
};
