import { isCurrencyCode } from './currency.ts';

/**
 * Reduces a header to lower-case letters and digits, so `Customer ID`, `customer_id`, `CustomerID`
 * and `Customer-Id` all become `customerid`. Accents are dropped (`Montant payé` → `montantpaye`).
 */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Splits a header into lower-case words: `InvoiceNo` → `invoice no`, `Lineitem quantity` →
 * `lineitem quantity`, `Item #` → `item no`. Parenthesised notes and a leading or trailing currency
 * code are dropped, since `Amount (USD)`, `Created (UTC)` and `Total EUR` mean `amount`, `created`
 * and `total`.
 */
export function headerWords(name: string): string[] {
  const spaced = name
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/#/g, ' no ')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2');
  const words = spaced
    .split(/[^\p{L}\p{N}]+/u)
    .map(normalizeHeader)
    .filter((w) => w !== '');
  if (words.length > 1 && isCurrencyCode(words[0])) words.shift();
  if (words.length > 1 && isCurrencyCode(words[words.length - 1])) words.pop();
  return words;
}

/** True for names that say nothing: empty, or generated like `column1`, `column_2`, `field3`, `V4`. */
export function isGenericHeader(name: string): boolean {
  return /^(?:|column|col|field|var|v|x|c|unnamed|untitled)\d*$/.test(normalizeHeader(name));
}
