import { describe, expect, test } from 'vitest';
import {
  CR,
  CRLF,
  LF,
  RecordCounter,
  countRecords,
  unreadableReason,
  type RecordCount,
  type RecordDialect,
} from '../../src/lib/import/record-count.ts';
import { blobChunks } from '../../src/lib/bytes.ts';
import { countStreamRecords } from '../../workers/file-bytes.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const dialect = (d: Partial<RecordDialect> = {}): RecordDialect => ({ delimiter: ',', header: true, columns: 2, ...d });
const records = (text: string, d: Partial<RecordDialect> = {}) => countRecords(bytes(text), dialect(d)).records;

/** The count of `data` pushed in pieces cut at `cuts`. */
function countInPieces(data: Uint8Array, d: RecordDialect, cuts: number[]): RecordCount {
  const counter = new RecordCounter(d);
  let from = 0;
  for (const cut of [...cuts, data.length]) {
    counter.push(data.subarray(from, cut));
    from = cut;
  }
  return counter.finish();
}

describe('what a record is', () => {
  test.each([
    ['plain LF lines', 'a,b\n1,2\n3,4\n', 2],
    ['no line end after the last record', 'a,b\n1,2\n3,4', 2],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n', 2],
    ['CR alone', 'a,b\r1,2\r3,4\r', 2],
    ['blank lines are not records', 'a,b\n1,2\n\n\n3,4\n\n', 2],
    ['blank CRLF lines are not records', 'a,b\r\n\r\n1,2\r\n\r\n3,4', 2],
    ['a line of delimiters is a record', 'a,b\n1,2\n,\n', 2],
    ['a line of spaces is a record', 'a,b\n1,2\n   \n', 2],
    ['a quoted line end does not end the record', 'a,b\n"x\ny",2\n3,4\n', 2],
    ['a quoted CRLF and blank quoted lines', 'a,b\r\n"x\r\n\r\ny",2\r\n3,4\r\n', 2],
    ['"" is a quote inside a quoted field', 'a,b\n"say ""hi""\nthere",2\n3,4\n', 2],
    ['a quote inside an unquoted field is data', 'a,b\nx"y\n,2\n3,4\n', 3],
    ['one space before a quote still opens it', 'a,b\n1, "x\ny"\n3,4\n', 2],
    ['two spaces before a quote make it data', 'a,b\n1,  "x\ny"\n3,4\n', 3],
    ['data after a closing quote: one malformed record, to the next line end outside quotes', 'a,b\n"x"y,"a\nb"\n3,4\n', 2],
    ['an unterminated quote makes the rest one record', 'a,b\n1,2\n"x,2\n3,4\n5,6\n', 2],
    ['the header may span lines', '"a\nx",b\n1,2\n', 1],
    ['a header alone has no records', 'a,b\n', 0],
    ['an empty file has no records', '', 0],
    ['a NUL byte is data', 'a,b\n1,\u00002\n3,4\n', 2],
  ])('%s', (_, text, expected) => {
    expect(records(text)).toBe(expected);
  });

  test('without a header every record counts', () => {
    expect(records('1,2\n3,4\n', { header: false })).toBe(2);
    expect(records('\n\n1,2\n3,4', { header: false })).toBe(2);
  });

  test('in a one-column read a blank line is a record (DuckDB reads it as an empty value)', () => {
    expect(records('a\n1\n\n2\n', { columns: 1 })).toBe(3);
    expect(records('a\n1\n2\n\n\n', { columns: 1 })).toBe(4);
    expect(records('a\r\n1\r\n\r\n2\r\n', { columns: 1 })).toBe(3);
    expect(records('\n1\n2\n', { columns: 1, header: false })).toBe(3);
  });

  test('blank lines before the header are reported for the read to skip', () => {
    const count = countRecords(bytes('\n\r\n\na,b\n1,2\n'), dialect());
    expect(count).toMatchObject({ records: 1, blankLinesBeforeHeader: 3 });
    expect(countRecords(bytes('\n\n1,2\n'), dialect({ header: false })).blankLinesBeforeHeader).toBe(0);
  });

  test('a UTF-8 byte-order mark is not data; a lone part of one is', () => {
    expect(countRecords(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('\na,b\n1,2\n')]), dialect())).toMatchObject({
      records: 1,
      blankLinesBeforeHeader: 1,
    });
    expect(countRecords(new Uint8Array([0xef, 0xbb, 0x0a, ...bytes('1,2\n')]), dialect())).toMatchObject({
      records: 1,
      blankLinesBeforeHeader: 0,
    });
  });

  test('the delimiter decides where a field starts, so where a quote opens', () => {
    // With ';' the comma is data: `,"x` does not start a field, so its quote does not open one.
    expect(records('a;b\n1,"x\ny";2\n', { delimiter: ';' })).toBe(2);
    expect(records('a;b\n1;"x\ny";2\n', { delimiter: ';' })).toBe(1);
    expect(records('a\tb\n1\t"x\ny"\n', { delimiter: '\t' })).toBe(1);
  });
});

describe('chunks', () => {
  const texts = [
    '\uFEFF\r\n\r\n"h\r\n1","h""2"\r\n1, "x\r\n""y"""\r\n"a"b,2\r\n\r\n3,4\r\n"open,\r\n5',
    'a\n\n1\n\n\n2\n"q\n\nq"\n',
    'a,b\r1,2\r\r"x\ry",3\r',
  ];
  test.each(texts.map((t) => [JSON.stringify(t).slice(0, 40), t]))('every cut gives the same count: %s', (_, text) => {
    const data = bytes(text);
    for (const d of [dialect(), dialect({ columns: 1 }), dialect({ header: false })]) {
      const whole = countRecords(data, d);
      for (let cut = 0; cut <= data.length; cut++) expect(countInPieces(data, d, [cut]), `cut at ${cut}`).toEqual(whole);
      const bytewise = Array.from({ length: data.length }, (_, i) => i);
      expect(countInPieces(data, d, bytewise)).toEqual(whole);
    }
  });

  test.each(texts.map((t) => [JSON.stringify(t).slice(0, 40), t]))(
    'a file read into one buffer used again counts as whole: %s',
    async (_, text) => {
      const data = bytes(text);
      for (const size of [1, 3, 7, 1 << 20]) {
        // Each chunk is overwritten by the next: a count that kept one would go wrong.
        expect(await countStreamRecords(blobChunks(new Blob([data]), size), dialect(), undefined, 8)).toEqual(
          countRecords(data, dialect(), 8),
        );
      }
    },
  );
});

describe('files DuckDB would misread as a whole', () => {
  const reason = (text: string) => unreadableReason(countRecords(bytes(text), dialect()));

  test('one kind of line end reads', () => {
    expect(countRecords(bytes('a,b\r\n1,2\r\n'), dialect())).toMatchObject({ lineEnds: CRLF, firstLineEnd: CRLF });
    expect(reason('a,b\n1,2\n')).toBeNull();
    expect(reason('a,b\r1,2\r')).toBeNull();
    // Quoted line ends of another kind are data, once the first line end is the file's own.
    expect(reason('a,b\n1,"x\r\ny"\n')).toBeNull();
  });

  test('mixed line ends are refused, naming them', () => {
    expect(countRecords(bytes('a,b\n1,2\r\n3,4\r'), dialect())).toMatchObject({ lineEnds: LF | CRLF | CR, firstLineEnd: LF });
    expect(reason('a,b\n1,2\r\n')).toMatch(/different ways \(LF and CRLF\)/);
    expect(reason('a,b\r\n1,2\r3,4\r\n')).toMatch(/CRLF and CR/);
    // A blank line's end counts too, and so does a CRLF right after a closing quote.
    expect(reason('a,b\n1,2\n\r\n3,4\n')).toMatch(/LF and CRLF/);
    expect(reason('a,b\n1,"2"\r\n3,4\n')).toMatch(/LF and CRLF/);
  });

  test('a first line end inside quotes of another kind than every line end is refused', () => {
    expect(countRecords(bytes('"a\r\nx",b\n1,2\n'), dialect())).toMatchObject({ lineEnds: LF, firstLineEnd: CRLF });
    expect(reason('"a\r\nx",b\n1,2\n')).toMatch(/first line end is inside a quoted field and is CRLF, while its lines end with LF/);
  });

  test('a header with text after a closing quote is refused; spaces there are fine', () => {
    expect(reason('"a"x,b\n1,2\n')).toMatch(/header has text after a closing quote/);
    expect(reason('a,"b"\t\n1,2\n')).toMatch(/header/);
    expect(reason('"a" ,"b"  \n1,2\n')).toBeNull();
    // The same in a record is that record's problem (DuckDB rejects it), not the file's.
    expect(reason('a,b\n"1"x,2\n')).toBeNull();
  });
});

/**
 * The definition written plainly, one byte at a time (no fast paths), to check the counter's
 * optimised loops against on random text.
 */
function referenceCount(
  text: string,
  d: RecordDialect,
): { records: number; blank: number; lineEnds: number; first: number; malformed: boolean } {
  const ends: { at: number; kind: number; quoted: boolean }[] = [];
  let records = 0;
  let blank = 0;
  let headerSeen = !d.header;
  let malformed = false;
  let first = 0;
  let lineEnds = 0;
  let state: 'start' | 'spaced' | 'unquoted' | 'quoted' | 'closed' = 'start';
  let empty = true;
  const endLine = () => {
    if (!headerSeen) {
      if (empty) blank++;
      else headerSeen = true;
    } else if (!empty || d.columns === 1) records++;
    empty = true;
    state = 'start';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      const kind = c === '\n' ? LF : text[i + 1] === '\n' ? CRLF : CR;
      ends.push({ at: i, kind, quoted: state === 'quoted' });
      if (first === 0) first = kind;
      if (kind === CRLF) i++;
      if (state === 'quoted') continue;
      lineEnds |= kind;
      endLine();
      continue;
    }
    if (state === 'quoted') {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') state = 'closed';
      continue;
    }
    empty = false;
    if (c === d.delimiter) state = 'start';
    else if (state === 'start') state = c === '"' ? 'quoted' : c === ' ' ? 'spaced' : 'unquoted';
    else if (state === 'spaced') state = c === '"' ? 'quoted' : 'unquoted';
    else if (state === 'closed' && c !== ' ') {
      if (!headerSeen) malformed = true;
      state = 'unquoted';
    }
  }
  if (!empty) endLine();
  return { records, blank, lineEnds, first, malformed };
}

test('the counter agrees with the plain definition on random text, in any chunks', () => {
  // A small generator with a fixed seed: the same texts on every run.
  let seed = 20240101;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = ['a', 'b', ',', ',', '"', '"', ' ', '\n', '\n', '\r', '\r\n'];
  for (let round = 0; round < 3000; round++) {
    const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const d = dialect({ header: random() < 0.7, columns: random() < 0.2 ? 1 : 3 });
    const expected = referenceCount(text, d);
    const data = bytes(text);
    const cuts = Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * (data.length + 1))).sort((a, b) => a - b);
    const count = countInPieces(data, d, cuts);
    expect(
      {
        records: count.records,
        blank: count.blankLinesBeforeHeader,
        lineEnds: count.lineEnds,
        first: count.firstLineEnd,
        malformed: count.headerMalformed,
      },
      JSON.stringify(text),
    ).toEqual(expected);
  }
});

describe('where a file may be cut into parts', () => {
  const texts = [
    'a,b\n1,2\n3,4\n5,6\n7,8\n',
    'a,b\r\n1,"x\r\ny"\r\n3,4\r\n\r\n5,"6"\r\n7,8',
    'a,b\n\n1,"two\nlines, ""quoted"""\n3,4\n\n\n5,6\n"7\n\n",8\n9,10\n',
    'a,b\r1,2\r3,"q\rr"\r5,6\r',
    '\ufeffa,b\n1,2\n3,4\n',
    '\n\na,b\n1,2\n3,4\n5,6\n',
  ];
  test.each(texts.flatMap((text) => [1, 3, 7, 16].map((every) => [text, every] as const)))(
    'each cut follows a whole record and counts the records before it: %j every %i bytes',
    (text, every) => {
      const data = bytes(text);
      const { cuts } = countRecords(data, dialect(), every);
      expect(cuts).toBeDefined();
      let last = 0;
      for (const cut of cuts!) {
        // Past a record, at or beyond the next multiple of the part size, never in the middle of a CR LF.
        expect(cut.byte).toBeGreaterThanOrEqual(Math.floor(last / every + 1) * every);
        expect(cut.records).toBeGreaterThan(0);
        expect([0x0a, 0x0d]).toContain(data[cut.byte - 1]);
        expect(data[cut.byte - 1] === 0x0d && data[cut.byte] === 0x0a).toBe(false);
        // The bytes before a cut hold exactly its records, and those after it the rest.
        expect(countRecords(data.subarray(0, cut.byte), dialect()).records).toBe(cut.records);
        // The part's first line end ends its first record: the reader takes the line end from it.
        const part = text.slice(new TextDecoder().decode(data.subarray(0, cut.byte)).length);
        const firstEnd = part.search(/[\r\n]/);
        if (firstEnd >= 0) expect((part.slice(0, firstEnd).match(/"/g) ?? []).length % 2).toBe(0);
        const rest = countRecords(data.subarray(cut.byte), dialect({ header: false })).records;
        expect(cut.records + rest).toBe(records(text));
        // The reader's lines before the cut: line ends outside quotes, the quoted ones not among them.
        const before = new TextDecoder().decode(data.subarray(0, cut.byte));
        expect(cut.lines).toBe(before.replace(/"[^"]*"/g, '').match(/\r\n|\r|\n/g)!.length);
        last = cut.byte;
      }
    },
  );

  test.each(texts)('the cuts do not depend on how the bytes arrive: %j', (text) => {
    const data = bytes(text);
    const whole = countRecords(data, dialect(), 5).cuts;
    for (let piece = 1; piece < data.length; piece++) {
      const counter = new RecordCounter(dialect(), 5);
      for (let from = 0; from < data.length; from += piece) counter.push(data.subarray(from, from + piece));
      expect(counter.finish().cuts).toEqual(whole);
    }
  });

  test('a record with a line end inside quotes does not start a part', () => {
    const data = bytes('a,b\n1,2\n"x\ny",3\n4,5\n6,7\n');
    // Not at byte 8, before the quoted line end: after that record; none at the very end.
    expect(countRecords(data, dialect(), 8).cuts).toEqual([{ byte: 16, records: 2, lines: 3 }]);
  });

  test('a count without a part size has no cuts, as before', () => {
    expect(countRecords(bytes(texts[0]), dialect()).cuts).toBeUndefined();
  });
});
