import { describe, expect, test } from 'vitest';
import { detectEncoding } from '../../src/lib/mapping/index.ts';
import type { Encoding } from '../../src/lib/spec/import.ts';
import { encodeLegacy } from '../fixtures/encode-legacy.ts';

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
const utf16le = (text: string): number[] => ascii(text).flatMap((c) => [c, 0]);
const utf16be = (text: string): number[] => ascii(text).flatMap((c) => [0, c]);
const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];

describe('detectEncoding', () => {
  test.each<[string, number[], Encoding, boolean]>([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, ...ascii('id,total\n')], 'utf-8', true],
    ['UTF-16LE BOM', [0xff, 0xfe, ...utf16le('id,total\n')], 'utf-16le', true],
    ['UTF-16BE BOM', [0xfe, 0xff, ...utf16be('id,total\n')], 'utf-16be', true],
    ['UTF-16LE without BOM', utf16le('id,total\n1,2\n'), 'utf-16le', false],
    ['UTF-16BE without BOM', utf16be('id,total\n1,2\n'), 'utf-16be', false],
    ['plain ASCII', ascii('id,total\n1,2\n'), 'utf-8', false],
    ['UTF-8 with accents and €', utf8('name,total\nJosé,€5\n'), 'utf-8', false],
    ['Latin-1 é (0xE9)', [...ascii('name\nJos'), 0xe9, ...ascii(',1\n')], 'latin-1', false],
    ['Windows-1252 € (0x80)', [...ascii('total\n'), 0x80, ...ascii('5\n')], 'windows-1252', false],
    ['Windows-1252 curly quotes around Latin-1 letters', [0x93, ...ascii('caf'), 0xe9, 0x94, ...ascii('\n')], 'windows-1252', false],
    ['empty', [], 'utf-8', false],
  ])('%s', (_, bytes, encoding, bom) => {
    const guess = detectEncoding(new Uint8Array(bytes));
    expect(guess).toMatchObject({ encoding, bom });
    expect(guess.reason).not.toBe('');
  });

  test.each([1, 2])('a UTF-8 slice that cuts € (3 bytes) after %i byte(s) is still UTF-8', (kept) => {
    const whole = utf8('name,total\nJosé,5€');
    const cut = new Uint8Array(whole.slice(0, whole.length - 3 + kept));
    expect(detectEncoding(cut)).toMatchObject({ encoding: 'utf-8', bom: false });
  });

  test('a UTF-8 slice that cuts a 4-byte emoji after 3 bytes is still UTF-8', () => {
    const whole = utf8('note\nthanks 🎉');
    expect(detectEncoding(new Uint8Array(whole.slice(0, -1))).encoding).toBe('utf-8');
  });

  test('an invalid byte before the end is not excused as a cut character', () => {
    // UTF-8 `é` then a Latin-1 `é`: mojibake in any single-byte reading. Mac Roman reads 0xE9 as `È`
    // inside a word, which the letter-in-word rule prefers (before Mac Roman was a choice: latin-1).
    const bytes = new Uint8Array([...utf8('José'), 0xe9, ...ascii('ab')]);
    const guess = detectEncoding(bytes);
    expect(guess.encoding).toBe('macintosh');
    expect(guess.reason).toMatch(/^not valid UTF-8; as Mac Roman/);
  });

  test('NULs on both sides of each pair are not UTF-16', () => {
    expect(detectEncoding(new Uint8Array(64)).encoding).toBe('utf-8');
  });

  test('NUL padding in a UTF-8 file is not UTF-16', () => {
    const bytes = new Uint8Array([...ascii('id,total\n1,2\n'), 0, 0, 0, 0]);
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
  });
});

/** Each legacy encoding, written by test/fixtures/encode-legacy.ts from text, guessed back. */
describe('detectEncoding on legacy encodings', () => {
  const cases: [string, Encoding, string][] = [
    ['Mac Roman, French and German names, CR line ends', 'macintosh', 'id,name\r1,François Müller\r2,José Núñez\r3,Zoë Ångström\r'],
    ['Mac Roman with only ö and ü (Windows-1252 would read š and Ÿ)', 'macintosh', 'id,name\r1,Jörg\r2,Björn Bürger\r'],
    ['Mac Roman café (Windows-1252 would read CafŽ)', 'macintosh', 'item,total\rCafé crème,3.50\r'],
    ['Windows-1252 German and Spanish with € and curly quotes', 'windows-1252', 'id,name,note\n1,Jürgen Weiß,“VIP”\n2,Zoë,€5\n'],
    ['Latin-1 Nordic names', 'latin-1', 'id,name\n1,Søren Østergård\n2,Åsa Öberg\n3,Þórunn\n'],
    ['ISO-8859-2 Polish names', 'iso-8859-2', 'id,name,city\n1,Łukasz Wróbel,Kraków\n2,Agnieszka Wałęsa,Gdańsk\n3,Stanisław Śliwa,Łódź\n'],
    [
      'ISO-8859-2 Czech names with š and ž',
      'iso-8859-2',
      'id,name,city\n1,Jiří Dvořák,Brno\n2,Zuzana Růžičková,Plzeň\n3,Tomáš Šťastný,Praha\n',
    ],
    ['Windows-1250 Polish and Czech names', 'windows-1250', 'id,name\n1,Stanisław Śliwa\n2,Tomáš Šťastný\n3,Źrebiec Żaneta\n'],
    [
      'Shift_JIS Japanese headers and names',
      'shift_jis',
      '注文番号,顧客,注文日,金額\n1001,田中 太郎,2024/01/05,1200\n1002,佐藤 花子,2024/01/06,3400\n',
    ],
    ['Shift_JIS names with kana and prefectures', 'shift_jis', 'order_id,customer,city\n1,山田 さくら,東京都\n2,高橋 健,大阪府\n'],
    ['GBK Chinese headers and names', 'gbk', '订单号,客户,日期,金额\n1001,张伟,2024-01-05,120.5\n1002,王芳,2024-01-06,88\n'],
    ['GBK names and cities', 'gbk', 'order_id,customer,city\n1,刘洋,北京\n2,陈静,上海\n3,杨磊,广州\n'],
  ];
  test.each(cases)('%s', (_, encoding, text) => {
    const written = encoding === 'latin-1' ? 'windows-1252' : encoding;
    const guess = detectEncoding(encodeLegacy(text, written));
    expect(guess).toMatchObject({ encoding, bom: false });
    // The reason shows a word as read, so a person can see it is right.
    expect(guess.reason).toMatch(/e\.g\. "[^"]+"/);
  });

  test('a head slice cutting a two-byte character after its lead byte is still Shift_JIS', () => {
    const bytes = encodeLegacy('id,name\n1,田中 太郎\n2,佐藤', 'shift_jis');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('shift_jis');
  });

  test('Latin text whose accented letters form valid GBK pairs is not read as Chinese', () => {
    // Ü+n, ö+r… are valid GBK pairs, but Han characters inside Latin words are not Chinese text.
    const bytes = encodeLegacy('id,name\n1,Jürgen Müller\n2,Björn Öberg\n', 'windows-1252');
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(bytes)).not.toThrow();
    expect(detectEncoding(bytes).encoding).toBe('latin-1');
  });

  test('Czech without š, ž or ť reads as Western too: the guess falls back to Latin-1, and the form offers ISO-8859-2', () => {
    // ř, í, á are letters in both: nothing in the bytes tells them apart (README, "Encodings").
    const bytes = encodeLegacy('id,name\n1,Jiří Dvořák\n2,Petr Novák\n', 'iso-8859-2');
    expect(detectEncoding(bytes).encoding).toBe('latin-1');
  });
});
