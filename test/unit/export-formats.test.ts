import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { TOOL_FORMATS, toolFormat } from '../../src/lib/export/tool-formats.ts';

interface PinnedFormat {
  docs: string;
  hashed: boolean;
  header: string[];
}
const pinned = JSON.parse(readFileSync(new URL('../fixtures/export-formats.json', import.meta.url), 'utf8')) as {
  segmentName: string;
  formats: Record<string, PinnedFormat>;
};

test('the module offers exactly the pinned formats', () => {
  expect(TOOL_FORMATS.map((f) => f.id).sort()).toEqual(Object.keys(pinned.formats).sort());
});

test.each(Object.entries(pinned.formats))('%s: header, documentation and hashing as pinned', (id, format) => {
  const module = toolFormat(id as Parameters<typeof toolFormat>[0]);
  expect(module.header(pinned.segmentName)).toEqual(format.header);
  expect(module.docsUrl).toBe(format.docs);
  expect(module.hashed).toBe(format.hashed);
});

test("HubSpot's membership column is named after the segment, spaces tidied", () => {
  expect(toolFormat('hubspot').header('  Lapsed   VIPs ').at(-1)).toBe('In segment: Lapsed VIPs');
  expect(toolFormat('hubspot').header('   ').at(-1)).toBe('In segment: segment');
});

test('an unknown format id is refused by name', () => {
  expect(() => toolFormat('sendgrid' as Parameters<typeof toolFormat>[0])).toThrow('"sendgrid"');
});
