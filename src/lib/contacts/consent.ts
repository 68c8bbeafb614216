/**
 * How exports write marketing consent, compared trimmed and lower-cased: Shopify's `yes`/`no`
 * (Accepts Email Marketing), WooCommerce and spreadsheets' `true`/`1`, Klaviyo's
 * `SUBSCRIBED`/`NEVER_SUBSCRIBED`, Mailchimp's `subscribed`/`unsubscribed`/`cleaned`/`pending`,
 * HubSpot's `Marketing contact`/`Non-marketing contact`. Consent that is pending, unknown or blank
 * is not consent: only a value meaning yes lets a customer through the consent filter.
 */
export const CONSENT_YES: readonly string[] = [
  'yes',
  'y',
  'true',
  't',
  '1',
  'subscribed',
  'opted in',
  'opted_in',
  'opt-in',
  'opt_in',
  'optin',
  'opt in',
  'accepted',
  'accepts',
  'granted',
  'confirmed',
  'single_opt_in',
  'double_opt_in',
  'confirmed_opt_in',
  'marketing contact',
  'x',
];

export const CONSENT_NO: readonly string[] = [
  'no',
  'n',
  'false',
  'f',
  '0',
  'unsubscribed',
  'not_subscribed',
  'not subscribed',
  'never_subscribed',
  'never subscribed',
  'opted out',
  'opted_out',
  'opt-out',
  'opt_out',
  'optout',
  'opt out',
  'declined',
  'denied',
  'revoked',
  'withdrawn',
  'pending',
  'cleaned',
  'non-marketing contact',
];

/** True, false or unknown (null), as the consent filter and the exports read a value. */
export function readConsent(text: string | null | undefined): boolean | null {
  const value = (text ?? '').trim().toLowerCase();
  if (CONSENT_YES.includes(value)) return true;
  if (CONSENT_NO.includes(value)) return false;
  return null;
}
