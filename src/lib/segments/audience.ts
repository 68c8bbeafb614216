import type { ContactRow } from '../export/contact.ts';
import { leftOutSentences } from '../export/left-out.ts';
import { plainFormat, writeExport, type ExportChunks, type ExportSummary, type PagedFormat } from '../export/paged-export.ts';
import { phoneCountry, phoneToE164 } from '../export/phone.ts';
import { ToolRows } from '../export/tool-export.ts';
import type { ExportContext, ToolFormatId } from '../export/tool-format.ts';
import type { Row, UserSqlRunner } from '../import/sql-runner.ts';
import { audienceContactsSql, audienceCountsSql, audiencePredicate } from '../sql/audience.ts';
import { CONTACT_FIELDS, withContactsSql } from '../sql/contacts.ts';
import { exportCustomersSql } from '../sql/export.ts';
import { num } from './numbers.ts';
import { exportPredicate, type NamedDefinition } from './segment-export.ts';
import type { SegmentLibrary } from '../spec/segments.ts';
import { findColumn, type SegmentSchema } from './schema.ts';

/** Who an export is for: members of every `include` segment and of no `exclude` one (none at all: every customer). */
export interface Audience {
  include: NamedDefinition[];
  exclude: NamedDefinition[];
  /** Every segment of the spec, in which "is in segment" rules are resolved. */
  library: SegmentLibrary;
}

/** How many customers an export is for, all and those who accept marketing, by what a format needs to identify them. */
export interface AudienceCounts {
  members: number;
  /** Members whose consent to marketing reads as yes: the consent filter removes the others. */
  consenting: number;
  withEmail: { all: number; consenting: number };
  withEmailOrPhone: { all: number; consenting: number };
}

function predicate(audience: Audience, schema: SegmentSchema, consentOnly = false): string {
  const compile = (segments: NamedDefinition[]) => segments.map((s) => exportPredicate(s, schema, audience.library));
  return audiencePredicate(compile(audience.include), compile(audience.exclude), consentOnly);
}

export async function audienceCounts(db: UserSqlRunner, audience: Audience, schema: SegmentSchema): Promise<AudienceCounts> {
  const [row] = await db.rows(audienceCountsSql(predicate(audience, schema)));
  return {
    members: num(row.members),
    consenting: num(row.consenting),
    withEmail: { all: num(row.with_email), consenting: num(row.consenting_with_email) },
    withEmailOrPhone: { all: num(row.reachable), consenting: num(row.consenting_reachable) },
  };
}

/** How the export with contact fields heads them: consent as `yes`/`no`/empty, under a name a marketer reads. */
const CONTACT_HEADERS: Record<(typeof CONTACT_FIELDS)[number], string> = {
  email: 'email',
  first_name: 'first_name',
  last_name: 'last_name',
  full_name: 'full_name',
  phone: 'phone',
  consent: 'accepts_marketing',
};

/**
 * The customer export with each customer's contact fields after the id: the customers file's own
 * contact columns (`contactAttributes`, their names in the view) are left out of the rest, since
 * their cleaned values are already there.
 */
function contactsFormat(schema: SegmentSchema, contactAttributes: readonly string[], defaultCountry: string | null): PagedFormat {
  const countryColumn = findColumn(schema.customers, 'country')?.name;
  const fallback = phoneCountry(defaultCountry);
  // In E.164 when it reads (a tool imports it as is; `+45 22 18 95 80` would need a spreadsheet's `'`), else as written.
  const phone = (text: unknown, country: unknown) =>
    text == null ? null : (phoneToE164(String(text), phoneCountry(country == null ? null : String(country)) ?? fallback) ?? text);
  const left = new Set(contactAttributes.map((a) => a.toLowerCase()));
  const rest = schema.customers.map((c) => c.name).filter((c) => c !== 'customer_id' && !left.has(c.toLowerCase()));
  const contactHeaders = CONTACT_FIELDS.map((f) => uniqueHeader(CONTACT_HEADERS[f], rest));
  const shaped = (r: Row) => {
    const out: Record<string, unknown> = { customer_id: r.customer_id };
    CONTACT_FIELDS.forEach((f, i) => {
      const value = r[`__contact_${f}`];
      out[contactHeaders[i]] =
        f === 'consent'
          ? value === true
            ? 'yes'
            : value === false
              ? 'no'
              : null
          : f === 'phone'
            ? phone(value, countryColumn && r[countryColumn])
            : value;
    });
    for (const c of rest) out[c] = r[c];
    return out;
  };
  return { columns: ['customer_id', ...contactHeaders, ...rest], rows: (page) => page.map(shaped) };
}

/** A contact header that an attribute of the same name (compared as DuckDB does, ignoring case) does not hide. */
function uniqueHeader(name: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let header = name;
  for (let n = 2; lower.has(header.toLowerCase()); n++) header = `${name}_${n}`;
  return header;
}

/** A marketing tool's import file from each member's contact fields (`audienceContactsSql`). */
function toolFileFormat(id: ToolFormatId, context: ExportContext): PagedFormat {
  const tool = new ToolRows(id, context);
  const contact = (r: Row): ContactRow => ({
    customerId: String(r.customer_id),
    email: textOrNull(r.email),
    firstName: textOrNull(r.first_name),
    lastName: textOrNull(r.last_name),
    fullName: textOrNull(r.full_name),
    phone: textOrNull(r.phone),
    consent: typeof r.consent === 'boolean' ? r.consent : null,
    country: textOrNull(r.country),
  });
  return {
    columns: tool.header,
    rows: (page) => tool.add(page.map(contact)).map((cells) => tool.keyed(cells)),
    notes: () => leftOutSentences(tool.counts()),
  };
}

/** What an export writes: today's customer columns, those with contact fields, or a marketing tool's import file. */
export type AudienceFormat = 'customers' | 'contacts' | ToolFormatId;

export interface AudienceOptions {
  consentOnly: boolean;
  /** Names HubSpot's membership column; phones without a country code take `defaultCountry`'s. */
  context: ExportContext;
}

/** An export file's size in customers, and what it left out, in sentences for the page. */
export type AudienceFile = ExportSummary;

/** The query an audience's export reads and the format that writes its rows. */
export function audienceExport(
  audience: Audience,
  schema: SegmentSchema,
  format: AudienceFormat,
  options: AudienceOptions,
  contactAttributes: readonly string[],
): { sql: string; format: PagedFormat } {
  const where = predicate(audience, schema, options.consentOnly);
  if (format === 'customers') return { sql: exportCustomersSql({ where }), format: plainFormat(schema.customers.map((c) => c.name)) };
  if (format === 'contacts') {
    return {
      sql: withContactsSql(exportCustomersSql({ where })),
      format: contactsFormat(schema, contactAttributes, options.context.defaultCountry),
    };
  }
  const country = findColumn(schema.customers, 'country')?.name ?? null;
  return { sql: audienceContactsSql(where, country), format: toolFileFormat(format, options.context) };
}

/** The audience's file in the chosen format, a page at a time through the one export writer. */
export function audienceFile(
  db: UserSqlRunner,
  audience: Audience,
  schema: SegmentSchema,
  format: AudienceFormat,
  options: AudienceOptions,
  contactAttributes: readonly string[],
  write: ExportChunks,
): Promise<AudienceFile> {
  const { sql, format: paged } = audienceExport(audience, schema, format, options, contactAttributes);
  return writeExport(db.pages(sql), paged, write);
}

const textOrNull = (value: unknown): string | null => (value == null ? null : String(value));
