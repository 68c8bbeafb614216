import type { Encoding } from '../spec/import.ts';

/** A text encoding guess, with the evidence for it in words the user can check. */
export interface EncodingGuess {
  encoding: Encoding;
  bom: boolean;
  reason: string;
}

// Only the first bytes are counted for UTF-16: text in it shows its NUL pattern at once.
const UTF16_SAMPLE = 4096;

/**
 * Guesses how a file's first bytes are encoded: a byte order mark decides; UTF-16 without one shows
 * as NUL bytes at every other position; otherwise valid UTF-8 is UTF-8, and anything else is
 * Windows-1252 (what Excel writes for Western languages) or, when no byte falls in 0x80–0x9F where
 * the two differ, Latin-1. The bytes may be a slice that cuts a character at its end.
 */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { encoding: 'utf-8', bom: true, reason: 'starts with the UTF-8 byte order mark' };
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return { encoding: 'utf-16le', bom: true, reason: 'starts with the UTF-16LE byte order mark' };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { encoding: 'utf-16be', bom: true, reason: 'starts with the UTF-16BE byte order mark' };
  }

  const utf16 = utf16ByNuls(bytes.subarray(0, UTF16_SAMPLE));
  if (utf16 !== null) return utf16;

  const complete = bytes.subarray(0, completeUtf8Length(bytes));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(complete);
    const ascii = complete.every((b) => b < 0x80);
    return { encoding: 'utf-8', bom: false, reason: ascii ? 'only ASCII bytes' : 'valid UTF-8' };
  } catch {
    const c1 = bytes.findIndex((b) => b >= 0x80 && b <= 0x9f);
    if (c1 >= 0) {
      const hex = bytes[c1].toString(16).toUpperCase();
      return {
        encoding: 'windows-1252',
        bom: false,
        reason: `not valid UTF-8; byte 0x${hex} at ${c1} is a Windows-1252 character (such as € or a curly quote)`,
      };
    }
    return {
      encoding: 'latin-1',
      bom: false,
      reason: 'not valid UTF-8, and no byte in 0x80–0x9F (where Windows-1252 differs from Latin-1)',
    };
  }
}

function utf16ByNuls(sample: Uint8Array): EncodingGuess | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs === 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  // Mostly-ASCII UTF-16 has a NUL in nearly every pair, on one side only.
  const [lo, hi] = [Math.min(even, odd) / pairs, Math.max(even, odd) / pairs];
  if (hi < 0.3 || lo > 0.05) return null;
  const share = `${Math.round(hi * 100)}%`;
  return odd > even
    ? { encoding: 'utf-16le', bom: false, reason: `no byte order mark, but ${share} of odd bytes are NUL` }
    : { encoding: 'utf-16be', bom: false, reason: `no byte order mark, but ${share} of even bytes are NUL` };
}

/** The length without a multi-byte character cut off at the end (at most 3 bytes shorter). */
function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= Math.max(0, end - 3); i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return end;
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return end - i < size ? i : end;
  }
  return end;
}
