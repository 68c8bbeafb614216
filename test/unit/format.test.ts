import { describe, expect, test } from 'vitest';
import { formatAmount, formatDecimalText, formatRounded } from '../../src/lib/format.ts';

describe('numbers on screen', () => {
  test('an exact amount keeps its digits, at least two decimals, with separators', () => {
    expect(formatAmount('6562.400')).toBe('6,562.40');
    expect(formatAmount('8911407.904000')).toBe('8,911,407.904');
    expect(formatAmount('0.005000')).toBe('0.005');
    expect(formatAmount('20')).toBe('20.00');
    expect(formatAmount('-1234.5')).toBe('-1,234.50');
    expect(formatAmount('170141183460469231731687303715884105727')).toBe('170,141,183,460,469,231,731,687,303,715,884,105,727.00');
  });

  test('an average is rounded to two places, half away from zero', () => {
    expect(formatRounded(84.38666666666667)).toBe('84.39');
    expect(formatRounded(0.125)).toBe('0.13');
    // 1.005 is 1.00499999… as a double: DuckDB's round(1.005, 2) gives 1.0 too.
    expect(formatRounded(1.005)).toBe('1.00');
    expect(formatRounded(-0.125)).toBe('-0.13');
    expect(formatRounded(12345.6)).toBe('12,345.60');
  });

  test('decimal text gains separators only', () => {
    expect(formatDecimalText('1234567.0001')).toBe('1,234,567.0001');
  });
});
