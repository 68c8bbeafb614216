import { describe, expect, test } from 'vitest';
import { detectEncoding } from '../../src/lib/mapping/index.ts';
import type { Encoding } from '../../src/lib/spec/import.ts';

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
    const bytes = new Uint8Array([...utf8('José'), 0xe9, ...ascii('ab')]);
    expect(detectEncoding(bytes).encoding).toBe('latin-1');
  });

  test('NULs on both sides of each pair are not UTF-16', () => {
    expect(detectEncoding(new Uint8Array(64)).encoding).toBe('utf-8');
  });

  test('NUL padding in a UTF-8 file is not UTF-16', () => {
    const bytes = new Uint8Array([...ascii('id,total\n1,2\n'), 0, 0, 0, 0]);
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
  });
});
