import { ShiftJisDecoder } from './shift-jis.ts';

/**
 * Node 20 decodes some encodings unlike browsers (the WHATWG Encoding Standard), which the shared
 * code (the preview, the worker's transcoding) relies on through the global TextDecoder and
 * TextDecoderStream. So the globals are patched here to decode as the browser does:
 *
 * - windows-1252 as ISO-8859-1: bytes 0x80–0x9F become C1 controls where browsers give `€`, `’`, `–`…
 * - shift_jis as IBM-943 (controls swapped, other recovery from bad bytes): see shift-jis.ts.
 *
 * GBK is decoded through its `gb18030` label (DECODER_LABEL), on which Node already agrees;
 * macintosh, iso-8859-2 and windows-1250 agree as they are (test/e2e/decoder-parity.spec.ts checks
 * every one of them against Chromium, byte for byte).
 */
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const fixC1 = (text: string) => text.replace(/[\u0080-\u009f]/g, (c) => C1[c.charCodeAt(0) - 0x80]);

const bytesOf = (input: AllowSharedBufferSource | undefined): Uint8Array =>
  input === undefined
    ? new Uint8Array(0)
    : ArrayBuffer.isView(input)
      ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
      : new Uint8Array(input);

export function decodeAsBrowsers(): void {
  const NodeDecoder = globalThis.TextDecoder;
  const NodeDecoderStream = globalThis.TextDecoderStream;
  if ((NodeDecoder as { asBrowsers?: boolean }).asBrowsers) return;
  const fix1252 = new NodeDecoder('windows-1252').decode(new Uint8Array([0x80])) !== '€';

  globalThis.TextDecoder = class extends NodeDecoder {
    static asBrowsers = true;
    readonly #shiftJis: ShiftJisDecoder | null;
    constructor(label?: string, options?: TextDecoderOptions) {
      super(label, options);
      this.#shiftJis = this.encoding === 'shift_jis' ? new ShiftJisDecoder(this.fatal) : null;
    }
    override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
      if (this.#shiftJis) return this.#shiftJis.decode(bytesOf(input), options?.stream);
      const text = super.decode(input, options);
      return fix1252 && this.encoding === 'windows-1252' ? fixC1(text) : text;
    }
  };
  globalThis.TextDecoderStream = class extends NodeDecoderStream {
    override readonly readable: ReadableStream<string>;
    override readonly writable: WritableStream<BufferSource>;
    constructor(label?: string, options?: TextDecoderOptions) {
      super(label, options);
      if (this.encoding === 'shift_jis') {
        const decoder = new ShiftJisDecoder(this.fatal);
        const transform = new TransformStream<BufferSource, string>({
          transform: (chunk, out) => out.enqueue(decoder.decode(bytesOf(chunk), true)),
          flush: (out) => out.enqueue(decoder.decode(new Uint8Array(0))),
        });
        [this.readable, this.writable] = [transform.readable, transform.writable];
      } else {
        this.writable = super.writable;
        this.readable =
          fix1252 && this.encoding === 'windows-1252'
            ? super.readable.pipeThrough(new TransformStream<string, string>({ transform: (chunk, out) => out.enqueue(fixC1(chunk)) }))
            : super.readable;
      }
    }
  };
}
