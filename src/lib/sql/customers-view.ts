import { EXPORT_COLUMNS } from '../analysis/result.ts';
import { NEVER_PURCHASED } from './lifecycle.ts';
import { ident, literal } from './quote.ts';

/** The view's metric columns after the export columns, before the attributes. */
export const CUSTOMER_METRIC_COLUMNS = ['first_purchase', 'last_purchase', 'aov', 'tenure_days'] as const;

/** The attribute columns of `customer_attributes` (everything but the id), in file order. */
export function attributeColumnsSql(): string {
  return `SELECT name FROM pragma_table_info('customer_attributes') WHERE name <> 'customer_id' ORDER BY cid`;
}

/**
 * Attribute columns with the names they get in the view: their own, unless that clashes
 * (case-insensitively, as DuckDB compares names) with a view column or an earlier attribute.
 */
export function viewAttributeNames(attributes: readonly string[]): { source: string; name: string }[] {
  const taken = new Set<string>([...EXPORT_COLUMNS, ...CUSTOMER_METRIC_COLUMNS]);
  return attributes.map((source) => {
    let name = source;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${source}_${n}`;
    taken.add(name.toLowerCase());
    return { source, name };
  });
}

const FROM_STAGE: Record<(typeof EXPORT_COLUMNS)[number] | (typeof CUSTOMER_METRIC_COLUMNS)[number], string> = {
  customer_id: 'p.customer_id',
  recency_days: 'm.recency_days',
  frequency: 'm.frequency',
  monetary: 'm.monetary',
  r_score: 's.r_score',
  f_score: 's.f_score',
  m_score: 's.m_score',
  rfm_cell: 's.rfm_cell',
  rfm_segment: 'g.rfm_segment',
  value_tier: 't.value_tier',
  lifecycle_stage: `coalesce(l.lifecycle_stage, ${literal(NEVER_PURCHASED)})`,
  first_purchase: 'm.first_purchase',
  last_purchase: 'm.last_purchase',
  aov: 'm.aov',
  tenure_days: 'm.tenure_days',
};

/**
 * The public `customers` view: every buyer, then every customers-file customer who never bought
 * (metrics, scores, segment and tier NULL), with the export columns first, then the other metrics,
 * then the customers file's attributes.
 */
export function customersViewSql(attributes: readonly string[]): string {
  const columns = [
    ...[...EXPORT_COLUMNS, ...CUSTOMER_METRIC_COLUMNS].map((c) => `${FROM_STAGE[c]} AS ${c}`),
    ...viewAttributeNames(attributes).map((a) => `a.${ident(a.source)} AS ${ident(a.name)}`),
  ];
  return `CREATE OR REPLACE VIEW customers AS
WITH p AS (
  SELECT customer_id FROM customer_metrics
  UNION ALL
  SELECT customer_id FROM customer_attributes a WHERE NOT EXISTS (SELECT 1 FROM customer_metrics m WHERE m.customer_id = a.customer_id)
)
SELECT ${columns.join(',\n  ')}
FROM p
LEFT JOIN customer_metrics m ON m.customer_id = p.customer_id
LEFT JOIN customer_scores s ON s.customer_id = p.customer_id
LEFT JOIN customer_segments g ON g.customer_id = p.customer_id
LEFT JOIN customer_tiers t ON t.customer_id = p.customer_id
LEFT JOIN customer_lifecycle l ON l.customer_id = p.customer_id
LEFT JOIN customer_attributes a ON a.customer_id = p.customer_id`;
}
