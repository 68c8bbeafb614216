import { describe, expect, test } from 'vitest';
import { guessDateFormat, matchDateFormats } from '../../src/lib/mapping/index.ts';
import { hasTwoDigitYear } from '../../src/lib/mapping/guess-date-format.ts';
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
    ['day first with dots and time, named DD.MM.YYYY', ['01.03.2024 14:00', '31.12.2024'], 'dmy-dot'],
    ['day first with dashes', ['01-03-2024', '25-12-2024'], 'dmy'],
    ['month first, decided by a day above 12', ['03/01/2024', '12/25/2024'], 'mdy'],
    ['month first, Online Retail original style', ['12/1/2010 8:26', '12/13/2010 9:01'], 'mdy'],
    ['month first with AM/PM', ['3/14/2024 1:05 PM', '3/1/2024 9:00 AM'], 'mdy'],
    ['two-digit years', ['3/14/24', '3/1/24'], 'mdy'],
  ])('%s', (_, values, format) => {
    expect(guessDateFormat(values)).toEqual({ format, ambiguous: false, candidates: [format] });
  });

  test.each([[['01/03/2024', '02/03/2024', '12/12/2024']], [['12/1/2010 8:26', '12/1/2010 9:01']]])(
    'day and month both ≤ 12 is ambiguous, never a silent pick: %j',
    (values) => {
      expect(guessDateFormat(values)).toEqual({
        format: null,
        ambiguous: true,
        candidates: ['dmy', 'mdy'],
      });
    },
  );

  test('dotted dates with day and month both ≤ 12 are ambiguous too: DD.MM.YYYY or MM/DD', () => {
    expect(guessDateFormat(['1.2.2024', ''])).toEqual({ format: null, ambiguous: true, candidates: ['dmy-dot', 'mdy'] });
  });

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

describe('month names, 12-hour times, ISO with T and Z, spreadsheet day numbers, two-digit years', () => {
  test.each<[string, string[], DateFormat]>([
    ['DD-MON-YY (Oracle)', ['14-JUL-08', '01-JAN-99'], 'month-name'],
    ['DD Month YYYY', ['14 July 2008', '3 Sept 2008', '1 Jan 2009'], 'month-name'],
    ['Mon DD, YYYY', ['Jul 14, 2008', 'September 3, 2008', 'Jan 1st, 2009'], 'month-name'],
    ['with a weekday and a time (e-mail style)', ['Mon, 14 Jul 2008 15:05:00 +0000', 'Tue, 15 Jul 2008 09:00:00 GMT'], 'month-name'],
    ['month names with 12-hour times', ['14-Jul-2008 3:05 PM', '15-Jul-2008 11:59 am'], 'month-name'],
    ['12-hour times, day first with dots', ['14.07.2008 3:05 PM', '15.07.2008 12:00 AM'], 'dmy-dot'],
    ['ISO with T and Z, no seconds', ['2008-07-14T15:05Z', '2008-07-15T09:00Z'], 'ymd'],
    ['spreadsheet day numbers', ['39643', '39644.5', '45000'], 'serial'],
    ['two-digit years, day first', ['31/12/99', '01/02/08'], 'dmy'],
  ])('%s', (_, values, format) => {
    expect(guessDateFormat(values)).toEqual({ format, ambiguous: false, candidates: [format] });
  });

  test.each([
    ['an unknown month', ['14-Foo-2008']],
    ['31 February', ['31-Feb-2008']],
    ['a weekday is no month', ['Mon 14 2008']],
    ['a three-digit year', ['14 Jul 200']],
    ['13 o’clock PM', ['3/14/2024 13:05 PM']],
    ['minute 60', ['2024-03-14 10:60']],
    ['five-digit numbers mixed with others', ['39643', '123']],
    ['four-digit numbers', ['2008', '2009']],
  ])('no format: %s', (_, values) => {
    expect(guessDateFormat(values).format).toBeNull();
  });

  test('five-digit numbers are not text dates: a column of them is no date for the role guess', () => {
    expect(matchDateFormats('39643')).toEqual([]);
  });

  test('two-digit years are found, so the form can state the rule', () => {
    expect(['14-JUL-08', '3/14/24', '31.12.99', 'Jul 14, 08'].map(hasTwoDigitYear)).toEqual([true, true, true, true]);
    expect(['14-JUL-2008', '3/14/2024', '2008-07-14', '39643'].map(hasTwoDigitYear)).toEqual([false, false, false, false]);
  });
});
