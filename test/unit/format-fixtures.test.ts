import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { FORMAT_FIXTURES, FORMATS_DIR } from '../fixtures/formats/build.ts';

test.each(Object.keys(FORMAT_FIXTURES))('%s is what build.ts writes (run it after changing the orders)', (name) => {
  const committed = new Uint8Array(readFileSync(path.join(FORMATS_DIR, name)));
  expect(Buffer.from(FORMAT_FIXTURES[name]()).equals(Buffer.from(committed))).toBe(true);
});

test('the Mac fixture is larger than the preview reads, with CR-only line ends and no byte of UTF-8', () => {
  const bytes = readFileSync(path.join(FORMATS_DIR, 'mac-roman-orders.csv'));
  expect(bytes.length).toBeGreaterThan(65_536);
  expect(bytes.includes(0x0a)).toBe(false);
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
});
