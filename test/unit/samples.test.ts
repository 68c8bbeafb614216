import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { DEFAULT_SAMPLE, SAMPLES, findSample } from '../../src/lib/samples.ts';

const PUBLIC = path.resolve(import.meta.dirname, '../../public');

test('the page offers retail-v2; a link naming retail-v1 still opens retail-v1’s own files', () => {
  expect(DEFAULT_SAMPLE.id).toBe('retail-v2');
  expect(findSample('retail-v1')?.files).toEqual([
    { path: 'samples/retail-v1/transactions.csv', name: 'retail-v1-transactions.csv', kind: 'transactions' },
    { path: 'samples/retail-v1/customers.csv', name: 'retail-v1-customers.csv', kind: 'customers' },
  ]);
  expect(findSample('retail-v3')).toBeUndefined();
  expect(findSample(null)).toBeUndefined();
});

test('every sample file is in public/, each named after its sample', () => {
  for (const sample of SAMPLES) {
    for (const file of sample.files) {
      expect(existsSync(path.join(PUBLIC, file.path)), file.path).toBe(true);
      expect(file.name.startsWith(`${sample.id}-`)).toBe(true);
    }
  }
});
