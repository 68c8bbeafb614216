import { readAddress, writeAddress } from '../address/url-state.ts';
import { MAX_SPEC_BYTES, MAX_SPEC_SIZE, parseSpecFile, type SpecReading } from './read-spec.ts';
import type { SpecFile } from './spec-file.ts';

/**
 * Share links carry a spec file in the URL's fragment (`…#spec=…`), gzipped and base64url-encoded.
 * A fragment never reaches any server, so a link shares definitions, never data, and no one but
 * the people holding it sees them. Decoding trusts nothing: every step names what is wrong, and
 * what it holds is read as a spec file is (read-spec.ts), inflated to at most 1 MB.
 */
async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`the definitions in this link are larger than ${MAX_SPEC_SIZE}`);
    }
    chunks.push(value);
  }
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

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('it contains characters a share link never has');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The link's fragment for a spec: `spec=…`, to put after `#`. */
export async function shareFragment(spec: SpecFile): Promise<string> {
  const gz = await pipe(new TextEncoder().encode(JSON.stringify(spec)), new CompressionStream('gzip'));
  return writeAddress({ view: null, spec: toBase64Url(gz) }).slice(1);
}

/** The page's address with a spec in its fragment (any fragment it had is replaced). */
export async function shareLink(pageUrl: string, spec: SpecFile): Promise<string> {
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
 * all, in words for the person who opened it.
 */
export async function readShareLink(urlOrFragment: string): Promise<SpecReading> {
  const encoded = encodedSpec(urlOrFragment);
  if (encoded === null) return { value: null, refused: 'this is not a Segment Workbench share link (it has no #spec=…)' };
  let text: string;
  try {
    const json = await pipe(fromBase64Url(encoded), new DecompressionStream('gzip'), MAX_SPEC_BYTES);
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch (e) {
    const reason = e instanceof Error && e.message.startsWith('the definitions') ? e.message : 'it is damaged or cut short';
    return { value: null, refused: `the share link cannot be read: ${reason}` };
  }
  return parseSpecFile(text);
}
