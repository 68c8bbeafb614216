import { blobChunks, concatBytes, gunzip, hasUtf8Bom, isGzip } from '../src/lib/bytes.ts';
import { RecordCounter, countRecords, recordDialect, type RecordCount, type RecordDialect } from '../src/lib/import/record-count.ts';
import { WhitespaceToTabs } from '../src/lib/import/whitespace.ts';
import { DECODER_LABEL, type FileImport, type ParseOptions } from '../src/lib/spec/import.ts';

/** What DuckDB should be given for a file: the File itself, or bytes rewritten as UTF-8. */
export type Prepared = { kind: 'handle'; file: File } | { kind: 'buffer'; bytes: Uint8Array };

/**
 * Hands a plain UTF-8 file to DuckDB untouched (no copy); decompresses, transcodes to UTF-8 and
 * rewrites whitespace-aligned text in one streaming pass otherwise, reporting bytes read.
 */
export async function prepareFile(file: File, parse: ParseOptions, onBytes: (loaded: number) => void): Promise<Prepared> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const gzip = isGzip(head);
  const bom = hasUtf8Bom(head);
  if (!gzip && !bom && parse.encoding === 'utf-8' && parse.delimiter !== 'whitespace') return { kind: 'handle', file };

  let loaded = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        loaded += chunk.byteLength;
        onBytes(loaded);
        out.enqueue(chunk);
      },
    }),
  );
  const bytes = gzip ? gunzip(counted) : counted;
  if (parse.encoding === 'utf-8' && parse.delimiter !== 'whitespace') {
    // Already UTF-8: no need to decode; DuckDB rejects invalid sequences line by line.
    const all = await collect(bytes);
    return { kind: 'buffer', bytes: hasUtf8Bom(all) ? all.subarray(3) : all };
  }
  // TextDecoderStream drops a BOM, which would otherwise become part of the first field; invalid
  // UTF-8 must fail loudly rather than turn into U+FFFD.
  const decoder = new TextDecoderStream(DECODER_LABEL[parse.encoding], { fatal: parse.encoding === 'utf-8' });
  let text = bytes.pipeThrough(decoder as unknown as TransformStream<Uint8Array, string>);
  if (parse.delimiter === 'whitespace') {
    const rewrite = new WhitespaceToTabs();
    text = text.pipeThrough(
      new TransformStream<string, string>({
        transform: (chunk, out) => out.enqueue(rewrite.push(chunk)),
        flush: (out) => out.enqueue(rewrite.flush()),
      }),
    );
  }
  return { kind: 'buffer', bytes: await collect(text.pipeThrough(new TextEncoderStream())) };
}

/**
 * `prepareFile`, and the file's records counted once over the very bytes DuckDB is given
 * (record-count.ts), independently of what DuckDB makes of them. A file handed over as it is, is
 * streamed once more to count it: `countLater` starts that count, which the import runs while
 * DuckDB, in its own worker, reads the file (readRaw). Not before: a count streams the file on this
 * thread, and started at registration it held up the next file's registration (0.17 s at 1M rows).
 */
export async function prepareForImport(
  file: File,
  mapping: FileImport,
  onBytes: (loaded: number) => void,
): Promise<{ prepared: Prepared; count: RecordCount } | { prepared: Prepared; countLater: () => Promise<RecordCount> }> {
  const prepared = await prepareFile(file, mapping.parse, onBytes);
  const dialect = recordDialect(mapping);
  if (prepared.kind === 'buffer') return { prepared, count: countRecords(prepared.bytes, dialect) };
  return { prepared, countLater: () => countStreamRecords(blobChunks(prepared.file), dialect) };
}

/** `prepareForImport`, with the count finished; with `cutEvery`, and where to cut the bytes into parts of about that size. */
export async function prepareCounted(
  file: File,
  mapping: FileImport,
  onBytes: (loaded: number) => void,
  cutEvery?: number,
): Promise<{ prepared: Prepared; count: RecordCount }> {
  if (cutEvery === undefined) {
    const result = await prepareForImport(file, mapping, onBytes);
    return { prepared: result.prepared, count: 'count' in result ? result.count : await result.countLater() };
  }
  const prepared = await prepareFile(file, mapping.parse, onBytes);
  const dialect = recordDialect(mapping);
  const count =
    prepared.kind === 'buffer'
      ? countRecords(prepared.bytes, dialect, cutEvery)
      : await countStreamRecords(blobChunks(prepared.file), dialect, onBytes, cutEvery);
  return { prepared, count };
}

/**
 * Counts the records of the bytes DuckDB will read as they stream by, reporting bytes read. A chunk
 * is counted before the next is read, so a source may hand every chunk in the same buffer (blobChunks).
 */
export async function countStreamRecords(
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  dialect: RecordDialect,
  onBytes: (loaded: number) => void = () => {},
  cutEvery?: number,
): Promise<RecordCount> {
  const counter = new RecordCounter(dialect, cutEvery);
  let loaded = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    counter.push(chunk);
    loaded += chunk.byteLength;
    onBytes(loaded);
  }
  return counter.finish();
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return concatBytes(chunks);
}
