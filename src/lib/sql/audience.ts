/**
 * Who an export is for: the customers in every `include` segment and in no `exclude` segment
 * (a segment's members, an overlap cell), optionally only those who accept marketing.
 */

import { ident } from './quote.ts';

/** Customers whose contacts say they accept marketing (src/lib/sql/contacts.ts). */
export const CONSENTING = 'customer_id IN (SELECT customer_id FROM customer_contacts WHERE consent)';

/** The predicates as one: all of `include` hold and none of `exclude`; no segments at all means everyone. */
export function audiencePredicate(include: readonly string[], exclude: readonly string[], consentOnly = false): string {
  const parts = [
    ...include.map((p) => `coalesce(${p}, false)`),
    ...exclude.map((p) => `NOT coalesce(${p}, false)`),
    ...(consentOnly ? [CONSENTING] : []),
  ];
  return parts.length ? parts.join(' AND ') : 'true';
}

/**
 * The audience's size, how many of it accept marketing (what the consent filter would remove,
 * before any download), and how many a tool can reach: with an e-mail, or with an e-mail or phone.
 */
export function audienceCountsSql(audience: string): string {
  const email = 'k.email IS NOT NULL';
  const reachable = '(k.email IS NOT NULL OR k.phone IS NOT NULL)';
  return `SELECT count(*) AS members, count(*) FILTER (WHERE k.consent) AS consenting,
  count(*) FILTER (WHERE ${email}) AS with_email, count(*) FILTER (WHERE k.consent AND ${email}) AS consenting_with_email,
  count(*) FILTER (WHERE ${reachable}) AS reachable, count(*) FILTER (WHERE k.consent AND ${reachable}) AS consenting_reachable
FROM (SELECT customer_id FROM customers WHERE ${audience}) m
LEFT JOIN customer_contacts k ON k.customer_id = m.customer_id`;
}

/**
 * Each member's contact fields, in id order: what the marketing tools' formats are made from; with
 * the view's country column (`country`, any case) when it has one, to read national phone numbers.
 */
export function audienceContactsSql(audience: string, countryColumn: string | null): string {
  const country = countryColumn ? `CAST(${ident(countryColumn)} AS VARCHAR)` : 'NULL::VARCHAR';
  return `SELECT m.customer_id, k.email, k.first_name, k.last_name, k.full_name, k.phone, k.consent, m.country
FROM (SELECT customer_id, ${country} AS country FROM customers WHERE ${audience}) m
LEFT JOIN customer_contacts k ON k.customer_id = m.customer_id
ORDER BY m.customer_id`;
}
