import { PRESET_IDS } from '../sources/presets.ts';
import * as v from 'valibot';
import { show, type Check } from './check.ts';
import { DATE_FORMATS, DELIMITERS, ENCODINGS, ROLES } from './import.ts';
import { boolean, checkOf, list, map, nullable, object, oneOf, text } from './schema.ts';

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

/** The parts of `import` in spec version 1, each read (and left out) on its own: rules name columns by header text. */
export const IMPORT_PARTS_V1: Record<string, Check> = {
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

/** The parts of `import` in spec version 2: as version 1, with rules naming columns by role or attribute name. */
export const IMPORT_PARTS: Record<string, Check> = {
  ...IMPORT_PARTS_V1,
  transactions: checkOf(fileOverridesV2),
  customers: checkOf(fileOverridesV2),
  cleaning: checkOf(
    object({
      cancelled: object({ enabled: boolean, orderIdPrefix: text, statusValues: list(text), filledColumn: nullable(columnRef) }),
      keepOnly: list(object({ column: columnRef, values: list(text) }, ['column', 'values'])),
      currency: nullable(text),
      returns: boolean,
      netReturns: boolean,
      refundColumn: nullable(columnRef),
      fillDown: boolean,
      zeroAmount: boolean,
      duplicates: boolean,
    }),
  ),
  ids: checkOf(object({ trim: boolean, lowerCase: boolean, extractEmail: boolean, fallbackColumn: nullable(columnRef) })),
};
