import { sqlNumber } from '../analysis/sql-number.ts';
import type { LifecycleSpec } from '../spec/analysis.ts';

/** The stage of customers from a customers file who have no order (they are not scored). */
export const NEVER_PURCHASED = 'never purchased';

/**
 * Stage 5, `customer_lifecycle`: each buyer's stage, first match wins: lapsed (last order more than
 * `lapsedDays` before the analysis date), cooling (more than `coolingDays`), new (first order at
 * most `newDays` before), repeat (2+ orders), else active.
 */
export function customerLifecycleSql(spec: LifecycleSpec): string {
  const lapsed = sqlNumber(spec.lapsedDays, 'lapsed days');
  const cooling = sqlNumber(spec.coolingDays, 'cooling days');
  const fresh = sqlNumber(spec.newDays, 'new days');
  return `CREATE OR REPLACE TABLE customer_lifecycle AS
SELECT customer_id, monetary, CASE
    WHEN recency_days > ${lapsed} THEN 'lapsed'
    WHEN recency_days > ${cooling} THEN 'cooling'
    WHEN tenure_days <= ${fresh} THEN 'new'
    WHEN frequency >= 2 THEN 'repeat'
    ELSE 'active'
  END AS lifecycle_stage
FROM customer_metrics`;
}

/** Customers and revenue per lifecycle stage of the buyers. */
export function lifecycleTotalsSql(): string {
  return `SELECT lifecycle_stage, count(*) AS customers, CAST(sum(monetary) AS DOUBLE) AS revenue, CAST(coalesce(sum(monetary), 0) AS VARCHAR) AS revenue_text
FROM customer_lifecycle
GROUP BY lifecycle_stage`;
}
