/**
 * Ten representative segments and twenty rule edits for the benchmark, built with the spec model.
 * Column names are those of the `customers` and `orders` views after importing a generated
 * transactions file (`bench-data/tx-N.csv`) together with its customers file
 * (`bench-data/customers-N.csv`) and running the default analysis; the same module serves the
 * native run and the browser one.
 */
import { condition, type Rule, type RuleGroup, type SegmentDefinition } from '../../src/lib/spec/segments.ts';

export interface BenchSegment {
  id: string;
  name: string;
  definition: SegmentDefinition;
}

const and = (...rules: Rule[]): RuleGroup => ({ type: 'group', combine: 'and', rules });
const or = (...rules: Rule[]): RuleGroup => ({ type: 'group', combine: 'or', rules });
const rules = (root: RuleGroup): SegmentDefinition => ({ kind: 'rules', root });

/** "Big spenders in GB": the segment whose monetary threshold the rule edits retype. */
export const bigSpendersIn = (country: string, monetaryAtLeast: number): SegmentDefinition =>
  rules(and(condition('country', 'eq', country), condition('monetary', 'gte', String(monetaryAtLeast))));

export const BENCH_SEGMENTS: readonly BenchSegment[] = [
  {
    // Platinum and Gold are the customers bringing the top 80 % of revenue (the default tiers).
    id: 'valuable-lapsing',
    name: 'Top value tiers, no purchase for 90 days',
    definition: rules(and(condition('value_tier', 'in', '', '', ['Platinum', 'Gold']), condition('recency_days', 'gt', '90'))),
  },
  { id: 'new-30d', name: 'First order within the last 30 days', definition: rules(and(condition('first_purchase', 'within_last', '30'))) },
  { id: 'one-time', name: 'Bought once', definition: rules(and(condition('frequency', 'eq', '1'))) },
  { id: 'gb-big-spenders', name: 'GB, monetary ≥ 1000', definition: bigSpendersIn('GB', 1000) },
  {
    id: 'frequent-low-spend',
    name: 'Frequent but low spend',
    definition: rules(and(condition('f_score', 'gte', '4'), condition('m_score', 'lte', '2'))),
  },
  {
    // Attributes from the customers file (text columns).
    id: 'mobile-paid',
    name: 'Mobile, acquired by paid search or social',
    definition: rules(and(condition('device', 'eq', 'mobile'), condition('acquisition_source', 'in', '', '', ['paid_search', 'social']))),
  },
  {
    // The orders view: at least two orders placed from DE through the app.
    id: 'de-app-repeat',
    name: 'At least 2 app orders from DE',
    definition: rules(and({ type: 'orders', atLeast: 2, where: and(condition('country', 'eq', 'DE'), condition('channel', 'eq', 'app')) })),
  },
  {
    // An OR group nested in an AND group.
    id: 'cooling-reachable',
    name: 'Cooling or lapsed, and opted in or on a paid plan',
    definition: rules(
      and(
        condition('lifecycle_stage', 'in', '', '', ['cooling', 'lapsed']),
        or(condition('email_opt_in', 'eq', 'true'), condition('plan', 'in', '', '', ['plus', 'premium'])),
      ),
    ),
  },
  {
    // Number and date attributes stored as text in the customers file (compared through TRY_CAST).
    id: 'young-recent-signup',
    name: 'Aged 25–34, signed up since 2022',
    definition: rules(and(condition('age', 'between', '25', '34'), condition('signup_date', 'after', '2021-12-31'))),
  },
  { id: 'sql-loyal', name: 'SQL: monetary > 500 and frequency ≥ 3', definition: { kind: 'sql', sql: 'monetary > 500 AND frequency >= 3' } },
];

/** Successive values typed into one numeric condition (GB, monetary ≥ 100, 150, … 1050): one count per edit. */
export const RULE_EDITS: readonly SegmentDefinition[] = Array.from({ length: 20 }, (_, i) => bigSpendersIn('GB', 100 + 50 * i));
