import { expect, test } from 'vitest';
import { personName } from '../../src/lib/export/names.ts';

const name = (firstName: string | null, lastName: string | null, fullName: string | null) => personName({ firstName, lastName, fullName });

test('first and last columns win over a full name, even when only one of them holds text', () => {
  expect(name('Ada', 'Lovelace', 'Augusta Ada King')).toEqual({ first: 'Ada', last: 'Lovelace' });
  expect(name('Ada', null, 'Augusta Ada King')).toEqual({ first: 'Ada', last: '' });
  expect(name('  ', 'Lovelace', 'Augusta Ada King')).toEqual({ first: '', last: 'Lovelace' });
});

test('a full name splits after its first word, so compound surnames and particles stay whole', () => {
  expect(name(null, null, 'Jane Smith')).toEqual({ first: 'Jane', last: 'Smith' });
  expect(name(null, null, 'José García López')).toEqual({ first: 'José', last: 'García López' });
  expect(name(null, null, 'Ludwig van Beethoven')).toEqual({ first: 'Ludwig', last: 'van Beethoven' });
  expect(name('', '  ', '  Zoë   Ann  Smith ')).toEqual({ first: 'Zoë', last: 'Ann Smith' });
});

test('"Last, First" with one comma puts the part before the comma last', () => {
  expect(name(null, null, 'Smith, Jane')).toEqual({ first: 'Jane', last: 'Smith' });
  expect(name(null, null, "O'Brien,  Mary Kate")).toEqual({ first: 'Mary Kate', last: "O'Brien" });
});

test('one word is a first name; nothing is nothing', () => {
  expect(name(null, null, 'Cher')).toEqual({ first: 'Cher', last: '' });
  expect(name(null, null, null)).toEqual({ first: '', last: '' });
});
