import { WorkbenchError, errorKind, errorMessage, fromDuckDbError } from '../errors.ts';
import type { UserSqlRunner } from '../import/sql-runner.ts';
import { referencesOf } from '../spec/segment-references.ts';
import type { SegmentDefinition, SegmentLibrary } from '../spec/segments.ts';
import { referencedProblem } from '../sql/segment-references.ts';
import {
  describeViewSql,
  rangeSql,
  textKindsProbeSql,
  topValuesSql,
  type ProbedKinds,
  type ProbeTable,
  type SegmentView,
} from '../sql/segment-schema.ts';
import { attributeColumnsSql, viewAttributeNames } from '../sql/customers-view.ts';
import { audiencePredicate } from '../sql/audience.ts';
import { ident } from '../sql/quote.ts';
import { valueExpr } from '../sql/segment-rules.ts';
import {
  memberPageSql,
  memberTotalSql,
  segmentBindSql,
  segmentCountSql,
  segmentFlagsSql,
  segmentKpisSql,
  segmentMembersSql,
  segmentOverlapSql,
  segmentPredicate,
  type PageQuery,
} from '../sql/segment-sql.ts';
import { trimDecimal } from '../import/decimal-text.ts';
import { deriveKpis, kpiIndex } from './kpis.ts';
import { num, numOrNull } from './numbers.ts';
export { profileSegment } from './profile.ts';
import { MissingColumns, missingColumnOfEngineError, needsColumnsOf } from './needed-columns.ts';
import { findColumn, kindOfType, type ColumnInfo, type SegmentSchema } from './schema.ts';
import type { ColumnSummary, KpiSums, MemberPage, SegmentAnalysis, SegmentCount } from './types.ts';

/**
 * Called between the statements of long work: it may throw to give way to more urgent work (the
 * worker then runs that and starts this work again).
 */
export type Checkpoint = () => void;

/** A text column's kind from its probe counts: number or date only when every filled value reads as one. */
function probedKind(counts: Record<string, unknown>, i: number): ColumnInfo['kind'] | null {
  const filled = num(counts[`filled_${i}`]);
  if (filled === 0 || num(counts[`zero_led_${i}`]) > 0) return null;
  if (num(counts[`numbers_${i}`]) === filled) return 'number';
  if (num(counts[`dates_${i}`]) === filled) return 'date';
  return null;
}

/**
 * The kinds a column may still be after its sample: none when a sampled value is a code or reads as
 * neither; both when the sample has no values, or its values read as both (`infinity`).
 */
function kindsLeft(sample: Record<string, unknown>, i: number): ProbedKinds | null {
  const filled = num(sample[`filled_${i}`]);
  if (filled === 0) return 'both';
  if (num(sample[`zero_led_${i}`]) > 0) return null;
  const numbers = num(sample[`numbers_${i}`]) === filled;
  const dates = num(sample[`dates_${i}`]) === filled;
  return numbers && dates ? 'both' : numbers ? 'number' : dates ? 'date' : null;
}

const PROBE_SAMPLE_ROWS = 1_000;
/** Ids and the analysis's labels are text whatever they look like (`rfm_cell` 555 is a code). */
const KNOWN_TEXT = new Set(['customer_id', 'order_id', 'rfm_cell', 'rfm_segment', 'value_tier', 'lifecycle_stage']);

/**
 * The columns of a view with the kind rules compare them as. Text columns are probed for numbers
 * and dates: a sample rules most of them out (one value that does not read is enough), and only
 * the columns still in doubt are read in full, counting only the kind their sample allows.
 */
async function viewColumns(db: UserSqlRunner, view: SegmentView): Promise<ColumnInfo[]> {
  const described = await db.rows(describeViewSql(view));
  const columns = described.map((r) => ({ name: String(r.name), type: String(r.type) }));
  const text = columns.filter((c) => c.type === 'VARCHAR' && !KNOWN_TEXT.has(c.name)).map((c) => c.name);
  // The view's text columns other than its labels are the customers file's attributes: read them
  // from their table, the same values without the view's joins.
  const { table, sourceOf } = await probeSource(db, view);
  const probe = async (doubtful: { name: string; kinds: ProbedKinds }[], sampleRows?: number) => {
    const probed = doubtful.map(({ name, kinds }) => ({ source: sourceOf(name), kinds }));
    return probed.length ? (await db.rows(textKindsProbeSql(table, probed, sampleRows)))[0] : {};
  };
  const sample = await probe(
    text.map((name) => ({ name, kinds: 'both' as const })),
    PROBE_SAMPLE_ROWS,
  );
  const doubtful = text.flatMap((name, i) => {
    const kinds = kindsLeft(sample, i);
    return kinds ? [{ name, kinds }] : [];
  });
  const counts = await probe(doubtful);
  const kinds = new Map<string, ColumnInfo['kind']>();
  doubtful.forEach(({ name }, i) => {
    const kind = probedKind(counts, i);
    if (kind) kinds.set(name, kind);
  });
  return columns.map((c) => ({
    name: c.name,
    kind: kinds.get(c.name) ?? kindOfType(c.type),
    storedAsText: c.type === 'VARCHAR',
  }));
}

/** Where a view's text columns are probed: `customers` attributes in their own table, under their file names. */
async function probeSource(db: UserSqlRunner, view: SegmentView): Promise<{ table: ProbeTable; sourceOf: (name: string) => string }> {
  if (view !== 'customers') return { table: view, sourceOf: (name) => name };
  const attributes = (await db.rows(attributeColumnsSql())).map((r) => String(r.name));
  const source = new Map(viewAttributeNames(attributes).map((a) => [a.name, a.source]));
  return { table: 'customer_attributes', sourceOf: (name) => source.get(name) ?? name };
}

/** What rules can name, read from the views after an analysis. */
export async function readSegmentSchema(db: UserSqlRunner, analysisDate: string): Promise<SegmentSchema> {
  return { customers: await viewColumns(db, 'customers'), orders: await viewColumns(db, 'orders'), analysisDate };
}

/** Why a segment has no count: the message, whether the engine lock refused it, and the columns the data lacks (only when that is why). */
export interface SegmentProblem {
  error: string;
  refused: boolean;
  needsColumns?: string[];
}

function problemOf(e: unknown): SegmentProblem {
  const needsColumns = needsColumnsOf(e);
  return { error: errorMessage(e), refused: errorKind(e) === 'refused', ...(needsColumns.length ? { needsColumns } : {}) };
}

/** A problem as a count's result. */
export function failedCount(problem: SegmentProblem, sql: string | null): SegmentCount {
  return { ok: false, sql, ...problem };
}

/**
 * Compiles a definition, its "is in segment" rules resolved in `library` (a cycle named from
 * `self`, the segment's id, when given); a bad rule, a missing column or refused SQL comes back as
 * a result, not an exception.
 */
export function compileSegment(
  definition: SegmentDefinition,
  schema: SegmentSchema,
  library: SegmentLibrary = [],
  self?: string,
): { predicate: string } | SegmentProblem {
  try {
    return { predicate: segmentPredicate(definition, schema, library, self) };
  } catch (e) {
    return problemOf(e);
  }
}

/** A segment's member count as the user edits it, with the SQL it ran. */
export async function countSegment(
  db: UserSqlRunner,
  definition: SegmentDefinition,
  schema: SegmentSchema,
  library: SegmentLibrary = [],
  self?: string,
): Promise<SegmentCount> {
  const compiled = compileSegment(definition, schema, library, self);
  if ('error' in compiled) return failedCount(compiled, null);
  const sql = segmentMembersSql(compiled.predicate);
  const count = (predicate: string) => db.rows(segmentCountSql(predicate));
  try {
    const [row] = await count(compiled.predicate);
    return { ok: true, members: num(row.members), base: num(row.base), sql };
  } catch (e) {
    // DuckDB's error in the page's words: a refusal by the engine lock says so.
    const error = await fromReferenced(definition, fromDuckDbError(e), { schema, library, run: count });
    return failedCount(problemOf(error), sql);
  }
}

/** How a segment is tried on its own when one referring to it fails: bound, or counted. */
interface Retry {
  schema: SegmentSchema;
  library: SegmentLibrary;
  run: (predicate: string) => Promise<unknown>;
}

/**
 * DuckDB's error for a segment that refers to others names a column or a value, not the segment
 * it comes from. Each segment it refers to is tried on its own (only on this error path), and the
 * first that fails is named, through the segments that lead to it; when none fails alone, the
 * error is the segment's own. A column the data lacks is said as such, wherever it is.
 */
async function fromReferenced(definition: SegmentDefinition, error: WorkbenchError, retry: Retry): Promise<WorkbenchError> {
  const failing = await failingReference(definition, retry, new Set());
  if (!failing) return asMissingColumn(error);
  const problem = asMissingColumn(failing.error);
  return referencedProblem(problem.kind, failing.chain, problem.message, needsColumnsOf(problem));
}

/** DuckDB's Binder error for a column the data lacks (a SQL segment's) as a MissingColumns; any other error as it is. */
function asMissingColumn(error: WorkbenchError): WorkbenchError {
  const column = missingColumnOfEngineError(error.message);
  return column === null ? error : new MissingColumns([column], true);
}

async function failingReference(
  definition: SegmentDefinition,
  retry: Retry,
  tried: Set<string>,
): Promise<{ chain: string[]; error: WorkbenchError } | null> {
  for (const reference of referencesOf(definition)) {
    const target = retry.library.find((s) => s.id === reference.segment);
    if (!target || tried.has(target.id)) continue;
    tried.add(target.id);
    const compiled = compileSegment(target.definition, retry.schema, retry.library, target.id);
    // A segment that does not compile made the referrer fail to compile, with its name: not here.
    if ('error' in compiled) continue;
    const error = await failure(() => retry.run(compiled.predicate));
    if (!error) continue;
    const deeper = await failingReference(target.definition, retry, tried);
    return deeper ? { chain: [target.name, ...deeper.chain], error: deeper.error } : { chain: [target.name], error };
  }
  return null;
}

/**
 * KPIs of every segment against the base, and the overlap of every pair. A segment that does not
 * compile or run is reported with its error and left out of the overlap; the others are analysed.
 */
export async function analyseSegments(
  db: UserSqlRunner,
  segments: readonly { id: string; definition: SegmentDefinition }[],
  schema: SegmentSchema,
  minSizePercent: number,
  library: SegmentLibrary = [],
  checkpoint: Checkpoint = () => {},
): Promise<SegmentAnalysis> {
  const valid: { id: string; predicate: string; definition: SegmentDefinition }[] = [];
  const errors = new Map<string, SegmentProblem>();
  const bind = (predicate: string) => db.rows(segmentBindSql(predicate));
  const count = (predicate: string) => db.rows(segmentCountSql(predicate));
  const failed = async (definition: SegmentDefinition, e: WorkbenchError, run: Retry['run']) =>
    problemOf(await fromReferenced(definition, e, { schema, library, run }));
  // Binding (LIMIT 0) finds a bad column or function without reading a row.
  for (const s of segments) {
    const compiled = compileSegment(s.definition, schema, library, s.id);
    if ('error' in compiled) errors.set(s.id, compiled);
    else {
      const error = await failure(() => bind(compiled.predicate));
      if (error) errors.set(s.id, await failed(s.definition, error, bind));
      else valid.push({ id: s.id, predicate: compiled.predicate, definition: s.definition });
    }
  }
  checkpoint();
  // An error only a row can raise (a failing cast), or a segment past the time limit, fails the whole
  // table: find its segment by counting each. A Cancel stops the analysis.
  const flagsFailure = await failure(() => db.create(segmentFlagsSql(valid.map((v) => v.predicate))));
  if (flagsFailure?.kind === 'stopped') throw flagsFailure;
  if (flagsFailure) {
    for (const v of [...valid]) {
      const error = await failure(() => count(v.predicate));
      if (error?.kind === 'stopped') throw error;
      if (error) {
        errors.set(v.id, await failed(v.definition, error, count));
        valid.splice(valid.indexOf(v), 1);
      }
    }
    await db.create(segmentFlagsSql(valid.map((v) => v.predicate)));
  }
  checkpoint();
  const sums = new Map<number, KpiSums>();
  for (const r of await db.ownRows(segmentKpisSql(valid.length))) {
    sums.set(num(r.segment), {
      customers: num(r.customers),
      revenue: num(r.revenue),
      revenueText: String(r.revenue_text ?? '0'),
      orders: num(r.orders),
      avgRecency: numOrNull(r.avg_recency),
    });
  }
  const baseSums = sums.get(-1)!;
  const base = deriveKpis(baseSums, baseSums);
  checkpoint();
  const overlap = valid.map((_, i) => valid.map((__, j) => (i === j ? sums.get(i)!.customers : 0)));
  for (const pair of valid.length > 1 ? await db.ownRows(segmentOverlapSql(valid.length)) : []) {
    const [a, b, customers] = [num(pair.a), num(pair.b), num(pair.customers)];
    overlap[a][b] = overlap[b][a] = customers;
  }
  return {
    base,
    segments: segments.map((s) => {
      const problem = errors.get(s.id);
      if (problem !== undefined) {
        const { error, needsColumns } = problem;
        return { id: s.id, ok: false, error, ...(needsColumns ? { needsColumns } : {}) };
      }
      const kpis = deriveKpis(sums.get(valid.findIndex((v) => v.id === s.id))!, baseSums);
      return { id: s.id, ok: true, kpis, index: kpiIndex(kpis, base), tooNarrow: kpis.shareOfCustomers * 100 < minSizePercent };
    }),
    overlapIds: valid.map((v) => v.id),
    overlap,
  };
}

/** Runs `work`; its error in the page's words, or null when it ran. */
async function failure(work: () => Promise<unknown>): Promise<WorkbenchError | null> {
  try {
    await work();
    return null;
  } catch (e) {
    return fromDuckDbError(e);
  }
}

/** Suggestions for a rule's value: the most common values, and the range of numbers and dates. */
export async function summarizeColumn(db: UserSqlRunner, view: SegmentView, column: ColumnInfo, limit: number): Promise<ColumnSummary> {
  const top = await db.rows(topValuesSql(view, column.name, limit));
  let min: string | null = null;
  let max: string | null = null;
  let deciles: number[] = [];
  if (column.kind !== 'text') {
    const [range] = await db.rows(rangeSql(view, valueExpr(column), column.kind));
    // A list arrives as an Arrow vector in the browser and an array natively: both iterate.
    deciles = [...((range.deciles as Iterable<unknown> | null) ?? [])].map(Number);
    // Numbers as the data writes them: a DECIMAL's padding (`0.000000`) is not part of the value.
    const shown = (v: unknown) => (v == null ? null : column.kind === 'number' ? trimDecimal(String(v)) : String(v));
    min = shown(range.lo);
    max = shown(range.hi);
  }
  return {
    column: column.name,
    kind: column.kind,
    top: top.map((r) => ({ value: r.value == null ? null : String(r.value), count: num(r.n) })),
    distinct: top.length ? num(top[0].distinct_values) : 0,
    min,
    max,
    deciles,
  };
}

/** One page of the customers in every given segment (all customers when none), searchable and sorted. */
export async function memberPage(
  db: UserSqlRunner,
  include: readonly SegmentDefinition[],
  exclude: readonly SegmentDefinition[],
  page: PageQuery,
  schema: SegmentSchema,
  library: SegmentLibrary = [],
): Promise<MemberPage> {
  const compile = (definitions: readonly SegmentDefinition[]) => definitions.map((d) => segmentPredicate(d, schema, library));
  const predicates = [audiencePredicate(compile(include), compile(exclude))];
  const sort = findColumn(schema.customers, page.sortColumn)?.name ?? 'customer_id';
  const text = schema.customers.filter((c) => c.storedAsText).map((c) => c.name);
  const [{ total }] = await db.rows(memberTotalSql(predicates, page.search, text));
  const select = schema.customers.map((c) => displayColumn(c)).join(', ');
  const rows = await db.rows(memberPageSql(predicates, { ...page, sortColumn: sort }, text, select));
  const columns = schema.customers.map((c) => c.name);
  const numeric = schema.customers.map((c) => c.kind === 'number' && !c.storedAsText);
  return { columns, numeric, rows: rows.map((r) => columns.map((c) => plain(r[c]))), total: num(total), offset: page.offset };
}

/** A column as a value for display: native dates as their text; numbers as the engine has them (a DECIMAL as exact text). */
function displayColumn(c: ColumnInfo): string {
  const name = ident(c.name);
  if (!c.storedAsText && c.kind === 'date') return `CAST(${name} AS VARCHAR) AS ${name}`;
  return name;
}

function plain(value: unknown): string | number | boolean | null {
  if (value == null) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}
