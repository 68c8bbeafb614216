import { sqlNumber } from '../analysis/sql-number.ts';
import type { RangeSegment, SegmentMap } from '../spec/analysis.ts';
import { literal, literalList } from './quote.ts';

/** The segment customers in no segment of the map fall into. */
export const OTHER_SEGMENT = 'Other';

function rangeCondition(s: RangeSegment): string {
  const between = (score: string, [lo, hi]: [number, number]) =>
    `${score} BETWEEN ${sqlNumber(lo, `${s.name} ${score} range`)} AND ${sqlNumber(hi, `${s.name} ${score} range`)}`;
  return [between('r_score', s.r), between('f_score', s.f), between('m_score', s.m)].join(' AND ');
}

/**
 * Stage 3, `customer_segments`: each scored customer's segment, first match in map order winning
 * (so a cell claimed twice goes to the first claimant), else "Other". `segment_index` is the
 * 0-based position in the map (NULL for "Other"): results group by it, since names may repeat.
 */
export function customerSegmentsSql(map: SegmentMap): string {
  const whens: string[] =
    map.kind === 'cells'
      ? map.segments.flatMap((s, i) => (s.cells.length ? [`WHEN rfm_cell IN (${s.cells.map(literal).join(', ')}) THEN ${i}`] : []))
      : map.segments.map((s, i) => `WHEN ${rangeCondition(s)} THEN ${i}`);
  const index = whens.length ? `CASE\n    ${whens.join('\n    ')}\n  END` : 'CAST(NULL AS INTEGER)';
  const names = map.segments.length ? literalList(map.segments.map((s) => s.name)) : 'CAST([] AS VARCHAR[])';
  return `CREATE OR REPLACE TABLE customer_segments AS
WITH s AS (
  SELECT customer_id, monetary, ${index} AS segment_index
  FROM customer_scores
)
SELECT customer_id, monetary, segment_index, coalesce(${names}[segment_index + 1], ${literal(OTHER_SEGMENT)}) AS rfm_segment FROM s`;
}

/** Customers and revenue per segment position (NULL = "Other"). */
export function segmentTotalsSql(): string {
  return `SELECT segment_index, count(*) AS customers, CAST(sum(monetary) AS DOUBLE) AS revenue
FROM customer_segments
GROUP BY segment_index`;
}
