import { describe, expect, test } from 'vitest';
import { guessDateFormat, matchDateFormats } from '../../src/lib/mapping/index.ts';
import type { DateFormat } from '../../src/lib/spec/import.ts';

describe('guessDateFormat', () => {
  test.each<[string, string[], DateFormat]>([
    ['ISO dates', ['2024-03-01', '2024-12-31'], 'ymd'],
    ['ISO with time', ['2024-03-01 23:30:00', '2024-03-02 08:26'], 'ymd'],
    ['ISO with T and Z', ['2024-03-01T23:30:00Z', '2024-03-01T23:30:00.123Z'], 'ymd'],
    ['ISO with offsets', ['2024-03-01T23:30:00+01:00', '2024-03-01 10:15:42 -0500'], 'ymd'],
    ['compact', ['20240301', '19970101'], 'ymd-compact'],
    ['year first with slashes', ['2024/03/01', '2024/3/1 10:00'], 'ymd-slash'],
    ['day first, decided by a day above 12', ['01/03/2024', '13/03/2024'], 'dmy'],
    ['day first with dots and time', ['01.03.2024 14:00', '31.12.2024'], 'dmy'],
    ['day first with dashes', ['01-03-2024', '25-12-2024'], 'dmy'],
    ['month first, decided by a day above 12', ['03/01/2024', '12/25/2024'], 'mdy'],
    ['month first, Online Retail original style', ['12/1/2010 8:26', '12/13/2010 9:01'], 'mdy'],
    ['month first with AM/PM', ['3/14/2024 1:05 PM', '3/1/2024 9:00 AM'], 'mdy'],
    ['two-digit years', ['3/14/24', '3/1/24'], 'mdy'],
  ])('%s', (_, values, format) => {
    expect(guessDateFormat(values)).toEqual({ format, ambiguous: false, candidates: [format] });
  });

  test.each([[['01/03/2024', '02/03/2024', '12/12/2024']], [['12/1/2010 8:26', '12/1/2010 9:01']], [['1.2.2024', '']]])(
    'day and month both ≤ 12 is ambiguous, never a silent pick: %j',
    (values) => {
      expect(guessDateFormat(values)).toEqual({
        format: null,
        ambiguous: true,
        candidates: ['dmy', 'mdy'],
      });
    },
  );

  test('blanks and a stray N/A do not spoil the guess', () => {
    expect(guessDateFormat(['', '2024-03-01', 'N/A', '2024-03-02', '2024-03-03']).format).toBe('ymd');
  });

  test.each([
    ['no values', []],
    ['words', ['paid', 'refunded']],
    ['mostly not dates', ['2024-03-01', 'x', 'y', 'z']],
    ['day-first and month-first mixed', ['13/01/2024', '01/13/2024']],
    ['two formats mixed', ['2024-03-01', '20240302']],
    ['impossible dates', ['2024-02-30', '2023-13-01']],
    ['eight-digit ids outside 1900–2099', ['10012345', '35000101']],
  ])('no format: %s', (_, values) => {
    const guess = guessDateFormat(values);
    expect(guess.format).toBeNull();
    expect(guess.ambiguous).toBe(false);
    expect(guess.candidates).toEqual([]);
  });

  test('leap days are checked', () => {
    expect(matchDateFormats('2024-02-29')).toEqual(['ymd']);
    expect(matchDateFormats('2023-02-29')).toEqual([]);
    expect(matchDateFormats('29/02/2023')).toEqual([]);
    expect(matchDateFormats('02/29/2024')).toEqual(['mdy']);
  });
});
