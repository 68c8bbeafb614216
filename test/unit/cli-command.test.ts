import { expect, test } from 'vitest';
import { largeFileCommand, shellWord, tooLargeMessage } from '../../src/lib/cli-command.ts';

test('file names become one shell word each', () => {
  expect(shellWord('orders-2024.csv.gz')).toBe('orders-2024.csv.gz');
  expect(shellWord('my orders.csv')).toBe("'my orders.csv'");
  expect(shellWord("Bob's export.csv")).toBe(`'Bob'\\''s export.csv'`);
  expect(shellWord('$(rm -rf ~).csv')).toBe("'$(rm -rf ~).csv'");
});

test('the command names the transactions file, then the customers file', () => {
  expect(
    largeFileCommand([
      { name: 'customers.csv', kind: 'customers' },
      { name: 'all orders.csv', kind: 'transactions' },
    ]),
  ).toBe("npx segment-workbench apply 'all orders.csv' --customers customers.csv --out customers-segmented.csv");
  expect(largeFileCommand([{ name: 'orders.csv', kind: 'transactions' }])).toBe(
    'npx segment-workbench apply orders.csv --out customers-segmented.csv',
  );
});

test('the message says what happened and what to do instead', () => {
  const message = tooLargeMessage([{ name: 'big.csv', kind: 'transactions' }], 'Out of Memory Error: failed to allocate');
  expect(message).toMatch(/^big\.csv is too large for the browser's memory \(Out of Memory Error: failed to allocate\)\./);
  expect(message).toContain('npx segment-workbench apply big.csv --out customers-segmented.csv');
});
