import { concatBytes, gunzip, isGzip } from '../bytes.ts';
import { DECODER_LABEL, type Encoding } from '../spec/import.ts';
import { gzipOriginalSize } from '../import/memory-estimate.ts';

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

/** A file's size once decompressed: a gzip file's from its trailer (see gzipOriginalSize), any other's as it is. */
export async function uncompressedSize(file: Blob): Promise<number> {
  if (file.size < 18 || !isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()))) return file.size;
  return gzipOriginalSize(new Uint8Array(await file.slice(file.size - 4).arrayBuffer()), file.size);
}

/** Decodes a head slice; the last line may be cut, so callers drop it. */
export function decodeHead(bytes: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(DECODER_LABEL[encoding]).decode(bytes);
}

/**
 * Spreadsheet workbooks are not text: a ZIP (xlsx, numbers, ods) or an OLE2 (xls) container. An
 * Excel workbook (`xlsx`, by its name, or a ZIP by another name) is read as its first sheet;
 * the others (`other`) are refused with `workbookRefusal`. Null for anything else.
 */
export function workbookKind(name: string, head: Uint8Array): 'xlsx' | 'other' | null {
  if (/\.(xlsx|xlsm)$/i.test(name)) return 'xlsx';
  if (/\.(xls|numbers|ods)$/i.test(name)) return 'other';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'other';
  return null;
}

/** Any workbook, read or not. */
export function isSpreadsheet(name: string, head: Uint8Array): boolean {
  return workbookKind(name, head) !== null;
}

/** Why a workbook other than .xlsx is refused, and the way forward. */
export function workbookRefusal(name: string): string {
  return `${name} is a spreadsheet workbook in a format that cannot be read here (.xls, .numbers, .ods): save it as CSV or .xlsx first (File → Save As), then load that file.`;
}

/** Compressed formats other than gzip, by their first bytes: the import cannot read them. */
const OTHER_COMPRESSION: readonly (readonly [string, readonly number[]])[] = [
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7-Zip', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['LZ4', [0x04, 0x22, 0x4d, 0x18]],
  // `BZh`, the block size, then the block magic: too specific to begin a CSV.
  ['bzip2', [0x42, 0x5a, 0x68, -1, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59]],
];

/**
 * Why a chosen file holds nothing the import can read, or null: a compressed format other than
 * gzip, an empty file, or a head in which the preview found no columns (no complete line in the
 * first 64 KiB, or only an empty quoted value). The page and the command line refuse such a file
 * with this message instead of loading nothing.
 */
export function unreadableFileReason(name: string, head: Uint8Array, columnsFound: number): string | null {
  const compressed = OTHER_COMPRESSION.find(([, magic]) => magic.every((b, i) => b < 0 || head[i] === b));
  if (compressed)
    return `${name} is compressed with ${compressed[0]}, which cannot be read here: decompress it first (gzip is read as it is).`;
  if (head.length === 0) return `${name} is empty.`;
  if (columnsFound === 0) return `${name} has no columns: there is no complete line of text in its first ${HEAD_BYTES / 1024} KiB.`;
  return null;
}
