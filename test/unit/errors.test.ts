import { describe, expect, test } from 'vitest';
import { fromDuckDbError } from '../../src/lib/errors.ts';

describe('DuckDB errors in the page’s words', () => {
  test('bytes that are not UTF-8 are an encoding problem', () => {
    expect(fromDuckDbError(new Error('Invalid Input Error: Invalid unicode (byte sequence mismatch) detected in CSV file.')).kind).toBe(
      'encoding',
    );
  });

  test('a message that merely lists encoding = utf-8 among its options is not', () => {
    const sniff = 'Invalid Input Error: Error when sniffing file "x.csv". Possible fixes: * Set the encoding (encoding = utf-8) …';
    expect(fromDuckDbError(new Error(sniff)).kind).toBe('sql');
  });
});
