/** The marketing tools a segment exports to, each as the file its importer takes as is. */
export type ToolFormatId = 'klaviyo' | 'mailchimp' | 'hubspot' | 'meta' | 'google-ads';

export interface ExportContext {
  /** The segment's name as shown (HubSpot's list-membership column is named after it). */
  segmentName: string;
  /** ISO 3166-1 alpha-2 code for phone numbers written without a country code; null: such numbers cannot be read. */
  defaultCountry: string | null;
}

/** What a tool needs to know who a row is; a row without it is left out and counted. */
export type Identifier = 'email' | 'email-or-phone';

/** One customer's fields once read: e-mail normalised for the tool and checked, phone in E.164, names split. */
export interface UsableContact {
  email: string | null;
  phone: string | null;
  firstName: string;
  lastName: string;
  consent: boolean | null;
}

export interface ToolFormat {
  id: ToolFormatId;
  label: string;
  /** The tool's own documentation of the file it imports. */
  docsUrl: string;
  /** Identifiers are SHA-256 hashed in the file (no raw contact data leaves in it). */
  hashed: boolean;
  identifier: Identifier;
  /** The file has a phone column (phones are read, and unreadable ones counted, only then). */
  usesPhone: boolean;
  header(segmentName: string): string[];
  /** The tool's e-mail normalisation, before the address is checked (and hashed). */
  email(trimmed: string): string;
  cells(contact: UsableContact, context: ExportContext): string[];
}
