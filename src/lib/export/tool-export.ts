import { customersCsv } from '../csv/customers-csv.ts';
import type { ContactRow } from './contact.ts';
import { isUsableEmail } from './email.ts';
import { personName } from './names.ts';
import { phoneCountry, phoneToE164 } from './phone.ts';
import type { ExportContext, Identifier, ToolFormat, ToolFormatId, UsableContact } from './tool-format.ts';
import { toolFormat } from './tool-formats.ts';

/** Why a customer is not in a tool's file: it lacks what the tool identifies people by. */
export type LeftOutReason = 'no-email' | 'no-email-or-phone';

export interface ToolExport {
  format: ToolFormatId;
  header: string[];
  rows: string[][];
  /** Customers left out, by reason; only reasons with a count above zero. */
  leftOut: { reason: LeftOutReason; count: number }[];
  /** Customers whose e-mail cell held text that is not an address (counted whether or not the row stays). */
  unreadableEmails: number;
  /** Customers whose phone cell could not be read as a number (counted whether or not the row stays; 0 for a format without phones). */
  unreadablePhones: number;
}

const REASON: Record<Identifier, LeftOutReason> = { email: 'no-email', 'email-or-phone': 'no-email-or-phone' };

const trimmed = (text: string | null): string | null => text?.trim() || null;

/**
 * A segment's contacts as the rows of a tool's import file, a page at a time: one row per customer
 * the tool can identify, in the order given; every other customer is counted with the reason, none
 * dropped silently.
 */
export class ToolRows {
  readonly header: string[];
  readonly #id: ToolFormatId;
  readonly #format: ToolFormat;
  readonly #context: ExportContext;
  readonly #defaultCountry: ReturnType<typeof phoneCountry>;
  #leftOut = 0;
  #unreadableEmails = 0;
  #unreadablePhones = 0;

  constructor(id: ToolFormatId, context: ExportContext) {
    this.#id = id;
    this.#format = toolFormat(id);
    this.#context = context;
    this.#defaultCountry = phoneCountry(context.defaultCountry);
    this.header = this.#format.header(context.segmentName);
  }

  /** The next contacts' rows (cells in header order). */
  add(contacts: readonly ContactRow[]): string[][] {
    const format = this.#format;
    const rows: string[][] = [];
    for (const contact of contacts) {
      const rawEmail = trimmed(contact.email);
      const normalised = rawEmail === null ? null : format.email(rawEmail);
      const email = normalised !== null && isUsableEmail(normalised) ? normalised : null;
      if (rawEmail !== null && email === null) this.#unreadableEmails++;
      const rawPhone = format.usesPhone ? trimmed(contact.phone) : null;
      // A number without its country code is read in the customer's own country when the data says which.
      const phone = rawPhone === null ? null : phoneToE164(rawPhone, phoneCountry(contact.country) ?? this.#defaultCountry);
      if (rawPhone !== null && phone === null) this.#unreadablePhones++;
      if (email === null && (format.identifier === 'email' || phone === null)) {
        this.#leftOut++;
        continue;
      }
      const name = personName(contact);
      const usable: UsableContact = { email, phone, firstName: name.first, lastName: name.last, consent: contact.consent };
      rows.push(format.cells(usable, this.#context));
    }
    return rows;
  }

  /** What the contacts added so far left out or left blank. */
  counts(): Omit<ToolExport, 'header' | 'rows'> {
    const leftOut = this.#leftOut;
    return {
      format: this.#id,
      leftOut: leftOut ? [{ reason: REASON[this.#format.identifier], count: leftOut }] : [],
      unreadableEmails: this.#unreadableEmails,
      unreadablePhones: this.#unreadablePhones,
    };
  }

  /** A row keyed by header, as the CSV writer takes it (a header repeated keeps its last cell, as it always has). */
  keyed(cells: readonly string[]): Record<string, string> {
    return Object.fromEntries(cells.map((cell, i) => [this.header[i], cell]));
  }
}

/** All of a segment's contacts at once (see `ToolRows`). */
export function toolExport(id: ToolFormatId, contacts: readonly ContactRow[], context: ExportContext): ToolExport {
  const tool = new ToolRows(id, context);
  const rows = tool.add(contacts);
  return { ...tool.counts(), header: tool.header, rows };
}

/**
 * The file itself, through the app's CSV writer (UTF-8 text, header first, CRLF line ends, cells that
 * a spreadsheet would run as formulas neutralised; E.164 numbers and hex hashes pass unchanged).
 */
export function toolExportCsv(exported: Pick<ToolExport, 'header' | 'rows'>): string {
  const { header, rows } = exported;
  return customersCsv(
    rows.map((cells) => Object.fromEntries(cells.map((cell, i) => [header[i], cell]))),
    header,
  );
}
