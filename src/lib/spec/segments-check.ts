import { isCalendarDate } from './calendar-date.ts';
import * as v from 'valibot';
import { isRecord, partsOf, quote, show } from './check.ts';
import {
  boolean,
  checkOf,
  list,
  matching,
  name,
  number,
  object,
  objectItem,
  oneOf,
  tagged,
  text,
  wholeNumber,
  type Schema,
} from './schema.ts';
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
 * Beside the schema: which check applies depends on another key (the operator), and it reads only
 * a condition with no problem so far, so it may rely on its shape.
 */
const valuesSuitOperator = v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
  const rule = dataset.value;
  if (dataset.issues || !isRecord(rule) || rule.type !== 'condition' || !OPERATORS.includes(rule.op as Operator)) return;
  for (const key of ['value', 'value2'] as const) {
    if (key === 'value2' && rule.op !== 'between') continue;
    const value = rule[key];
    const typed = typeof value === 'string' ? value.trim() : '';
    if (typed === '') continue;
    const problem = valueProblem(rule.op as Operator, typed);
    if (problem) addIssue({ message: `${problem}, got ${show(value)}`, path: [objectItem(rule, key)] });
  }
});

/** A segment's id, in the segment and in the rules that refer to it. */
const SEGMENT_ID = matching(/^[\w-]{1,40}$/, 'an id of letters, digits, - or _');

/** A rule group; its rules nest, but only below `boundedTree`, which has measured the whole tree first. */
const GROUP_FIELDS = { type: oneOf(['group']), combine: oneOf(['and', 'or']), rules: list(v.lazy(() => RULE)) };
const GROUP: Schema = object(GROUP_FIELDS, ['type', 'combine', 'rules']);

const RULE: Schema = v.pipe(
  tagged('type', {
    condition: {
      fields: { type: oneOf(['condition']), column: text, op: oneOf(OPERATORS), value: text, value2: text, values: list(text) },
      required: ['type', 'column', 'op'],
    },
    group: { fields: GROUP_FIELDS, required: ['type', 'combine', 'rules'] },
    orders: {
      fields: { type: oneOf(['orders']), atLeast: wholeNumber(1), where: v.lazy(() => GROUP) },
      required: ['type', 'atLeast', 'where'],
    },
    /**
     * "Is in segment X" by X's id; `member` false is "is not in" (true when left out), `name` is X's
     * name for people reading the file. Which segment exists, and cycles, are the compiler's to say
     * (segment-references.ts): the segment opens, and its error names the problem where it can be fixed.
     */
    segment: { fields: { type: oneOf(['segment']), segment: SEGMENT_ID, member: boolean, name }, required: ['type', 'segment'] },
  }),
  valuesSuitOperator,
);

/**
 * How deep (in groups) and how large (in nodes) a rule tree is, walked with a stack of its own so
 * that no nesting can overflow the call stack; the walk stops as soon as a cap is passed. Written by
 * hand: a schema reads a tree by recursing into it, which is what must not happen before this.
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

/** A rule tree within the caps, then checked rule by rule (a pipe stops at the first schema after a problem). */
const boundedTree = v.pipe(
  v.unknown(),
  v.rawCheck(({ dataset, addIssue }) => {
    const { depth, nodes } = ruleTreeShape(dataset.value);
    if (depth > MAX_RULE_DEPTH) addIssue({ message: `nested deeper than ${MAX_RULE_DEPTH} levels` });
    else if (nodes > MAX_RULES) addIssue({ message: `more than ${MAX_RULES} rules (conditions, groups and order conditions)` });
  }),
  GROUP,
);

const DEFINITION = tagged('kind', {
  rules: { fields: { kind: oneOf(['rules']), root: boundedTree }, required: ['kind', 'root'] },
  sql: { fields: { kind: oneOf(['sql']), sql: text }, required: ['kind', 'sql'] },
});

/** One segment as **Save segment definitions** writes it; optional keys take the page's defaults. */
const SEGMENT = checkOf(
  object(
    {
      id: SEGMENT_ID,
      name,
      color: matching(/^#[0-9a-fA-F]{6}$/, 'a colour such as "#0072b2"'),
      description: text,
      enabled: boolean,
      definition: DEFINITION,
    },
    ['id', 'name', 'definition'],
  ),
);

/**
 * The `segments` part of a spec file, read segment by segment: each segment with a problem (or
 * an id or name an earlier segment already has) is left out and its problems listed. Only the
 * first `MAX_SEGMENTS` are read. Undefined when nothing usable is left.
 */
export function readSegments(v: unknown, path: string, problems: string[]): Record<string, unknown> | undefined {
  const list = isRecord(v) ? v.segments : undefined;
  const kept = partsOf(v, path, { minSizePercent: checkOf(number(0, 100)), segments: () => {} }, problems);
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
