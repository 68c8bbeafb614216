import type { DecimalMark } from '../spec/import.ts';
import { numberShape } from './parse-number.ts';

/** The decimal mark a column's numbers use, and the currency signs or codes written beside them. */
export interface NumberFormatGuess {
  decimalMark: DecimalMark;
  currencySymbols: string[];
}

/**
 * Guesses the decimal mark from cells that prove one (`1.234,50` and `12,5` prove a comma;
 * `1,234.50` and `11.77` a point). Cells like `1,234` prove nothing; when nothing is proven, or the
 * proofs are tied, the point wins. Currency signs are listed in order of first appearance, codes
 * upper-cased.
 */
export function guessNumberFormat(values: string[]): NumberFormatGuess {
  let point = 0;
  let comma = 0;
  const currencySymbols: string[] = [];
  for (const value of values) {
    const shape = numberShape(value);
    if (shape === null) continue;
    if (shape.mark === 'point') point++;
    if (shape.mark === 'comma') comma++;
    for (const sign of shape.currency) {
      const name = /^[a-z]{3}$/i.test(sign) ? sign.toUpperCase() : sign;
      if (!currencySymbols.includes(name)) currencySymbols.push(name);
    }
  }
  return { decimalMark: comma > point ? 'comma' : 'point', currencySymbols };
}
