import { sqlNumber } from '../analysis/sql-number.ts';
import type { Bins, RfmSpec } from '../spec/analysis.ts';

/** What scoring depends on: not the segment map. */
export type ScoreSpec = Pick<RfmSpec, 'method' | 'bins' | 'monetary' | 'thresholds'>;

/** The metric M scores: total spend (exact DECIMAL) or average order value. */
export function mValue(rfm: Pick<RfmSpec, 'monetary'>): string {
  return rfm.monetary === 'average' ? 'aov' : 'monetary';
}

/**
 * The cut points of each dimension as `DOUBLE[]` columns `recency_cuts`, `frequency_cuts`, `monetary_cuts`:
 * breakpoints are the type-7 quantiles k/bins (k = 1..bins−1) of the buyers' values; thresholds
 * are the spec's own. Not defined for ntile, whose classes have no cut points of their own.
 */
export function cutPointsSql(rfm: ScoreSpec): string {
  if (rfm.method === 'ntile') throw new Error('invalid scoring method for cut points: ntile');
  if (rfm.method === 'thresholds') {
    const t = rfm.thresholds;
    if (!t) throw new Error('invalid thresholds: none given for the thresholds method');
    const list = (dim: keyof typeof t) => {
      const cuts = t[dim];
      if (!Array.isArray(cuts) || cuts.length !== rfm.bins - 1) {
        throw new Error(`invalid ${dim} thresholds: ${rfm.bins - 1} cut points needed, got ${JSON.stringify(cuts)}`);
      }
      if (cuts.some((c, i) => i > 0 && c < cuts[i - 1])) throw new Error(`invalid ${dim} thresholds: not ascending: ${cuts.join(', ')}`);
      return `CAST([${cuts.map((c) => sqlNumber(c, `${dim} threshold`)).join(', ')}] AS DOUBLE[])`;
    };
    return `SELECT ${list('recency')} AS recency_cuts, ${list('frequency')} AS frequency_cuts, ${list('monetary')} AS monetary_cuts`;
  }
  const q = quantiles(rfm.bins);
  const quantile = (expr: string) => `quantile_cont(CAST(${expr} AS DOUBLE), [${q.join(', ')}])`;
  return `SELECT ${quantile('recency_days')} AS recency_cuts, ${quantile('frequency')} AS frequency_cuts, ${quantile(mValue(rfm))} AS monetary_cuts
FROM customer_metrics`;
}

function quantiles(bins: Bins): string[] {
  checkBins(bins);
  return Array.from({ length: bins - 1 }, (_, i) => String((i + 1) / bins));
}

function checkBins(bins: number): void {
  if (bins !== 3 && bins !== 4 && bins !== 5) throw new Error(`invalid bins: ${bins}`);
}

/** How many of a dimension's cut points lie strictly below the value. */
function below(expr: string, list: string, bins: number): string {
  return Array.from({ length: bins - 1 }, (_, i) => `CAST(CAST(${expr} AS DOUBLE) > c.${list}_cuts[${i + 1}] AS INTEGER)`).join(' + ');
}

/**
 * Stage 2, `customer_scores`: R, F, M from 1 to bins (bins best) and the cell text (`'545'`).
 * ntile: equal groups in value order, ties broken by `id_rank` (the NTILE of the position that
 * `customer_base` holds for that order); R reversed (recent is good).
 * breakpoints and thresholds: c = cut points strictly below the value; F, M = 1 + c, R = bins − c,
 * so equal values always share a score. A customer whose net spend is ≤ 0 (returns netted, or
 * only free orders) gets M = 1 whatever the method: spending nothing is never middling.
 */
export function customerScoresSql(rfm: ScoreSpec): string {
  checkBins(rfm.bins);
  const n = rfm.bins;
  const m = mValue(rfm);
  if (rfm.method === 'ntile') {
    const pos = rfm.monetary === 'average' ? 'a_pos' : 'm_pos';
    return scoresTable(
      `SELECT customer_id, recency_days, frequency, monetary, ${m} AS m_value,
    CAST(${n + 1} - ${ntile('r_pos')} AS INTEGER) AS r_score,
    CAST(${ntile('f_pos')} AS INTEGER) AS f_score,
    CAST(CASE WHEN monetary <= 0 THEN 1 ELSE ${ntile(pos)} END AS INTEGER) AS m_score
  FROM customer_metrics, t`,
      { name: 't', sql: ntileSizesSql(n) },
    );
  }
  return scoresTable(
    `SELECT customer_id, recency_days, frequency, monetary, ${m} AS m_value,
    ${n} - (${below('recency_days', 'recency', n)}) AS r_score,
    1 + ${below('frequency', 'frequency', n)} AS f_score,
    CASE WHEN monetary <= 0 THEN 1 ELSE 1 + ${below(m, 'monetary', n)} END AS m_score
  FROM customer_metrics, c`,
    { name: 'c', sql: cutPointsSql(rfm) },
  );
}

/**
 * NTILE(n)'s group sizes over the buyers, as DuckDB (like PostgreSQL) forms them: n groups (at most
 * one per buyer), the first \`large\` of them one buyer bigger than \`size\`.
 */
function ntileSizesSql(n: number): string {
  return `SELECT size, large, large * (size + 1) AS small_end FROM (
    SELECT size, total - k * size AS large FROM (
      SELECT total, k, total // k AS size FROM (SELECT count(*) AS total, least(${n}, count(*)) AS k FROM customer_metrics)))`;
}

/** NTILE(n) OVER (that position's order), from a buyer's precomputed 0-based position: no sort. */
function ntile(pos: string): string {
  return `CASE WHEN ${pos} < t.small_end THEN 1 + ${pos} // (t.size + 1) ELSE 1 + t.large + (${pos} - t.small_end) // t.size END`;
}

/**
 * The scores table from the scoring SELECT and the one-row CTE it reads (`t` sizes or `c` cut
 * points). Scores are single digits, so the cell is one number's text: cheaper than joining three.
 */
function scoresTable(scored: string, pre: { name: 't' | 'c'; sql: string }): string {
  return `CREATE OR REPLACE TABLE customer_scores AS
WITH ${pre.name} AS (\n  ${pre.sql.replaceAll('\n', '\n  ')}\n), s AS (
  ${scored}
)
SELECT *, CAST(r_score * 100 + f_score * 10 + m_score AS VARCHAR) AS rfm_cell FROM s`;
}

/** The breakpoints or thresholds themselves, one row per cut (k = 1..bins−1), for the result. */
export function cutRowsSql(rfm: ScoreSpec): string {
  return `SELECT unnest(recency_cuts) AS recency, unnest(frequency_cuts) AS frequency, unnest(monetary_cuts) AS monetary FROM (${cutPointsSql(rfm)})`;
}

/** Customers per score and the largest value in each class, per dimension (`dim` r, f or m). */
export function scoreClassesSql(): string {
  const dims: [string, string][] = [
    ['r', 'recency_days'],
    ['f', 'frequency'],
    ['m', 'm_value'],
  ];
  return dims
    .map(
      ([d, expr]) =>
        `SELECT '${d}' AS dim, ${d}_score AS score, count(*) AS customers, max(CAST(${expr} AS DOUBLE)) AS upper FROM customer_scores GROUP BY ${d}_score`,
    )
    .join('\nUNION ALL ')
    .concat('\nORDER BY dim, score');
}

/** Every occupied cell with its customers and their average total spend. */
export function cellsSql(): string {
  return `SELECT rfm_cell, count(*) AS customers, CAST(avg(monetary) AS DOUBLE) AS avg_monetary
FROM customer_scores
GROUP BY rfm_cell ORDER BY rfm_cell DESC`;
}
