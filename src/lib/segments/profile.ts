import type { UserSqlRunner } from '../import/sql-runner.ts';
import type { SegmentDefinition, SegmentLibrary } from '../spec/segments.ts';
import { valueExpr } from '../sql/segment-rules.ts';
import {
  profileCategoriesSql,
  profileHistogramSql,
  profileNumberStatsSql,
  profileOrderModeSql,
  profileOrderSharesSql,
  profileRevenuePerOrderSql,
  segmentCountSql,
  segmentPredicate,
} from '../sql/segment-sql.ts';
import { profileValueCountsSql } from '../sql/value-counts.ts';
import { num, numOrNull } from './numbers.ts';
import { orderModeTitle, orderShareTitle, PROFILE_AOV_TITLE } from './profile-titles.ts';
import type { Checkpoint } from './run-segments.ts';
import { findColumn, type ColumnInfo, type SegmentSchema } from './schema.ts';
import type { AttributeProfile, CategoryShare, SegmentProfile } from './types.ts';

/** Columns a profile compares: every attribute, plus the value labels and the main metrics. */
const PROFILE_EXTRA = ['rfm_segment', 'value_tier', 'lifecycle_stage', 'recency_days', 'frequency', 'monetary', 'aov'];
const PROFILE_SKIP = new Set([
  'customer_id',
  'r_score',
  'f_score',
  'm_score',
  'rfm_cell',
  'first_purchase',
  'last_purchase',
  'tenure_days',
]);
const TOP_VALUES = 8;
const HISTOGRAM_BINS = 10;
/** Ids of `orders` are not attributes of anything. */
const ORDER_PROFILE_SKIP = new Set(['customer_id', 'order_id']);
/** Metrics whose few large values would squeeze everyone else into one equal-width bar: drawn on a log scale. */
const LONG_TAILED = new Set(['frequency', 'monetary', 'aov']);

async function valueCounts(db: UserSqlRunner, expr: string, predicate: string, integer: boolean) {
  const rows = await db.rows(profileValueCountsSql(expr, predicate));
  return { values: rows.map((r) => num(r.value)), inside: rows.map((r) => num(r.inside)), base: rows.map((r) => num(r.base)), integer };
}

/** Each attribute's distribution inside a segment against the base, those of the customers' orders too. */
export async function profileSegment(
  db: UserSqlRunner,
  definition: SegmentDefinition,
  schema: SegmentSchema,
  library: SegmentLibrary = [],
  checkpoint: Checkpoint = () => {},
): Promise<SegmentProfile> {
  const predicate = segmentPredicate(definition, schema, library);
  const [counts] = await db.rows(segmentCountSql(predicate));
  const members = num(counts.members);
  const base = num(counts.base);
  const attributes: AttributeProfile[] = [];
  const columns = [
    ...PROFILE_EXTRA.map((n) => findColumn(schema.customers, n)).filter((c): c is ColumnInfo => c !== undefined),
    ...schema.customers.filter((c) => !PROFILE_SKIP.has(c.name) && !PROFILE_EXTRA.includes(c.name)),
  ];
  for (const column of columns) {
    checkpoint();
    if (column.kind === 'number') {
      const expr = valueExpr(column);
      const [s] = await db.rows(profileNumberStatsSql(expr, predicate));
      // Text read as numbers may hold `inf`: such a range has no bins.
      const finite = (v: unknown) => {
        const n = numOrNull(v);
        return n !== null && Number.isFinite(n) ? n : null;
      };
      const longTailed = LONG_TAILED.has(column.name);
      const lo = longTailed ? null : finite(s.lo);
      const hi = longTailed ? null : finite(s.hi);
      const edges =
        lo === null || hi === null ? [] : Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => lo + ((hi - lo) * i) / HISTOGRAM_BINS);
      const inside = new Array<number>(edges.length ? HISTOGRAM_BINS : 0).fill(0);
      const inBase = [...inside];
      if (lo !== null && hi !== null) {
        for (const r of await db.rows(profileHistogramSql(expr, predicate, lo, hi, HISTOGRAM_BINS))) {
          inside[num(r.bin)] = num(r.inside) / Math.max(1, num(s.n_inside));
          inBase[num(r.bin)] = num(r.base) / Math.max(1, num(s.n_base));
        }
      }
      attributes.push({
        column: column.name === 'aov' ? PROFILE_AOV_TITLE : column.name,
        kind: 'numeric',
        meanInside: numOrNull(s.mean_inside),
        medianInside: numOrNull(s.median_inside),
        meanBase: numOrNull(s.mean_base),
        medianBase: numOrNull(s.median_base),
        edges,
        inside,
        base: inBase,
        ...(longTailed && { valueCounts: await valueCounts(db, expr, predicate, column.name === 'frequency') }),
      });
    } else if (column.kind === 'text') {
      const rows = await db.rows(profileCategoriesSql(column.name, predicate, TOP_VALUES));
      attributes.push(categorical(column.name, rows, members, base));
    }
  }
  // Attributes that live on orders (a country, a channel): as shares of orders, and as each customer's most frequent value.
  for (const column of schema.orders.filter((c) => c.kind === 'text' && !ORDER_PROFILE_SKIP.has(c.name))) {
    checkpoint();
    const shares = await db.rows(profileOrderSharesSql(column.name, predicate, TOP_VALUES));
    const ordersInside = shares.length ? num(shares[0].total_inside) : 0;
    const ordersBase = shares.length ? num(shares[0].total_base) : 0;
    attributes.push({
      ...categorical(orderShareTitle(column.name), shares, ordersInside, ordersBase),
      orders: { column: column.name, counts: 'orders', totalInside: ordersInside, totalBase: ordersBase },
    });
    checkpoint();
    const modes = await db.rows(profileOrderModeSql(column.name, predicate, TOP_VALUES));
    attributes.push({
      ...categorical(orderModeTitle(column.name), modes, members, base),
      orders: { column: column.name, counts: 'customers', totalInside: members, totalBase: base },
    });
  }
  const [value] = await db.rows(profileRevenuePerOrderSql(predicate));
  const perOrder = (revenue: unknown, orders: unknown) => (num(orders) > 0 ? num(revenue) / num(orders) : null);
  return {
    members,
    base,
    attributes,
    revenuePerOrder: { inside: perOrder(value.revenue_inside, value.orders_inside), base: perOrder(value.revenue_base, value.orders_base) },
  };
}

/** Top values counted inside the segment and in the base, as shares of `totalInside` and `totalBase`. */
function categorical(
  column: string,
  rows: readonly Record<string, unknown>[],
  totalInside: number,
  totalBase: number,
): Extract<AttributeProfile, { kind: 'categorical' }> {
  const values: CategoryShare[] = rows.map((r) => {
    const shareInside = totalInside ? num(r.inside) / totalInside : 0;
    const shareBase = totalBase ? num(r.base) / totalBase : 0;
    return {
      value: r.value == null ? null : String(r.value),
      inside: num(r.inside),
      base: num(r.base),
      shareInside,
      shareBase,
      lift: shareBase > 0 ? shareInside / shareBase : null,
    };
  });
  return {
    column,
    kind: 'categorical',
    values,
    otherInside: totalInside - values.reduce((a, v) => a + v.inside, 0),
    otherBase: totalBase - values.reduce((a, v) => a + v.base, 0),
  };
}
