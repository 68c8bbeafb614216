import { civilFromDays, daysFromCivil, weekday } from './calendar.ts';

// Relative demand by month: the run-up to Christmas dominates, January and February are quiet.
const MONTH = [0.78, 0.74, 0.86, 0.88, 0.92, 0.9, 0.88, 0.9, 1.0, 1.12, 1.6, 1.45];
// Monday … Sunday.
const WEEKDAY = [1.05, 1.0, 1.0, 1.08, 0.95, 0.8, 0.92];
// Demand grows this much per year over the period.
const GROWTH = 0.12;

/** Demand weight of each day of the period, and its running total for inverse-CDF sampling. */
export interface Season {
  startDay: number;
  days: number;
  weight: Float64Array;
  /** cumulative[i] = sum of weight[0 .. i-1]; length days + 1. */
  cumulative: Float64Array;
}

/** Friday after the fourth Thursday of November. */
function blackFriday(year: number): number {
  const first = daysFromCivil(year, 11, 1);
  const firstThursday = first + ((3 - weekday(first) + 7) % 7);
  return firstThursday + 22;
}

function dayWeight(day: number, startDay: number): number {
  const { y, m, d } = civilFromDays(day);
  let w = MONTH[m - 1] * WEEKDAY[weekday(day)] * (1 + (GROWTH * (day - startDay)) / 365);
  const bf = blackFriday(y);
  if (day === bf) w *= 2.6;
  else if (day === bf + 3) w *= 2.0;
  else if (day > bf && day < bf + 3) w *= 1.4;
  if (m === 12 && d >= 21) w *= d === 25 ? 0.25 : d === 24 ? 0.55 : d === 26 ? 1.1 : 0.8;
  if (m === 1 && d === 1) w *= 0.45;
  return w;
}

/** The season of the period [startDay, endDay]. */
export function buildSeason(startDay: number, endDay: number): Season {
  const days = endDay - startDay + 1;
  const weight = new Float64Array(days);
  const cumulative = new Float64Array(days + 1);
  for (let i = 0; i < days; i++) {
    weight[i] = dayWeight(startDay + i, startDay);
    cumulative[i + 1] = cumulative[i] + weight[i];
  }
  return { startDay, days, weight, cumulative };
}

/** A day index in [from, to] (inclusive, period-relative) drawn in proportion to demand. */
export function sampleDay(season: Season, from: number, to: number, u: number): number {
  const cum = season.cumulative;
  const target = cum[from] + u * (cum[to + 1] - cum[from]);
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cum[mid] <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Total demand over [from, to]. */
export function demand(season: Season, from: number, to: number): number {
  return season.cumulative[to + 1] - season.cumulative[from];
}
