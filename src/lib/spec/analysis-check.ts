import * as v from 'valibot';
import { OTHER_SEGMENT } from '../sql/segments.ts';
import { isRecord, quote, type Check } from './check.ts';
import { defaultAnalysisSpec, STANDARD_SEGMENTS } from './rfm-defaults.ts';
import {
  checkOf,
  date,
  list,
  map,
  matching,
  name,
  nullable,
  number,
  object,
  objectItem,
  oneOf,
  tagged,
  text,
  uniqueNames,
  type Schema,
} from './schema.ts';

const count = number(0);
const scoreRange = list(number(1, 5), 2);

/** An RFM map's segments: names unique (and none "Other", the row of customers in no segment). */
const mapSegments = (fields: Record<string, Schema>, required: string[]) =>
  v.pipe(list(object({ name, ...fields, action: text }, ['name', ...required])), uniqueNames('segments', [OTHER_SEGMENT]));

/** Cells of the standard map given to another of its segments (spec-file.ts): only where the standard map applies. */
const MOVED = v.pipe(
  map(oneOf(STANDARD_SEGMENTS.map((s) => s.name))),
  v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
    const moved = dataset.value;
    if (!isRecord(moved)) return;
    for (const cell of Object.keys(moved))
      if (!/^[1-5]{3}$/.test(cell)) addIssue({ message: `expected R-F-M cells such as "555" as keys, got ${quote(cell)}` });
  }),
);

const RFM_SHAPE = object({
  method: oneOf(['ntile', 'breakpoints', 'thresholds']),
  bins: oneOf([3, 4, 5]),
  monetary: oneOf(['total', 'average']),
  thresholds: nullable(
    object({ recency: list(number()), frequency: list(number()), monetary: list(number()) }, ['recency', 'frequency', 'monetary']),
  ),
  map: tagged('kind', {
    cells: {
      fields: {
        kind: oneOf(['cells']),
        segments: mapSegments({ cells: list(matching(/^[1-5]{3}$/, 'an R-F-M cell such as "555"')) }, ['cells']),
      },
      required: ['segments'],
    },
    ranges: {
      fields: { kind: oneOf(['ranges']), segments: mapSegments({ r: scoreRange, f: scoreRange, m: scoreRange }, ['r', 'f', 'm']) },
      required: ['segments'],
    },
  }),
  moved: MOVED,
});

/** `moved` changes the standard map: with a map of its own, or bins other than 5, it would mean nothing. */
const movedOnStandardMap = v.rawCheck(({ dataset, addIssue }) => {
  const rfm = dataset.value;
  if (!isRecord(rfm) || rfm.moved === undefined) return;
  if (rfm.map !== undefined || (rfm.bins !== undefined && rfm.bins !== 5))
    addIssue({ message: 'moved cells apply to the standard map only (5 bins, no map of its own)', path: [objectItem(rfm, 'moved')] });
});

/**
 * Cut points that fit the bins (the page's bins when the file names none): bins − 1 per dimension,
 * never going down. Written by hand beside the schema: it reads several keys at once, and reports
 * alongside the shape check, so it reads only what has the right shape.
 */
const thresholdsFitBins = v.rawCheck(({ dataset, addIssue }) => {
  const rfm = dataset.value;
  if (!isRecord(rfm)) return;
  const bins = rfm.bins ?? defaultAnalysisSpec().rfm.bins;
  if (rfm.thresholds === undefined || rfm.thresholds === null) {
    if (rfm.method === 'thresholds')
      addIssue({
        message: 'the thresholds method needs cut points for recency, frequency and monetary',
        path: [objectItem(rfm, 'thresholds')],
      });
    return;
  }
  const thresholds = rfm.thresholds;
  if (!isRecord(thresholds) || (bins !== 3 && bins !== 4 && bins !== 5)) return;
  for (const dimension of ['recency', 'frequency', 'monetary']) {
    const cuts = thresholds[dimension];
    if (!Array.isArray(cuts) || !cuts.every((c) => Number.isFinite(c))) continue;
    const path = [objectItem(rfm, 'thresholds'), objectItem(thresholds, dimension)] as const;
    if (cuts.length !== bins - 1) addIssue({ message: `expected ${bins - 1} cut points (bins − 1), got ${cuts.length}`, path: [...path] });
    else if (cuts.some((c, i) => i > 0 && c < cuts[i - 1]))
      addIssue({ message: `expected ascending cut points, got ${cuts.join(', ')}`, path: [...path] });
  }
});

/** The parts of `analysis`, each read (and left out) on its own; the RFM settings are one part, since bins, method, cut points and map interlock. */
export const ANALYSIS_PARTS: Record<string, Check> = {
  analysisDate: checkOf(nullable(date)),
  rfm: checkOf(v.pipe(v.unknown(), RFM_SHAPE, thresholdsFitBins, movedOnStandardMap)),
  tiers: checkOf(
    object({
      topPercent: number(0, 100),
      scheme: oneOf(['revenue-share', 'percentile']),
      tiers: v.pipe(list(object({ name, upTo: number(0, 100) }, ['name', 'upTo'])), uniqueNames('tiers')),
    }),
  ),
  lifecycle: checkOf(object({ newDays: count, coolingDays: count, lapsedDays: count })),
};
