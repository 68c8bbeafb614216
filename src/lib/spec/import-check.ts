import { PRESET_IDS } from '../sources/presets.ts';
import { isBoolean, isString, listOf, mapOf, nullable, objectOf, oneOf, type Check } from './check.ts';
import { DATE_FORMATS, DELIMITERS, ENCODINGS, ROLES } from './import.ts';

const fileOverrides = objectOf({
  source: nullable(oneOf(PRESET_IDS)),
  parse: objectOf({
    delimiter: oneOf(DELIMITERS),
    header: isBoolean,
    encoding: oneOf(ENCODINGS),
    decimalMark: oneOf(['point', 'comma']),
    dateFormat: oneOf(DATE_FORMATS),
  }),
  columns: mapOf(oneOf(ROLES)),
});

/** The parts of `import`, each read (and left out) on its own. */
export const IMPORT_PARTS: Record<string, Check> = {
  transactions: fileOverrides,
  customers: fileOverrides,
  amountLevel: oneOf(['line', 'order']),
  cleaning: objectOf({
    cancelled: objectOf({ enabled: isBoolean, orderIdPrefix: isString, statusValues: listOf(isString), filledColumn: nullable(isString) }),
    keepOnly: listOf(objectOf({ column: isString, values: listOf(isString) }, ['column', 'values'])),
    currency: nullable(isString),
    returns: isBoolean,
    netReturns: isBoolean,
    refundColumn: nullable(isString),
    fillDown: isBoolean,
    zeroAmount: isBoolean,
    duplicates: isBoolean,
  }),
  ids: objectOf({ trim: isBoolean, lowerCase: isBoolean, extractEmail: isBoolean, fallbackColumn: nullable(isString) }),
  duplicateCustomers: oneOf(['refuse', 'keep-first']),
};
