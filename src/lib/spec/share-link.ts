import { readAddress, writeAddress } from '../address/url-state.ts';
import { compactSpec } from './compact-spec.ts';
import { inLinkForm, packSpec, unpackSpec } from './link-pack.ts';
import { asVersion2, type AnySpecFile } from './migrate.ts';
import { checkSpec, MAX_SPEC_BYTES, MAX_SPEC_SIZE, type SpecReading } from './read-spec.ts';

/**
 * Share links carry a spec file in the URL's fragment (`…#spec=…`), compressed (raw deflate; gzip up to version 1) and base64url-encoded.
 * A fragment never reaches any server, so a link shares definitions, never data, and no one but
 * the people holding it sees them. Decoding trusts nothing and never throws: the link's length is
 * checked before anything is decoded, inflating stops at 1 MB, every step names what is wrong, and
 * what it holds is read as a spec file is (read-spec.ts).
 */

/** gzip at its worst stores 1 MB as is: 5 bytes more per 64 KB block, and an 18-byte header and trailer (raw deflate: the same without them). */
const MAX_GZIP_BYTES = MAX_SPEC_BYTES + 5 * Math.ceil(MAX_SPEC_BYTES / 65_535) + 18;
/** Room for the page's own address (and any other parameter) around the `#spec=…`. */
const ADDRESS_CHARS = 4_096;
/**
 * The longest link that can hold a definition this page reads: 1 MB at gzip's worst, 4 base64
 * characters per 3 bytes (1,333,464), plus the page's address: 1,337,560 characters. A longer one
 * cannot be a valid link, so it is refused before base64 or inflate allocate anything for it.
 * (Real links are a few thousand characters; Chromium caps an address at 2 MB.)
 */
export const MAX_LINK_CHARS = Math.ceil(MAX_GZIP_BYTES / 3) * 4 + ADDRESS_CHARS;

/** Deflate's most: one byte of input becomes at most about 1,032 bytes of output. */
const MAX_DEFLATE_RATIO = 1_032;
/** The least input fed to the inflater at once, once the cap is near. */
const MIN_SLICE_BYTES = 256;

class TooLarge extends Error {}

/**
 * The compressed stream inflated, or TooLarge as soon as it passes `limit` bytes. The input is fed in
 * slices no larger than what could, at deflate's worst, fill the room left under the cap (and at
 * least 256 bytes), so the output passes the cap by at most about 264 KB before it is stopped.
 * Given a whole link at once (as a Blob stream gives it), the inflater would inflate all of it
 * before the first chunk is read: a gzip bomb of a megabyte into a gigabyte.
 */
async function inflate(bytes: Uint8Array<ArrayBuffer>, limit: number): Promise<Uint8Array> {
  const stream = new DecompressionStream(isGzip(bytes) ? 'gzip' : 'deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let stopped = false;
  const writing = (async () => {
    for (let at = 0; at < bytes.length && !stopped;) {
      const slice = Math.max(MIN_SLICE_BYTES, Math.floor((limit - size) / MAX_DEFLATE_RATIO));
      await writer.write(bytes.subarray(at, at + slice));
      at += slice;
    }
    if (!stopped) await writer.close();
  })();
  // A failed write fails the readable side too: the reader below reports it.
  writing.catch(() => {});
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) throw new TooLarge();
      chunks.push(value);
    }
  } catch (e) {
    stopped = true;
    await reader.cancel().catch(() => {});
    throw e;
  }
  return concat(chunks, size);
}

/**
 * Links up to spec version 1 are gzip; later ones raw deflate, 18 bytes shorter. A gzip stream
 * starts 1F 8B; a raw deflate stream never starts 1F (its first block's type would be the reserved
 * one), so the first bytes tell them apart.
 */
const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

async function compress(bytes: Uint8Array): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks, size);
    chunks.push(value);
    size += value.length;
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('it contains characters a share link never has');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The link's fragment for a spec: `spec=…`, to put after `#`. A link is written as spec version 2
 * in its compact form (compact-spec.ts), its segments packed (link-pack.ts): only what differs from
 * the defaults, so 20 segments and an edited map fit a link that chat apps do not cut.
 */
export async function shareFragment(spec: AnySpecFile): Promise<string> {
  const packed = packSpec(compactSpec(asVersion2(spec)));
  const gz = await compress(new TextEncoder().encode(JSON.stringify(packed)));
  return writeAddress({ view: null, spec: toBase64Url(gz) }).slice(1);
}

/** The page's address with a spec in its fragment (any fragment it had is replaced). */
export async function shareLink(pageUrl: string, spec: AnySpecFile): Promise<string> {
  const url = new URL(pageUrl);
  url.hash = await shareFragment(spec);
  return url.href;
}

/** Whether a URL or fragment carries a spec at all (so a page without one says nothing). */
export function hasSharedSpec(urlOrFragment: string): boolean {
  return encodedSpec(urlOrFragment) !== null;
}

function encodedSpec(urlOrFragment: string): string | null {
  return readAddress(urlOrFragment).spec;
}

/**
 * The spec a link carries with a problem for each part left out, or why the link cannot be used at
 * all, in words for the person who opened it. Never throws.
 */
export async function readShareLink(urlOrFragment: string): Promise<SpecReading> {
  if (urlOrFragment.length > MAX_LINK_CHARS) {
    const length = urlOrFragment.length.toLocaleString('en-US');
    return {
      spec: null,
      refused: `the share link cannot be read: it is ${length} characters long, longer than any link to definitions of at most ${MAX_SPEC_SIZE}`,
    };
  }
  const encoded = encodedSpec(urlOrFragment);
  if (encoded === null) return { spec: null, refused: 'this is not a Segment Workbench share link (it has no #spec=…)' };
  let text: string;
  try {
    const json = await inflate(fromBase64Url(encoded), MAX_SPEC_BYTES);
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch (e) {
    const reason = e instanceof TooLarge ? `the definitions in this link are larger than ${MAX_SPEC_SIZE}` : 'it is damaged or cut short';
    return { spec: null, refused: `the share link cannot be read: ${reason}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { spec: null, refused: `the share link cannot be read: not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  // Read as a spec file is (version 1 migrated), then in the compact form links are written in.
  const reading = checkSpec(unpackSpec(json));
  return reading.spec ? { spec: inLinkForm(compactSpec(reading.spec)), problems: reading.problems } : reading;
}
