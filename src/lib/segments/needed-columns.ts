import { EXPORT_COLUMNS } from '../analysis/result.ts';
import { WorkbenchError } from '../errors.ts';
import type { Rule, RuleGroup, SegmentDefinition } from '../spec/segments.ts';
import { CUSTOMER_METRIC_COLUMNS } from '../sql/customers-view.ts';
import { findColumn, type SegmentSchema } from './schema.ts';

/**
 * Columns of `orders` every analysis has: what an order has once, whichever of its lines is read.
 * The rest of `orders`' columns are its lines' attributes, from the user's file.
 */
export const ORDER_LEVEL_COLUMNS: readonly string[] = ['customer_id', 'order_id', 'order_date', 'amount', 'line_count'];

/** Columns the analysis makes for every dataset: a rule naming one needs nothing from the user's files. */
const ALWAYS_PRESENT = {
  customers: [...EXPORT_COLUMNS, ...CUSTOMER_METRIC_COLUMNS] as readonly string[],
  orders: ORDER_LEVEL_COLUMNS,
};

export type RuleView = keyof typeof ALWAYS_PRESENT;

/** A column a condition names, and the view it reads it from (`orders` inside "has at least N orders"). */
export interface NamedColumn {
  view: RuleView;
  name: string;
}

/**
 * Every column a rule definition's conditions name, each once per view (as DuckDB compares names:
 * case-insensitively), in the order written; none for SQL. "Is in segment" rules name no column of
 * their own. Walked with a stack of its own, so a tampered tree cannot overflow the call stack.
 */
export function namedColumns(definition: SegmentDefinition): NamedColumn[] {
  if (definition.kind !== 'rules') return [];
  const found: NamedColumn[] = [];
  const seen = new Set<string>();
  const stack: { rule: Rule; view: RuleView }[] = [{ rule: definition.root, view: 'customers' }];
  while (stack.length) {
    const { rule, view } = stack.pop()!;
    if (rule.type === 'condition') {
      const key = `${view}\u0000${rule.column.toLowerCase()}`;
      if (!seen.has(key)) found.push({ view, name: rule.column });
      seen.add(key);
    } else if (rule.type === 'group') stack.push(...[...rule.rules].reverse().map((r) => ({ rule: r, view })));
    else if (rule.type === 'orders') stack.push({ rule: rule.where, view: 'orders' });
  }
  return found;
}

/** The columns a definition names that must come from the loaded files (not the analysis's own), each once. */
export function columnsFromFiles(definition: SegmentDefinition): string[] {
  const own = (c: NamedColumn) => ALWAYS_PRESENT[c.view].some((name) => name.toLowerCase() === c.name.toLowerCase());
  return unique(namedColumns(definition).filter((c) => !own(c)));
}

/** The columns a rule tree names that the loaded data lacks, each once, in the order written. */
export function missingColumns(root: RuleGroup, schema: SegmentSchema): string[] {
  return unique(namedColumns({ kind: 'rules', root }).filter((c) => !findColumn(schema[c.view], c.name)));
}

function unique(columns: readonly NamedColumn[]): string[] {
  const names: string[] = [];
  for (const c of columns) if (!names.some((n) => n.toLowerCase() === c.name.toLowerCase())) names.push(c.name);
  return names;
}

/** "`country`", "`country` and `plan`", "`a`, `b` and `c`". */
export function columnList(columns: readonly string[]): string {
  const quoted = columns.map((c) => `\`${c}\``);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** What a segment says when the data lacks columns it names. */
export function needsColumnsMessage(columns: readonly string[], inSql = false): string {
  const what = columns.length === 1 ? `Needs column ${columnList(columns)} — map one` : `Needs columns ${columnList(columns)} — map them`;
  return `${what} in Data${inSql ? ', or correct the SQL' : ''}.`;
}

/** A definition naming columns the loaded data lacks: a result of its own, never a count of 0. */
export class MissingColumns extends WorkbenchError {
  constructor(
    readonly needsColumns: readonly string[],
    inSql = false,
  ) {
    super('rule', needsColumnsMessage(needsColumns, inSql));
  }
}

/** The columns an error says are missing (a MissingColumns, or a problem of a referenced segment carrying them); none for any other. */
export function needsColumnsOf(error: unknown): string[] {
  const columns = error instanceof Error ? (error as { needsColumns?: unknown }).needsColumns : undefined;
  return Array.isArray(columns) && columns.every((c) => typeof c === 'string') ? [...columns] : [];
}

/**
 * The column a DuckDB Binder error names as missing, or null. Its first line reads
 * `Binder Error: Referenced column "x" not found in FROM clause!` or, for a qualified name,
 * `Binder Error: Table "t" does not have a column named "x"` (`Values list "t"` when t is a view).
 * DuckDB does not escape a quote inside a name, so the name is everything between the fixed words.
 */
export function missingColumnOfEngineError(message: string): string | null {
  const first = message.split('\n')[0];
  const unqualified = /^Binder Error: Referenced column "(.+)" not found in FROM clause!$/.exec(first);
  if (unqualified) return unqualified[1];
  const qualified = /^Binder Error: (?:Table|Values list) ".+?" does not have a column named "(.+)"$/.exec(first);
  return qualified ? qualified[1] : null;
}

/**
 * A needs-columns message as text and `code` parts, for the page to show the names as code: each
 * `column` of `columns` in backticks is one (a backtick inside a name cannot split the message wrongly).
 */
export function messageParts(message: string, columns: readonly string[]): { text: string; code: boolean }[] {
  const tokens = [...columns].sort((a, b) => b.length - a.length).map((c) => `\`${c}\``);
  const parts: { text: string; code: boolean }[] = [];
  let text = '';
  for (let at = 0; at < message.length;) {
    const token = tokens.find((t) => message.startsWith(t, at));
    if (token) {
      if (text) parts.push({ text, code: false });
      parts.push({ text: token.slice(1, -1), code: true });
      text = '';
      at += token.length;
    } else text += message[at++];
  }
  if (text) parts.push({ text, code: false });
  return parts;
}
