import { describe, expect, test } from 'vitest';
import { blobChunks, concatBytes, hasUtf8Bom, isGzip } from '../../src/lib/bytes.ts';
import { formulaSafe } from '../../src/lib/csv/formula-safe.ts';
import { readHead, unreadableFileReason } from '../../src/lib/preview/read-head.ts';
import { trimDecimal } from '../../src/lib/import/decimal-text.ts';
import { lineOfRecord } from '../../src/lib/import/reject-lines.ts';
import { WhitespaceToTabs } from '../../src/lib/import/whitespace.ts';
import { previewRecords, uniqueNames } from '../../src/lib/preview/preview.ts';
import { ident, literal } from '../../src/lib/sql/quote.ts';
import { decimalType } from '../../src/lib/sql/values.ts';

describe('quoting', () => {
  test.each([
    ['plain', '"plain"'],
    ['with "quotes"', '"with ""quotes"""'],
    ['select', '"select"'],
    ['größe €', '"größe €"'],
  ])('ident(%j)', (name, quoted) => expect(ident(name)).toBe(quoted));
  test.each([
    ["O'Brien", "'O''Brien'"],
    ['50%_off\\', "'50%_off\\'"],
  ])('literal(%j)', (value, quoted) => expect(literal(value)).toBe(quoted));
  test('a NUL cannot enter a literal', () => expect(() => literal('a\0b')).toThrow('invalid literal'));
});

describe('lineOfRecord', () => {
  test('one line per record after the header', () => expect(lineOfRecord(1, 1, [])).toBe(2));
  test('rejected lines before it push it further', () => expect(lineOfRecord(2, 1, [3, 5])).toBe(4));
  test('consecutive rejects', () => expect(lineOfRecord(2, 1, [3, 4, 5, 9])).toBe(6));
  test('no header', () => expect(lineOfRecord(1, 0, [1])).toBe(2));
});

test('whitespace-aligned text becomes tab-separated across chunk boundaries', () => {
  const w = new WhitespaceToTabs();
  const out = w.push(' 00001 19970101  1   11.77\r\n 000') + w.push('02 19970112  1   12.00\r\n') + w.flush();
  expect(out).toBe('00001\t19970101\t1\t11.77\n00002\t19970112\t1\t12.00\n');
});

describe('formulaSafe', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['\0x', "'\0x"],
    ['-5', '-5'],
    ['-5.25', '-5.25'],
    ['- 5', "'- 5"],
    ['=1+1\nfoo', "'=1+1\nfoo"],
    ['Hello', 'Hello'],
  ])('%j', (cell, safe) => expect(formulaSafe(cell)).toBe(safe));
});

test('column names are unique, non-empty and without a BOM', () => {
  expect(uniqueNames(['\uFEFFid', '', 'Amount', 'amount', ' amount '])).toEqual(['id', 'column2', 'Amount', 'amount_2', 'amount_3']);
});

test('preview drops the cut last line of a head slice', () => {
  const p = previewRecords('a,b\n1,2\n3,"x\ny"\n5,', ',', true, false);
  expect(p.headers).toEqual(['a', 'b']);
  expect(p.rows).toEqual([
    ['1', '2'],
    ['3', 'x\ny'],
  ]);
});

test('exact decimal types', () => {
  expect(decimalType(6, 2)).toBe('DECIMAL(18, 3)');
  expect(decimalType(5, 6)).toBe('DECIMAL(18, 6)');
  expect(decimalType(17, 3)).toBe('DECIMAL(38, 3)');
  expect(trimDecimal('8911407.904000')).toBe('8911407.904');
  expect(trimDecimal('100')).toBe('100');
  expect(trimDecimal('12.000')).toBe('12');
});

test('bytes: gzip and BOM detection, joining chunks with a limit', () => {
  expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
  expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
  expect(hasUtf8Bom(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe(true);
  const chunks = [new Uint8Array([1, 2]), new Uint8Array([3, 4, 5])];
  expect([...concatBytes(chunks)]).toEqual([1, 2, 3, 4, 5]);
  expect([...concatBytes(chunks, 3)]).toEqual([1, 2, 3]);
});

describe('blobChunks', () => {
  const data = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);
  const read = async (blob: Blob, size: number, stopAfter = Infinity) => {
    const seen: Uint8Array[] = [];
    for await (const chunk of blobChunks(blob, size)) {
      seen.push(chunk.slice());
      if (seen.length >= stopAfter) break;
    }
    return seen;
  };

  test.each([1, 999, 4096, 1 << 20])('every byte once, in order, into a buffer of %i bytes', async (size) => {
    const chunks = await read(new Blob([data]), size);
    expect(concatBytes(chunks)).toEqual(data);
    expect(Math.max(...chunks.map((c) => c.byteLength))).toBeLessThanOrEqual(size);
  });

  test('one buffer, used again: a chunk is handed back to the stream when the next is read', async () => {
    const views: Uint8Array[] = [];
    for await (const chunk of blobChunks(new Blob([data]), 1000)) views.push(chunk);
    expect(views.length).toBeGreaterThan(1);
    // Detached: its memory went back to the reader, to hold the next chunk.
    expect(views.slice(0, -1).every((v) => v.byteLength === 0)).toBe(true);
  });

  test('an empty blob gives no chunk; stopping early lets the file go', async () => {
    expect(await read(new Blob([]), 16)).toEqual([]);
    const blob = new Blob([data]);
    expect(concatBytes(await read(blob, 100, 2))).toEqual(data.subarray(0, 200));
    expect(concatBytes(await read(blob, 4096))).toEqual(data);
  });

  test('a stream that is not a byte stream gives its own chunks', async () => {
    const parts = [data.subarray(0, 10), data.subarray(10, 30)];
    const blob = {
      stream: () => new ReadableStream<Uint8Array>({ start: (c) => (parts.forEach((p) => c.enqueue(p)), c.close()) }),
    } as unknown as Blob;
    expect(await read(blob, 4)).toEqual(parts);
  });
});

test('readHead gunzips a gzip file and stops at the limit', async () => {
  const text = 'a,b\n' + '1,2\n'.repeat(50_000);
  const gz = await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
  const head = await readHead(new Blob([gz]), 1000);
  expect(new TextDecoder().decode(head)).toBe(text.slice(0, 1000));
});

test('NUL is dropped from column names: SQL cannot hold it', () => {
  expect(uniqueNames(['a\0b', '\0\0', 'c'])).toEqual(['ab', 'column2', 'c']);
});

test('files that hold nothing the import can read are named before it tries', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  const text = (t: string) => new TextEncoder().encode(t);
  expect(unreadableFileReason('a.zst', bytes(0x28, 0xb5, 0x2f, 0xfd, 0, 0), 1)).toMatch(/a\.zst is compressed with zstd/);
  expect(unreadableFileReason('a.xz', bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1), 1)).toMatch(/with xz/);
  expect(unreadableFileReason('a.bz2', text('BZh91AY&SY\u0001'), 1)).toMatch(/with bzip2/);
  // Text that merely starts like a bzip2 header is text.
  expect(unreadableFileReason('b.csv', text('BZh,amount\n1,2\n'), 2)).toBeNull();
  expect(unreadableFileReason('e.csv', bytes(), 0)).toBe('e.csv is empty.');
  expect(unreadableFileReason('long.csv', text('a'.repeat(100)), 0)).toMatch(
    /no columns: there is no complete line of text in its first 64 KiB/,
  );
  expect(unreadableFileReason('ok.csv', text('a,b\n1,2\n'), 2)).toBeNull();
});

test('whitespace-aligned text with CR-only line ends (old Mac) gets one LF per line, a CRLF cut by a chunk too', () => {
  const w = new WhitespaceToTabs();
  const out = w.push(' 00001 19970101  1   11.77\r 00002 19970112') + w.push('  1   12.00\r') + w.push('\n 00003 1 2 3\r') + w.flush();
  expect(out).toBe('00001\t19970101\t1\t11.77\n00002\t19970112\t1\t12.00\n00003\t1\t2\t3\n');
});

test('preview of a head slice with CR-only line ends drops the cut last line and keeps the others', () => {
  const p = previewRecords('a,b\r1,2\r3,4\r5,', ',', true, false);
  expect(p).toEqual({
    headers: ['a', 'b'],
    rows: [
      ['1', '2'],
      ['3', '4'],
    ],
  });
});
