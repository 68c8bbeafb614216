import { describe, expect, test } from 'vitest';
import {
  bandText,
  daysBefore,
  explainCustomer,
  explainLifecycle,
  explainRfmSegment,
  explainScore,
  explainTier,
  ordinal,
  percentBeside,
} from '../../src/lib/customer/explain.ts';
import { exportPreview } from '../../src/lib/customer/export-preview.ts';
import { membershipWhy, ruleText } from '../../src/lib/customer/membership.ts';
import type { CustomerMetrics, CustomerScores, ScoreBands } from '../../src/lib/customer/types.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import type { RfmSpec } from '../../src/lib/spec/analysis.ts';
import { defaultAnalysisSpec, defaultRangeSegments, defaultSegmentMap } from '../../src/lib/spec/rfm-defaults.ts';
import { condition } from '../../src/lib/spec/segments.ts';

/** Explanations keep a percentage and its sign together with a no-break space. */
const pct = (text: string) => text.replaceAll(' %', '\u00a0%');

const metrics = (over: Partial<CustomerMetrics> = {}): CustomerMetrics => ({
  recencyDays: 12,
  frequency: 3,
  monetary: '180.000',
  aov: 60,
  firstPurchase: '2024-01-01 00:00:00',
  lastPurchase: '2024-06-19 00:00:00',
  tenureDays: 182,
  ...over,
});
const scores = (r: number, f: number, m: number, segmentIndex: number | null = null): CustomerScores => ({
  r,
  f,
  m,
  cell: `${r}${f}${m}`,
  segment: 'x',
  segmentIndex,
  mValue: 180,
});
const rfm = (over: Partial<RfmSpec> = {}): RfmSpec => ({ ...defaultAnalysisSpec().rfm, ...over });
const cuts: ScoreBands = {
  kind: 'cuts',
  cuts: { r: [37.5, 90, 150.2, 300], f: [1, 1, 2, 5], m: [100, 250.5, 1000, 5000] },
};

describe('words', () => {
  test('days before the analysis date, ordinals, percentages beside their bound', () => {
    expect([daysBefore(12), daysBefore(1), daysBefore(0), daysBefore(-3)]).toEqual([
      '12 days before the analysis date',
      '1 day before the analysis date',
      'on the analysis date',
      '3 days after the analysis date',
    ]);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 102, 1111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '102nd',
      '1,111th',
    ]);
    // 50.04 shown as "50 %" would read as within a bound of 50 %.
    expect([
      percentBeside(49.96, [50]),
      percentBeside(50.04, [20, 50, 80]),
      percentBeside(18.26, [50]),
      percentBeside(50.0001, [50]),
    ]).toEqual([pct('49.96 %'), pct('50.04 %'), pct('18.3 %'), pct('50.0001 %')]);
  });

  test('bands: whole days and orders (≤ 37.5 days is ≤ 37 days), money as money', () => {
    expect(bandText('r', null, 37.5)).toBe('≤ 37 days');
    expect(bandText('r', 90, 150.2)).toBe('91–150 days');
    expect(bandText('r', 300, null)).toBe('≥ 301 days');
    expect(bandText('f', 1, 2)).toBe('exactly 2 orders');
    expect(bandText('f', null, 1)).toBe('≤ 1 order');
    expect(bandText('m', 100, 250.5)).toBe('more than 100.00, up to 250.50');
    expect(bandText('m', null, 99.995)).toBe('at most 99.995');
    expect(bandText('m', 5000, null)).toBe('more than 5,000.00');
  });
});

describe('scores', () => {
  test('breakpoints: the band the score stands for, between the cut points strictly below and at or above', () => {
    const spec = rfm({ method: 'breakpoints' });
    expect(explainScore('r', metrics(), scores(5, 3, 2), cuts, spec)).toBe(
      "R = 5: last order 12 days before the analysis date; the R5 band is ≤ 37 days (this data's quantile breakpoint 37.5).",
    );
    expect(explainScore('r', metrics({ recencyDays: 120 }), scores(3, 3, 2), cuts, spec)).toBe(
      "R = 3: last order 120 days before the analysis date; the R3 band is 91–150 days (this data's quantile breakpoints 90 and 150.2).",
    );
    expect(explainScore('r', metrics({ recencyDays: 400 }), scores(1, 3, 2), cuts, spec)).toBe(
      "R = 1: last order 400 days before the analysis date; the R1 band is ≥ 301 days (this data's quantile breakpoint 300).",
    );
    expect(explainScore('m', metrics(), scores(5, 3, 2), cuts, spec)).toBe(
      "M = 2: spend 180.00; the M2 band is more than 100.00, up to 250.50 (this data's quantile breakpoints 100.00 and 250.50).",
    );
  });

  test('thresholds: the thresholds; repeated cut points leave a one-value band', () => {
    const spec = rfm({ method: 'thresholds' });
    expect(explainScore('f', metrics({ frequency: 2 }), scores(5, 3, 2), cuts, spec)).toBe(
      'F = 3: 2 orders; the F3 band is exactly 2 orders (your thresholds 1 and 2).',
    );
    expect(explainScore('f', metrics({ frequency: 1 }), scores(5, 1, 2), cuts, spec)).toBe(
      'F = 1: 1 order; the F1 band is ≤ 1 order (your threshold 1).',
    );
  });

  test('rank n-tiles: the range the group has in the data; M on average order value says so', () => {
    const ranges: ScoreBands = {
      kind: 'ranges',
      ranges: { r: { min: 0, max: 37 }, f: { min: 2, max: 3 }, m: { min: 55.5, max: 80 } },
    };
    expect(explainScore('r', metrics(), scores(5, 3, 4), ranges, rfm())).toBe(
      'R = 5: last order 12 days before the analysis date; the R5 band (the most recent) is 0–37 days in this data (rank n-tiles: 5 equal groups of buyers by recency, ties split by customer id).',
    );
    expect(explainScore('f', metrics(), scores(5, 3, 4), ranges, rfm())).toBe(
      'F = 3: 3 orders; the F3 band is 2–3 orders in this data (rank n-tiles: 5 equal groups of buyers by orders, ties split by customer id).',
    );
    expect(explainScore('m', metrics(), scores(5, 3, 1), ranges, rfm({ monetary: 'average' }))).toBe(
      'M = 1: average order value 60.00; the M1 band (the lowest average order) is 55.50–80.00 in this data (rank n-tiles: 5 equal groups of buyers by average order value, ties split by customer id).',
    );
  });

  test('a spend not above 0 scores M = 1 under every method', () => {
    for (const method of ['ntile', 'breakpoints', 'thresholds'] as const) {
      expect(explainScore('m', metrics({ monetary: '-5.00' }), scores(5, 3, 1), cuts, rfm({ method }))).toBe(
        'M = 1: spend -5.00; a customer whose spend is not above 0 (returns netted, or only free orders) scores M = 1 whatever the method.',
      );
    }
  });
});

describe('RFM segment', () => {
  test('cell map: the owner of the cell, the first claimant when several claim it, else Other', () => {
    const standard = defaultSegmentMap(5);
    expect(explainRfmSegment(standard, scores(5, 4, 5, 0))).toEqual({
      text: 'Champions: cell 545 (R 5, F 4, M 5) is one of its cells.',
      action: 'Reward them, ask for reviews and referrals, offer early access.',
    });
    const doubled = {
      kind: 'cells' as const,
      segments: [
        { name: 'A', cells: ['555'], action: '' },
        { name: 'B', cells: ['555', '111'], action: 'b' },
      ],
    };
    expect(explainRfmSegment(doubled, scores(5, 5, 5, 0)).text).toBe(
      'A: cell 555 (R 5, F 5, M 5) is one of its cells; B also claims it, and the first in the map wins.',
    );
    expect(explainRfmSegment(doubled, scores(2, 1, 3, null))).toEqual({
      text: 'Other: no segment of the map claims cell 213 (R 2, F 1, M 3).',
      action: null,
    });
  });

  test('range rules: the first rule that matches, and what each rule before it misses', () => {
    const ranges = { kind: 'ranges' as const, segments: defaultRangeSegments(5) };
    expect(explainRfmSegment(ranges, scores(5, 1, 3, 2)).text).toBe(
      'New Customers: R 5 in 4–5, F 1 in 1, M 3 in 1–5, the first range rule that matches; the rules before it do not match: Champions (F 1 not in 4–5); Loyal (F 1 not in 4–5).',
    );
    const partial = { kind: 'ranges' as const, segments: defaultRangeSegments(5).slice(0, 1) };
    expect(explainRfmSegment(partial, scores(2, 5, 5, null)).text).toBe(
      'Other: no range rule matches R 2, F 5, M 5: Champions (R 2 not in 4–5).',
    );
  });
});

describe('value tier', () => {
  const tiers = defaultAnalysisSpec().tiers;
  test('revenue share: within the first tier whose bound reaches it, past the one before', () => {
    expect(explainTier(tiers, 'Platinum', { rank: 3, buyers: 400, revenueShare: 18.26, percentile: 0.75 }, '900')).toBe(
      pct(
        "Platinum: ranked 3rd of 400 buyers by spend; they and the 2 buyers ranked above them bring 18.3 % of revenue: within Platinum's 50 %.",
      ),
    );
    expect(explainTier(tiers, 'Gold', { rank: 40, buyers: 400, revenueShare: 50.04, percentile: 10 }, '90')).toBe(
      pct(
        "Gold: ranked 40th of 400 buyers by spend; they and the 39 buyers ranked above them bring 50.04 % of revenue: past Platinum's 50 %, within Gold's 80 %.",
      ),
    );
  });

  test('percentile; past every bound; a spend not above 0', () => {
    const short = {
      scheme: 'percentile' as const,
      tiers: [
        { name: 'Top', upTo: 10 },
        { name: 'Rest', upTo: 50 },
      ],
    };
    expect(explainTier(short, 'Top', { rank: 1, buyers: 20, revenueShare: 30, percentile: 5 }, '10')).toBe(
      pct("Top: ranked 1st of 20 buyers by spend; that is the top 5 % of buyers: within Top's 10 %."),
    );
    expect(explainTier(short, 'Rest', { rank: 15, buyers: 20, revenueShare: 99, percentile: 75 }, '10')).toBe(
      pct(
        "Rest: ranked 15th of 20 buyers by spend; that is the top 75 % of buyers: past every tier's bound (the last, Rest, ends at 50 %), so the last tier.",
      ),
    );
    expect(explainTier(tiers, 'Bronze', { rank: 400, buyers: 400, revenueShare: null, percentile: null }, '-3.50')).toBe(
      'Bronze: ranked 400th of 400 buyers by spend, with spend -3.50, which is not above 0: no share of revenue, so the last tier.',
    );
  });
});

describe('lifecycle', () => {
  const spec = { newDays: 30, coolingDays: 90, lapsedDays: 180 };
  test('each stage with the thresholds that decide it', () => {
    expect(explainLifecycle('cooling', metrics({ recencyDays: 140 }), spec)).toBe(
      'cooling: last order 140 days before the analysis date, more than the 90-day cooling threshold (not more than the 180-day lapsed one).',
    );
    expect(explainLifecycle('lapsed', metrics({ recencyDays: 181 }), spec)).toBe(
      'lapsed: last order 181 days before the analysis date, more than the 180-day lapsed threshold.',
    );
    expect(explainLifecycle('new', metrics({ recencyDays: 2, tenureDays: 30, frequency: 2 }), spec)).toBe(
      'new: first order 30 days before the analysis date, within the 30-day new window; last order 2 days before the analysis date, not more than the 90-day cooling threshold.',
    );
    expect(explainLifecycle('repeat', metrics({ recencyDays: 90, tenureDays: 31 }), spec)).toBe(
      'repeat: 3 orders, last order 90 days before the analysis date (not more than the 90-day cooling threshold); first order 31 days before the analysis date, past the 30-day new window.',
    );
    expect(explainLifecycle('active', metrics({ recencyDays: 45, tenureDays: 45, frequency: 1 }), spec)).toBe(
      'active: 1 order, last order 45 days before the analysis date (not more than the 90-day cooling threshold); first order 45 days before the analysis date, past the 30-day new window.',
    );
    expect(explainLifecycle('never purchased', null, spec)).toBe('never purchased: in the customers file, with no order.');
  });

  test('a customer who never bought has nothing scored to explain', () => {
    const explained = explainCustomer({
      id: 'nb',
      analysisDate: '2024-07-01',
      spec: defaultAnalysisSpec(),
      metrics: null,
      scores: null,
      bands: null,
      valueTier: null,
      tier: null,
      lifecycleStage: 'never purchased',
    });
    expect(explained).toEqual({
      r: null,
      f: null,
      m: null,
      segment: 'Not scored: this customer has no order.',
      action: null,
      tier: 'Not scored: this customer has no order.',
      lifecycle: 'never purchased: in the customers file, with no order.',
    });
  });
});

describe('segment membership', () => {
  const schema: SegmentSchema = {
    customers: [
      { name: 'monetary', kind: 'number', storedAsText: false },
      { name: 'Country', kind: 'text', storedAsText: true },
      { name: 'last_purchase', kind: 'date', storedAsText: false },
    ],
    orders: [{ name: 'channel', kind: 'text', storedAsText: true }],
    analysisDate: '2024-07-01',
  };
  test('rules in words, with the names as the data spells them', () => {
    expect(ruleText(condition('monetary', 'gte', '500'), schema)).toBe('monetary ≥ 500');
    expect(ruleText(condition('country', 'in', '', '', ['FR', 'DE']), schema)).toBe('Country is one of "FR", "DE"');
    expect(ruleText(condition('monetary', 'between', '10', '20'), schema)).toBe('monetary between 10 and 20');
    expect(ruleText(condition('last_purchase', 'within_last', '30'), schema)).toBe('last_purchase within the last 30 days');
    expect(ruleText(condition('Country', 'empty'), schema)).toBe('Country is empty');
    expect(
      ruleText(
        {
          type: 'group',
          combine: 'or',
          rules: [
            condition('monetary', 'lt', '5'),
            { type: 'orders', atLeast: 2, where: { type: 'group', combine: 'and', rules: [condition('channel', 'eq', 'web')] } },
          ],
        },
        schema,
      ),
    ).toBe('(monetary < 5 or has at least 2 orders where channel equals "web")');
  });

  test('why: all hold, one fails, none holds, SQL', () => {
    const checks = [
      { text: 'a', holds: true },
      { text: 'b', holds: false },
    ];
    expect(membershipWhy(false, 'and', checks)).toBe('"b" does not hold.');
    expect(membershipWhy(true, 'or', checks)).toBe('"a" holds.');
    expect(membershipWhy(true, 'and', [checks[0], checks[0]])).toBe('all 2 conditions hold.');
    expect(membershipWhy(false, 'or', [checks[1], checks[1]])).toBe('none of its 2 conditions holds.');
    expect(membershipWhy(true, 'and', [])).toBe('it has no conditions, so everyone is in it.');
    expect(membershipWhy(false, 'sql', [])).toBe('its SQL condition is false or empty (NULL) for this customer.');
  });
});

describe('export preview', () => {
  test("cells as the CSV writes them, columns in the query's order, the id as loaded to open the story", () => {
    const row = Object.assign(Object.create(null), { customer_id: '=1+1', 2024: null, monetary: '-5' });
    expect(exportPreview([row], ['customer_id', 'monetary', '2024'])).toEqual({
      columns: ['customer_id', 'monetary', '2024'],
      rows: [["'=1+1", '-5', '']],
      ids: ['=1+1'],
    });
  });
});
