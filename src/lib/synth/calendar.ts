/*
 * Dates as whole days since 1970-01-01 (proleptic Gregorian), converted with Howard Hinnant's
 * civil-calendar algorithms: integer arithmetic only, no Date object, no time zone, no locale.
 */

/** A calendar date. */
export interface Civil {
  y: number;
  m: number;
  d: number;
}

/** Days since 1970-01-01 of a calendar date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number. */
export function civilFromDays(day: number): Civil {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** `07` for 7: two digits, for months, days, hours, minutes and seconds. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** The day number of a `YYYY-MM-DD` text; throws naming the option when it is not a real date. */
export function parseDay(text: string, name: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3])) : NaN;
  if (!match || formatDay(day) !== text) throw new Error(`invalid ${name}: ${text}`);
  return day;
}
