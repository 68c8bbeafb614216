import { sqlNumber } from '../analysis/sql-number.ts';
import type { TierSpec } from '../spec/analysis.ts';
import { literal } from './quote.ts';

/**
 * Stage 4, `customer_tiers`: each buyer's value tier. Buyers are ranked by `value_rank` (monetary
 * descending, ties in id order; `cum_monetary` is the running total in that order); a buyer's position is, for 'revenue-share', the cumulative share of
 * revenue (in %) of every buyer ranked before them plus their own, and for 'percentile', rank /
 * buyers × 100. Shares are of positive spend (`cum_monetary` adds none of a net spend ≤ 0). The
 * tier is the first in spec order whose `upTo` ≥ position; a buyer past every bound (possible when
 * the last `upTo` is under 100) and a buyer whose net spend is ≤ 0 (no position) get the last tier.
 */
export function customerTiersSql(spec: Pick<TierSpec, 'scheme' | 'tiers'>): string {
  const { tiers } = spec;
  if (spec.scheme !== 'revenue-share' && spec.scheme !== 'percentile') throw new Error(`invalid tier scheme: ${String(spec.scheme)}`);
  const position = tierPositionSql(spec.scheme);
  const whens = tiers.map((t) => `WHEN position <= ${sqlNumber(t.upTo, `${t.name} upTo`)} THEN ${literal(t.name)}`);
  const last = tiers.at(-1);
  const tier = last ? ['CASE', ...whens.slice(0, -1), `ELSE ${literal(last.name)}`].join('\n    ') + '\n  END' : 'CAST(NULL AS VARCHAR)';
  return `CREATE OR REPLACE TABLE customer_tiers AS
WITH t AS (SELECT sum(greatest(monetary, 0)) AS total, count(*) AS n FROM customer_metrics), p AS (
  SELECT customer_id, monetary, ${position} AS position
  FROM customer_metrics, t
)
SELECT customer_id, monetary, ${tier} AS value_tier FROM p`;
}

/**
 * A buyer's position as tiers read it, over one row of `customer_metrics` joined with
 * `t` (total positive spend `total`, buyers `n`): cumulative share of revenue in %, or rank as a
 * percentile; NULL when net spend ≤ 0. The customer story reads the same expression.
 */
export function tierPositionSql(scheme: TierSpec['scheme']): string {
  return scheme === 'revenue-share'
    ? 'CASE WHEN monetary > 0 THEN 100 * CAST(cum_monetary AS DOUBLE) / nullif(CAST(t.total AS DOUBLE), 0) END'
    : 'CASE WHEN monetary > 0 THEN 100 * CAST(value_rank AS DOUBLE) / t.n END';
}

/** Customers and revenue per tier name. */
export function tierTotalsSql(): string {
  return `SELECT value_tier, count(*) AS customers, CAST(sum(monetary) AS DOUBLE) AS revenue, CAST(coalesce(sum(monetary), 0) AS VARCHAR) AS revenue_text
FROM customer_tiers
GROUP BY value_tier`;
}

/** The Pareto cut: the top ceil(percent % × buyers) buyers by `value_rank`, their revenue and share of positive spend. */
export function topSql(percent: number): string {
  const p = sqlNumber(percent, 'top percent');
  if (percent < 0 || percent > 100) throw new Error(`invalid top percent: ${percent}`);
  // Rounded before ceil so that e.g. 10 % of 30 is 3, not 4 from 3.0000000000000004.
  return `WITH t AS (SELECT CAST(sum(greatest(monetary, 0)) AS DOUBLE) AS total, ceil(round(${p} * count(*) / 100, 9)) AS n FROM customer_metrics)
SELECT count(*) AS customers, coalesce(CAST(sum(monetary) AS DOUBLE), 0) AS revenue, coalesce(CAST(sum(monetary) AS DOUBLE) / nullif(any_value(t.total), 0), 0) AS revenue_share
FROM customer_metrics, t
WHERE value_rank <= t.n`;
}

/**
 * The Lorenz curve, buyers by revenue descending: [share of buyers, share of revenue] at the first
 * rank of each 1/`points` step of buyers (every rank when there are fewer), so at most `points` rows.
 * Revenue is positive spend, so the curve rises to 1 and stays there over buyers with none.
 */
export function lorenzSql(points = 200): string {
  return `WITH t AS (SELECT count(*) AS n, sum(greatest(monetary, 0)) AS total FROM customer_metrics), c AS (
  SELECT value_rank, n, CAST(cum_monetary AS DOUBLE) / nullif(CAST(total AS DOUBLE), 0) AS revenue_share
  FROM customer_metrics, t
)
SELECT CAST(value_rank AS DOUBLE) / n AS customer_share, coalesce(revenue_share, 0) AS revenue_share
FROM c
WHERE value_rank * ${points} // n > (value_rank - 1) * ${points} // n
ORDER BY value_rank`;
}
