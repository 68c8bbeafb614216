import { guessDateFormat } from '../mapping/guess-date-format.ts';
import { guessNumberFormat } from '../mapping/guess-number-format.ts';
import type { FileImport, ParseOptions } from '../spec/import.ts';
import { DATE_FORMAT_LABELS } from '../sql/values.ts';
import type { FileReport } from './report.ts';

/** Above this share of a file's records rejected, the report leads with the rejects, before any result. */
export const REJECT_ALERT_SHARE = 0.02;

export interface RejectAdvice {
  share: number;
  /** The most common reason, its value left out: `order date "…" is not a YYYY-MM-DD date`. */
  reason: string;
  /** How many of the shown rejects have that reason. */
  count: number;
  /** One value that was rejected for it, when the reason names one. */
  example: string | null;
  /** The likely fix in the mapping form, when the rejected values show one. */
  fix: string | null;
  /** The read option that fix changes, when one does: the page offers it as a button. */
  patch: Partial<ParseOptions> | null;
}

const QUOTED = /"((?:[^"]|"")*)"/;

/** A reason without its value, so records rejected for the same thing group together. */
const reasonKind = (reason: string) => reason.replace(QUOTED, '"…"');

/**
 * What a report with many rejects should say first: the share rejected, the most common reason with
 * an example, and the likely fix — dates in another order, a decimal comma. Null at or below 2 %.
 * Read from the rejects the report carries (the first 200), which is enough to see a pattern.
 */
export function rejectAdvice(report: FileReport, mapping: FileImport): RejectAdvice | null {
  if (report.input === 0 || report.rejected / report.input <= REJECT_ALERT_SHARE || report.rejects.length === 0) return null;
  const byKind = new Map<string, string[]>();
  for (const r of report.rejects) {
    const kind = reasonKind(r.reason);
    byKind.set(kind, [...(byKind.get(kind) ?? []), r.reason]);
  }
  const [reason, reasons] = [...byKind].sort((a, b) => b[1].length - a[1].length)[0];
  const values = reasons.map((r) => QUOTED.exec(r)?.[1].replaceAll('""', '"')).filter((v): v is string => v !== undefined);
  return {
    share: report.rejected / report.input,
    reason,
    count: reasons.length,
    example: values[0] ?? null,
    ...likelyFix(reason, values, mapping),
  };
}

type Fix = Pick<RejectAdvice, 'fix' | 'patch'>;

function likelyFix(reason: string, values: string[], mapping: FileImport): Fix {
  const none: Fix = { fix: null, patch: null };
  if (/^order date ".*" is not a .* date$/.test(reason) && values.length) {
    const guess = guessDateFormat(values);
    const chosen = mapping.parse.dateFormat;
    if (guess.format && guess.format !== chosen) {
      const order = { dmy: 'day-first', 'dmy-dot': 'day-first', mdy: 'month-first' } as Partial<Record<string, string>>;
      const dayFirst = order[guess.format] ?? DATE_FORMAT_LABELS[guess.format];
      return {
        fix:
          `These dates look ${dayFirst} (${DATE_FORMAT_LABELS[guess.format]}): switch the date format to ${DATE_FORMAT_LABELS[guess.format]} and load again.` +
          (guess.format === 'dmy' || guess.format === 'dmy-dot' || guess.format === 'mdy'
            ? ' Dates that fit both orders (day ≤ 12) were loaded, read the other way round.'
            : ''),
        patch: { dateFormat: guess.format },
      };
    }
    if (guess.ambiguous) {
      return {
        fix: 'These dates could be day-first or month-first: choose DD/MM/YYYY or MM/DD/YYYY as the date format and load again.',
        patch: null,
      };
    }
  }
  const decimalMark = values.length ? guessNumberFormat(values).decimalMark : mapping.parse.decimalMark;
  if (/ ".*" is not a number$/.test(reason) && decimalMark !== mapping.parse.decimalMark) {
    const comma = decimalMark === 'comma';
    return {
      fix: `These numbers are written with a decimal ${comma ? 'comma (1.234,50)' : 'point (1,234.50)'}: switch the decimal mark and load again.`,
      patch: { decimalMark },
    };
  }
  if (/columns/i.test(reason) || /^(error|invalid|too many|missing|unquoted)/i.test(reason)) {
    return { fix: 'The reader could not split these lines: check the delimiter and the header in the mapping.', patch: null };
  }
  return none;
}
