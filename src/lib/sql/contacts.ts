import { CONSENT_NO, CONSENT_YES } from '../contacts/consent.ts';
import { CONTACT_ROLES, type ContactRole, type FileImport } from '../spec/import.ts';
import { attributeNames, CONTACT_COLUMN, columnFor } from './columns.ts';
import type { StagedFile } from './load.ts';
import { viewAttributeNames } from './customers-view.ts';
import { ident, literalList } from './quote.ts';

/** The contact fields of `customer_contacts`, after its `customer_id`. */
export const CONTACT_FIELDS = [
  'email',
  'first_name',
  'last_name',
  'full_name',
  'phone',
  'consent',
] as const satisfies readonly ContactRole[];

/** A whole value that is an e-mail address: an id that is one is also the customer's e-mail. */
const EMAIL_ID = String.raw`[^\s@]+@[^\s@]+\.[^\s@]+`;

/**
 * Consent text as true, false or NULL (unknown): the lists of src/lib/contacts/consent.ts. Looked
 * up in the lists as values: an IN over the lists' rows made a join per customer (a third slower).
 */
export function consentSql(text: string): string {
  const v = `lower(trim(${text}))`;
  return `CASE WHEN list_contains(${literalList([...CONSENT_YES])}, ${v}) THEN true WHEN list_contains(${literalList([...CONSENT_NO])}, ${v}) THEN false END`;
}

/**
 * One row per customer with how to reach them: `customer_contacts(customer_id, email, first_name,
 * last_name, full_name, phone, consent BOOLEAN)`. A customers file's fields win where it has a
 * value; otherwise each field is the customer's latest non-empty value in the transactions files
 * (latest order date, then the later file and record). An id that is an e-mail address is the
 * e-mail when neither gives one.
 */
export function customerContactsSql(transactions: readonly StagedFile[], customers: FileImport | null): string {
  const inOrders = new Set(transactions.flatMap((t) => CONTACT_ROLES.filter((r) => columnFor(t.file, r))));
  const fromOrders = CONTACT_FIELDS.map((field) => {
    if (!inOrders.has(field)) return `NULL::VARCHAR AS ${field}`;
    const column = CONTACT_COLUMN[field];
    return `arg_max(${column}, (order_date, source_file, rec_no)) FILTER (WHERE nullif(trim(${column}), '') IS NOT NULL) AS ${field}`;
  });
  const attributeOf = new Map((customers ? attributeNames(customers) : []).map((a) => [a.source, a.name]));
  const fromFile = CONTACT_FIELDS.map((field) => {
    const source = customers ? columnFor(customers, field) : undefined;
    const name = source === undefined ? undefined : attributeOf.get(source);
    return name === undefined ? `NULL::VARCHAR AS ${field}` : `nullif(trim(${ident(name)}), '') AS ${field}`;
  });
  const merged = CONTACT_FIELDS.map((field) => {
    if (field === 'consent') {
      return `${inOrders.size ? `coalesce(${consentSql('f.consent')}, ${consentSql('o.consent')})` : consentSql('f.consent')} AS consent`;
    }
    const value = inOrders.size ? `coalesce(f.${field}, trim(o.${field}))` : `f.${field}`;
    return field === 'email'
      ? `coalesce(${value}, CASE WHEN regexp_full_match(f.customer_id, '${EMAIL_ID}') THEN f.customer_id END) AS email`
      : `${value} AS ${field}`;
  });
  // Every buyer and every customers-file customer once: one join of the two, where a UNION and a
  // join back cost half as much again. The orders' contacts are joined only when there are some.
  const orders = inOrders.size
    ? `o AS (
  SELECT customer_id, ${fromOrders.join(',\n    ')}
  FROM order_lines GROUP BY customer_id
), `
    : '';
  return `CREATE OR REPLACE TABLE customer_contacts AS
WITH ${orders}file AS (
  SELECT customer_id, ${fromFile.join(', ')} FROM customer_attributes
), f AS (
  SELECT coalesce(b.customer_id, file.customer_id) AS customer_id, file.* EXCLUDE (customer_id)
  FROM customer_base b FULL JOIN file ON file.customer_id = b.customer_id
)
SELECT f.customer_id, ${merged.join(',\n  ')}
FROM f${inOrders.size ? ' LEFT JOIN o ON o.customer_id = f.customer_id' : ''}`;
}

/**
 * The `customers` view's names of the customers file's contact columns: the export with contact
 * fields writes their cleaned values once, under the contact fields' names, instead of twice.
 */
export function contactAttributesInView(customers: FileImport | null): string[] {
  if (!customers) return [];
  const attributes = attributeNames(customers);
  const inView = viewAttributeNames(attributes.map((a) => a.name));
  const contactSources = new Set(CONTACT_ROLES.map((r) => columnFor(customers, r)).filter((c) => c !== undefined));
  return attributes.flatMap((a, i) => (contactSources.has(a.source) ? [inView[i].name] : []));
}

/** The export with contact fields: the customer export's rows (`exportCustomersSql`) with each customer's contacts beside them. */
export function withContactsSql(exportSql: string): string {
  return `SELECT e.*, ${CONTACT_FIELDS.map((f) => `k.${f} AS __contact_${f}`).join(', ')}
FROM (${exportSql}) e LEFT JOIN customer_contacts k ON k.customer_id = e.customer_id
ORDER BY e.customer_id`;
}
