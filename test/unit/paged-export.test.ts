import { describe, expect, test } from 'vitest';
import { CsvPages } from '../../src/lib/export/csv-pages.ts';
import { exportText, inPages, plainFormat, writeExport, type ExportRow } from '../../src/lib/export/paged-export.ts';
import { toolExport, toolExportCsv } from '../../src/lib/export/tool-export.ts';
import { TOOL_FORMATS } from '../../src/lib/export/tool-formats.ts';
import { audienceExport, type AudienceFormat } from '../../src/lib/segments/audience.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { onePieceCsv } from './one-piece-csv.ts';

/** Cells that need quoting or neutralising: commas, quotes, line breaks of both kinds, formulas, edge spaces, unicode. */
const AWKWARD = [
  'plain',
  'a,b',
  'say "hi"',
  'two\nlines',
  'crlf\r\nend',
  '=SUM(A1)',
  '+1 555',
  '-5',
  ' padded ',
  'naïve ☃',
  '',
  null,
  '@x',
];

const rows: ExportRow[] = Array.from({ length: 40 }, (_, i) => ({
  id: `c${i}`,
  note: AWKWARD[i % AWKWARD.length],
  // A multi-line quoted cell on many rows, so some page boundary falls right after one.
  memo: i % 3 === 0 ? `line one of ${i}\nline "two"` : i,
}));
const columns = ['id', 'note', 'memo'];

async function chunksOf(pages: number, format = plainFormat(columns), input: readonly ExportRow[] = rows) {
  const chunks: string[] = [];
  const counts: number[] = [];
  const summary = await writeExport(inPages(input, pages), format, (chunk, written) => {
    chunks.push(chunk);
    counts.push(written);
  });
  return { chunks, counts, summary };
}

describe('the paged CSV writer', () => {
  test.each([1, 2, 3, 7, 39, 40, 1000])('pages of %i rows joined are the one-piece file, byte for byte', async (size) => {
    const { chunks, counts, summary } = await chunksOf(size);
    expect(chunks.join('')).toBe(onePieceCsv(rows, columns));
    expect(chunks.length).toBe(1 + Math.ceil(rows.length / size));
    expect(counts.at(-1)).toBe(rows.length);
    expect(summary).toEqual({ rows: rows.length, notes: [] });
  });

  test('a page boundary right after a quoted multi-line cell leaves the quoting whole', async () => {
    // Row 0, 3, 6 … hold a quoted cell with a line break: pages of 3 end on rows 2, 5 …, pages of 1 after every one.
    const { chunks } = await chunksOf(1);
    expect(chunks[1]).toBe('c0,plain,"line one of 0\nline ""two"""');
    expect(chunks[2]).toBe('\r\nc1,"a,b",1');
    for (const chunk of chunks) expect((chunk.match(/"/g) ?? []).length % 2, chunk).toBe(0);
  });

  test('an empty result is its header and a line end, as the one-piece writer wrote it', async () => {
    const { chunks, summary } = await chunksOf(10, plainFormat(['id', '=cmd', 'a,b']), []);
    expect(chunks).toEqual(['id,\'=cmd,"a,b"\r\n']);
    expect(chunks.join('')).toBe(onePieceCsv([], ['id', '=cmd', 'a,b']));
    expect(summary.rows).toBe(0);
  });

  test('headers are neutralised as cells are, and columns keep their given order', () => {
    const csv = new CsvPages(['2024', '@who', 'a']);
    expect(csv.header()).toBe("2024,'@who,a\r\n");
    expect(csv.page([{ a: 1, '@who': 'x', 2024: 'y' }])).toBe('y,x,1');
    expect(csv.page([])).toBe('');
    expect(csv.rows).toBe(1);
  });

  test('a chunk waits for the one before it to be taken', async () => {
    const seen: string[] = [];
    let release: () => void = () => {};
    const taken = writeExport(inPages(rows, 20), plainFormat(columns), async (chunk) => {
      seen.push(chunk);
      if (seen.length === 2) await new Promise<void>((r) => (release = r));
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toHaveLength(2);
    release();
    await taken;
    expect(seen).toHaveLength(3);
  });
});

/** The rows `audienceContactsSql` returns, as the tool formats read them. */
const contacts: ExportRow[] = [
  {
    customer_id: 'a',
    email: ' Ann@Example.com ',
    first_name: 'Ann',
    last_name: 'Lee',
    full_name: null,
    phone: '020 7946 0958',
    consent: true,
    country: 'GB',
  },
  {
    customer_id: 'b',
    email: null,
    first_name: null,
    last_name: null,
    full_name: 'Bo "B" Smith',
    phone: '+33 1 99 00 12 34',
    consent: false,
    country: null,
  },
  {
    customer_id: 'c',
    email: 'not an address',
    first_name: '=cmd',
    last_name: null,
    full_name: null,
    phone: 'call me',
    consent: null,
    country: 'US',
  },
  {
    customer_id: 'd',
    email: 'd@example.org',
    first_name: 'Dee',
    last_name: 'O,Neil',
    full_name: null,
    phone: null,
    consent: true,
    country: 'FR',
  },
  { customer_id: 'e', email: null, first_name: 'Eve', last_name: null, full_name: null, phone: null, consent: null, country: null },
];
const text = (name: string) => ({ name, kind: 'text' as const, storedAsText: true });
const schema: SegmentSchema = { customers: [text('customer_id'), text('country')], orders: [], analysisDate: '2024-06-01' };
const options = { consentOnly: false, context: { segmentName: 'VIPs, "best"', defaultCountry: 'GB' } };

describe('every tool format through the paged writer', () => {
  test.each(TOOL_FORMATS.map((f) => f.id))('%s: pages of 1, 2 and all joined are the one-piece file, with the same notes', async (id) => {
    const whole = toolExport(
      id,
      contacts.map((r) => ({
        customerId: String(r.customer_id),
        email: (r.email as string | null) ?? null,
        firstName: (r.first_name as string | null) ?? null,
        lastName: (r.last_name as string | null) ?? null,
        fullName: (r.full_name as string | null) ?? null,
        phone: (r.phone as string | null) ?? null,
        consent: typeof r.consent === 'boolean' ? r.consent : null,
        country: (r.country as string | null) ?? null,
      })),
      options.context,
    );
    for (const size of [1, 2, contacts.length]) {
      const { format } = audienceExport({ include: [], exclude: [], library: [] }, schema, id as AudienceFormat, options, []);
      const { text: file, rows: written, notes } = await exportText(inPages(contacts, size), format);
      expect(file, `pages of ${size}`).toBe(toolExportCsv(whole));
      const keyed = whole.rows.map((cells) => Object.fromEntries(cells.map((cell, i) => [whole.header[i], cell])));
      expect(file).toBe(onePieceCsv(keyed, whole.header));
      expect(written).toBe(whole.rows.length);
      expect(notes.length).toBeGreaterThan(0);
    }
  });
});
