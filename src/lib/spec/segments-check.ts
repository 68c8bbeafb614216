import { isBoolean, isNumber, isString, listOf, matches, objectOf, oneOf, taggedBy, type Check } from './check.ts';
import { DATE_OPERATORS, NUMBER_OPERATORS, TEXT_OPERATORS } from './segments.ts';

const OPERATORS = [...new Set([...TEXT_OPERATORS, ...NUMBER_OPERATORS, ...DATE_OPERATORS])];

const CONDITION = objectOf(
  { type: oneOf(['condition']), column: isString, op: oneOf(OPERATORS), value: isString, value2: isString, values: listOf(isString) },
  ['type', 'column', 'op'],
);

/** A rule group, checked to any depth (a group holds rules, which may be groups). */
const group: Check = (v, path, errors) => GROUP(v, path, errors);
const RULE: Check = taggedBy('type', {
  condition: CONDITION,
  group,
  orders: objectOf({ type: oneOf(['orders']), atLeast: isNumber(1), where: group }, ['type', 'atLeast', 'where']),
});
const GROUP: Check = objectOf({ type: oneOf(['group']), combine: oneOf(['and', 'or']), rules: listOf(RULE) }, ['type', 'combine', 'rules']);

const DEFINITION = taggedBy('kind', {
  rules: objectOf({ kind: oneOf(['rules']), root: group }, ['kind', 'root']),
  sql: objectOf({ kind: oneOf(['sql']), sql: isString }, ['kind', 'sql']),
});

/** Enough for any real use; the overlap grows with the square of the count. */
export const MAX_SEGMENTS = 50;

const notTooMany: Check = (v, path, errors) => {
  if (Array.isArray(v) && v.length > MAX_SEGMENTS) errors.push(`${path}: at most ${MAX_SEGMENTS} segments, got ${v.length}`);
};

/** The `segments` part of a spec file: what `SegmentsSpec` holds, every key checked. */
export const SEGMENTS_CHECK: Check = objectOf(
  {
    minSizePercent: isNumber(0, 100),
    segments: both(
      notTooMany,
      listOf(
        objectOf(
          {
            id: matches(/^[\w-]{1,40}$/, 'an id of letters, digits, - or _'),
            name: isString,
            color: matches(/^#[0-9a-fA-F]{6}$/, 'a colour such as "#0072b2"'),
            description: isString,
            enabled: isBoolean,
            definition: DEFINITION,
          },
          ['id', 'name', 'definition'],
        ),
      ),
    ),
  },
  ['segments'],
);

function both(first: Check, second: Check): Check {
  return (v, path, errors) => {
    first(v, path, errors);
    second(v, path, errors);
  };
}
