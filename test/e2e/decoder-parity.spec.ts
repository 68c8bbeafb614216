/**
 * The command line decodes every encoding the page offers exactly as Chromium does: the same bytes
 * — every single byte, every pair from a byte above 0x7F, four-byte GB18030 sequences, and a
 * stretch of random bytes, whole and in the same uneven chunks through TextDecoderStream — decoded
 * in the page and in Node with the CLI's decoders (src/cli/decode-as-browsers.ts), character for
 * character. Node's own ICU differs on windows-1252 and shift_jis (and on its `gbk`, which the
 * import does not use: GBK is decoded through its gb18030 label).
 */
import { decodeAsBrowsers } from '../../src/cli/decode-as-browsers.ts';
import { DECODER_LABEL, ENCODINGS, type Encoding } from '../../src/lib/spec/import.ts';
import { expect, test } from './fixtures.ts';

decodeAsBrowsers();

/** A seeded LCG: the same "random" bytes and chunk sizes on both sides. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function probeBytes(encoding: Encoding): Uint8Array {
  const out: number[] = [];
  // A line end after each sequence; what an error does to it is part of what must agree.
  for (let b = 0; b < 256; b++) out.push(b, 0x0a);
  for (let lead = 0x80; lead < 0x100; lead++) for (let trail = 0; trail < 0x100; trail++) out.push(lead, trail, 0x0a);
  if (encoding === 'gbk') {
    for (let b1 = 0x81; b1 <= 0xfe; b1++)
      for (let b2 = 0x30; b2 <= 0x39; b2++)
        for (let b3 = 0x81; b3 <= 0xfe; b3 += 5) for (let b4 = 0x30; b4 <= 0x39; b4++) out.push(b1, b2, b3, b4, 0x0a);
  }
  const next = random(ENCODINGS.indexOf(encoding) + 1);
  for (let i = 0; i < 65_536; i++) out.push(Math.floor(next() * 256));
  return new Uint8Array(out);
}

/** Uneven chunk sizes (1 to 700 bytes) covering `length`. */
function chunkSizes(length: number): number[] {
  const next = random(length);
  const sizes: number[] = [];
  for (let done = 0; done < length;) {
    const size = Math.min(length - done, 1 + Math.floor(next() * 700));
    sizes.push(size);
    done += size;
  }
  return sizes;
}

async function decodeInNode(label: string, bytes: Uint8Array, sizes: number[]): Promise<{ whole: string; streamed: string }> {
  const whole = new TextDecoder(label).decode(bytes);
  let offset = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const size = sizes.shift()!;
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
  let streamed = '';
  const decoded = source.pipeThrough(new TextDecoderStream(label) as unknown as TransformStream<Uint8Array, string>);
  for await (const chunk of decoded as unknown as AsyncIterable<string>) streamed += chunk;
  return { whole, streamed };
}

/** Where two decodings first differ, with a little of each around it, for the failure message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const near = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 8), i + 8));
  return i === a.length && a.length === b.length ? 'none' : `at ${i}: CLI ${near(a)}, Chromium ${near(b)}`;
}

test.describe('decoding: the CLI as Chromium, character for character', () => {
  for (const encoding of ENCODINGS) {
    test(encoding, async ({ page }) => {
      const label = DECODER_LABEL[encoding];
      const bytes = probeBytes(encoding);
      const sizes = chunkSizes(bytes.length);
      const node = await decodeInNode(label, bytes, [...sizes]);
      const chromium = await page.evaluate(
        async ({ label, base64, sizes }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const whole = new TextDecoder(label).decode(bytes);
          const stream = new TextDecoderStream(label);
          const writer = stream.writable.getWriter();
          const reading = (async () => {
            let text = '';
            const reader = stream.readable.getReader();
            for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
            return text;
          })();
          let offset = 0;
          for (const size of sizes) {
            await writer.write(bytes.slice(offset, offset + size));
            offset += size;
          }
          await writer.close();
          return { whole, streamed: await reading };
        },
        { label, base64: Buffer.from(bytes).toString('base64'), sizes },
      );
      expect(chromium.whole, 'Chromium decodes the stream as the whole').toBe(chromium.streamed);
      expect(firstDifference(node.whole, chromium.whole), 'whole').toBe('none');
      expect(firstDifference(node.streamed, chromium.streamed), 'streamed').toBe('none');
    });
  }
});
