import { DECODER_LABEL, ENCODING_NAMES, type Encoding } from '../spec/import.ts';

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
 * as NUL bytes at every other position; otherwise valid UTF-8 is UTF-8. Anything else is read in
 * each legacy encoding and the most plausible reading wins: Shift_JIS or GBK when the bytes decode
 * without error into Japanese or Chinese text (see `doubleByteReading`), else the single-byte
 * encoding whose reading puts letters inside words rather than symbols or controls (see
 * `singleByteScore`). The bytes may be a slice that cuts a character at its end.
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
    return doubleByteGuess(bytes) ?? singleByteGuess(bytes);
  }
}

function doubleByteGuess(bytes: Uint8Array): EncodingGuess | null {
  const readings = DOUBLE_BYTE.map((encoding) => doubleByteReading(bytes, encoding)).filter((r) => r !== null);
  if (readings.length === 0) return null;
  const best = readings.reduce((a, b) => (b.common > a.common ? b : a));
  const share = Math.round(best.common * 100);
  return {
    encoding: best.encoding,
    bom: false,
    reason: `not valid UTF-8; decodes as ${ENCODING_NAMES[best.encoding].replace(/ \(.*\)$/, '')} into ${best.script} text (e.g. "${best.example}"), ${share}% of it common characters`,
  };
}

function singleByteGuess(bytes: Uint8Array): EncodingGuess {
  const scored = SINGLE_BYTE.map((encoding) => {
    const text = new TextDecoder(DECODER_LABEL[encoding]).decode(bytes);
    return { encoding, text, score: singleByteScore(text, encoding === 'windows-1252' ? RARE_IN_1252 : '') };
  });
  // Ties go to the earlier encoding: the more common one.
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  const c1 = bytes.findIndex((b) => b >= 0x80 && b <= 0x9f);
  const example = wordWithLetter(best.text);
  const sample = example ? ` (e.g. "${example}")` : '';
  if (best.encoding === 'windows-1252' && c1 < 0) {
    return {
      encoding: 'latin-1',
      bom: false,
      reason: `not valid UTF-8; its accented letters read as Western European${sample}, and no byte is in 0x80–0x9F (where Windows-1252 differs from Latin-1)`,
    };
  }
  if (best.encoding === 'windows-1252') {
    const hex = bytes[c1].toString(16).toUpperCase();
    return {
      encoding: 'windows-1252',
      bom: false,
      reason: `not valid UTF-8; byte 0x${hex} at ${c1} is a Windows-1252 character (such as € or a curly quote)${sample}`,
    };
  }
  const others = scored.filter((s) => s !== best && s.score < best.score).map((s) => ENCODING_NAMES[s.encoding]);
  const than = others.length ? `, where ${others.join(' and ')} would give symbols or control characters` : '';
  return {
    encoding: best.encoding,
    bom: false,
    reason: `not valid UTF-8; as ${ENCODING_NAMES[best.encoding]} its other bytes read as letters inside words${sample}${than}`,
  };
}

// In order of preference when two readings are as plausible.
const SINGLE_BYTE: readonly Encoding[] = ['windows-1252', 'iso-8859-2', 'macintosh', 'windows-1250'];
const DOUBLE_BYTE = ['shift_jis', 'gbk'] as const;

const LETTER = /\p{L}/u;
const isLetter = (c: string | undefined) => c !== undefined && LETTER.test(c);
const isUpper = (c: string) => c !== c.toLowerCase();
const isLower = (c: string | undefined) => c !== undefined && c !== c.toUpperCase();

/**
 * Windows-1252's letters in 0x80–0x9F, rare in the Western languages it is used for; the same
 * bytes are Mac Roman's most common accented letters (ä ö ü é è…), read by Windows-1252 as these.
 */
const RARE_IN_1252 = 'ŠšŽžŒœŸƒ';

/**
 * How plausible a single-byte reading is, from its characters above ASCII: a letter next to a
 * letter (inside a word) scores, half as much if it is one of `rare`; an upper-case letter after a
 * lower-case one, or before one after another capital (`CafŽ`, `MŸller`), loses, as does a symbol
 * between two letters (`Wa³êsa`); a control character loses most. Text is made of words, so the
 * right encoding scores highest.
 */
export function singleByteScore(text: string, rare = ''): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c < '\u0080') continue;
    const [prev, next] = [text[i - 1], text[i + 1]];
    if (/\p{Cc}/u.test(c)) score -= 5;
    else if (isLetter(c)) {
      const caseBreak = isUpper(c) && (isLower(prev) || (isLetter(prev) && isUpper(prev!) && isLower(next)));
      if (caseBreak) score -= 2;
      else if (isLetter(prev) || isLetter(next)) score += rare.includes(c) ? 0.5 : 1;
    } else if (isLetter(prev) && isLetter(next)) score -= 2;
  }
  return score;
}

/** The first word (letters only) with a letter above ASCII, for a reason the user can check. */
function wordWithLetter(text: string): string | null {
  return /[\p{L}]*[^\p{ASCII}\P{L}][\p{L}]*/u.exec(text)?.[0] ?? null;
}

interface DoubleByteReading {
  encoding: (typeof DOUBLE_BYTE)[number];
  script: 'Japanese' | 'Chinese';
  example: string;
  /** Share of the two-byte characters that are common ones (see `commonShare`). */
  common: number;
}

const KANA = /[\u3040-\u30ff]/u;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
// CJK punctuation, full-width forms, and the symbols both character sets hold (※, ○, ★, №…).
const CJK_SYMBOL = /[\u3000-\u303f\uff01-\uff60\uffe0-\uffe6\u2010-\u2312\u2460-\u27bf\u00a7\u00a8\u00b0\u00b1\u00b4\u00b6\u00d7\u00f7]/u;
const ASCII_LETTER = /[A-Za-z]/;

/**
 * Shift_JIS or GBK text, when the bytes decode without error and into text that looks like it: at
 * least two kana or Han characters, nine in ten characters above ASCII being kana, Han or CJK
 * punctuation, and hardly any of them touching a Latin letter. Latin text read as either would
 * put its accented letters, now Han characters, inside Latin words (`M黔ler`).
 */
function doubleByteReading(bytes: Uint8Array, encoding: DoubleByteReading['encoding']): DoubleByteReading | null {
  let text: string;
  try {
    // `stream` keeps a character cut at the end of the slice from counting as an error.
    text = new TextDecoder(DECODER_LABEL[encoding], { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
  let cjk = 0;
  let symbols = 0;
  let other = 0;
  let kana = 0;
  let touchingLatin = 0;
  let example = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c < '\u0080') continue;
    if (KANA.test(c) || HAN.test(c)) {
      cjk++;
      if (KANA.test(c)) kana++;
      if (ASCII_LETTER.test(text[i - 1] ?? '') || ASCII_LETTER.test(text[i + 1] ?? '')) touchingLatin++;
      if (!example) example = /[^\s,;|\t"]+/u.exec(text.slice(i))?.[0] ?? c;
    } else if (CJK_SYMBOL.test(c)) symbols++;
    else other++;
  }
  if (cjk < 2 || (cjk + symbols) / (cjk + symbols + other) < 0.9 || touchingLatin / cjk > 0.1) return null;
  const script = encoding === 'shift_jis' || kana > cjk / 4 ? 'Japanese' : 'Chinese';
  return { encoding, script, example, common: commonShare(bytes, encoding) };
}

/**
 * Of the two-byte characters, the share that are common in the encoding's own language: for
 * Shift_JIS kana and first-level kanji (lead bytes 0x82–0x9F), for GBK the GB2312 hanzi (both bytes
 * 0xB0–0xF7 / 0xA1–0xFE). Chinese read as Shift_JIS or Japanese as GBK falls mostly elsewhere (half-
 * width katakana, second-level kanji, GBK's rare extensions), which tells the two apart.
 */
function commonShare(bytes: Uint8Array, encoding: DoubleByteReading['encoding']): number {
  let common = 0;
  let rare = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const t = bytes[i + 1] ?? 0;
    if (b < 0x80) {
      i++;
    } else if (encoding === 'shift_jis') {
      if (b === 0x80 || b >= 0xfd) {
        i++;
        continue;
      }
      if (b >= 0xa1 && b <= 0xdf) {
        rare++;
        i++;
        continue;
      }
      if (b >= 0x82 && b <= 0x9f) common++;
      else if (b >= 0xf0) rare++;
      i += 2;
    } else {
      if (t >= 0x30 && t <= 0x39) {
        rare++;
        i += 4;
        continue;
      }
      if (b >= 0xb0 && b <= 0xf7 && t >= 0xa1) common++;
      else if (!(b >= 0xa1 && b <= 0xa9 && t >= 0xa1)) rare++;
      i += 2;
    }
  }
  return common + rare === 0 ? 0 : common / (common + rare);
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
