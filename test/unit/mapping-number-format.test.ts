import { describe, expect, test } from 'vitest';
import { guessNumberFormat, numberShape } from '../../src/lib/mapping/index.ts';
import type { DecimalMark } from '../../src/lib/spec/import.ts';

describe('guessNumberFormat', () => {
  test.each<[string[], DecimalMark, string[]]>([
    [['1,234.50', '12.00'], 'point', []],
    [['11.77', '77', '0.5'], 'point', []],
    [['1.234,50', '12,00'], 'comma', []],
    [['12,5', '3'], 'comma', []],
    [['1.234.567', '2.000.000'], 'comma', []],
    [['1,234,567', '2,000,000'], 'point', []],
    [['12 500,75', '3 000,00'], 'comma', []],
    [["1'234.50", '99.90'], 'point', []],
    [['$1,234.50', '$12.00'], 'point', ['$']],
    [['€12,50', '12,50 €', '1.000,00 EUR'], 'comma', ['€', 'EUR']],
    [['£9.99', 'USD 10.00', '10.00 usd', '-$5.00', '($3.20)'], 'point', ['£', 'USD', '$']],
    [['US$ 12.00', '12 kr'], 'point', ['US$', 'kr']],
  ])('%j → %s %j', (values, decimalMark, currencySymbols) => {
    expect(guessNumberFormat(values)).toEqual({ decimalMark, currencySymbols });
  });

  test('cells that prove nothing (1,234 or 1.234) leave the point', () => {
    expect(guessNumberFormat(['1,234', '5,678']).decimalMark).toBe('point');
    expect(guessNumberFormat(['1.234', '5.678']).decimalMark).toBe('point');
  });

  test('one proof decides over cells that prove nothing', () => {
    expect(guessNumberFormat(['1.234', '5.678', '0,5']).decimalMark).toBe('comma');
    expect(guessNumberFormat(['1,234', '5,678', '0.5']).decimalMark).toBe('point');
  });

  test('the majority of proofs wins; a tie leaves the point', () => {
    expect(guessNumberFormat(['1,5', '2,5', '3.5']).decimalMark).toBe('comma');
    expect(guessNumberFormat(['1,5', '3.5']).decimalMark).toBe('point');
  });

  test('text and dates are not numbers and add no currency', () => {
    expect(guessNumberFormat(['abc', '2024-03-01', '85123A', '12%'])).toEqual({
      decimalMark: 'point',
      currencySymbols: [],
    });
  });
});

describe('numberShape', () => {
  test.each(['abc', '', '12abc', '1,23,4', '1.2.3', '2024-03-01', '12/1/2010', '85123A', '12%'])('%j is no number', (value) => {
    expect(numberShape(value)).toBeNull();
  });

  test('a fraction is seen only when it is sure', () => {
    expect(numberShape('11.77')).toEqual({ mark: 'point', fraction: true, currency: [] });
    expect(numberShape('1,234')).toEqual({ mark: null, fraction: false, currency: [] });
    expect(numberShape('-€1.234,5')).toEqual({ mark: 'comma', fraction: true, currency: ['€'] });
  });
});
