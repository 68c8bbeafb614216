import type { DecimalMark } from '../spec/import.ts';
import { isCurrencyAffix } from './currency.ts';

/** What one number-looking cell says about itself. */
export interface NumberShape {
  /** The decimal mark this cell proves, or null when it proves none (`12`, `1,234`, `1.234`). */
  mark: DecimalMark | null;
  /** True when the cell surely has a fractional part (`11.77`, `12,5`). */
  fraction: boolean;
  /** Currency signs or codes written next to the number. */
  currency: string[];
}

const SIGN = '[-+\u2212]?';
const AFFIX = '([^\\d\\s.,+\\-\u2212()]*)';
const SHAPE = new RegExp(`^${SIGN}\\s*${AFFIX}\\s*${SIGN}\\s*(\\d(?:[\\d.,'\u00a0\u202f ]*\\d)?)\\s*${AFFIX}\\s*${SIGN}$`, 'u');

/**
 * Reads a cell as a number written by a person or a spreadsheet: signs, accounting parentheses,
 * currency signs or codes on either side, thousands groups (`,` `.` space `'`). Returns null when
 * the cell is not such a number.
 */
export function numberShape(value: string): NumberShape | null {
  let text = value.trim();
  if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1);
  const match = SHAPE.exec(text);
  if (match === null) return null;
  const [, before, core, after] = match;
  const currency = [before, after].filter((a) => a !== '');
  if (!currency.every(isCurrencyAffix)) return null;
  const mark = coreMark(core);
  if (mark === undefined) return null;
  return { ...mark, currency };
}

function coreMark(core: string): { mark: DecimalMark | null; fraction: boolean } | undefined {
  if (/^\d+$/.test(core)) return { mark: null, fraction: false };
  // One separator followed by exactly three digits reads both ways: 1,234 or 1.234.
  if (/^\d{1,3}[.,]\d{3}$/.test(core)) return { mark: null, fraction: false };
  if (/^\d+\.\d+$/.test(core)) return { mark: 'point', fraction: true };
  if (/^\d+,\d+$/.test(core)) return { mark: 'comma', fraction: true };
  let m = /^\d{1,3}(?:,\d{3})+(\.\d+)?$/.exec(core);
  if (m !== null) return { mark: 'point', fraction: m[1] !== undefined };
  m = /^\d{1,3}(?:\.\d{3})+(,\d+)?$/.exec(core);
  if (m !== null) return { mark: 'comma', fraction: m[1] !== undefined };
  m = /^\d{1,3}(?:[ '\u00a0\u202f]\d{3})+([.,])?(\d+)?$/.exec(core);
  if (m !== null && (m[1] === undefined) === (m[2] === undefined)) {
    if (m[1] === undefined) return { mark: null, fraction: false };
    return { mark: m[1] === ',' ? 'comma' : 'point', fraction: true };
  }
  return undefined;
}

/**
 * The value of a number-looking cell read with the given decimal mark (the other mark, spaces and
 * apostrophes group thousands), or null when the cell is no number or proves the other mark. For
 * the mapping form's comparisons only: the import reads numbers exactly, in SQL.
 */
export function numberValue(value: string, mark: DecimalMark): number | null {
  const shape = numberShape(value);
  if (shape === null || (shape.mark !== null && shape.mark !== mark)) return null;
  const text = value.trim();
  const negative = (text.startsWith('(') && text.endsWith(')')) || /[-\u2212]/.test(text);
  const digits = text.replace(mark === 'comma' ? /[^\d,]/g : /[^\d.]/g, '').replace(',', '.');
  const n = Number(digits);
  return Number.isFinite(n) ? (negative ? -n : n) : null;
}
