import { describe, expect, test } from 'vitest';
import { cellText, plainDecimal, sheetToCsv } from '../../src/lib/import/sheet-csv.ts';

describe('cellText: values as the workbook stores them', () => {
  test.each([
    [{ stored: '19.99' }, '19.99'],
    [{ stored: '0.30000000000000004' }, '0.30000000000000004'],
    [{ stored: '1.5E-3' }, '0.0015'],
    [{ stored: '-2.5E+2' }, '-250'],
    [{ stored: '1E+21' }, '1000000000000000000000'],
    ['00123', '00123'],
    ['  padded ', '  padded '],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [null, ''],
    [new Date(Date.UTC(2016, 10, 8)), '2016-11-08'],
    [new Date(Date.UTC(2024, 2, 5, 14, 22, 10)), '2024-03-05 14:22:10'],
    // A serial number's fraction turned into milliseconds one short of the second it means.
    [new Date(Date.UTC(2024, 2, 5, 7, 59, 59, 999)), '2024-03-05 08:00:00'],
  ] as const)('%j → %s', (cell, text) => expect(cellText(cell)).toBe(text));
});

test('plainDecimal leaves text without an exponent alone', () => {
  expect(plainDecimal('1234.5')).toBe('1234.5');
  expect(plainDecimal('#DIV/0!')).toBe('#DIV/0!');
});

test('sheetToCsv pads rows to the widest, quotes what the reader needs quoted, keeps empty rows as records', () => {
  const csv = sheetToCsv([['id', 'name', 'note'], ['001', 'Müller, Käthe', 'said "hi"'], [], ['002', ' "quoted"', 'two\nlines'], ['003']]);
  expect(csv).toBe('id,name,note\n001,"Müller, Käthe","said ""hi"""\n,,\n002," ""quoted""","two\nlines"\n003,,\n');
});
