import { CONTACT_ROLES, type ColumnMapping, type ContactRole } from '../spec/import.ts';
import { normalizeHeader } from './normalize.ts';
import type { ColumnProfile } from './profile.ts';

// Whole header names, after normalizeHeader, as Shopify, WooCommerce, Stripe, HubSpot, Klaviyo,
// Mailchimp and CRM exports write contact fields. Higher wins when several columns could take a role.
const KNOWN: Record<ContactRole, [number, string][]> = {
  email: [
    [100, 'email emailaddress email1 primaryemail'],
    [95, 'customeremail contactemail billingemail buyeremail clientemail useremail'],
    [80, 'mail shippingemail'],
  ],
  first_name: [
    [100, 'firstname givenname forename fname'],
    [90, 'billingfirstname customerfirstname contactfirstname'],
    [80, 'shippingfirstname first'],
  ],
  last_name: [
    [100, 'lastname surname familyname lname'],
    [90, 'billinglastname customerlastname contactlastname'],
    [80, 'shippinglastname last'],
  ],
  full_name: [
    [100, 'fullname name customername contactname'],
    [90, 'billingname clientname buyername'],
    [80, 'shippingname'],
  ],
  phone: [
    [100, 'phone phonenumber telephone telephonenumber mobile mobilephone mobilenumber cellphone'],
    [95, 'customerphone contactphone billingphone defaultaddressphone'],
    [80, 'shippingphone tel phone1 workphone homephone'],
  ],
  consent: [
    // Consent said in so many words beats a bare opt-in flag when a file has both.
    [100, 'acceptsemailmarketing acceptsmarketing emailmarketingconsent marketingconsent'],
    [95, 'emailoptin optin emailconsent marketingoptin newsletteroptin acceptsemail subscribed emailsubscribed newsletter'],
    [90, 'emailmarketingstatus marketingcontactstatus marketingstatus subscriptionstatus emailsubscriptionstatus'],
    [80, 'consent optinstatus newslettersubscription'],
  ],
};

const SCORES = new Map<string, [ContactRole, number][]>();
for (const role of CONTACT_ROLES) {
  for (const [score, names] of KNOWN[role]) {
    for (const name of names.split(' ')) SCORES.set(name, [...(SCORES.get(name) ?? []), [role, score]]);
  }
}

/** Whether the values allow the role the name suggests: an e-mail column holds e-mails, and so on. */
function fits(role: ContactRole, p: ColumnProfile): boolean {
  if (p.filled === 0) return true;
  switch (role) {
    case 'email':
      return p.email >= 0.8;
    case 'phone':
      return p.email < 0.2 && p.date < 0.5;
    case 'consent':
      return p.email < 0.2 && p.date < 0.5;
    default:
      return p.email < 0.2 && p.numeric < 0.5;
  }
}

/**
 * Gives contact roles to columns no core role took (attributes), each role to at most one column:
 * the best-named one whose values fit. Only a name makes a contact field: `Owner Email` holds
 * addresses, but staff's. (A headerless column of addresses is already the customer id, and so the e-mail.)
 */
export function guessContactRoles(columns: readonly ColumnMapping[], profiles: readonly ColumnProfile[]): ColumnMapping[] {
  const candidates = columns.flatMap((c, i) => {
    if (c.role !== 'attribute') return [];
    const named: [ContactRole, number][] = (SCORES.get(normalizeHeader(c.name)) ?? []).filter(([role]) => fits(role, profiles[i]));
    return named.map(([role, score]) => ({ column: i, role, score }));
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const roles = columns.map((c) => c.role);
  const taken = new Set<ContactRole>();
  for (const { column, role } of candidates) {
    if (taken.has(role) || roles[column] !== 'attribute') continue;
    roles[column] = role;
    taken.add(role);
  }
  return columns.map((c, i) => (roles[i] === c.role ? c : { ...c, role: roles[i] }));
}
