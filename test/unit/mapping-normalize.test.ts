import { describe, expect, test } from 'vitest';
import { headerWords, isGenericHeader, normalizeHeader } from '../../src/lib/mapping/index.ts';

describe('normalizeHeader', () => {
  test.each([
    ['Customer ID', 'customerid'],
    ['customer_id', 'customerid'],
    ['CustomerID', 'customerid'],
    ['Customer-Id', 'customerid'],
    ['  Customer.ID: ', 'customerid'],
    ['\uFEFFInvoiceNo', 'invoiceno'],
    ['Amount (USD)', 'amountusd'],
    ['Montant payé', 'montantpaye'],
    ['Item #', 'item'],
  ])('%j → %s', (name, normalized) => {
    expect(normalizeHeader(name)).toBe(normalized);
  });
});

describe('headerWords', () => {
  test.each([
    ['InvoiceNo', ['invoice', 'no']],
    ['CustomerID', ['customer', 'id']],
    ['number_of_cds', ['number', 'of', 'cds']],
    ['Lineitem compare at price', ['lineitem', 'compare', 'at', 'price']],
    ['Amount (USD)', ['amount']],
    ['Created (UTC)', ['created']],
    ['Total EUR', ['total']],
    ['Item #', ['item', 'no']],
    ['PaymentIntent ID', ['payment', 'intent', 'id']],
    ['EUR', ['eur']],
  ])('%j → %j', (name, words) => {
    expect(headerWords(name)).toEqual(words);
  });
});

describe('isGenericHeader', () => {
  test.each(['column1', 'column_12', 'Column 3', 'field2', '', 'V4', 'Unnamed: 0'])('%j is generic', (name) => {
    expect(isGenericHeader(name)).toBe(true);
  });
  test.each(['Customer', 'date', 'column_name', 'id'])('%j is not', (name) => {
    expect(isGenericHeader(name)).toBe(false);
  });
});
