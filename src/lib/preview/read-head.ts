import { concatBytes, gunzip, isGzip } from '../bytes.ts';
import { DECODER_LABEL, type Encoding } from '../spec/import.ts';

/** How much of a file's start the mapping form looks at. */
export const HEAD_BYTES = 65_536;

/** True when the head read of this file is all of it, so its last line is not cut. */
export function headIsWhole(name: string, size: number): boolean {
  return size <= HEAD_BYTES && !name.endsWith('.gz');
}

/** Bytes of a file's start, decompressed when it is gzip; enough for a preview and sniffing. */
export async function readHead(file: Blob, maxBytes = HEAD_BYTES): Promise<Uint8Array> {
  if (!isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()))) return new Uint8Array(await file.slice(0, maxBytes).arrayBuffer());
  const reader = gunzip(file.stream()).getReader();
  const chunks: Uint8Array[] = [];
  for (let size = 0; size < maxBytes;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel();
  return concatBytes(chunks, maxBytes);
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
