/**
 * Counts a CSV file's records from its bytes, independently of DuckDB, so that the import report
 * proves loaded + rejected + excluded = input instead of adding it up.
 *
 * It runs over the bytes DuckDB reads (after the worker's gunzip, transcoding to UTF-8 and
 * whitespace-to-tabs rewrite) in the raw read's dialect (src/lib/sql/read-csv.ts): the chosen
 * delimiter, `"` as quote and as its own escape (`""`), CR, LF or CRLF line ends. What a record is,
 * as DuckDB's strict reader (1.4) splits records and as the report counts them:
 *
 * - A line, where a line end inside a quoted field does not end it. A quote opens a quoted field
 *   at the start of a field, or after exactly one space there (DuckDB's reader allows one); anywhere
 *   else it is data (`ab"c`). Inside a quoted field `""` is a quote and a lone `"` closes the
 *   field. Spaces may follow the closing quote; anything else up to the next delimiter or line end
 *   makes the record malformed (DuckDB rejects it), but it is still one record, ending at the next
 *   line end outside quotes.
 * - Except a blank line (no byte at all between two line ends): DuckDB skips it and it is not a
 *   record; a line of spaces or of delimiters only is one. In a one-column read, though, DuckDB
 *   reads a blank line as a record with one empty value, and so it is counted there.
 * - The last line counts without a line end; a quoted field still open at the end of the file
 *   makes the rest of the file one record (DuckDB rejects it whole).
 * - With a header, the header is the first record after any blank lines (as the preview shows
 *   it); those blank lines are reported so that the read can skip them, since DuckDB's header is
 *   otherwise its first line, blank or not. A UTF-8 byte-order mark at the start is not data.
 *
 * Some files DuckDB refuses or misreads as a whole rather than record by record, and the count
 * reports what the import needs to refuse them with a reason instead. DuckDB takes its line end
 * from the first CR or LF in the file, quoted or not; a line end of another kind outside quotes
 * then makes it fail ("state machine reached an invalid state"), or, after a closing quote, read
 * on as if it were text, merging two records into one rejected record, silently. So any mix of
 * line-end kinds outside quotes (a CR right before an LF makes one CRLF), or a first line end in a
 * quoted field that differs from them, is refused. A malformed header (text after a closing quote)
 * makes DuckDB read no record at all, silently, and is refused too.
 */

import type { FileImport } from '../spec/import.ts';

/** The raw read's dialect, as far as record boundaries depend on it. */
export interface RecordDialect {
  /** One-byte delimiter (whitespace-aligned text reaches DuckDB rewritten with tabs). */
  delimiter: ',' | ';' | '\t' | '|';
  header: boolean;
  /** How many columns are read: with one, a blank line is a record. */
  columns: number;
}

/** The dialect a file's mapping reads it with. */
export function recordDialect(file: FileImport): RecordDialect {
  const { delimiter, header } = file.parse;
  return { delimiter: delimiter === 'whitespace' ? '\t' : delimiter, header, columns: file.columns.length };
}

/** A kind of line end; `RecordCount.lineEnds` is a set of them, as bits. */
export const LF = 1;
export const CR = 2;
export const CRLF = 4;
export type LineEnd = typeof LF | typeof CR | typeof CRLF;

export interface RecordCount {
  /** Records after the header. */
  records: number;
  /** Blank lines before the header (0 without a header), for the read to skip. */
  blankLinesBeforeHeader: number;
  /** Kinds of line end outside quoted fields (bits of LF, CR, CRLF; 0 when there is none). */
  lineEnds: number;
  /** The first line end in the file, quoted or not: DuckDB expects every line to end so. 0 if none. */
  firstLineEnd: LineEnd | 0;
  /** The header has data after a closing quote: DuckDB would then read nothing. */
  headerMalformed: boolean;
  /** With a counter's `cutEvery`: where the file may be cut into parts a reader reads one by one. */
  cuts?: RecordCut[];
}

/**
 * A place to cut a file between two records: the byte after a record's line end (outside quotes,
 * a whole CR LF), the first such place at or past a multiple of the cut size, with how many records
 * come before it (the header not among them) and how many lines as the reader numbers them (line
 * ends outside quotes: blank lines and the header count, a line end inside quotes does not).
 */
export interface RecordCut {
  byte: number;
  records: number;
  lines: number;
}

const QUOTE_BYTE = 0x22;
const LF_BYTE = 0x0a;
const CR_BYTE = 0x0d;
const SPACE_BYTE = 0x20;
const BOM = [0xef, 0xbb, 0xbf];

// Where the scan stands between two bytes, kept across chunks so that a chunk may end anywhere.
/** At the start of a field: a quote here opens a quoted field. */
const FIELD_START = 0;
/** One space into a field: a quote here still opens a quoted field. */
const SPACED = 1;
/** In an unquoted field, or past the data after a closing quote: quotes are data. */
const UNQUOTED = 2;
const QUOTED = 3;
/** Just after a quote inside a quoted field: `"` again is an escaped quote, anything else closes it. */
const QUOTE_IN_QUOTED = 4;
/** After a closing quote: spaces, a delimiter or a line end may follow. */
const CLOSED = 5;
type FieldState = typeof FIELD_START | typeof SPACED | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED | typeof CLOSED;

/**
 * Where a field stands after `chunk[start, end)`, a stretch without quotes entered in state
 * `before`: only whether a quote at `end` would open a quoted field matters (after the header).
 */
function fieldStateAfter(chunk: Uint8Array, start: number, end: number, before: FieldState, delimiter: number): FieldState {
  const boundary = (at: number) =>
    at < start ? before === FIELD_START : chunk[at] === delimiter || chunk[at] === LF_BYTE || chunk[at] === CR_BYTE;
  const last = chunk[end - 1];
  if (last === delimiter || last === LF_BYTE || last === CR_BYTE) return FIELD_START;
  return last === SPACE_BYTE && boundary(end - 2) ? SPACED : UNQUOTED;
}

/** A position from indexOf, with "not found" as `n`. */
const at = (found: number, n: number) => (found < 0 ? n : found);

/** Streaming count: push the file's bytes chunk by chunk, then `finish`. */
export class RecordCounter {
  private readonly delimiter: number;
  private readonly blankIsRecord: boolean;
  private field: FieldState = FIELD_START;
  /** No byte yet on the current line. */
  private lineEmpty = true;
  /** The previous byte was a CR: its kind (CR or CRLF) is known at the next byte. */
  private crPending = false;
  /** …and that CR was outside quotes, so it ended a line. */
  private crEndedLine = false;
  private headerSeen: boolean;
  private records = 0;
  /** Line ends outside quotes so far, as the reader numbers lines. */
  private lines = 0;
  private blankLinesBeforeHeader = 0;
  private lineEnds = 0;
  private firstLineEnd: LineEnd | 0 = 0;
  private headerMalformed = false;
  /** How many bytes of a leading byte-order mark matched so far; 3 or -1 once decided. */
  private bom = 0;
  /** Bytes pushed before the current chunk. */
  private offset = 0;
  private readonly cuts: RecordCut[] = [];
  /** The byte from which the next cut may be made (Infinity without cuts). */
  private nextCut: number;
  /**
   * A cut made, kept once the record after it ends without a line end inside quotes: the reader
   * takes a part's line end from the first it meets there, quoted or not (see the module comment).
   */
  private pendingCut: RecordCut | null = null;

  /** `cutEvery`: bytes per part, for `RecordCount.cuts`; none by default. */
  constructor(
    dialect: RecordDialect,
    private readonly cutEvery = Infinity,
  ) {
    this.nextCut = cutEvery;
    if (dialect.delimiter.length !== 1)
      throw new Error(`a record count needs a one-byte delimiter, not ${JSON.stringify(dialect.delimiter)}`);
    this.delimiter = dialect.delimiter.charCodeAt(0);
    this.headerSeen = !dialect.header;
    this.blankIsRecord = dialect.columns === 1;
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    if (this.bom >= 0 && this.bom < 3) i = this.skipBom(chunk);
    // The state in locals while the loop runs: this is the import's one pass over every byte.
    const n = chunk.length;
    const delimiter = this.delimiter;
    let field = this.field;
    let lineEmpty = this.lineEmpty;
    let crPending = this.crPending;
    let crEndedLine = this.crEndedLine;
    let firstLineEnd = this.firstLineEnd;
    let lineEnds = this.lineEnds;
    let nextQuote = -1;
    // The next LF and CR at or after i (n when the chunk has no more): indexOf finds them far faster
    // than a look at every byte, and a file without CR costs one search for it per chunk.
    let nextLf = -1;
    let nextCr = -1;
    while (i < n) {
      if (!crPending && field !== QUOTED && field !== QUOTE_IN_QUOTED && this.headerSeen) {
        // Up to the next quote only line ends matter: jump from one to the next.
        if (nextQuote < i) nextQuote = chunk.indexOf(QUOTE_BYTE, i);
        const end = nextQuote < 0 ? n : nextQuote;
        const start = i;
        for (; i < end; i++) {
          if (nextLf < i) nextLf = at(chunk.indexOf(LF_BYTE, i), n);
          if (nextCr < i) nextCr = at(chunk.indexOf(CR_BYTE, i), n);
          const lineEnd = nextLf < nextCr ? nextLf : nextCr;
          if (lineEnd >= end) {
            // No line end before the quote: the line has data.
            lineEmpty = false;
            i = end;
            break;
          }
          if (lineEnd > i) lineEmpty = false;
          i = lineEnd;
          const b = chunk[i];
          let kind: LineEnd = LF;
          if (b === CR_BYTE) {
            if (i + 1 === n) {
              // Whether an LF follows is for the next chunk to tell.
              [crPending, crEndedLine] = [true, true];
              this.endLine(lineEmpty);
              lineEmpty = true;
              continue;
            }
            kind = chunk[i + 1] === LF_BYTE ? CRLF : CR;
            if (kind === CRLF) i++;
          }
          if (firstLineEnd === 0) firstLineEnd = kind;
          lineEnds |= kind;
          this.endLine(lineEmpty);
          if (this.cutEvery < Infinity) this.cut(this.offset + i + 1);
          lineEmpty = true;
        }
        if (i > start) field = fieldStateAfter(chunk, start, i, field, delimiter);
        if (i === n) break;
      }
      // One byte at a time: a quote, quoted data, or what follows a CR.
      const b = chunk[i];
      if (crPending) {
        crPending = false;
        const kind = b === LF_BYTE ? CRLF : CR;
        if (firstLineEnd === 0) firstLineEnd = kind;
        if (crEndedLine) {
          lineEnds |= kind;
          // The line ended at the CR: a cut goes after its LF, if it has one.
          const end = this.offset + i + (kind === CRLF ? 1 : 0);
          if (this.cutEvery < Infinity) this.cut(end);
        }
        // The LF of a CRLF: that line already ended (or, in quotes, it is data like the CR).
        if (b === LF_BYTE) {
          i++;
          continue;
        }
      }
      if (field === QUOTED) {
        if (this.pendingCut) {
          const quote = at(chunk.indexOf(QUOTE_BYTE, i), n);
          if (at(chunk.indexOf(LF_BYTE, i), n) < quote || at(chunk.indexOf(CR_BYTE, i), n) < quote) this.dropCut();
        }
        if (firstLineEnd !== 0) {
          // Only a quote matters inside quotes: jump to the next one.
          i = chunk.indexOf(QUOTE_BYTE, i);
          if (i < 0) break;
          field = QUOTE_IN_QUOTED;
        } else if (b === QUOTE_BYTE) field = QUOTE_IN_QUOTED;
        // Until then a quoted CR or LF is data, but it is the first line end DuckDB sees.
        else if (b === LF_BYTE) firstLineEnd = LF;
        else if (b === CR_BYTE) [crPending, crEndedLine] = [true, false];
        i++;
        continue;
      }
      if (field === QUOTE_IN_QUOTED) {
        if (b === QUOTE_BYTE) {
          field = QUOTED;
          i++;
          continue;
        }
        field = CLOSED;
      }
      if (b === LF_BYTE) {
        if (firstLineEnd === 0) firstLineEnd = LF;
        lineEnds |= LF;
        this.endLine(lineEmpty);
        if (this.cutEvery < Infinity) this.cut(this.offset + i + 1);
        lineEmpty = true;
        field = FIELD_START;
      } else if (b === CR_BYTE) {
        [crPending, crEndedLine] = [true, true];
        this.endLine(lineEmpty);
        lineEmpty = true;
        field = FIELD_START;
      } else if (b === delimiter) {
        lineEmpty = false;
        field = FIELD_START;
      } else {
        lineEmpty = false;
        if (field === FIELD_START) field = b === QUOTE_BYTE ? QUOTED : b === SPACE_BYTE ? SPACED : UNQUOTED;
        else if (field === SPACED) field = b === QUOTE_BYTE ? QUOTED : UNQUOTED;
        else if (field === CLOSED && b !== SPACE_BYTE) {
          if (!this.headerSeen) this.headerMalformed = true;
          field = UNQUOTED;
        }
      }
      i++;
    }
    this.offset += n;
    this.field = field;
    this.lineEmpty = lineEmpty;
    this.crPending = crPending;
    this.crEndedLine = crEndedLine;
    this.firstLineEnd = firstLineEnd;
    this.lineEnds = lineEnds;
  }

  /** The count, once every byte was pushed. */
  finish(): RecordCount {
    if (this.crPending) {
      this.crPending = false;
      if (this.firstLineEnd === 0) this.firstLineEnd = CR;
      if (this.crEndedLine) this.lineEnds |= CR;
    }
    // A file that is the start of a byte-order mark and nothing else holds those bytes as data.
    if (this.bom > 0 && this.bom < 3) this.lineEmpty = false;
    // A last line without a line end, or a quoted field never closed: one more record.
    if (!this.lineEmpty) this.endLine(false);
    this.lineEmpty = true;
    if (this.pendingCut && this.records > this.pendingCut.records) this.cuts.push(this.pendingCut);
    this.pendingCut = null;
    return {
      records: this.records,
      blankLinesBeforeHeader: this.blankLinesBeforeHeader,
      lineEnds: this.lineEnds,
      firstLineEnd: this.firstLineEnd,
      headerMalformed: this.headerMalformed,
      ...(this.cutEvery < Infinity ? { cuts: this.cuts } : {}),
    };
  }

  /**
   * At a line end outside quotes, just before `byte`: keeps the cut pending since the last one, and
   * cuts here if past the next multiple of the part size and a record is behind (the first part
   * holds the header).
   */
  private cut(byte: number): void {
    if (this.pendingCut && this.records > this.pendingCut.records) {
      this.cuts.push(this.pendingCut);
      this.pendingCut = null;
    }
    if (byte < this.nextCut || this.records === 0 || this.pendingCut) return;
    this.pendingCut = { byte, records: this.records, lines: this.lines };
    this.nextCut = (Math.floor(byte / this.cutEvery) + 1) * this.cutEvery;
  }

  /** The pending cut's record has a line end inside quotes: cut at the next record end instead. */
  private dropCut(): void {
    this.nextCut = this.pendingCut!.byte;
    this.pendingCut = null;
  }

  private endLine(blank: boolean): void {
    this.lines++;
    if (!this.headerSeen) {
      if (blank) this.blankLinesBeforeHeader++;
      else this.headerSeen = true;
    } else if (!blank || this.blankIsRecord) {
      this.records++;
    }
  }

  /** Consumes the part of a leading byte-order mark in `chunk`; returns where the data starts. */
  private skipBom(chunk: Uint8Array): number {
    let i = 0;
    while (this.bom < 3 && i < chunk.length && chunk[i] === BOM[this.bom]) {
      this.bom++;
      i++;
    }
    if (this.bom === 3 || i === chunk.length) return i;
    // Not a mark after all: the bytes taken for one were data (none is a quote, delimiter or line end).
    if (this.bom > 0) {
      this.lineEmpty = false;
      this.field = UNQUOTED;
    }
    this.bom = -1;
    return i;
  }
}

/** The count of a whole file already in memory (with `cutEvery`, and where to cut it). */
export function countRecords(bytes: Uint8Array, dialect: RecordDialect, cutEvery?: number): RecordCount {
  const counter = new RecordCounter(dialect, cutEvery);
  counter.push(bytes);
  return counter.finish();
}

const LINE_END_NAMES: readonly (readonly [LineEnd, string])[] = [
  [LF, 'LF'],
  [CRLF, 'CRLF'],
  [CR, 'CR'],
];

/** Names of the line-end kinds in a set, for messages: "LF and CRLF". */
export function lineEndNames(kinds: number): string {
  return LINE_END_NAMES.filter(([bit]) => kinds & bit)
    .map(([, name]) => name)
    .join(' and ');
}

/**
 * Why DuckDB would fail on or misread this file as a whole, or null when it reads it record by
 * record (see the module comment): line ends of more than one kind outside quotes, a first line
 * end inside a quoted field of another kind than the lines', or a malformed header. The import
 * refuses such a file, with this reason, before reading it.
 */
export function unreadableReason(count: RecordCount): string | null {
  const { lineEnds, firstLineEnd } = count;
  if ((lineEnds & (lineEnds - 1)) !== 0) {
    return `its lines end in different ways (${lineEndNames(lineEnds)}), and the reader needs one kind: save it again with one kind of line end`;
  }
  if (lineEnds !== 0 && lineEnds !== firstLineEnd) {
    return `its first line end is inside a quoted field and is ${lineEndNames(firstLineEnd)}, while its lines end with ${lineEndNames(lineEnds)}, and the reader takes the first line end for every line`;
  }
  if (count.headerMalformed)
    return 'its header has text after a closing quote (as in "name"x), which makes the reader skip the whole file: fix the header line';
  return null;
}
