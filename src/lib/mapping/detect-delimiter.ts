import type { Delimiter } from '../spec/import.ts';

const CHARACTERS = [',', ';', '\t', '|'] as const;
const SAMPLE_RECORDS = 30;
// Share of records that must have the usual field count: room for a ragged row or two.
const CONSISTENT = 0.8;

/** A delimiter with the evidence for it. */
export interface DelimiterGuess {
  delimiter: Delimiter;
  /** How many fields the usual record splits into. */
  fields: number;
  /** True when the delimiter is not the comma and every comma outside quotes sits inside a number: decimal commas. */
  decimalCommas: boolean;
}

/**
 * Picks the delimiter that splits the first records into the same number of fields (more than
 * one), reading double-quoted fields as CSV does. Whitespace (runs of spaces, as in aligned text)
 * is chosen only when no character delimiter is consistent. Falls back to a comma.
 */
export function detectDelimiter(text: string): Delimiter {
  return guessDelimiter(text).delimiter;
}

/**
 * `detectDelimiter` with its evidence. The delimiter and the decimal mark are guessed together: when
 * every comma outside quotes sits between digits (`12.345,67`), the commas are decimal commas, and
 * another consistent delimiter wins over the comma even where the comma splits as evenly.
 */
export function guessDelimiter(text: string): DelimiterGuess {
  const decimalCommas = commasAreDecimal(text);
  let best: { delimiter: Delimiter; share: number; fields: number } | null = null;
  for (const delimiter of CHARACTERS) {
    const { share, fields } = consistency(quotedFieldCounts(text, delimiter));
    if (fields < 2) continue;
    if (best === null || share > best.share || (share === best.share && fields > best.fields)) {
      best = { delimiter, share, fields };
    }
  }
  if (best?.delimiter === ',' && decimalCommas) {
    const other = CHARACTERS.filter((d) => d !== ',')
      .map((delimiter) => ({ delimiter, ...consistency(quotedFieldCounts(text, delimiter)) }))
      .find((c) => c.fields >= 2 && c.share >= CONSISTENT);
    if (other) return { delimiter: other.delimiter, fields: other.fields, decimalCommas: true };
  }
  if (best !== null && best.share >= CONSISTENT) return { ...best, decimalCommas: decimalCommas && best.delimiter !== ',' };
  const spaced = consistency(whitespaceFieldCounts(text));
  if (spaced.fields >= 2 && spaced.share >= CONSISTENT) return { delimiter: 'whitespace', fields: spaced.fields, decimalCommas: false };
  return { delimiter: best?.delimiter ?? ',', fields: best?.fields ?? 1, decimalCommas: false };
}

/** True when the first records have commas outside quotes and every one of them sits between two digits. */
function commasAreDecimal(text: string): boolean {
  const sample = text.split(/\r\n|\n|\r/, SAMPLE_RECORDS).join('\n');
  const unquoted = sample.replace(/"(?:[^"]|"")*"/g, '""');
  const commas = unquoted.match(/,/g)?.length ?? 0;
  const inNumbers = unquoted.match(/\d,(?=\d)/g)?.length ?? 0;
  return commas > 0 && inNumbers === commas;
}

/** The most common field count and the share of records having it. */
function consistency(counts: number[]): { share: number; fields: number } {
  const tally = new Map<number, number>();
  for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
  let fields = 0;
  let most = 0;
  for (const [n, times] of tally) {
    if (times > most || (times === most && n > fields)) [fields, most] = [n, times];
  }
  return { share: counts.length === 0 ? 0 : most / counts.length, fields };
}

function quotedFieldCounts(text: string, delimiter: string): number[] {
  const counts: number[] = [];
  let fields = 1;
  let empty = true;
  let quoted = false;
  let fieldStart = true;
  let i = 0;
  for (; i < text.length && counts.length < SAMPLE_RECORDS; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') continue;
      if (text[i + 1] === '"') i++;
      else quoted = false;
    } else if (ch === '"' && fieldStart) {
      quoted = true;
      empty = false;
      fieldStart = false;
    } else if (ch === delimiter) {
      fields++;
      empty = false;
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!empty) counts.push(fields);
      [fields, empty, fieldStart] = [1, true, true];
    } else {
      empty = false;
      fieldStart = false;
    }
  }
  // A record still open at the end of the text may be cut short by the preview slice.
  if (!empty && i >= text.length && counts.length === 0) counts.push(fields);
  return counts;
}

function whitespaceFieldCounts(text: string): number[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1) lines.pop();
  return lines
    .slice(0, SAMPLE_RECORDS)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/[ \t]+/).length);
}
