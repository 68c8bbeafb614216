import { isCalendarDate } from './calendar-date.ts';
import {
  both,
  isBoolean,
  isNumber,
  isName,
  isRecord,
  isString,
  isWholeNumber,
  listOf,
  matches,
  objectOf,
  oneOf,
  partsOf,
  quote,
  show,
  taggedBy,
  type Check,
} from './check.ts';
import { DATE_OPERATORS, NUMBER_OPERATORS, TEXT_OPERATORS, type Operator } from './segments.ts';

/** Enough for any real use; the overlap grows with the square of the count. */
export const MAX_SEGMENTS = 50;
/** Groups nested in a rule tree, the root group being the first (an order condition's group counts one more). */
export const MAX_RULE_DEPTH = 8;
/** Nodes of one segment's rule tree: every group (the root and each order condition's group too), condition and order condition. */
export const MAX_RULES = 200;
/** "Within the last N days": beyond this the engine cannot subtract the days from a date (and no one means it). */
export const MAX_DAYS = 100_000;

const OPERATORS = [...new Set([...TEXT_OPERATORS, ...NUMBER_OPERATORS, ...DATE_OPERATORS])];
/** As the compiler reads numbers (src/lib/sql/segment-rules.ts). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isFiniteNumber = (text: string) => NUMBER.test(text) && Number.isFinite(Number(text));

/** What a typed value must be for an operator, or null when any text will do. */
function valueProblem(op: Operator, text: string): string | null {
  switch (op) {
    case 'on':
    case 'before':
    case 'after':
      return isCalendarDate(text) ? null : 'expected a real date YYYY-MM-DD';
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return isFiniteNumber(text) ? null : 'expected a finite number';
    case 'between':
      if (LOOKS_LIKE_DATE.test(text)) return isCalendarDate(text) ? null : 'expected a real date YYYY-MM-DD';
      return isFiniteNumber(text) ? null : 'expected a finite number or a date YYYY-MM-DD';
    case 'within_last':
    case 'more_than_ago':
      return /^\d+$/.test(text) && Number(text) <= MAX_DAYS
        ? null
        : `expected a whole number of days up to ${MAX_DAYS.toLocaleString('en-US')}`;
    default:
      return null;
  }
}

/**
 * A value filled in must suit its operator (dates real, numbers finite, days whole); an empty one
 * is a condition still being written, which the page saves as it is and names when it counts.
 */
const valuesSuitOperator: Check = (v, path, errors) => {
  if (!isRecord(v) || !OPERATORS.includes(v.op as Operator)) return;
  for (const key of ['value', 'value2'] as const) {
    if (key === 'value2' && v.op !== 'between') continue;
    const text = typeof v[key] === 'string' ? v[key].trim() : '';
    if (text === '') continue;
    const problem = valueProblem(v.op as Operator, text);
    if (problem) errors.push(`${path}.${key}: ${problem}, got ${show(v[key])}`);
  }
};

const CONDITION = both(
  objectOf(
    { type: oneOf(['condition']), column: isString, op: oneOf(OPERATORS), value: isString, value2: isString, values: listOf(isString) },
    ['type', 'column', 'op'],
  ),
  valuesSuitOperator,
);

/** A segment's id, in the segment and in the rules that refer to it. */
const SEGMENT_ID = matches(/^[\w-]{1,40}$/, 'an id of letters, digits, - or _');

/**
 * "Is in segment X" by X's id; `member` false is "is not in" (true when left out), `name` is X's
 * name for people reading the file. Which segment exists, and cycles, are the compiler's to say
 * (segment-references.ts): the segment opens, and its error names the problem where it can be fixed.
 */
const SEGMENT_REFERENCE = objectOf({ type: oneOf(['segment']), segment: SEGMENT_ID, member: isBoolean, name: isName }, ['type', 'segment']);

/** A rule group: nests, but only below `boundedTree`, which has measured the whole tree first. */
const group: Check = (v, path, errors) => GROUP(v, path, errors);
const RULE: Check = taggedBy('type', {
  condition: CONDITION,
  group,
  orders: objectOf({ type: oneOf(['orders']), atLeast: isWholeNumber(1), where: group }, ['type', 'atLeast', 'where']),
  segment: SEGMENT_REFERENCE,
});
const GROUP: Check = objectOf({ type: oneOf(['group']), combine: oneOf(['and', 'or']), rules: listOf(RULE) }, ['type', 'combine', 'rules']);

/**
 * How deep (in groups) and how large (in nodes) a rule tree is, walked with a stack of its own so
 * that no nesting can overflow the call stack; the walk stops as soon as a cap is passed.
 */
export function ruleTreeShape(root: unknown): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  // Each entry: a node, and the depth a group at its place has.
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    if (++nodes > MAX_RULES) break;
    if (!isRecord(node)) continue;
    if (Array.isArray(node.rules)) {
      depth = Math.max(depth, level);
      if (depth > MAX_RULE_DEPTH) break;
      for (const child of node.rules) stack.push([child, level + 1]);
    }
    // An order condition's group sits where the order condition is.
    if (node.where !== undefined) stack.push([node.where, level]);
  }
  return { depth, nodes };
}

/** A rule tree within the caps, then checked rule by rule. */
const boundedTree: Check = (v, path, errors) => {
  const { depth, nodes } = ruleTreeShape(v);
  if (depth > MAX_RULE_DEPTH) return void errors.push(`${path}: nested deeper than ${MAX_RULE_DEPTH} levels`);
  if (nodes > MAX_RULES) return void errors.push(`${path}: more than ${MAX_RULES} rules (conditions, groups and order conditions)`);
  GROUP(v, path, errors);
};

const DEFINITION = taggedBy('kind', {
  rules: objectOf({ kind: oneOf(['rules']), root: boundedTree }, ['kind', 'root']),
  sql: objectOf({ kind: oneOf(['sql']), sql: isString }, ['kind', 'sql']),
});

/** One segment as **Save segment definitions** writes it; optional keys take the page's defaults. */
const SEGMENT: Check = objectOf(
  {
    id: SEGMENT_ID,
    name: isName,
    color: matches(/^#[0-9a-fA-F]{6}$/, 'a colour such as "#0072b2"'),
    description: isString,
    enabled: isBoolean,
    definition: DEFINITION,
  },
  ['id', 'name', 'definition'],
);

/**
 * The `segments` part of a spec file, read segment by segment: each segment with a problem (or
 * an id or name an earlier segment already has) is left out and its problems listed. Only the
 * first `MAX_SEGMENTS` are read. Undefined when nothing usable is left.
 */
export function readSegments(v: unknown, path: string, problems: string[]): Record<string, unknown> | undefined {
  const list = isRecord(v) ? v.segments : undefined;
  const kept = partsOf(v, path, { minSizePercent: isNumber(0, 100), segments: () => {} }, problems);
  if (!kept) return undefined;
  if (!Object.hasOwn(kept, 'segments')) return void problems.push(`${path}: segments is missing`);
  if (!Array.isArray(list)) return void problems.push(`${path}.segments: expected a list, got ${show(list)}`);
  if (list.length > MAX_SEGMENTS) {
    problems.push(
      `${path}.segments: at most ${MAX_SEGMENTS} segments; the ${list.length - MAX_SEGMENTS} after the ${MAX_SEGMENTS}th were left out`,
    );
  }
  const segments: unknown[] = [];
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  list.slice(0, MAX_SEGMENTS).forEach((segment, i) => {
    const at = `${path}.segments[${i}]`;
    const errors: string[] = [];
    SEGMENT(segment, at, errors);
    if (errors.length) return void problems.push(...errors);
    const { id, name } = segment as { id: string; name: string };
    if (ids.has(id)) return void problems.push(`${at}.id: ${quote(id)} is already used by segments[${ids.get(id)}]`);
    if (names.has(name)) return void problems.push(`${at}.name: ${quote(name)} is already used by segments[${names.get(name)}]`);
    ids.set(id, i);
    names.set(name, i);
    segments.push(segment);
  });
  // A file whose every segment has a problem holds nothing to use: it is not an empty list.
  if (segments.length === 0 && list.length > 0) return undefined;
  return { ...kept, segments };
}
