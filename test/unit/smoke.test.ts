import { expect, test } from 'vitest';
import { standardCleaning } from '../../src/lib/spec/import.ts';

test('standard cleaning keeps zero amounts and duplicates', () => {
  expect(standardCleaning()).toMatchObject({ zeroAmount: false, duplicates: false, returns: true });
});
