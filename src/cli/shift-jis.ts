/**
 * The WHATWG Encoding Standard's Shift_JIS decoder, for Node. Node's ICU maps every valid two-byte
 * character as browsers do, but not the rest: it swaps the controls 0x1A, 0x1C and 0x7F, turns 0x80
 * into U+FFFD, and recovers from an invalid second byte differently (browsers give U+FFFD and
 * read an ASCII second byte again as itself). So the steps are the standard's, and only the
 * two-byte table (its index jis0208) is read from ICU, one pair at a time, once.
 */

/** Pointers the standard maps to the Private Use Area instead of its index (user-defined characters). */
const EUDC_FIRST = 8836;
const EUDC_LAST = 10715;
const POINTERS = 11280;

/** ICU's own decoder, taken before decode-as-browsers.ts puts this module in its place. */
const IcuDecoder = globalThis.TextDecoder;

let jis0208: (number | null)[] | null = null;

/** Index jis0208 by pointer, as ICU decodes each valid pair (null where there is no character). */
function index(): (number | null)[] {
  if (jis0208) return jis0208;
  const icu = new IcuDecoder('shift_jis');
  const table: (number | null)[] = new Array(POINTERS).fill(null);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead <= 0xdf) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const pointer = pointerOf(lead, trail);
      if (pointer >= EUDC_FIRST && pointer <= EUDC_LAST) continue;
      const text = icu.decode(new Uint8Array([lead, trail]));
      const code = text.codePointAt(0);
      if (code !== undefined && code !== 0xfffd && String.fromCodePoint(code) === text) table[pointer] = code;
    }
  }
  jis0208 = table;
  return table;
}

function pointerOf(lead: number, trail: number): number {
  return (lead - (lead < 0xa0 ? 0x81 : 0xc1)) * 188 + trail - (trail < 0x7f ? 0x40 : 0x41);
}

/** A streaming decoder: a lead byte at the end of one chunk waits for the next. */
export class ShiftJisDecoder {
  private lead = 0;

  constructor(private readonly fatal = false) {}

  decode(bytes: Uint8Array, stream = false): string {
    const out: number[] = [];
    const error = () => {
      if (this.fatal) throw new TypeError('The encoded data was not valid for encoding shift_jis');
      out.push(0xfffd);
    };
    let text = '';
    const flush = () => {
      text += String.fromCodePoint(...out);
      out.length = 0;
    };
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (this.lead !== 0) {
        const lead = this.lead;
        this.lead = 0;
        const valid = (byte >= 0x40 && byte <= 0x7e) || (byte >= 0x80 && byte <= 0xfc);
        const pointer = valid ? pointerOf(lead, byte) : null;
        if (pointer !== null && pointer >= EUDC_FIRST && pointer <= EUDC_LAST) out.push(0xe000 - EUDC_FIRST + pointer);
        else if (pointer !== null && index()[pointer] != null) out.push(index()[pointer]!);
        else {
          error();
          // An ASCII byte after a bad lead is read again as itself.
          if (byte < 0x80) i--;
        }
      } else if (byte <= 0x80) out.push(byte);
      else if (byte >= 0xa1 && byte <= 0xdf) out.push(0xff61 - 0xa1 + byte);
      else if ((byte >= 0x81 && byte <= 0x9f) || (byte >= 0xe0 && byte <= 0xfc)) this.lead = byte;
      else error();
      if (out.length >= 8192) flush();
    }
    if (!stream && this.lead !== 0) {
      this.lead = 0;
      error();
    }
    flush();
    return text;
  }
}
