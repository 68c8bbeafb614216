import { OTHER_SEGMENT } from '../sql/segments.ts';
import {
  allOf,
  isDate,
  isName,
  isNumber,
  isRecord,
  isString,
  listOf,
  matches,
  nullable,
  objectOf,
  oneOf,
  quote,
  taggedBy,
  type Check,
} from './check.ts';
import { defaultAnalysisSpec } from './rfm-defaults.ts';

const count = isNumber(0);
const scoreRange = listOf(isNumber(1, 5), 2);

/** No two entries of a list with the same name: the page keys its rows by name. */
const uniqueNames =
  (reserved: readonly string[] = []): Check =>
  (v, path, errors) => {
    if (!Array.isArray(v)) return;
    const seen = new Map<string, number>();
    v.forEach((item, i) => {
      const name = isRecord(item) ? item.name : undefined;
      if (typeof name !== 'string') return;
      const at = `${path}[${i}].name`;
      const list = path.slice(path.lastIndexOf('.') + 1);
      if (reserved.includes(name)) errors.push(`${at}: ${quote(name)} is reserved for customers in no segment`);
      else if (seen.has(name)) errors.push(`${at}: ${quote(name)} is already used by ${list}[${seen.get(name)}]`);
      else seen.set(name, i);
    });
  };

const mapSegments = (fields: Record<string, Check>, required: string[]) =>
  allOf(listOf(objectOf({ name: isName, ...fields, action: isString }, ['name', ...required])), uniqueNames([OTHER_SEGMENT]));

const RFM_SHAPE = objectOf({
  method: oneOf(['ntile', 'breakpoints', 'thresholds']),
  bins: oneOf([3, 4, 5]),
  monetary: oneOf(['total', 'average']),
  thresholds: nullable(
    objectOf({ recency: listOf(isNumber()), frequency: listOf(isNumber()), monetary: listOf(isNumber()) }, [
      'recency',
      'frequency',
      'monetary',
    ]),
  ),
  map: taggedBy('kind', {
    cells: objectOf(
      {
        kind: oneOf(['cells']),
        segments: mapSegments({ cells: listOf(matches(/^[1-5]{3}$/, 'an R-F-M cell such as "555"')) }, ['cells']),
      },
      ['segments'],
    ),
    ranges: objectOf({ kind: oneOf(['ranges']), segments: mapSegments({ r: scoreRange, f: scoreRange, m: scoreRange }, ['r', 'f', 'm']) }, [
      'segments',
    ]),
  }),
});

/**
 * Cut points that fit the bins (the page's bins when the file names none): bins − 1 per dimension,
 * never going down. Reports alongside the shape check, so it reads only what has the right shape.
 */
const thresholdsFitBins: Check = (v, path, errors) => {
  if (!isRecord(v)) return;
  const bins = v.bins ?? defaultAnalysisSpec().rfm.bins;
  if (v.thresholds === undefined || v.thresholds === null) {
    if (v.method === 'thresholds')
      errors.push(`${path}.thresholds: the thresholds method needs cut points for recency, frequency and monetary`);
    return;
  }
  if (!isRecord(v.thresholds) || (bins !== 3 && bins !== 4 && bins !== 5)) return;
  for (const dimension of ['recency', 'frequency', 'monetary']) {
    const cuts = v.thresholds[dimension];
    if (!Array.isArray(cuts) || !cuts.every((c) => Number.isFinite(c))) continue;
    const at = `${path}.thresholds.${dimension}`;
    if (cuts.length !== bins - 1) errors.push(`${at}: expected ${bins - 1} cut points (bins − 1), got ${cuts.length}`);
    else if (cuts.some((c, i) => i > 0 && c < cuts[i - 1])) errors.push(`${at}: expected ascending cut points, got ${cuts.join(', ')}`);
  }
};

/** The parts of `analysis`, each read (and left out) on its own; the RFM settings are one part, since bins, method, cut points and map interlock. */
export const ANALYSIS_PARTS: Record<string, Check> = {
  analysisDate: nullable(isDate),
  rfm: allOf(RFM_SHAPE, thresholdsFitBins),
  tiers: objectOf({
    topPercent: isNumber(0, 100),
    scheme: oneOf(['revenue-share', 'percentile']),
    tiers: allOf(listOf(objectOf({ name: isName, upTo: isNumber(0, 100) }, ['name', 'upTo'])), uniqueNames()),
  }),
  lifecycle: objectOf({ newDays: count, coolingDays: count, lapsedDays: count }),
};
