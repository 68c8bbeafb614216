import { condition, type RuleGroup, type SegmentDefinition } from './segments.ts';

/** What the templates read from the loaded data to fill in their values. */
export interface TemplateHints {
  /** RFM bins: the score scale the score templates use. */
  bins: number;
  /** Customers' monetary at the 10th…90th percentiles; empty when unknown. */
  monetaryDeciles: readonly number[];
  /** The most common country, and where it is recorded; null when no column is called country. */
  country: { view: 'customers' | 'orders'; column: string; value: string } | null;
}

export interface SegmentTemplate {
  key: string;
  name: string;
  description: string;
  /** Null when the data lacks what the template needs; `unavailable` says what. */
  definition: SegmentDefinition | null;
  unavailable?: string;
}

const all = (...rules: RuleGroup['rules']): SegmentDefinition => ({ kind: 'rules', root: { type: 'group', combine: 'and', rules } });

/**
 * Starting points, each written as plain conditions the user can read and edit. Values that
 * depend on the data (percentiles, the main country) are filled in from it, as numbers.
 */
export function segmentTemplates(hints: TemplateHints): SegmentTemplate[] {
  const p80 = hints.monetaryDeciles[7];
  const p90 = hints.monetaryDeciles[8];
  const noSpend = 'needs monetary values';
  const high = Math.max(1, hints.bins - 1);
  const low = Math.floor(hints.bins / 2);
  const country = hints.country;
  const inCountry = country
    ? country.view === 'customers'
      ? condition(country.column, 'eq', country.value)
      : {
          type: 'orders' as const,
          atLeast: 1,
          where: { type: 'group' as const, combine: 'and' as const, rules: [condition(country.column, 'eq', country.value)] },
        }
    : null;
  return [
    {
      key: 'high-value-lapsing',
      name: 'High-value, lapsing',
      description: 'Top 20 % by spend (monetary at or above the 80th percentile) with no order for more than 90 days.',
      definition: p80 === undefined ? null : all(condition('monetary', 'gte', String(p80)), condition('recency_days', 'gt', '90')),
      unavailable: p80 === undefined ? noSpend : undefined,
    },
    {
      key: 'new-customers',
      name: 'New customers',
      description: 'First order within the last 30 days before the analysis date.',
      definition: all(condition('first_purchase', 'within_last', '30')),
    },
    {
      key: 'one-time-buyers',
      name: 'One-time buyers',
      description: 'Exactly one order.',
      definition: all(condition('frequency', 'eq', '1')),
    },
    {
      key: 'big-spenders-country',
      name: country ? `Big spenders in ${country.value}` : 'Big spenders in one country',
      description: `${country ? `Customers in ${country.value}` : 'One country'} with monetary at or above the 90th percentile.`,
      definition: inCountry && p90 !== undefined ? all(inCountry, condition('monetary', 'gte', String(p90))) : null,
      unavailable: !country ? 'needs a country column' : p90 === undefined ? noSpend : undefined,
    },
    {
      key: 'frequent-low-value',
      name: 'Frequent low-value buyers',
      description: `High frequency score (≥ ${high}) with a low monetary score (≤ ${low}).`,
      definition: all(condition('f_score', 'gte', String(high)), condition('m_score', 'lte', String(low))),
    },
  ];
}
