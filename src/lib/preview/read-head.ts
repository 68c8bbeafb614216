import { DECODER_LABEL, type Encoding } from '../spec/import.ts';

/** Bytes of a file's start, decompressed when it is gzip; enough for a preview and sniffing. */
export async function readHead(file: Blob, maxBytes = 65_536): Promise<Uint8Array> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return new Uint8Array(await file.slice(0, maxBytes).arrayBuffer());
  const reader = file
    .stream()
    .pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel();
  const out = new Uint8Array(Math.min(size, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, out.length - offset);
    out.set(part, offset);
    offset += part.length;
    if (offset === out.length) break;
  }
  return out;
}

/** Decodes a head slice; the last line may be cut, so callers drop it. */
export function decodeHead(bytes: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(DECODER_LABEL[encoding]).decode(bytes);
}

/** Spreadsheet workbooks are not text: a ZIP (xlsx, numbers) or an OLE2 (xls) container. */
export function isSpreadsheet(name: string, head: Uint8Array): boolean {
  if (/\.(xlsx|xlsm|xls|numbers|ods)$/i.test(name)) return true;
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  return zip || ole;
}
