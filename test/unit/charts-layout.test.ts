import { describe, expect, test } from 'vitest';
import type { Chart, ChartConfiguration, LabelItem } from 'chart.js';
import { finalizeConfig } from '../../src/lib/charts/config.ts';
import { groupChart } from '../../src/lib/charts/groups.ts';
import { heatmapChart } from '../../src/lib/charts/heatmap.ts';
import { histogramChart } from '../../src/lib/charts/histogram.ts';
import { lorenzChart } from '../../src/lib/charts/lorenz.ts';
import { registerCharts } from '../../src/lib/charts/register.ts';
import { kpiIndexChart, overlapChart, profileChart, segmentSharesChart, type SegmentRow } from '../../src/lib/charts/segments.ts';
import type { ChartSpec } from '../../src/lib/charts/types.ts';
import { deriveKpis, kpiIndex } from '../../src/lib/segments/kpis.ts';
import type { ValueCounts } from '../../src/lib/analysis/result.ts';
import { sampleResult } from './charts-fixture.ts';
import { measureText } from './charts-font.ts';

/**
 * Canvas widths (CSS px) of the charts in a 1,400 and a 1,024 px wide window, measured in Chromium:
 * analysis cards two to a row, the RFM segment bars across, segment charts in their panel, and
 * profile cards three (1,400) or two (1,024) to a row.
 */
const WIDTHS = { card: [558, 446], wide: [1166, 942], segment: [541, 429], profile: [344, 429] } as const;
/** Glyphs reach past the em box a little (descenders, anti-aliasing): labels closer than this touch. */
const MARGIN = 1;

const fontSize = (font: unknown) => Number(/(\d+(?:\.\d+)?)px/.exec(String(font))?.[1] ?? 12);

/** A canvas whose 2D context measures text as Chromium does (charts-font.ts) and draws nothing. */
function stubCanvas(width: number, height: number) {
  const target: Record<string, unknown> = {
    measureText: (t: string) => ({ width: measureText(String(t), fontSize(target.font)) }),
    getLineDash: () => [],
  };
  const ctx: unknown = new Proxy(target, {
    get: (t, key: string) => (key in t ? t[key] : () => undefined),
    set: (t, key: string, value) => ((t[key] = value), true),
  });
  const canvas = { width, height, style: {}, getContext: () => ctx };
  target.canvas = canvas;
  return canvas;
}

type Point = [number, number];

/** The four corners of a tick label as drawn: Chart.js translates, rotates, then writes each line centred on textOffset. */
function labelCorners(item: LabelItem): Point[] {
  const lines = Array.isArray(item.label) ? item.label : [item.label];
  const size = item.font.size ?? 12;
  const text = Math.max(...lines.map((l) => measureText(String(l), size)));
  const width = text + 2 * MARGIN;
  const align = item.options.textAlign;
  const left = align === 'left' ? -MARGIN : align === 'right' ? -text - MARGIN : -width / 2;
  const top = item.textOffset - size / 2 - MARGIN;
  const bottom = item.textOffset + (lines.length - 1) * Number(item.font.lineHeight) + size / 2 + MARGIN;
  const rotation = item.options.rotation ?? 0;
  const translation = item.options.translation ?? [0, 0];
  const [cos, sin] = [Math.cos(rotation), Math.sin(rotation)];
  return (
    [
      [left, top],
      [left + width, top],
      [left + width, bottom],
      [left, bottom],
    ] as Point[]
  ).map(([x, y]) => [translation[0] + x * cos - y * sin, translation[1] + x * sin + y * cos]);
}

/** Separating axis test for two convex quadrilaterals (touching edges do not count). */
function overlaps(a: Point[], b: Point[]): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < 4; i++) {
      const [x1, y1] = poly[i];
      const [x2, y2] = poly[(i + 1) % 4];
      const normal: Point = [y2 - y1, x1 - x2];
      const project = (p: Point[]) => p.map(([x, y]) => x * normal[0] + y * normal[1]);
      const [pa, pb] = [project(a), project(b)];
      if (Math.max(...pa) <= Math.min(...pb) + 1e-6 || Math.max(...pb) <= Math.min(...pa) + 1e-6) return false;
    }
  }
  return true;
}

/**
 * Every pair of tick labels of one axis that overlap, every label that leaves the canvas, and
 * labels of a category axis left out (Chart.js skips some when they do not fit). With
 * `names`, also every name on the x axis that reaches under a neighbour's bars (a rotated "never
 * purchased" hanging under "lapsed" reads as one label): each must stay within its own slot.
 */
function labelProblems(chart: Chart, width: number, height: number, names: boolean): string[] {
  const problems: string[] = [];
  for (const scale of Object.values(chart.scales)) {
    const items = scale.getLabelItems();
    const boxes = items.map(labelCorners);
    const name = (i: number) => JSON.stringify(items[i].label);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++)
        if (overlaps(boxes[i], boxes[j])) problems.push(`${scale.id}: ${name(i)} overlaps ${name(j)}`);
      if (boxes[i].some(([x, y]) => x < -0.5 || x > width + 0.5 || y < -0.5 || y > height + 0.5))
        problems.push(`${scale.id}: ${name(i)} leaves the canvas`);
    }
    const labels = scale.type === 'category' ? (chart.data.labels ?? []) : [];
    if (items.length < labels.length) problems.push(`${scale.id}: ${labels.length - items.length} of ${labels.length} labels skipped`);
    if (names && scale.axis === 'x' && scale.type === 'category' && items.length > 1) {
      const slot = Math.abs(scale.getPixelForTick(1) - scale.getPixelForTick(0));
      boxes.forEach((box, i) => {
        const xs = box.map(([x]) => x);
        const centre = scale.getPixelForTick(i);
        if (Math.min(...xs) < centre - slot / 2 || Math.max(...xs) > centre + slot / 2)
          problems.push(`${scale.id}: ${name(i)} reaches out of its slot`);
      });
    }
  }
  return problems;
}

function problemsAt(spec: ChartSpec, width: number, names: boolean): string[] {
  const height = spec.height ?? 300;
  const Chart = registerCharts();
  const chart = new Chart(stubCanvas(width, height) as unknown as HTMLCanvasElement, finalizeConfig(spec.config as ChartConfiguration));
  try {
    return labelProblems(chart, width, height, names);
  } finally {
    chart.destroy();
  }
}

/** Orders per customer falling off as f^−1.5 up to 210, as in Online Retail (17 bars). */
function powerLaw(): ValueCounts {
  const values = Array.from({ length: 210 }, (_, i) => i + 1);
  return { values, counts: values.map((f) => Math.round(1500 / f ** 1.5)) };
}

/** Spend log-normal around 700 (σ = 0.5 decade) with one refund, in two-digit steps, as in Online Retail (16 bars). */
function logNormal(): ValueCounts {
  const values = [0];
  const counts = [1];
  for (let e = 0; e < 5; e++) {
    for (let d = 10; d < 100; d++) {
      const v = Number((d * 10 ** e).toPrecision(2));
      values.push(v);
      // Density in log10 times the step's width in log10, about 1 / (d ln 10).
      counts.push(Math.round((60_000 / d) * Math.exp(-((Math.log10(v) - 2.85) ** 2) / (2 * 0.5 ** 2))));
    }
  }
  return { values, counts };
}

/** A result with the names and spreads of a real one: six lifecycle stages, eleven RFM segments, long tails. */
const realistic = sampleResult({
  bins: 5,
  method: 'ntile',
  cuts: { recency: [17, 33, 72, 178], frequency: [1, 2, 3, 5], monetary: [250.1, 489.7, 941.9, 2057.9] },
  cells: Array.from({ length: 125 }, (_, i) => ({
    cell: `${1 + (i % 5)}${1 + (Math.floor(i / 5) % 5)}${1 + Math.floor(i / 25)}`,
    customers: 1 + i * 37,
    avgMonetary: 100 + i * 1234.5,
  })),
  segments: [
    'Champions',
    'Loyal',
    'Potential Loyalist',
    'New Customers',
    'Promising',
    'Need Attention',
    'About To Sleep',
    'At Risk',
    'Cannot Lose Them',
    'Hibernating',
    'Lost',
  ].map((name, i) => ({ name, customers: 100 + i, revenue: 1000 * (i + 1), action: '' })),
  tiers: ['Platinum', 'Gold', 'Silver', 'Bronze'].map((name, i) => ({ name, customers: 10 * (i + 1), revenue: 1000 / (i + 1) })),
  lifecycle: ['new', 'active', 'repeat', 'cooling', 'lapsed', 'never purchased'].map((name, i) => ({
    name,
    customers: 50 + i,
    revenue: 10 * i,
  })),
  histograms: {
    recency: { edges: Array.from({ length: 21 }, (_, i) => 1 + 37 * i), counts: Array.from({ length: 20 }, (_, i) => 800 - 35 * i) },
  },
  valueCounts: { frequency: powerLaw(), monetary: logNormal() },
});

const segmentRows: SegmentRow[] = ['Mobile big spenders', 'German repeat buyers', 'One-time buyers', 'High-value, lapsing'].map(
  (name, i) => {
    const base = { customers: 1000, revenue: 100_000, revenueText: '100000', orders: 3000, avgRecency: 90 };
    const kpis = deriveKpis({ customers: 100 * (i + 1), revenue: 20_000, revenueText: '20000', orders: 300, avgRecency: 40 + i }, base);
    return { name, color: '#000', kpis, index: kpiIndex(kpis, deriveKpis(base, base)) };
  },
);

/** [name, where the chart sits, the chart, whether its x axis names groups (rather than bins)]. */
const eight = [...segmentRows, ...segmentRows.map((r) => ({ ...r, name: `${r.name} again` }))];

const charts: [string, keyof typeof WIDTHS, ChartSpec, boolean?][] = [
  ['R × F heatmap', 'card', heatmapChart(realistic, 'customers')],
  ['R × F heatmap by average monetary', 'card', heatmapChart(realistic, 'avgMonetary')],
  ['Pareto curve', 'card', lorenzChart(realistic)],
  ['RFM segments', 'wide', groupChart(realistic.segments, { title: 'By RFM segment', dimension: 'Segment', horizontal: true })],
  ['recency histogram', 'card', histogramChart(realistic, 'recency')],
  ['frequency histogram', 'card', histogramChart(realistic, 'frequency')],
  ['monetary histogram', 'card', histogramChart(realistic, 'monetary')],
  ['value tiers', 'card', groupChart(realistic.tiers, { title: 'By tier', dimension: 'Tier' }), true],
  ['lifecycle stages', 'card', groupChart(realistic.lifecycle, { title: 'By stage', dimension: 'Stage' }), true],
  ['segment shares', 'segment', segmentSharesChart(segmentRows), true],
  ['segment shares, eight segments', 'segment', segmentSharesChart(eight), true],
  ['KPI index', 'segment', kpiIndexChart(segmentRows)],
  [
    'segment overlap, eight segments',
    'segment',
    overlapChart(
      eight.map((r) => r.name),
      eight.map((_, i) => eight.map((__, j) => (i === j ? 100 : 10))),
      () => {},
    ),
    true,
  ],
  [
    'segment overlap',
    'segment',
    overlapChart(
      segmentRows.map((r) => r.name),
      segmentRows.map((_, i) => segmentRows.map((__, j) => (i === j ? 100 : 10))),
      () => {},
    ),
    true,
  ],
  [
    'profile of a number',
    'profile',
    profileChart(
      {
        column: 'monetary',
        kind: 'numeric',
        meanInside: 1,
        medianInside: 1,
        meanBase: 1,
        medianBase: 1,
        edges: Array.from({ length: 11 }, (_, i) => -4287.63 + (i * (280_206.02 + 4287.63)) / 10),
        inside: Array.from({ length: 10 }, () => 0.1),
        base: Array.from({ length: 10 }, () => 0.1),
      },
      'High-value, lapsing',
    ),
  ],
  [
    'profile of a text',
    'profile',
    profileChart(
      {
        column: 'lifecycle_stage',
        kind: 'categorical',
        values: ['lapsed', 'cooling', 'repeat', 'active', 'never purchased', 'new'].map((value) => ({
          value,
          inside: 1,
          base: 2,
          shareInside: 0.1,
          shareBase: 0.2,
          lift: 0.5,
        })),
        otherInside: 0,
        otherBase: 0,
      },
      'High-value, lapsing',
    ),
    true,
  ],
];

describe('no tick labels overlap or leave the canvas, in a 1,400 and a 1,024 px wide window', () => {
  for (const [name, kind, spec, names = false] of charts) {
    test(name, () => {
      const [wide, narrow] = WIDTHS[kind];
      expect({ 1400: problemsAt(spec, wide, names), 1024: problemsAt(spec, narrow, names) }).toEqual({ 1400: [], 1024: [] });
    });
  }

  test('the checker sees overlapping labels', () => {
    const squeezed = groupChart(realistic.lifecycle, { title: 'By stage', dimension: 'Stage' });
    const config = squeezed.config as ChartConfiguration<'bar'>;
    const upright = { ...config, data: { ...config.data, labels: realistic.lifecycle.map((g) => g.name) } };
    upright.options = {
      ...config.options,
      scales: { ...config.options!.scales, x: { type: 'category', ticks: { autoSkip: false, maxRotation: 0 } } },
    };
    expect(problemsAt({ ...squeezed, config: upright }, 300, false)).toContain('x: "lapsed" overlaps "never purchased"');
  });
});
