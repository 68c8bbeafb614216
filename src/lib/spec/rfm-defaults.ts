import type { AnalysisSpec, Bins, CellSegment, RangeSegment, SegmentMap } from './analysis.ts';

/** The standard 11-segment RFM map: every one of the 125 R-F-M cells exactly once. */
export const STANDARD_SEGMENTS: readonly CellSegment[] = [
  {
    name: 'Champions',
    cells: ['555', '554', '544', '545', '454', '455', '445'],
    action: 'Reward them, ask for reviews and referrals, offer early access.',
  },
  {
    name: 'Loyal',
    cells: ['543', '444', '435', '355', '354', '345', '344', '335'],
    action: 'Upsell higher-value products; enrol them in a loyalty programme.',
  },
  {
    name: 'Potential Loyalist',
    cells: '553 551 552 541 542 533 532 531 452 451 442 441 431 453 433 432 423 353 352 351 342 341 333 323'.split(' '),
    action: 'Offer membership or a loyalty programme; recommend related products.',
  },
  {
    name: 'New Customers',
    cells: ['512', '511', '422', '421', '412', '411', '311'],
    action: 'Onboard them well: a welcome series and early support.',
  },
  {
    name: 'Promising',
    cells: '525 524 523 522 521 515 514 513 425 424 413 414 415 315 314 313'.split(' '),
    action: 'Build brand awareness; offer free trials or a second-purchase incentive.',
  },
  {
    name: 'Need Attention',
    cells: ['535', '534', '443', '434', '343', '334', '325', '324'],
    action: 'Make limited-time offers based on their past purchases.',
  },
  {
    name: 'About To Sleep',
    cells: ['331', '321', '312', '221', '213', '231', '241', '251'],
    action: 'Share popular products and discounts; reconnect before they lapse.',
  },
  {
    name: 'At Risk',
    cells: '255 254 245 244 253 252 243 242 235 234 225 224 153 152 145 143 142 135 134 133 125 124'.split(' '),
    action: 'Run a re-engagement campaign: personal e-mails, renewals, helpful resources.',
  },
  {
    name: 'Cannot Lose Them',
    cells: ['155', '154', '144', '214', '215', '115', '114', '113'],
    action: 'Win them back with new products or renewals; talk to them.',
  },
  {
    name: 'Hibernating',
    cells: ['332', '322', '233', '232', '223', '222', '132', '123', '122', '212', '211'],
    action: 'Offer relevant products and special discounts; recreate brand value.',
  },
  {
    name: 'Lost',
    cells: ['111', '112', '121', '131', '141', '151'],
    action: 'Try a reactivation offer, or suppress them to save budget.',
  },
];

/** Range rules for any number of bins (the cell map needs 5): first match wins. */
export function defaultRangeSegments(bins: Bins): RangeSegment[] {
  const top = bins;
  const high = Math.ceil(bins / 2) + 1;
  const low = Math.floor(bins / 2);
  return [
    { name: 'Champions', r: [high, top], f: [high, top], m: [high, top], action: STANDARD_SEGMENTS[0].action },
    { name: 'Loyal', r: [low, top], f: [high, top], m: [1, top], action: STANDARD_SEGMENTS[1].action },
    { name: 'New Customers', r: [high, top], f: [1, 1], m: [1, top], action: STANDARD_SEGMENTS[3].action },
    { name: 'At Risk', r: [1, low], f: [high, top], m: [1, top], action: STANDARD_SEGMENTS[7].action },
    { name: 'Lost', r: [1, 1], f: [1, low], m: [1, top], action: STANDARD_SEGMENTS[10].action },
    { name: 'Hibernating', r: [1, low], f: [1, low], m: [1, top], action: STANDARD_SEGMENTS[9].action },
    { name: 'Need Attention', r: [1, top], f: [1, top], m: [1, top], action: STANDARD_SEGMENTS[5].action },
  ];
}

export function defaultSegmentMap(bins: Bins): SegmentMap {
  return bins === 5
    ? { kind: 'cells', segments: STANDARD_SEGMENTS.map((s) => ({ ...s, cells: [...s.cells] })) }
    : { kind: 'ranges', segments: defaultRangeSegments(bins) };
}

/** A map with cells given to other of its segments (each segment's new cells added in ascending order): how a spec writes a map edited a little. */
export function withMovedCells(map: SegmentMap, moved: Record<string, string> | undefined): SegmentMap {
  if (!moved || map.kind !== 'cells') return map;
  const cells = Object.keys(moved).sort();
  return {
    kind: 'cells',
    segments: map.segments.map((s) => ({
      ...s,
      cells: [...s.cells.filter((c) => !Object.hasOwn(moved, c)), ...cells.filter((c) => moved[c] === s.name)],
    })),
  };
}

export function defaultAnalysisSpec(): AnalysisSpec {
  return {
    analysisDate: null,
    rfm: { method: 'ntile', bins: 5, monetary: 'total', thresholds: null, map: defaultSegmentMap(5) },
    tiers: {
      topPercent: 20,
      scheme: 'revenue-share',
      tiers: [
        { name: 'Platinum', upTo: 50 },
        { name: 'Gold', upTo: 80 },
        { name: 'Silver', upTo: 95 },
        { name: 'Bronze', upTo: 100 },
      ],
    },
    lifecycle: { newDays: 30, coolingDays: 90, lapsedDays: 180 },
  };
}
