import { describe, expect, test } from 'vitest';
import { staleStages, type AnalysisKeys } from '../../src/lib/analysis/run-analysis.ts';
import { customersViewSql, viewAttributeNames } from '../../src/lib/sql/customers-view.ts';
import { exportCustomersSql } from '../../src/lib/sql/export.ts';
import { customerLifecycleSql } from '../../src/lib/sql/lifecycle.ts';
import { customerMetricsSql, dateLiteral, narrowSpendType } from '../../src/lib/sql/metrics.ts';
import { customerScoresSql, cutPointsSql } from '../../src/lib/sql/rfm.ts';
import { customerSegmentsSql } from '../../src/lib/sql/segments.ts';
import { customerTiersSql, topSql } from '../../src/lib/sql/tiers.ts';

describe('metrics', () => {
  test('whole calendar days back from the date, from the import-time customer_base', () => {
    expect(customerMetricsSql('2011-12-10')).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE customer_metrics AS
      SELECT customer_id, first_purchase, last_purchase,
        date_diff('day', CAST(last_purchase AS DATE), DATE '2011-12-10') AS recency_days,
        frequency, monetary, aov,
        date_diff('day', CAST(first_purchase AS DATE), DATE '2011-12-10') AS tenure_days,
        id_rank, value_rank, cum_monetary, r_pos, f_pos, m_pos, a_pos
      FROM customer_base"
    `);
  });
  test.each(['2024-02-30', '2023-02-29', '2024-1-01', "2024-01-01'; DROP TABLE orders; --", ''])('refuses the analysis date %j', (date) =>
    expect(() => dateLiteral(date)).toThrow(`invalid analysis date: ${date}`),
  );
  // As a spec file's analysis date is checked: a year before 100 is a year, not 19xx.
  test.each(['2024-02-29', '0050-03-01'])('takes the analysis date %j', (date) => expect(dateLiteral(date)).toBe(`DATE '${date}'`));
});

describe('a 64-bit sort key for spend', () => {
  test.each([
    // 402,390 orders (6 digits) of at most 4 integer digits, scale 3: 6 + 4 + 3 = 13 digits at most.
    [{ amount_type: 'DECIMAL(38,3)', orders: 402390n, largest: '9999.990' }, 'DECIMAL(18, 3)'],
    [{ amount_type: 'DECIMAL(38, 2)', orders: 5, largest: '0.50' }, 'DECIMAL(18, 2)'],
    // 10 orders (2 digits) of up to 13 integer digits, scale 3: 18 digits, still proved to fit.
    [{ amount_type: 'DECIMAL(38,3)', orders: 10, largest: '1234567890123.000' }, 'DECIMAL(18, 3)'],
    // One digit more and the sum of ten such orders might not fit: no narrowing.
    [{ amount_type: 'DECIMAL(38,3)', orders: 10, largest: '12345678901234.000' }, null],
    [{ amount_type: 'DECIMAL(38,10)', orders: 1000000, largest: '12.5' }, null],
    [{ amount_type: 'DOUBLE', orders: 3, largest: '1.5' }, null],
    [{ amount_type: null, orders: 0, largest: null }, null],
  ])('%o gives %s', (row, type) => expect(narrowSpendType(row)).toBe(type));
});

describe('scores', () => {
  test('ntile, 5 bins, monetary on average order value', () => {
    expect(customerScoresSql({ method: 'ntile', bins: 5, monetary: 'average', thresholds: null })).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE customer_scores AS
      WITH t AS (
        SELECT size, large, large * (size + 1) AS small_end FROM (
            SELECT size, total - k * size AS large FROM (
              SELECT total, k, total // k AS size FROM (SELECT count(*) AS total, least(5, count(*)) AS k FROM customer_metrics)))
      ), s AS (
        SELECT customer_id, recency_days, frequency, monetary, aov AS m_value,
          CAST(6 - CASE WHEN r_pos < t.small_end THEN 1 + r_pos // (t.size + 1) ELSE 1 + t.large + (r_pos - t.small_end) // t.size END AS INTEGER) AS r_score,
          CAST(CASE WHEN f_pos < t.small_end THEN 1 + f_pos // (t.size + 1) ELSE 1 + t.large + (f_pos - t.small_end) // t.size END AS INTEGER) AS f_score,
          CAST(CASE WHEN monetary <= 0 THEN 1 ELSE CASE WHEN a_pos < t.small_end THEN 1 + a_pos // (t.size + 1) ELSE 1 + t.large + (a_pos - t.small_end) // t.size END END AS INTEGER) AS m_score
        FROM customer_metrics, t
      )
      SELECT *, CAST(r_score * 100 + f_score * 10 + m_score AS VARCHAR) AS rfm_cell FROM s"
    `);
  });
  test('breakpoints, 3 bins', () => {
    expect(customerScoresSql({ method: 'breakpoints', bins: 3, monetary: 'total', thresholds: null })).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE customer_scores AS
      WITH c AS (
        SELECT quantile_cont(CAST(recency_days AS DOUBLE), [0.3333333333333333, 0.6666666666666666]) AS recency_cuts, quantile_cont(CAST(frequency AS DOUBLE), [0.3333333333333333, 0.6666666666666666]) AS frequency_cuts, quantile_cont(CAST(monetary AS DOUBLE), [0.3333333333333333, 0.6666666666666666]) AS monetary_cuts
        FROM customer_metrics
      ), s AS (
        SELECT customer_id, recency_days, frequency, monetary, monetary AS m_value,
          3 - (CAST(CAST(recency_days AS DOUBLE) > c.recency_cuts[1] AS INTEGER) + CAST(CAST(recency_days AS DOUBLE) > c.recency_cuts[2] AS INTEGER)) AS r_score,
          1 + CAST(CAST(frequency AS DOUBLE) > c.frequency_cuts[1] AS INTEGER) + CAST(CAST(frequency AS DOUBLE) > c.frequency_cuts[2] AS INTEGER) AS f_score,
          CASE WHEN monetary <= 0 THEN 1 ELSE 1 + CAST(CAST(monetary AS DOUBLE) > c.monetary_cuts[1] AS INTEGER) + CAST(CAST(monetary AS DOUBLE) > c.monetary_cuts[2] AS INTEGER) END AS m_score
        FROM customer_metrics, c
      )
      SELECT *, CAST(r_score * 100 + f_score * 10 + m_score AS VARCHAR) AS rfm_cell FROM s"
    `);
  });
  test('thresholds become DOUBLE lists', () => {
    const thresholds = { recency: [30, 90, 365], frequency: [1, 2, 5], monetary: [10.5, 100, 1e21] };
    expect(cutPointsSql({ method: 'thresholds', bins: 4, monetary: 'total', thresholds })).toMatchInlineSnapshot(
      `"SELECT CAST([30, 90, 365] AS DOUBLE[]) AS recency_cuts, CAST([1, 2, 5] AS DOUBLE[]) AS frequency_cuts, CAST([10.5, 100, 1e+21] AS DOUBLE[]) AS monetary_cuts"`,
    );
  });
  test.each([
    [{ recency: [1, 2], frequency: [1], monetary: [1, 2] }, 'invalid frequency thresholds: 2 cut points needed, got [1]'],
    [{ recency: [2, 1], frequency: [1, 2], monetary: [1, 2] }, 'invalid recency thresholds: not ascending: 2, 1'],
    [{ recency: [1, 2], frequency: [1, 2], monetary: [1, NaN] }, 'invalid monetary threshold: NaN'],
    [null, 'invalid thresholds: none given for the thresholds method'],
  ])('refuses thresholds %j', (thresholds, message) =>
    expect(() => customerScoresSql({ method: 'thresholds', bins: 3, monetary: 'total', thresholds })).toThrow(message),
  );
});

describe('segments', () => {
  test('cell map: each of the 125 cells looked up to its first claimant, quoted names, an empty segment skipped', () => {
    const sql = customerSegmentsSql({
      kind: 'cells',
      segments: [
        { name: "Don't lose", cells: ['555', '554'], action: '' },
        { name: 'Empty', cells: [], action: '' },
        { name: 'Low', cells: ['111'], action: '' },
      ],
    });
    expect(sql).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE customer_segments AS
      WITH s AS (
        SELECT customer_id, monetary, CAST([2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0] AS INTEGER[])[(r_score - 1) * 25 + (f_score - 1) * 5 + m_score] AS segment_index
        FROM customer_scores
      )
      SELECT customer_id, monetary, segment_index, coalesce(['Don''t lose', 'Empty', 'Low'][segment_index + 1], 'Other') AS rfm_segment FROM s"
    `);
  });
  test('range map', () => {
    expect(customerSegmentsSql({ kind: 'ranges', segments: [{ name: 'Top', r: [3, 3], f: [2, 3], m: [1, 3], action: '' }] }))
      .toMatchInlineSnapshot(`
        "CREATE OR REPLACE TABLE customer_segments AS
        WITH s AS (
          SELECT customer_id, monetary, CAST([NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL] AS INTEGER[])[(r_score - 1) * 25 + (f_score - 1) * 5 + m_score] AS segment_index
          FROM customer_scores
        )
        SELECT customer_id, monetary, segment_index, coalesce(['Top'][segment_index + 1], 'Other') AS rfm_segment FROM s"
      `);
  });
  test('an empty map puts everyone in Other', () => {
    expect(customerSegmentsSql({ kind: 'cells', segments: [] })).toContain(`coalesce(CAST([] AS VARCHAR[])[segment_index + 1], 'Other')`);
  });
});

describe('tiers', () => {
  test('revenue share: the last tier takes everyone past the earlier bounds', () => {
    const sql = customerTiersSql({
      scheme: 'revenue-share',
      tiers: [
        { name: 'A', upTo: 50 },
        { name: 'B', upTo: 100 },
      ],
    });
    expect(sql).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE customer_tiers AS
      WITH t AS (SELECT sum(greatest(monetary, 0)) AS total, count(*) AS n FROM customer_metrics), p AS (
        SELECT customer_id, monetary, CASE WHEN monetary > 0 THEN 100 * CAST(cum_monetary AS DOUBLE) / nullif(CAST(t.total AS DOUBLE), 0) END AS position
        FROM customer_metrics, t
      )
      SELECT customer_id, monetary, CASE
          WHEN position <= 50 THEN 'A'
          ELSE 'B'
        END AS value_tier FROM p"
    `);
  });
  test('percentile, one tier', () => {
    expect(customerTiersSql({ scheme: 'percentile', tiers: [{ name: 'All', upTo: 100 }] })).toContain(
      `CASE WHEN monetary > 0 THEN 100 * CAST(value_rank AS DOUBLE) / t.n END AS position`,
    );
  });
  test('top percent is checked', () => {
    expect(() => topSql(120)).toThrow('invalid top percent: 120');
    expect(() => topSql(Infinity)).toThrow('invalid top percent: Infinity');
  });
});

test('lifecycle: first match wins, lapsed before cooling before new', () => {
  expect(customerLifecycleSql({ newDays: 30, coolingDays: 90, lapsedDays: 180 })).toMatchInlineSnapshot(`
    "CREATE OR REPLACE TABLE customer_lifecycle AS
    SELECT customer_id, monetary, CASE
        WHEN recency_days > 180 THEN 'lapsed'
        WHEN recency_days > 90 THEN 'cooling'
        WHEN tenure_days <= 30 THEN 'new'
        WHEN frequency >= 2 THEN 'repeat'
        ELSE 'active'
      END AS lifecycle_stage
    FROM customer_metrics"
  `);
});

describe('customers view', () => {
  test('odd attribute names are quoted, and ones that clash with a view column get a suffix', () => {
    expect(viewAttributeNames(['City', 'Monetary', 'say "hi"', 'monetary_2', 'a;b'])).toEqual([
      { source: 'City', name: 'City' },
      { source: 'Monetary', name: 'Monetary_2' },
      { source: 'say "hi"', name: 'say "hi"' },
      { source: 'monetary_2', name: 'monetary_2_2' },
      { source: 'a;b', name: 'a;b' },
    ]);
    expect(customersViewSql(['say "hi"', 'Segment'])).toMatchInlineSnapshot(`
      "CREATE OR REPLACE VIEW customers AS
      WITH p AS (
        SELECT customer_id FROM customer_metrics
        UNION ALL
        SELECT customer_id FROM customer_attributes a WHERE NOT EXISTS (SELECT 1 FROM customer_metrics m WHERE m.customer_id = a.customer_id)
      )
      SELECT p.customer_id AS customer_id,
        m.recency_days AS recency_days,
        m.frequency AS frequency,
        m.monetary AS monetary,
        s.r_score AS r_score,
        s.f_score AS f_score,
        s.m_score AS m_score,
        s.rfm_cell AS rfm_cell,
        g.rfm_segment AS rfm_segment,
        t.value_tier AS value_tier,
        coalesce(l.lifecycle_stage, 'never purchased') AS lifecycle_stage,
        m.first_purchase AS first_purchase,
        m.last_purchase AS last_purchase,
        m.aov AS aov,
        m.tenure_days AS tenure_days,
        a."say ""hi""" AS "say ""hi""",
        a."Segment" AS "Segment"
      FROM p
      LEFT JOIN customer_metrics m ON m.customer_id = p.customer_id
      LEFT JOIN customer_scores s ON s.customer_id = p.customer_id
      LEFT JOIN customer_segments g ON g.customer_id = p.customer_id
      LEFT JOIN customer_tiers t ON t.customer_id = p.customer_id
      LEFT JOIN customer_lifecycle l ON l.customer_id = p.customer_id
      LEFT JOIN customer_attributes a ON a.customer_id = p.customer_id"
    `);
  });
  test('export', () =>
    expect(exportCustomersSql()).toMatchInlineSnapshot(`
      "SELECT * REPLACE (
        CAST(recency_days AS VARCHAR) AS recency_days,
        CAST(frequency AS VARCHAR) AS frequency,
        CAST(r_score AS VARCHAR) AS r_score,
        CAST(f_score AS VARCHAR) AS f_score,
        CAST(m_score AS VARCHAR) AS m_score,
        CAST(tenure_days AS VARCHAR) AS tenure_days,
        CASE WHEN contains(CAST(monetary AS VARCHAR), '.') THEN rtrim(rtrim(CAST(monetary AS VARCHAR), '0'), '.') ELSE CAST(monetary AS VARCHAR) END AS monetary,
        CASE WHEN contains(CAST(CAST(round(aov, 2) AS DECIMAL(38, 2)) AS VARCHAR), '.') THEN rtrim(rtrim(CAST(CAST(round(aov, 2) AS DECIMAL(38, 2)) AS VARCHAR), '0'), '.') ELSE CAST(CAST(round(aov, 2) AS DECIMAL(38, 2)) AS VARCHAR) END AS aov,
        strftime(first_purchase, '%Y-%m-%d %H:%M:%S') AS first_purchase,
        strftime(last_purchase, '%Y-%m-%d %H:%M:%S') AS last_purchase
      )
      FROM customers
      ORDER BY customer_id"
    `));
});

describe('staleStages', () => {
  const keys: AnalysisKeys = { metrics: 'm', scores: 's', segments: 'g', tiers: 't', lifecycle: 'l', view: 'v' };
  test.each([
    [null, ['metrics', 'scores', 'segments', 'tiers', 'lifecycle', 'view']],
    [keys, []],
    [{ ...keys, metrics: 'x' }, ['metrics', 'scores', 'segments', 'tiers', 'lifecycle', 'view']],
    [{ ...keys, scores: 'x' }, ['scores', 'segments', 'view']],
    [{ ...keys, segments: 'x' }, ['segments', 'view']],
    [{ ...keys, tiers: 'x' }, ['tiers', 'view']],
    [{ ...keys, lifecycle: 'x' }, ['lifecycle', 'view']],
    [{ ...keys, view: 'x' }, ['view']],
  ])('previous %j', (previous, stale) => expect([...staleStages(keys, previous)]).toEqual(stale));
});
