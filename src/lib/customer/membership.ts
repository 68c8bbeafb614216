import { findColumn, type ColumnInfo, type SegmentSchema } from '../segments/schema.ts';
import { OPERATOR_LABELS, type Condition, type Rule, type RuleGroup } from '../spec/segments.ts';
import type { Membership, RuleCheck } from './types.ts';

/** A typed value as a rule shows it: text in quotes, numbers and dates as typed. */
function shown(value: string, column: ColumnInfo | undefined): string {
  return column?.kind === 'text' || column === undefined ? JSON.stringify(value) : value.trim();
}

function conditionText(c: Condition, columns: readonly ColumnInfo[]): string {
  const column = findColumn(columns, c.column);
  const name = column?.name ?? c.column;
  switch (c.op) {
    case 'empty':
    case 'not_empty':
      return `${name} ${OPERATOR_LABELS[c.op]}`;
    case 'in':
    case 'not_in':
      return `${name} ${OPERATOR_LABELS[c.op]} ${c.values.map((v) => shown(v, column)).join(', ')}`;
    case 'contains':
    case 'starts_with':
      return `${name} ${OPERATOR_LABELS[c.op]} ${JSON.stringify(c.value)}`;
    case 'between':
      return `${name} between ${shown(c.value, column)} and ${shown(c.value2, column)}`;
    case 'within_last':
      return `${name} within the last ${c.value.trim()} days`;
    case 'more_than_ago':
      return `${name} more than ${c.value.trim()} days ago`;
    default:
      return `${name} ${OPERATOR_LABELS[c.op] ?? c.op} ${shown(c.value, column)}`;
  }
}

function groupText(group: RuleGroup, columns: readonly ColumnInfo[], schema: SegmentSchema): string {
  if (group.rules.length === 0) return 'no conditions';
  const parts = group.rules.map((r) => ruleText(r, schema, columns));
  return parts.length === 1 ? parts[0] : `(${parts.join(` ${group.combine} `)})`;
}

/**
 * A rule in words: `monetary ≥ 500`, `country is one of "FR", "DE"`, `has at least 2 orders where
 * channel equals "web"`, `is in segment "Champions"` (by the name the rule keeps up to date).
 */
export function ruleText(rule: Rule, schema: SegmentSchema, columns: readonly ColumnInfo[] = schema.customers): string {
  switch (rule.type) {
    case 'condition':
      return conditionText(rule, columns);
    case 'group':
      return groupText(rule, columns, schema);
    case 'orders': {
      const where = rule.where.rules.length ? ` where ${groupText(rule.where, schema.orders, schema)}` : '';
      return `has at least ${rule.atLeast} order${rule.atLeast === 1 ? '' : 's'}${where}`;
    }
    case 'segment':
      return `is ${rule.member ? '' : 'not '}in segment ${JSON.stringify(rule.name || rule.segment)}`;
  }
}

/** The column a top-level condition names in `customers`, for showing the customer's own value beside it. */
export function conditionColumn(rule: Rule, schema: SegmentSchema): string | null {
  return rule.type === 'condition' ? (findColumn(schema.customers, rule.column)?.name ?? null) : null;
}

const quoted = (checks: readonly RuleCheck[]) => checks.map((c) => `"${c.text}"`).join(', ');

/** Why a customer is in a segment or not (the verdict itself is shown beside it), from its top-level checks and how they combine. */
export function membershipWhy(member: boolean, combine: Membership['combine'], checks: readonly RuleCheck[]): string {
  if (combine === 'sql') {
    return member ? 'its SQL condition is true for this customer.' : 'its SQL condition is false or empty (NULL) for this customer.';
  }
  if (checks.length === 0) return member ? 'it has no conditions, so everyone is in it.' : 'it has no conditions.';
  const holding = checks.filter((c) => c.holds);
  const failing = checks.filter((c) => !c.holds);
  if (checks.length === 1) return member ? 'its condition holds.' : 'its condition does not hold.';
  if (member)
    return combine === 'and' ? `all ${checks.length} conditions hold.` : `${quoted(holding)} ${holding.length === 1 ? 'holds' : 'hold'}.`;
  return combine === 'and'
    ? `${quoted(failing)} ${failing.length === 1 ? 'does' : 'do'} not hold.`
    : `none of its ${checks.length} conditions holds.`;
}
