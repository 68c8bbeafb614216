import { WorkbenchError } from '../errors.ts';
import { MissingColumns, missingColumns, ORDER_LEVEL_COLUMNS } from '../segments/needed-columns.ts';
import { findColumn, type ColumnInfo, type SegmentSchema } from '../segments/schema.ts';
import { MAX_DAYS } from '../spec/segments-check.ts';
import {
  OPERATORS_BY_KIND,
  OPERATOR_LABELS,
  type Condition,
  type OrdersCondition,
  type Rule,
  type RuleGroup,
  type SegmentReference,
} from '../spec/segments.ts';
import { ident, literal } from './quote.ts';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WHOLE = /^\d+$/;

function invalid(message: string): never {
  throw new WorkbenchError('rule', message);
}

/** Compiles an "is in segment" rule (segment-references.ts knows the other segments). */
export type ReferenceCompiler = (rule: SegmentReference) => string;

/** Without the other segments, every reference names a segment that is not there. */
const noSegments: ReferenceCompiler = (rule) => invalid(`There is no segment "${rule.name || rule.segment}" to be in.`);

/**
 * A rule tree as a boolean SQL expression over one row of the `customers` view. An empty group
 * matches everyone. Values are validated here, so a bad value names itself instead of becoming a
 * DuckDB cast error. Columns the data lacks are named all at once (MissingColumns), before any
 * other problem: the data, not the rule, has to change.
 */
export function rulesPredicate(root: RuleGroup, schema: SegmentSchema, reference: ReferenceCompiler = noSegments): string {
  const missing = missingColumns(root, schema);
  if (missing.length) throw new MissingColumns(missing);
  return groupSql(root, schema.customers, { schema, reference }, false);
}

interface Context {
  schema: SegmentSchema;
  reference: ReferenceCompiler;
}

function groupSql(group: RuleGroup, columns: readonly ColumnInfo[], context: Context, inOrders: boolean): string {
  const parts = group.rules.map((rule) => ruleSql(rule, columns, context, inOrders));
  if (parts.length === 0) return 'true';
  if (parts.length === 1) return parts[0];
  return `(${parts.join(group.combine === 'or' ? ' OR ' : ' AND ')})`;
}

function ruleSql(rule: Rule, columns: readonly ColumnInfo[], context: Context, inOrders: boolean): string {
  switch (rule.type) {
    case 'group':
      return groupSql(rule, columns, context, inOrders);
    case 'orders':
      if (inOrders) invalid('An order condition cannot contain another order condition.');
      return ordersSql(rule, context);
    case 'segment':
      // Membership is a customer's, not an order line's: there is no segment of lines to be in.
      if (inOrders)
        invalid(`"Is in segment" applies to customers, so it cannot be inside an order condition: move it out of "has at least N orders".`);
      return context.reference(rule);
    case 'condition':
      return conditionSql(rule, columns, context.schema.analysisDate);
  }
}

const ORDER_LEVEL = new Set(ORDER_LEVEL_COLUMNS);

/**
 * "Has at least N orders where …": customers with N or more orders for which the conditions hold
 * on one of their lines. Order-level columns (date, amount, line count) are the order's; an
 * attribute is read on every line, so a product on an order's third line counts (`orders` itself
 * keeps the first line's).
 */
function ordersSql(rule: OrdersCondition, context: Context): string {
  const { schema } = context;
  if (!Number.isInteger(rule.atLeast) || rule.atLeast < 1) invalid('"Has at least N orders" needs N of 1 or more.');
  const where = groupSql(rule.where, schema.orders, context, true);
  const lineColumns = schema.orders.filter((c) => !ORDER_LEVEL.has(c.name)).map((c) => `, l.${ident(c.name)}`);
  const lines = `SELECT o.customer_id, o.order_id, o.order_date, o.amount, o.line_count${lineColumns.join('')}
    FROM orders o JOIN order_lines l ON l.customer_id = o.customer_id AND l.order_id IS NOT DISTINCT FROM o.order_id`;
  return `customer_id IN (SELECT customer_id FROM (SELECT DISTINCT customer_id, order_id FROM (${lines}) AS order_line WHERE ${where}) GROUP BY customer_id HAVING count(*) >= ${rule.atLeast})`;
}

function conditionSql(c: Condition, columns: readonly ColumnInfo[], analysisDate: string): string {
  const column = findColumn(columns, c.column);
  // rulesPredicate named every missing column before compiling any condition.
  if (!column) throw new MissingColumns([c.column]);
  if (!OPERATORS_BY_KIND[column.kind].includes(c.op)) {
    invalid(`"${OPERATOR_LABELS[c.op] ?? c.op}" does not apply to ${column.kind} column "${column.name}".`);
  }
  const expr = valueExpr(column);
  if (c.op === 'empty' || c.op === 'not_empty') {
    const empty = column.kind === 'text' ? `nullif(trim(${expr}), '') IS NULL` : `${expr} IS NULL`;
    return c.op === 'empty' ? empty : `NOT (${empty})`;
  }
  switch (column.kind) {
    case 'text':
      return textSql(c, expr, column.name);
    case 'number':
      return numberSql(c, expr, column.name);
    case 'date':
      return dateSql(c, expr, column.name, analysisDate);
  }
}

/** The column as its kind: text attributes holding numbers or dates are cast, unreadable values become NULL. */
export function valueExpr(column: ColumnInfo): string {
  const name = ident(column.name);
  if (column.kind === 'number') return column.storedAsText ? `TRY_CAST(${name} AS DOUBLE)` : name;
  if (column.kind === 'date') return column.storedAsText ? `TRY_CAST(${name} AS DATE)` : `CAST(${name} AS DATE)`;
  return column.storedAsText ? name : `CAST(${name} AS VARCHAR)`;
}

function textSql(c: Condition, expr: string, name: string): string {
  switch (c.op) {
    case 'eq':
      return `${expr} = ${literal(c.value)}`;
    // "Does not equal France" includes customers with no country: that is what a marketer means.
    case 'neq':
      return `${expr} IS DISTINCT FROM ${literal(c.value)}`;
    case 'in':
      return `${expr} IN (${valueList(c, name)})`;
    case 'not_in':
      return `(${expr} IS NULL OR ${expr} NOT IN (${valueList(c, name)}))`;
    // Functions, not LIKE, so `%`, `_` and `\` in the value mean themselves.
    case 'contains':
      return `contains(lower(${expr}), ${literal(c.value.toLowerCase())})`;
    case 'starts_with':
      return `starts_with(lower(${expr}), ${literal(c.value.toLowerCase())})`;
    default:
      return invalid(`"${OPERATOR_LABELS[c.op]}" does not apply to text column "${name}".`);
  }
}

function valueList(c: Condition, name: string): string {
  if (c.values.length === 0) invalid(`Choose at least one value for "${name}".`);
  return c.values.map(literal).join(', ');
}

function numberSql(c: Condition, expr: string, name: string): string {
  const value = numberLiteral(c.value, name);
  switch (c.op) {
    case 'eq':
      return `${expr} = ${value}`;
    case 'neq':
      return `${expr} IS DISTINCT FROM ${value}`;
    case 'lt':
      return `${expr} < ${value}`;
    case 'lte':
      return `${expr} <= ${value}`;
    case 'gt':
      return `${expr} > ${value}`;
    case 'gte':
      return `${expr} >= ${value}`;
    case 'between': {
      const upper = numberLiteral(c.value2, name);
      if (Number(value) > Number(upper)) invalid(`"${name}" between ${value} and ${upper}: the first value must not be above the second.`);
      return `${expr} BETWEEN ${value} AND ${upper}`;
    }
    default:
      return invalid(`"${OPERATOR_LABELS[c.op]}" does not apply to number column "${name}".`);
  }
}

function numberLiteral(text: string, name: string): string {
  const value = text.trim();
  if (!NUMBER.test(value)) invalid(`"${name}": ${value === '' ? 'enter a number' : `"${text}" is not a number`}.`);
  return value.replace(/^\+/, '');
}

function dateSql(c: Condition, expr: string, name: string, analysisDate: string): string {
  const analysis = `DATE ${literal(analysisDate)}`;
  switch (c.op) {
    // `expr` is already a DATE (timestamps are cast), so "on" is the whole calendar day whatever the time of day.
    case 'on':
      return `${expr} = ${dateLiteral(c.value, name)}`;
    case 'before':
      return `${expr} < ${dateLiteral(c.value, name)}`;
    case 'after':
      return `${expr} > ${dateLiteral(c.value, name)}`;
    case 'between': {
      const [from, to] = [dateLiteral(c.value, name), dateLiteral(c.value2, name)];
      if (c.value.trim() > c.value2.trim())
        invalid(`"${name}" between ${c.value} and ${c.value2}: the first date must not be after the second.`);
      return `${expr} BETWEEN ${from} AND ${to}`;
    }
    // Counted back from the analysis date, as recency is: within the last 30 days ⇔ recency ≤ 30.
    case 'within_last':
      return `${expr} BETWEEN ${analysis} - ${days(c.value, name)} AND ${analysis}`;
    case 'more_than_ago':
      return `${expr} < ${analysis} - ${days(c.value, name)}`;
    default:
      return invalid(`"${OPERATOR_LABELS[c.op]}" does not apply to date column "${name}".`);
  }
}

function dateLiteral(text: string, name: string): string {
  const value = text.trim();
  const m = ISO_DATE.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1) {
    invalid(`"${name}": ${value === '' ? 'enter a date' : `"${text}" is not a date`} (YYYY-MM-DD).`);
  }
  return `DATE ${literal(value)}`;
}

function days(text: string, name: string): string {
  const value = text.trim();
  if (!WHOLE.test(value)) invalid(`"${name}": ${value === '' ? 'enter a number of days' : `"${text}" is not a whole number of days`}.`);
  // Past 2^31 days the engine cannot subtract them from a date at all.
  if (Number(value) > MAX_DAYS) invalid(`"${name}": at most ${MAX_DAYS.toLocaleString('en-US')} days.`);
  return String(Number(value));
}
