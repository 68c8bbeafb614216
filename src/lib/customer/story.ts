import { EXPORT_COLUMNS } from '../analysis/result.ts';
import { fromDuckDbError } from '../errors.ts';
import type { Row, UserSqlRunner } from '../import/sql-runner.ts';
import { compileSegment } from '../segments/run-segments.ts';
import { num, numOrNull } from '../segments/numbers.ts';
import type { SegmentSchema } from '../segments/schema.ts';
import type { AnalysisSpec } from '../spec/analysis.ts';
import type { SegmentLibrary } from '../spec/segments.ts';
import {
  customerFactsSql,
  customerFlagsSql,
  customerOrderCountSql,
  customerOrdersSql,
  customerRowSql,
  lineAttributeColumns,
  scoreRangesSql,
} from '../sql/customer.ts';
import { CUSTOMER_METRIC_COLUMNS } from '../sql/customers-view.ts';
import { cutPointsSql } from '../sql/rfm.ts';
import { explainCustomer } from './explain.ts';
import { conditionColumn, membershipWhy, ruleText } from './membership.ts';
import type {
  CustomerFacts,
  CustomerOrders,
  CustomerStory,
  Membership,
  OrdersPageQuery,
  RuleCheck,
  ScoreBands,
  StorySegment,
  StoryValue,
} from './types.ts';

/** A result cell as the story shows it (lists and structs, which `customers` does not have, as text). */
function plain(value: unknown): StoryValue {
  if (value == null) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

const numbers = (list: unknown): number[] => [...((list as Iterable<unknown> | null) ?? [])].map(Number);

/** The facts of one customer from the analysis tables; null when the id is not loaded. */
async function readFacts(db: UserSqlRunner, id: string, spec: AnalysisSpec, analysisDate: string): Promise<CustomerFacts | null> {
  const [row] = await db.rows(customerFactsSql(id));
  if (!row) return null;
  const bought = row.recency_days != null;
  const facts: CustomerFacts = {
    id,
    analysisDate,
    spec,
    metrics: bought
      ? {
          recencyDays: num(row.recency_days),
          frequency: num(row.frequency),
          monetary: String(row.monetary_text),
          aov: numOrNull(row.aov),
          firstPurchase: String(row.first_purchase),
          lastPurchase: String(row.last_purchase),
          tenureDays: num(row.tenure_days),
        }
      : null,
    scores: bought
      ? {
          r: num(row.r_score),
          f: num(row.f_score),
          m: num(row.m_score),
          cell: String(row.rfm_cell),
          segment: String(row.rfm_segment),
          segmentIndex: numOrNull(row.segment_index),
          mValue: num(row.m_value),
        }
      : null,
    bands: bought ? await readBands(db, id, spec) : null,
    valueTier: row.value_tier == null ? null : String(row.value_tier),
    tier: bought
      ? {
          rank: num(row.value_rank),
          buyers: num(row.buyers),
          revenueShare: numOrNull(row.revenue_share),
          percentile: numOrNull(row.percentile),
        }
      : null,
    lifecycleStage: String(row.lifecycle_stage),
  };
  return facts;
}

/** The bands a buyer's scores stand for: the method's cut points, or (rank n-tiles) the values of their group. */
async function readBands(db: UserSqlRunner, id: string, spec: AnalysisSpec): Promise<ScoreBands> {
  if (spec.rfm.method === 'ntile') {
    const [r] = await db.rows(scoreRangesSql(id));
    const range = (dim: 'r' | 'f' | 'm') => ({ min: num(r[`${dim}_min`]), max: num(r[`${dim}_max`]) });
    return { kind: 'ranges', ranges: { r: range('r'), f: range('f'), m: range('m') } };
  }
  const [c] = await db.rows(cutPointsSql(spec.rfm));
  return { kind: 'cuts', cuts: { r: numbers(c.recency_cuts), f: numbers(c.frequency_cuts), m: numbers(c.monetary_cuts) } };
}

/** A segment ready to evaluate: its whole predicate and one per top-level rule. */
interface Runnable {
  segment: StorySegment;
  predicate: string;
  combine: Membership['combine'];
  parts: { text: string; predicate: string; column: string | null }[];
}
type Prepared = { segment: StorySegment; error: string } | Runnable;

function prepare(segment: StorySegment, schema: SegmentSchema, library: SegmentLibrary): Prepared {
  const whole = compileSegment(segment.definition, schema, library, segment.id);
  if ('error' in whole) return { segment, error: whole.error };
  const definition = segment.definition;
  if (definition.kind === 'sql') return { segment, predicate: whole.predicate, combine: 'sql', parts: [] };
  const parts = definition.root.rules.map((rule) => {
    const compiled = compileSegment({ kind: 'rules', root: { type: 'group', combine: 'and', rules: [rule] } }, schema, library, segment.id);
    // The whole compiled, so each of its rules does.
    return {
      text: ruleText(rule, schema),
      predicate: 'predicate' in compiled ? compiled.predicate : 'NULL',
      column: conditionColumn(rule, schema),
    };
  });
  return { segment, predicate: whole.predicate, combine: definition.root.combine, parts };
}

/**
 * Whether the customer is in each segment, with each top-level rule's outcome: one query for all
 * of them, or, when one fails on a row (a failing cast), one per segment so the rest still show.
 */
async function readMemberships(
  db: UserSqlRunner,
  id: string,
  segments: readonly StorySegment[],
  schema: SegmentSchema,
  row: Row,
  library: SegmentLibrary,
): Promise<Membership[]> {
  const prepared = segments.map((s) => prepare(s, schema, library));
  const runnable = prepared.filter((p): p is Runnable => !('error' in p));
  const predicates = (p: Runnable) => [p.predicate, ...p.parts.map((part) => part.predicate)];
  const flags = new Map<string, boolean[]>();
  const errors = new Map<string, string>();
  const read = async (list: Runnable[]) => {
    const [r] = await db.rows(customerFlagsSql(id, list.flatMap(predicates)));
    let i = 0;
    for (const p of list)
      flags.set(
        p.segment.id,
        predicates(p).map(() => r?.[`f${i++}`] === true),
      );
  };
  if (runnable.length) {
    try {
      await read(runnable);
    } catch {
      for (const p of runnable) {
        try {
          await read([p]);
        } catch (e) {
          errors.set(p.segment.id, fromDuckDbError(e).message);
        }
      }
    }
  }
  return prepared.map((p): Membership => {
    const base = { segmentId: p.segment.id, name: p.segment.name };
    const error = 'error' in p ? p.error : errors.get(p.segment.id);
    if (error !== undefined || 'error' in p) {
      return { ...base, member: null, error: error ?? null, combine: 'sql', checks: [], why: `it could not be evaluated: ${error}` };
    }
    const [member, ...holds] = flags.get(p.segment.id) ?? [];
    const checks: RuleCheck[] =
      p.combine === 'sql' && p.segment.definition.kind === 'sql'
        ? [{ text: p.segment.definition.sql.trim(), holds: member }]
        : p.parts.map((part, i) => ({
            text: part.text,
            holds: holds[i],
            ...(part.column !== null && { column: part.column, value: plain(row[part.column]) }),
          }));
    return { ...base, member, error: null, combine: p.combine, checks, why: membershipWhy(member, p.combine, checks) };
  });
}

/** One page of a customer's orders, newest first, with the distinct values each line attribute has on the order's lines. */
export async function readCustomerOrders(
  db: UserSqlRunner,
  id: string,
  schema: SegmentSchema,
  page: OrdersPageQuery,
): Promise<CustomerOrders> {
  const attributes = lineAttributeColumns(schema.orders.map((c) => c.name));
  const [{ total }] = await db.rows(customerOrderCountSql(id));
  const rows = await db.rows(customerOrdersSql(id, attributes, page.offset, page.limit));
  const columns = ['order_id', 'order_date', 'amount', 'line_count', ...attributes];
  return {
    columns,
    numeric: columns.map((c) => c === 'amount' || c === 'line_count'),
    rows: rows.map((r) => columns.map((c) => plain(r[c]))),
    total: num(total),
    offset: page.offset,
    limit: page.limit,
  };
}

/** Columns of `customers` the story shows in its own sections; the rest are the customer's attributes. */
const SHOWN_ELSEWHERE = new Set<string>([...EXPORT_COLUMNS, ...CUSTOMER_METRIC_COLUMNS]);

/**
 * One customer's story from the analysis tables built with `spec` (the analysis date `analysisDate`):
 * metrics, scores, segment, tier and stage with how each was derived, membership of each given
 * segment with why (their "is in segment" rules resolved in `library`), and the first page of
 * their orders. Every statement goes through the gate (segment predicates are user text).
 */
export async function readCustomerStory(
  db: UserSqlRunner,
  id: string,
  segments: readonly StorySegment[],
  schema: SegmentSchema,
  spec: AnalysisSpec,
  page: OrdersPageQuery,
  library: SegmentLibrary = [],
): Promise<CustomerStory> {
  const facts = await readFacts(db, id, spec, schema.analysisDate);
  const orders = await readCustomerOrders(db, id, schema, page);
  if (!facts) {
    const missing = `There is no customer "${id}" in the loaded data.`;
    return {
      facts: {
        id,
        analysisDate: schema.analysisDate,
        spec,
        metrics: null,
        scores: null,
        bands: null,
        valueTier: null,
        tier: null,
        lifecycleStage: '',
      },
      found: false,
      explanations: { r: null, f: null, m: null, segment: missing, action: null, tier: missing, lifecycle: missing },
      attributes: [],
      memberships: [],
      orders,
    };
  }
  const [row] = await db.rows(customerRowSql(id));
  return {
    facts,
    found: true,
    explanations: explainCustomer(facts),
    attributes: Object.keys(row)
      .filter((name) => !SHOWN_ELSEWHERE.has(name))
      .map((name) => ({ name, value: plain(row[name]) })),
    memberships: await readMemberships(db, id, segments, schema, row, library),
    orders,
  };
}
