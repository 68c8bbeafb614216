import { sqlNumber } from '../analysis/sql-number.ts';
import type { RangeSegment, SegmentMap } from '../spec/analysis.ts';
import { literal, literalList } from './quote.ts';

/** The segment customers in no segment of the map fall into. */
export const OTHER_SEGMENT = 'Other';

/** Scores run 1..MAX_SCORE at most (bins 3, 4 or 5); a map is resolved for every such cell. */
const MAX_SCORE = 5;

/** A range rule's bounds, each checked to be a finite number (people type them). */
function bounds(s: RangeSegment): [number, number][] {
  return (['r', 'f', 'm'] as const).map((d) => {
    const [lo, hi] = s[d];
    return [Number(sqlNumber(lo, `${s.name} ${d}_score range`)), Number(sqlNumber(hi, `${s.name} ${d}_score range`))];
  });
}

/**
 * Stage 3, `customer_segments`: each scored customer's segment, first match in map order winning
 * (so a cell claimed twice goes to the first claimant), else "Other". `segment_index` is the
 * 0-based position in the map (NULL for "Other"): results group by it, since names may repeat.
 * The map is resolved here for each of the 125 possible cells, and the SQL only looks a customer's
 * cell up in that list: per customer, an index instead of a chain of text comparisons.
 */
export function customerSegmentsSql(map: SegmentMap): string {
  const ranges = map.kind === 'ranges' ? map.segments.map(bounds) : [];
  const lookup: (number | null)[] = [];
  for (let r = 1; r <= MAX_SCORE; r++) {
    for (let f = 1; f <= MAX_SCORE; f++) {
      for (let m = 1; m <= MAX_SCORE; m++) {
        const cell = `${r}${f}${m}`;
        const index =
          map.kind === 'cells'
            ? map.segments.findIndex((s) => s.cells.includes(cell))
            : ranges.findIndex((b) => [r, f, m].every((score, i) => b[i][0] <= score && score <= b[i][1]));
        lookup.push(index < 0 ? null : index);
      }
    }
  }
  const list = `CAST([${lookup.map((i) => (i === null ? 'NULL' : String(i))).join(', ')}] AS INTEGER[])`;
  const index = `${list}[(r_score - 1) * ${MAX_SCORE * MAX_SCORE} + (f_score - 1) * ${MAX_SCORE} + m_score]`;
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
  return `SELECT segment_index, count(*) AS customers, CAST(sum(monetary) AS DOUBLE) AS revenue, CAST(coalesce(sum(monetary), 0) AS VARCHAR) AS revenue_text
FROM customer_segments
GROUP BY segment_index`;
}
