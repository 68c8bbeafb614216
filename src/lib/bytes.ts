/** Byte-level helpers shared by the preview (page) and the import (worker). */

/** True when bytes start with gzip's magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** True when bytes start with a UTF-8 byte-order mark. */
export function hasUtf8Bom(head: Uint8Array): boolean {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

/** The browser's own gzip decoder (also in Node 18+), typed for byte streams. */
export function gunzip(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
}

/** Chunks joined into one array, cut at `limit` bytes when given. */
export function concatBytes(chunks: readonly Uint8Array[], limit = Infinity): Uint8Array {
  const size = Math.min(
    chunks.reduce((n, c) => n + c.byteLength, 0),
    limit,
  );
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset === size) break;
    const part = chunk.subarray(0, size - offset);
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
