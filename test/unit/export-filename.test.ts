import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { canonicalJson } from '../../src/lib/export/canonical-json.ts';
import { definitionHash, exportFilename, shortHash } from '../../src/lib/export/filename.ts';

test('a file name holds the segment, the analysis date, the definition hash and the format', () => {
  expect(exportFilename({ segment: 'Champions', analysisDate: '2024-12-31', definitionHash: '3f9a1c', format: 'klaviyo' })).toBe(
    'champions-2024-12-31-3f9a1c-klaviyo.csv',
  );
  expect(exportFilename({ segment: 'Café Clients, Q3', analysisDate: '2011-12-09', definitionHash: 'a0b1c2', format: 'google-ads' })).toBe(
    'cafe-clients-q3-2011-12-09-a0b1c2-google-ads.csv',
  );
});

test('a segment name with no letters or digits still gives a named file', () => {
  expect(exportFilename({ segment: '★★★', analysisDate: '2024-12-31', definitionHash: '3f9a1c', format: 'customers' })).toBe(
    'segment-2024-12-31-3f9a1c-customers.csv',
  );
});

test('the short hash is the first 6 hex digits of SHA-256', () => {
  const text = '{"rules":[]}';
  expect(shortHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 6));
  expect(shortHash(text)).toMatch(/^[0-9a-f]{6}$/);
});

test('canonical JSON sorts keys at every depth and keeps array order', () => {
  expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  expect(canonicalJson({ a: undefined, b: Number.NaN, c: [undefined] })).toBe('{"b":null,"c":[null]}');
});

test('equal definitions built in another key order hash the same; a changed one does not', () => {
  const one = { name: 'Champions', match: 'all', rules: [{ field: 'recency_days', op: '<=', value: 30 }] };
  const same = { rules: [{ value: 30, op: '<=', field: 'recency_days' }], match: 'all', name: 'Champions' };
  const changed = { ...one, rules: [{ field: 'recency_days', op: '<=', value: 31 }] };
  expect(definitionHash(same)).toBe(definitionHash(one));
  expect(definitionHash(changed)).not.toBe(definitionHash(one));
});
