import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { detectDelimiter } from '../../src/lib/mapping/index.ts';
import type { Delimiter } from '../../src/lib/spec/import.ts';

const CDNOW = new URL('../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url);

describe('detectDelimiter', () => {
  test.each<[string, string, Delimiter]>([
    ['comma', 'id,date,total\n1,2024-01-01,5\n2,2024-01-02,6\n', ','],
    ['semicolon with decimal commas', 'id;date;total\n1;01.03.2024;5,50\n2;02.03.2024;12,00\n', ';'],
    // Split at the commas the lines are as even (two fields each): the commas sit inside numbers.
    ['two columns, semicolon and decimal commas', 'id;total\nK1;12.345,67\nK2;5,50\nK3;0,99\n', ';'],
    ['numbers only, split by commas', 'a,b\n1,2\n3,4\n', ','],
    ['tab', 'id\tname\ttotal\n1\tAnn Lee\t5\n2\tBo, Jr.\t6\n', '\t'],
    ['pipe', 'id|name|total\n1|Ann|5\n2|Bo|6\n', '|'],
    ['CRLF line ends', 'id;total\r\n1;5\r\n2;6\r\n', ';'],
    [
      'quoted fields containing commas and a line break',
      'id,name,total\n1,"Lee, Ann",5\n2,"Smith, Bo\nJr.",6\n3,"say ""hi"", then",7\n',
      ',',
    ],
    [
      // Read without quotes, the commas look ragged and the spaces look aligned.
      'quoted commas keep the comma consistent',
      'customer name,city name\n"Lee, Ann",New York\n"Smith, Bo",Los Angeles\n"Doe, Jo",San Diego\n',
      ',',
    ],
    ['semicolons inside quotes do not count', 'a,b\n"x;y;z",1\n"p;q",2\n', ','],
    ['whitespace-aligned', ' 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n', 'whitespace'],
    ['a cut last line is not held against the delimiter', 'a,b,c\n1,2,3\n4,5,6\n7,8', ','],
    ['one ragged row is tolerated', 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14\n', ','],
    ['nothing to split on falls back to comma', 'justone\nvalue\n', ','],
  ])('%s', (_, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  test.skipIf(!existsSync(CDNOW))(
    `the first 2 KB of CDNOW_master.txt are whitespace-aligned${existsSync(CDNOW) ? '' : ' (skipped: ../shared/data is absent)'}`,
    () => {
      const fd = openSync(CDNOW, 'r');
      const buffer = Buffer.alloc(2048);
      readSync(fd, buffer, 0, 2048, 0);
      closeSync(fd);
      expect(detectDelimiter(buffer.toString('latin1'))).toBe('whitespace');
    },
  );
});
