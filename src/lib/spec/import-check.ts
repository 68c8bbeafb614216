import { PRESET_IDS } from '../sources/presets.ts';
import type { Check } from './check.ts';
import { DATE_FORMATS, DELIMITERS, ENCODINGS, ROLES } from './import.ts';
import { boolean, checkOf, list, map, nullable, object, oneOf, text } from './schema.ts';

const fileOverrides = object({
  source: nullable(oneOf(PRESET_IDS)),
  parse: object({
    delimiter: oneOf(DELIMITERS),
    header: boolean,
    encoding: oneOf(ENCODINGS),
    decimalMark: oneOf(['point', 'comma']),
    dateFormat: oneOf(DATE_FORMATS),
  }),
  columns: map(oneOf(ROLES)),
});

/** The parts of `import`, each read (and left out) on its own. */
export const IMPORT_PARTS: Record<string, Check> = {
  transactions: checkOf(fileOverrides),
  customers: checkOf(fileOverrides),
  amountLevel: checkOf(oneOf(['line', 'order'])),
  cleaning: checkOf(
    object({
      cancelled: object({ enabled: boolean, orderIdPrefix: text, statusValues: list(text), filledColumn: nullable(text) }),
      keepOnly: list(object({ column: text, values: list(text) }, ['column', 'values'])),
      currency: nullable(text),
      returns: boolean,
      netReturns: boolean,
      refundColumn: nullable(text),
      fillDown: boolean,
      zeroAmount: boolean,
      duplicates: boolean,
    }),
  ),
  ids: checkOf(object({ trim: boolean, lowerCase: boolean, extractEmail: boolean, fallbackColumn: nullable(text) })),
  duplicateCustomers: checkOf(oneOf(['refuse', 'keep-first'])),
};
