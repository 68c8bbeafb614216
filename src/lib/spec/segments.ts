/**
 * The segment part of the spec: user-defined segments over the `customers` view, as rule trees
 * or as SQL. Definitions only, never data; the compiler in src/lib/sql/segment-rules.ts turns them
 * into SQL against the column types the engine reports.
 */

/** How a column is compared: as text, as a number or as a calendar date. */
export type ColumnKind = 'text' | 'number' | 'date';

export const TEXT_OPERATORS = ['eq', 'neq', 'in', 'not_in', 'contains', 'starts_with', 'empty', 'not_empty'] as const;
export const NUMBER_OPERATORS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between', 'empty', 'not_empty'] as const;
export const DATE_OPERATORS = ['on', 'before', 'after', 'between', 'within_last', 'more_than_ago', 'empty', 'not_empty'] as const;

export type Operator = (typeof TEXT_OPERATORS)[number] | (typeof NUMBER_OPERATORS)[number] | (typeof DATE_OPERATORS)[number];

export const OPERATORS_BY_KIND: Record<ColumnKind, readonly Operator[]> = {
  text: TEXT_OPERATORS,
  number: NUMBER_OPERATORS,
  date: DATE_OPERATORS,
};

/**
 * What a new condition (or one whose column changes to a kind its operator does not fit) starts
 * with: "equals" for text and numbers, so typing a value means that value and not "at least" it;
 * "on" for dates, the one date operator that reads right with the single value typed.
 */
export const DEFAULT_OPERATOR: Record<ColumnKind, Operator> = { text: 'eq', number: 'eq', date: 'on' };

export const OPERATOR_LABELS: Record<Operator, string> = {
  eq: 'equals',
  neq: 'does not equal',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  starts_with: 'starts with',
  empty: 'is empty',
  not_empty: 'is not empty',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  between: 'between',
  on: 'on',
  before: 'before',
  after: 'after',
  within_last: 'within the last … days',
  more_than_ago: 'more than … days ago',
};

/** Operators that take no value, two values, or a list. */
export const VALUELESS: readonly Operator[] = ['empty', 'not_empty'];
export const LIST_OPERATORS: readonly Operator[] = ['in', 'not_in'];

/**
 * One comparison. Values are kept as typed (text), validated when compiled: a number, a
 * `YYYY-MM-DD` date, a whole number of days, or any text.
 */
export interface Condition {
  type: 'condition';
  column: string;
  op: Operator;
  /** The value, or the lower bound of `between`. */
  value: string;
  /** The upper bound of `between`. */
  value2: string;
  /** The list of `in` / `not in`. */
  values: string[];
}

/** "Has at least N orders where …": a condition on the `orders` view, counted per customer. */
export interface OrdersCondition {
  type: 'orders';
  atLeast: number;
  where: RuleGroup;
}

export interface RuleGroup {
  type: 'group';
  combine: 'and' | 'or';
  rules: Rule[];
}

/**
 * "Is in segment X" / "is not in segment X": another segment of the same spec, named by its id so
 * a rename keeps the rule working. `name` is the segment's name as last seen (the page keeps it up
 * to date): it names the segment once it is deleted, and tells a person reading a file which one
 * it is; the id alone decides. A customers rule only: not inside an order condition.
 */
export interface SegmentReference {
  type: 'segment';
  /** The referenced segment's id. */
  segment: string;
  /** False: "is not in". */
  member: boolean;
  name: string;
}

export type Rule = Condition | OrdersCondition | RuleGroup | SegmentReference;

export type SegmentDefinition = { kind: 'rules'; root: RuleGroup } | { kind: 'sql'; sql: string };

export interface SegmentSpec {
  /** Stable within a spec, so overlap and selection survive reordering. */
  id: string;
  name: string;
  color: string;
  description: string;
  enabled: boolean;
  definition: SegmentDefinition;
}

/**
 * What a reference reads of another segment: all a spec's segments, enabled or not, are this.
 * `awaitingConfirmation`: SQL from a share link the user has not confirmed yet (see held-sql.ts):
 * it runs nowhere, so "is in" it is refused until then.
 */
export type ReferableSegment = Pick<SegmentSpec, 'id' | 'name' | 'enabled' | 'definition'> & { awaitingConfirmation?: boolean };

/** The segments a definition's references are resolved in (the spec's whole list). */
export type SegmentLibrary = readonly ReferableSegment[];

export interface SegmentsSpec {
  segments: SegmentSpec[];
  /** Segments under this share of customers (in percent) are flagged as too narrow to act on. */
  minSizePercent: number;
}

export function emptyGroup(combine: RuleGroup['combine'] = 'and'): RuleGroup {
  return { type: 'group', combine, rules: [] };
}

export function condition(column: string, op: Operator, value = '', value2 = '', values: string[] = []): Condition {
  return { type: 'condition', column, op, value, value2, values };
}

export function defaultSegmentsSpec(): SegmentsSpec {
  return { segments: [], minSizePercent: 1 };
}

/** "Is in" (or, with `member` false, "is not in") this segment. */
export function segmentReference(segment: Pick<SegmentSpec, 'id' | 'name'>, member = true): SegmentReference {
  return { type: 'segment', segment: segment.id, member, name: segment.name };
}

/** A new condition on a column of this kind, with the kind's default operator and no value yet. */
export function newCondition(column: string, kind: ColumnKind): Condition {
  return condition(column, DEFAULT_OPERATOR[kind]);
}

/** The operator kept when a condition's column changes kind: the same one if it still applies, else the kind's default. */
export function fitOperator(op: Operator, kind: ColumnKind): Operator {
  return OPERATORS_BY_KIND[kind].includes(op) ? op : DEFAULT_OPERATOR[kind];
}
