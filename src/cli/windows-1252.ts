/**
 * Node 20 decodes windows-1252 as ISO-8859-1: bytes 0x80–0x9F become C1 controls where browsers
 * (the WHATWG table) give `€`, `’`, `–`… Shared code (the preview, the worker's transcoding) decodes
 * through the globals, so they are patched here to decode as the browser does.
 */
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const fixC1 = (text: string) => text.replace(/[\u0080-\u009f]/g, (c) => C1[c.charCodeAt(0) - 0x80]);

export function decodeWindows1252AsBrowsers(): void {
  const NodeDecoder = globalThis.TextDecoder;
  const NodeDecoderStream = globalThis.TextDecoderStream;
  if (new NodeDecoder('windows-1252').decode(new Uint8Array([0x80])) === '€') return;

  globalThis.TextDecoder = class extends NodeDecoder {
    override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
      const text = super.decode(input, options);
      return this.encoding === 'windows-1252' ? fixC1(text) : text;
    }
  };
  globalThis.TextDecoderStream = class extends NodeDecoderStream {
    override readonly readable: ReadableStream<string>;
    constructor(label?: string, options?: TextDecoderOptions) {
      super(label, options);
      this.readable =
        this.encoding === 'windows-1252'
          ? super.readable.pipeThrough(new TransformStream<string, string>({ transform: (chunk, out) => out.enqueue(fixC1(chunk)) }))
          : super.readable;
    }
  };
}
