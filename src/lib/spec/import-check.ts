import { PRESET_IDS } from '../sources/presets.ts';
import * as v from 'valibot';
import { show, type Check } from './check.ts';
import { DATE_FORMATS, DELIMITERS, ENCODINGS, ROLES } from './import.ts';
import { boolean, checkOf, list, map, nullable, object, oneOf, text, type Schema } from './schema.ts';

const FILE_OVERRIDES = {
  source: nullable(oneOf(PRESET_IDS)),
  parse: object({
    delimiter: oneOf(DELIMITERS),
    header: boolean,
    encoding: oneOf(ENCODINGS),
    decimalMark: oneOf(['point', 'comma']),
    dateFormat: oneOf(DATE_FORMATS),
  }),
  columns: map(oneOf(ROLES)),
};
const fileOverrides = object(FILE_OVERRIDES);
/** Version 2 adds the roles the definitions were made with (what a colleague's file is asked to map). */
const fileOverridesV2 = object({ ...FILE_OVERRIDES, roles: list(oneOf(ROLES.filter((r) => r !== 'attribute' && r !== 'ignore'))) });

/** A column named by role or by attribute name (column-ref.ts). */
const columnRef = v.union(
  [object({ role: oneOf(ROLES) }, ['role']), object({ attribute: text }, ['attribute'])],
  (issue) => `expected { "role": … } or { "attribute": … }, got ${show(issue.input)}`,
);

/**
 * The parts of `import`, each read (and left out) on its own, with `column` the shape of a column a
 * rule names and `file` the shape of a file's overrides.
 */
function importParts(column: Schema, file: Schema): Record<string, Check> {
  return {
    transactions: checkOf(file),
    customers: checkOf(file),
    amountLevel: checkOf(oneOf(['line', 'order'])),
    cleaning: checkOf(
      object({
        cancelled: object({ enabled: boolean, orderIdPrefix: text, statusValues: list(text), filledColumn: nullable(column) }),
        keepOnly: list(object({ column, values: list(text) }, ['column', 'values'])),
        currency: nullable(text),
        returns: boolean,
        netReturns: boolean,
        refundColumn: nullable(column),
        fillDown: boolean,
        zeroAmount: boolean,
        duplicates: boolean,
      }),
    ),
    ids: checkOf(object({ trim: boolean, lowerCase: boolean, extractEmail: boolean, fallbackColumn: nullable(column) })),
    duplicateCustomers: checkOf(oneOf(['refuse', 'keep-first'])),
  };
}

/** Version 1: rules name columns by header text. */
export const IMPORT_PARTS_V1 = importParts(text, fileOverrides);

/** Version 2: rules name columns by role or attribute name, and files list the roles the definitions were made with. */
export const IMPORT_PARTS = importParts(columnRef, fileOverridesV2);
