import { describe, expect, test } from 'vitest';
import { rejectAdvice } from '../../src/lib/import/reject-advice.ts';
import type { FileReport } from '../../src/lib/import/report.ts';
import { defaultParseOptions, type FileImport } from '../../src/lib/spec/import.ts';

const mapping = (parse: Partial<FileImport['parse']> = {}): FileImport => ({
  name: 'orders.csv',
  kind: 'transactions',
  parse: { ...defaultParseOptions(), ...parse },
  columns: [],
});
const report = (input: number, reasons: string[]): FileReport => ({
  name: 'orders.csv',
  kind: 'transactions',
  input,
  loaded: input - reasons.length,
  rejected: reasons.length,
  excluded: {},
  rejects: reasons.map((reason, i) => ({ line: i + 2, reason })),
  floatIdsStripped: false,
  mergedIds: 0,
});

describe('a report with many rejects leads with them', () => {
  test('dates read in the wrong order: the reason, an example and the switch to day-first', () => {
    const reasons = ['31/01/2024', '13/02/2024', '25/12/2023'].map((d) => `order date "${d}" is not a MM/DD/YYYY date`);
    const advice = rejectAdvice(report(5, reasons), mapping({ dateFormat: 'mdy' }));
    expect(advice).toEqual({
      share: 0.6,
      reason: 'order date "…" is not a MM/DD/YYYY date',
      count: 3,
      example: '31/01/2024',
      fix: 'These dates look day-first (DD/MM/YYYY): switch the date format to DD/MM/YYYY and load again. Dates that fit both orders (day ≤ 12) were loaded, read the other way round.',
      patch: { dateFormat: 'dmy' },
    });
  });

  test('dotted dates read month-first: the switch is to DD.MM.YYYY, said day-first', () => {
    const reasons = ['31.01.2024', '13.02.2024'].map((d) => `order date "${d}" is not a MM/DD/YYYY date`);
    const advice = rejectAdvice(report(4, reasons), mapping({ dateFormat: 'mdy' }));
    expect(advice?.patch).toEqual({ dateFormat: 'dmy-dot' });
    expect(advice?.fix).toMatch(/^These dates look day-first \(DD\.MM\.YYYY\): switch the date format to DD\.MM\.YYYY/);
  });

  test('month names read as ISO: the switch is to month names', () => {
    const reasons = ['14-JUL-08', '02-AUG-08'].map((d) => `order date "${d}" is not a YYYY-MM-DD date`);
    expect(rejectAdvice(report(4, reasons), mapping())?.patch).toEqual({ dateFormat: 'month-name' });
  });

  test('amounts with a decimal comma', () => {
    const advice = rejectAdvice(report(10, ['amount "1.234,50" is not a number', 'amount "12,5" is not a number']), mapping());
    expect(advice?.patch).toEqual({ decimalMark: 'comma' });
    expect(advice?.example).toBe('1.234,50');
  });

  test('the most common reason wins; a value with quotes in it is one example', () => {
    const advice = rejectAdvice(
      report(10, ['amount "a""b" is not a number', 'amount "x" is not a number', 'order date is empty']),
      mapping(),
    );
    expect(advice?.reason).toBe('amount "…" is not a number');
    expect(advice?.example).toBe('a"b');
    expect(advice?.fix).toBeNull();
  });

  test('at or below 2 % the report says nothing first', () => {
    expect(rejectAdvice(report(100, ['order date is empty', 'order date is empty']), mapping())).toBeNull();
    expect(rejectAdvice(report(100, ['order date is empty', 'order date is empty', 'order date is empty']), mapping())).not.toBeNull();
  });
});
