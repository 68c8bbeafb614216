import { formatAmount, formatCount, formatRounded } from '../format.ts';
import type { LifecycleSpec, RfmSpec, SegmentMap, TierSpec } from '../spec/analysis.ts';
import { NEVER_PURCHASED } from '../sql/lifecycle.ts';
import { OTHER_SEGMENT } from '../sql/segments.ts';
import type { CustomerFacts, CustomerMetrics, CustomerScores, Dim, ScoreBands, StoryExplanations, TierPosition } from './types.ts';

/**
 * How each of a customer's values was derived, in words, from the analysis spec the tables were
 * built with and the bands found in the data. Each function describes the value the tables hold,
 * with the boundaries as the SQL draws them (src/lib/sql/rfm.ts, tiers.ts, lifecycle.ts, segments.ts).
 */

const DIM_LETTER: Record<Dim, string> = { r: 'R', f: 'F', m: 'M' };

/** `1 day`, `12 days`, `1,204 orders`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${Math.abs(n) === 1 ? one : many}`;
}

/** `12 days before the analysis date`; a recency of 0 is an order on the analysis date itself. */
export function daysBefore(days: number): string {
  if (days === 0) return 'on the analysis date';
  return days > 0 ? `${plural(days, 'day')} before the analysis date` : `${plural(-days, 'day')} after the analysis date`;
}

/** `1st`, `2nd`, `3rd`, `11th`, `21st`, with thousands separators. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${formatCount(n)}${suffix}`;
}

/** A no-break space before the sign, so that a line never starts with "%". */
const PERCENT = '\u00a0%';

const cutNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const moneyNumber = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** A cut point (a double) as written in a band: money with two places at least, other metrics as they are. */
function cutText(dim: Dim, value: number): string {
  return dim === 'm' ? moneyNumber.format(value) : cutNumber.format(value);
}

/**
 * A percentage next to the bounds it is compared with, with as many decimals as it takes for the
 * shown figure to compare with each bound as the exact one does, and to equal a bound only when it
 * does (50.04 % is not shown as "50 %" beside a bound of 50 % it is past).
 */
export function percentBeside(value: number, bounds: readonly number[]): string {
  for (let digits = 1; digits <= 6; digits++) {
    const shown = Number(value.toFixed(digits));
    if (bounds.every((b) => shown <= b === value <= b && (shown === b) === (value === b))) {
      return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value)}${PERCENT}`;
    }
  }
  return `${value}${PERCENT}`;
}

/** The value a dimension scores, in words. */
function scoredValue(dim: Dim, metrics: CustomerMetrics, rfm: Pick<RfmSpec, 'monetary'>): string {
  if (dim === 'r') return `last order ${daysBefore(metrics.recencyDays)}`;
  if (dim === 'f') return plural(metrics.frequency, 'order');
  if (rfm.monetary === 'average') return `average order value ${metrics.aov === null ? 'none' : formatRounded(metrics.aov)}`;
  return `spend ${formatAmount(metrics.monetary)}`;
}

/**
 * A class between two cut points, `lower < value ≤ upper` (either end open), as people read it:
 * whole numbers for days and orders (≤ 37.5 days is ≤ 37 days), money for spend.
 */
export function bandText(dim: Dim, lower: number | null, upper: number | null): string {
  if (dim === 'm') {
    if (lower === null) return upper === null ? 'any amount' : `at most ${cutText(dim, upper)}`;
    return upper === null ? `more than ${cutText(dim, lower)}` : `more than ${cutText(dim, lower)}, up to ${cutText(dim, upper)}`;
  }
  const unit = (n: number) => (dim === 'r' ? (Math.abs(n) === 1 ? 'day' : 'days') : Math.abs(n) === 1 ? 'order' : 'orders');
  const lo = lower === null ? null : Math.floor(lower) + 1;
  const hi = upper === null ? null : Math.floor(upper);
  if (lo === null) return hi === null ? `any number of ${unit(2)}` : `≤ ${formatCount(hi)} ${unit(hi)}`;
  if (hi === null) return `≥ ${formatCount(lo)} ${unit(lo)}`;
  return lo === hi ? `exactly ${formatCount(lo)} ${unit(lo)}` : `${formatCount(lo)}–${formatCount(hi)} ${unit(hi)}`;
}

/** A range of values found in the data, `min`–`max`, in the dimension's units. */
function rangeText(dim: Dim, min: number, max: number): string {
  if (dim === 'm') return min === max ? `exactly ${cutText(dim, min)}` : `${cutText(dim, min)}–${cutText(dim, max)}`;
  const unit = dim === 'r' ? (max === 1 ? 'day' : 'days') : max === 1 ? 'order' : 'orders';
  return min === max ? `exactly ${formatCount(min)} ${unit}` : `${formatCount(min)}–${formatCount(max)} ${unit}`;
}

/** Which of the n-tile groups a score is, in words: the best, the worst, or a middle one. */
function ntileGroup(dim: Dim, score: number, bins: number, rfm: Pick<RfmSpec, 'monetary'>): string {
  const best = { r: 'most recent', f: 'most orders', m: rfm.monetary === 'average' ? 'highest average order' : 'highest spend' };
  const worst = { r: 'least recent', f: 'fewest orders', m: rfm.monetary === 'average' ? 'lowest average order' : 'lowest spend' };
  if (score === bins) return ` (the ${best[dim]})`;
  if (score === 1) return ` (the ${worst[dim]})`;
  return '';
}

const NTILE_BY: Record<Dim, string> = { r: 'recency', f: 'orders', m: 'spend' };

/**
 * R, F or M, from its score and the bands: with cut points, the class the score stands for
 * (R = bins − the cuts strictly below the value; F, M = 1 + that); with rank n-tiles, the range of
 * values the buyers of that group have here. A net spend ≤ 0 scores M = 1 under every method.
 */
export function explainScore(dim: Dim, metrics: CustomerMetrics, scores: CustomerScores, bands: ScoreBands, rfm: RfmSpec): string {
  const score = scores[dim];
  const letter = DIM_LETTER[dim];
  const head = `${letter} = ${score}: ${scoredValue(dim, metrics, rfm)}`;
  if (dim === 'm' && Number(metrics.monetary) <= 0) {
    return `${head}; a customer whose spend is not above 0 (returns netted, or only free orders) scores M = 1 whatever the method.`;
  }
  const band = `the ${letter}${score} band`;
  if (bands.kind === 'ranges') {
    const { min, max } = bands.ranges[dim];
    const by = dim === 'm' && rfm.monetary === 'average' ? 'average order value' : NTILE_BY[dim];
    return `${head}; ${band}${ntileGroup(dim, score, rfm.bins, rfm)} is ${rangeText(dim, min, max)} in this data (rank n-tiles: ${rfm.bins} equal groups of buyers by ${by}, ties split by customer id).`;
  }
  const cuts = bands.cuts[dim];
  const below = dim === 'r' ? rfm.bins - score : score - 1;
  const lower = below >= 1 ? cuts[below - 1] : null;
  const upper = below <= rfm.bins - 2 ? cuts[below] : null;
  const bounding = [lower, upper].filter((c): c is number => c !== null).map((c) => cutText(dim, c));
  const source =
    rfm.method === 'thresholds'
      ? `your threshold${bounding.length > 1 ? 's' : ''}`
      : `this data's quantile breakpoint${bounding.length > 1 ? 's' : ''}`;
  return `${head}; ${band} is ${bandText(dim, lower, upper)} (${source} ${bounding.join(' and ')}).`;
}

const rangeOf = ([lo, hi]: [number, number]) => (lo === hi ? String(lo) : `${lo}–${hi}`);

/** Names as a list: `A`, `A and B`, `A, B and C`. */
function nameList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The first dimension a range rule misses, in words (`F 2 not in 4–5`); null when the rule matches. */
function rangeMiss(rule: { r: [number, number]; f: [number, number]; m: [number, number] }, scores: CustomerScores): string | null {
  for (const dim of ['r', 'f', 'm'] as const) {
    const [lo, hi] = rule[dim];
    if (scores[dim] < lo || scores[dim] > hi) return `${DIM_LETTER[dim]} ${scores[dim]} not in ${rangeOf(rule[dim])}`;
  }
  return null;
}

/**
 * The RFM segment: with a cell map, the segment that owns the cell (the first in map order, when
 * several claim it); with range rules, the first rule whose three ranges hold; else "Other".
 */
export function explainRfmSegment(map: SegmentMap, scores: CustomerScores): { text: string; action: string | null } {
  const { cell, r, f, m, segmentIndex } = scores;
  const scored = `R ${r}, F ${f}, M ${m}`;
  if (map.kind === 'cells') {
    const segment = segmentIndex === null ? undefined : map.segments[segmentIndex];
    if (!segment) return { text: `${OTHER_SEGMENT}: no segment of the map claims cell ${cell} (${scored}).`, action: null };
    const later = map.segments.slice(segmentIndex! + 1).filter((s) => s.cells.includes(cell));
    const shared = later.length
      ? `; ${nameList(later.map((s) => s.name))} also claim${later.length === 1 ? 's' : ''} it, and the first in the map wins`
      : '';
    return { text: `${segment.name}: cell ${cell} (${scored}) is one of its cells${shared}.`, action: segment.action || null };
  }
  const segment = segmentIndex === null ? undefined : map.segments[segmentIndex];
  const missed = map.segments.slice(0, segmentIndex ?? map.segments.length).map((s) => `${s.name} (${rangeMiss(s, scores) ?? 'matches'})`);
  if (!segment)
    return { text: `${OTHER_SEGMENT}: no range rule matches ${scored}${missed.length ? `: ${missed.join('; ')}` : ''}.`, action: null };
  const within = (['r', 'f', 'm'] as const).map((d) => `${DIM_LETTER[d]} ${scores[d]} in ${rangeOf(segment[d])}`).join(', ');
  const before = missed.length ? `; the rules before it do not match: ${missed.join('; ')}` : '';
  return { text: `${segment.name}: ${within}, the first range rule that matches${before}.`, action: segment.action || null };
}

/**
 * The value tier: the first tier in spec order whose bound is at or above the customer's position
 * (cumulative revenue share, or rank as a percentile); past every bound, or with a net spend ≤ 0
 * (no position), the last tier.
 */
export function explainTier(
  tiers: Pick<TierSpec, 'scheme' | 'tiers'>,
  tier: string | null,
  position: TierPosition,
  monetary: string,
): string {
  const list = tiers.tiers;
  const last = list.at(-1);
  if (!last || tier === null) return 'No value tier: no tiers are defined.';
  const ranked = `ranked ${ordinal(position.rank)} of ${plural(position.buyers, 'buyer')} by spend`;
  const place = tiers.scheme === 'revenue-share' ? position.revenueShare : position.percentile;
  if (place === null) {
    return `${tier}: ${ranked}, with spend ${formatAmount(monetary)}, which is not above 0: no share of revenue, so the last tier.`;
  }
  const where = (...bounds: number[]) =>
    tiers.scheme === 'revenue-share'
      ? `${position.rank === 1 ? 'they alone bring' : `they and the ${plural(position.rank - 1, 'buyer')} ranked above them bring`} ${percentBeside(place, bounds)} of revenue`
      : `that is the top ${percentBeside(place, bounds)} of buyers`;
  const index = list.slice(0, -1).findIndex((t) => place <= t.upTo);
  const at = index < 0 ? list.length - 1 : index;
  const previous = at > 0 ? list[at - 1] : null;
  const past = previous ? `past ${previous.name}'s ${previous.upTo}${PERCENT}, ` : '';
  if (index < 0 && place > last.upTo) {
    return `${tier}: ${ranked}; ${where(...list.map((t) => t.upTo))}: past every tier's bound (the last, ${last.name}, ends at ${last.upTo}${PERCENT}), so the last tier.`;
  }
  return `${tier}: ${ranked}; ${where(...list.slice(0, at + 1).map((t) => t.upTo))}: ${past}within ${list[at].name}'s ${list[at].upTo}${PERCENT}.`;
}

/**
 * The lifecycle stage, first match wins: lapsed (recency > lapsed days), cooling (recency >
 * cooling days), new (first order ≤ new days before), repeat (2+ orders), else active.
 */
export function explainLifecycle(stage: string, metrics: CustomerMetrics | null, spec: LifecycleSpec): string {
  if (!metrics) return `${NEVER_PURCHASED}: in the customers file, with no order.`;
  const { recencyDays: r, tenureDays: t, frequency } = metrics;
  const last = `last order ${daysBefore(r)}`;
  const notCooling = `not more than the ${spec.coolingDays}-day cooling threshold`;
  switch (stage) {
    case 'lapsed':
      return `lapsed: ${last}, more than the ${spec.lapsedDays}-day lapsed threshold.`;
    case 'cooling':
      return `cooling: ${last}, more than the ${spec.coolingDays}-day cooling threshold (not more than the ${spec.lapsedDays}-day lapsed one).`;
    case 'new':
      return `new: first order ${daysBefore(t)}, within the ${spec.newDays}-day new window; ${last}, ${notCooling}.`;
    case 'repeat':
      return `repeat: ${plural(frequency, 'order')}, ${last} (${notCooling}); first order ${daysBefore(t)}, past the ${spec.newDays}-day new window.`;
    case 'active':
      return `active: ${plural(frequency, 'order')}, ${last} (${notCooling}); first order ${daysBefore(t)}, past the ${spec.newDays}-day new window.`;
    default:
      return `${stage}.`;
  }
}

/** Every explanation of a customer's story; a customer who never bought has no scores to explain. */
export function explainCustomer(facts: CustomerFacts): StoryExplanations {
  const { spec, metrics, scores, bands } = facts;
  if (!metrics || !scores || !bands || !facts.tier) {
    const none = 'Not scored: this customer has no order.';
    return {
      r: null,
      f: null,
      m: null,
      segment: none,
      action: null,
      tier: none,
      lifecycle: explainLifecycle(facts.lifecycleStage, null, spec.lifecycle),
    };
  }
  const segment = explainRfmSegment(spec.rfm.map, scores);
  return {
    r: explainScore('r', metrics, scores, bands, spec.rfm),
    f: explainScore('f', metrics, scores, bands, spec.rfm),
    m: explainScore('m', metrics, scores, bands, spec.rfm),
    segment: segment.text,
    action: segment.action,
    tier: explainTier(spec.tiers, facts.valueTier, facts.tier, metrics.monetary),
    lifecycle: explainLifecycle(facts.lifecycleStage, metrics, spec.lifecycle),
  };
}
