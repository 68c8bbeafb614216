import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { numberedByPlace } from './link-helpers.ts';
import { readShareLink } from '../../src/lib/spec/share-link.ts';
import { analysisSpecOf, segmentsSpecOf, type SpecFile } from '../../src/lib/spec/spec-file.ts';

/**
 * Every spec version ever released keeps opening: one link per version, made once by the encoder
 * of its day and pasted into test/fixtures/links/ as it was shared. Never regenerate one; a new
 * version adds a file.
 */
const frozenLink = (file: string) =>
  readFileSync(new URL(`../fixtures/links/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('//'))
    .join('');

/** What the version-1 link holds, written out here (not built with today's code) so a change that reads it differently shows. */
const V1 = {
  version: 1,
  import: {
    transactions: {
      source: null,
      parse: { delimiter: ';', header: true, encoding: 'windows-1252', decimalMark: 'comma', dateFormat: 'dmy' },
      columns: { Kundennummer: 'customer_id', Bestellung: 'order_id', Datum: 'order_date', Betrag: 'amount', Land: 'attribute' },
    },
    customers: { columns: { id: 'customer_id', 'E-Mail': 'email' } },
    amountLevel: 'order',
    cleaning: {
      cancelled: { enabled: true, orderIdPrefix: 'C', statusValues: ['storniert'], filledColumn: null },
      keepOnly: [{ column: 'Status', values: ['bezahlt', 'versandt'] }],
      currency: 'EUR',
      returns: true,
      netReturns: false,
      refundColumn: null,
      fillDown: false,
      zeroAmount: false,
      duplicates: true,
    },
    ids: { trim: true, lowerCase: true, extractEmail: false, fallbackColumn: null },
    duplicateCustomers: 'keep-first',
  },
  analysis: {
    analysisDate: '2024-12-31',
    rfm: {
      method: 'thresholds',
      bins: 3,
      monetary: 'average',
      thresholds: { recency: [30, 180], frequency: [1, 3], monetary: [50, 250] },
      map: {
        kind: 'ranges',
        segments: [
          { name: 'Best', r: [3, 3], f: [3, 3], m: [2, 3], action: 'Reward' },
          { name: 'Rest', r: [1, 3], f: [1, 3], m: [1, 3] },
        ],
      },
    },
    tiers: {
      topPercent: 10,
      scheme: 'percentile',
      tiers: [
        { name: 'Gold', upTo: 10 },
        { name: 'Others', upTo: 100 },
      ],
    },
    lifecycle: { newDays: 30, coolingDays: 60, lapsedDays: 365 },
  },
  segments: {
    minSizePercent: 2,
    segments: [
      {
        id: 'vip-de',
        name: 'VIPs in Germany — "Stammkunden"',
        color: '#0072b2',
        description: 'Big spenders who bought this year',
        enabled: true,
        definition: {
          kind: 'rules',
          root: {
            type: 'group',
            combine: 'and',
            rules: [
              { type: 'condition', column: 'Land', op: 'in', value: '', value2: '', values: ['DE', 'AT'] },
              { type: 'condition', column: 'monetary', op: 'between', value: '500', value2: '1e4', values: [] },
              { type: 'condition', column: 'last_purchase', op: 'within_last', value: '365', value2: '', values: [] },
              {
                type: 'group',
                combine: 'or',
                rules: [
                  { type: 'condition', column: 'first_purchase', op: 'before', value: '2024-02-29', value2: '', values: [] },
                  {
                    type: 'orders',
                    atLeast: 3,
                    where: {
                      type: 'group',
                      combine: 'and',
                      rules: [{ type: 'condition', column: 'amount', op: 'gte', value: '100', value2: '', values: [] }],
                    },
                  },
                ],
              },
            ],
          },
        },
      },
      {
        id: 'not-vip',
        name: 'Everyone else',
        definition: {
          kind: 'rules',
          root: {
            type: 'group',
            combine: 'and',
            rules: [{ type: 'segment', segment: 'vip-de', member: false, name: 'VIPs in Germany — "Stammkunden"' }],
          },
        },
      },
      { id: 'sql-fr', name: 'SQL: France', enabled: false, definition: { kind: 'sql', sql: "country = 'FR' AND monetary > 100" } },
    ],
  },
};

/** What the version-2 link holds, written out here (not built with today's code). */
const V2 = {
  version: 2,
  import: {
    transactions: { roles: ['customer_id', 'order_id', 'order_date', 'amount', 'status', 'email'] },
    customers: { roles: ['customer_id', 'consent'] },
    amountLevel: 'order',
    cleaning: {
      cancelled: { statusValues: ['storniert', 'void'] },
      keepOnly: [
        { column: { role: 'status' }, values: ['paid', 'shipped'] },
        { column: { attribute: 'Channel' }, values: ['web'] },
      ],
      refundColumn: { attribute: 'Refunded' },
      netReturns: true,
    },
    ids: { lowerCase: true, fallbackColumn: { attribute: 'Company' } },
  },
  analysis: {
    analysisDate: '2024-12-31',
    rfm: { method: 'breakpoints', moved: { '111': 'Hibernating', '345': 'Champions', '555': 'Loyal' } },
    tiers: { topPercent: 10 },
    lifecycle: { newDays: 45 },
  },
  segments: {
    minSizePercent: 2,
    segments: [
      {
        id: 's1',
        name: 'Lapsing "VIPs" — ünïcødé',
        description: 'Spent 500+, nothing for 90 days',
        definition: {
          kind: 'rules',
          root: {
            type: 'group',
            combine: 'and',
            rules: [
              { type: 'condition', column: 'monetary', op: 'between', value: '500', value2: '5000' },
              { type: 'condition', column: 'country', op: 'in', values: ['DE', 'AT'] },
              {
                type: 'orders',
                atLeast: 2,
                where: { type: 'group', combine: 'or', rules: [{ type: 'condition', column: 'channel', op: 'eq', value: 'web' }] },
              },
            ],
          },
        },
      },
      {
        id: 's2',
        name: 'Everyone else',
        color: '#cc79a7',
        definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules: [{ type: 'segment', segment: 's1', member: false }] } },
      },
      { id: 's3', name: 'SQL: France', enabled: false, definition: { kind: 'sql', sql: "country = 'FR' AND monetary > 100" } },
    ],
  },
} as unknown as SpecFile;

describe('frozen links: every released spec version keeps opening', () => {
  test('version 1 (test/fixtures/links/v1.txt) opens whole, holding what it was made with', async () => {
    const link = frozenLink('v1.txt');
    expect(link).toMatch(/^https:\/\/example\.org\/segment-workbench\/#spec=[A-Za-z0-9_-]+$/);
    const reading = await readShareLink(link);
    expect(reading.spec && reading.problems).toEqual([]);
    const opened = reading.spec!;
    // Migrated to version 2: the one column a cleaning rule named by its header text, `Status`, had
    // no role in the file it was made on, so it is named as the attribute `Status`; all else is as made.
    expect(opened.version).toBe(2);
    const { cleaning, ...sameImport } = V1.import;
    expect(opened.import).toEqual({
      ...sameImport,
      cleaning: { ...cleaning, keepOnly: [{ column: { attribute: 'Status' }, values: ['bezahlt', 'versandt'] }] },
    });
    const asWritten = V1 as unknown as SpecFile;
    expect(analysisSpecOf(opened)).toEqual(analysisSpecOf(asWritten));
    expect(segmentsSpecOf(opened)).toEqual(numberedByPlace(segmentsSpecOf(asWritten)));
  });

  test('version 2 (test/fixtures/links/v2.txt) opens whole, holding what it was made with', async () => {
    const reading = await readShareLink(frozenLink('v2.txt'));
    expect(reading.spec && reading.problems).toEqual([]);
    const opened = reading.spec!;
    expect(opened.version).toBe(2);
    expect(opened.import).toEqual(V2.import);
    expect(analysisSpecOf(opened)).toEqual(analysisSpecOf(V2));
    expect(analysisSpecOf(opened).rfm.map.segments.find((s) => s.name === 'Loyal')).toMatchObject({
      cells: expect.arrayContaining(['555']),
    });
    expect(segmentsSpecOf(opened)).toEqual(segmentsSpecOf(V2));
  });
});
