import type { AudienceCounts, AudienceFormat } from '../segments/audience.ts';
import type { Identifier } from './tool-format.ts';
import { TOOL_FORMATS } from './tool-formats.ts';

/** One entry of the export menu. */
export interface ExportChoice {
  id: AudienceFormat;
  label: string;
  /** What the file holds, in a line under the menu. */
  about: string;
  /** The tool's documentation of the file its importer takes. */
  docsUrl: string | null;
  /** Phones in the file are read with a default country. */
  phones: boolean;
  /** What a customer needs to be in the file (a tool's importer identifies people by it); null: everyone is. */
  identifier: Identifier | null;
}

/** The files every export offers: ours first, then one per marketing tool. */
export const EXPORT_CHOICES: readonly ExportChoice[] = [
  {
    id: 'customers',
    label: 'Customers (standard columns)',
    about:
      'Every column of the customer table: ids, RFM scores and segment, tier, stage, metrics and attributes (README: "The customer export").',
    docsUrl: null,
    phones: false,
    identifier: null,
  },
  {
    id: 'contacts',
    label: 'Customers with contact fields',
    about:
      'The standard columns with e-mail, first and last name, full name, phone (E.164 when it reads, else as written) and accepts_marketing (yes, no or empty) after the id.',
    docsUrl: null,
    phones: true,
    identifier: null,
  },
  ...TOOL_FORMATS.map((f) => ({
    id: f.id,
    label: f.hashed ? `${f.label} (hashed)` : f.label,
    about: f.hashed
      ? `Contact fields normalised as the platform specifies and SHA-256 hashed in this browser; no raw e-mail or phone is in the file.`
      : `The columns ${f.label}'s importer takes as is.`,
    docsUrl: f.docsUrl,
    phones: f.usesPhone,
    identifier: f.identifier,
  })),
];

export function exportChoice(id: AudienceFormat): ExportChoice {
  return EXPORT_CHOICES.find((c) => c.id === id) ?? EXPORT_CHOICES[0];
}

/** How many customers a format's file will hold, before the download: its members (who accept marketing, with the filter) that it can identify. */
export function customersInFile(choice: ExportChoice, counts: AudienceCounts, consentOnly: boolean): number {
  const side = (n: { all: number; consenting: number }) => (consentOnly ? n.consenting : n.all);
  if (choice.identifier === 'email') return side(counts.withEmail);
  if (choice.identifier === 'email-or-phone') return side(counts.withEmailOrPhone);
  return consentOnly ? counts.consenting : counts.members;
}
