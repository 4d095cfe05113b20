// Calendar days in Asia/Tokyo as whole numbers, the unit every report rollup is keyed by.
// Japan keeps no daylight saving time, so a Tokyo day is always UTC+9 and a day number is
// plain arithmetic: day 0 is 1970-01-01 in Tokyo. The same formula runs in SQL (the rollup
// triggers) on a submission's sort key k = received ms × 1024 + tie-breaker.

export const DAY_MS = 86_400_000;
export const TOKYO_OFFSET_MS = 9 * 3_600_000;

/** The SQL twin of dayOfMs, on a submissions sort key. */
export const SQL_DAY_OF_K = (k: string) => `((${k}) / 1024 + ${TOKYO_OFFSET_MS}) / ${DAY_MS}`;

export function dayOfMs(ms: number): number {
  return Math.floor((ms + TOKYO_OFFSET_MS) / DAY_MS);
}

/** 'YYYY-MM-DD' (a Tokyo calendar date) → day number. */
export function dayOfDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  if (dateOfDay(day) !== date) throw new Error(`not a calendar date: ${date}`);
  return day;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Month number: year × 12 + month index (January = 0). */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function firstDayOfMonth(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS;
}

export function lastDayOfMonth(month: number): number {
  return firstDayOfMonth(month + 1) - 1;
}

/** The Monday on or before the day (1970-01-01 was a Thursday). */
export function weekStart(day: number): number {
  return day - (((day + 3) % 7) + 7) % 7;
}

/** Where a day's submissions lie in the sort key: [lo, hi). */
export function kRangeOfDay(day: number): [number, number] {
  return [(day * DAY_MS - TOKYO_OFFSET_MS) * 1024, ((day + 1) * DAY_MS - TOKYO_OFFSET_MS) * 1024];
}

/**
 * Splits [from, to] so the months wholly inside come from the monthly rollup and only the
 * ragged ends are read day by day.
 */
export function splitRange(from: number, to: number): { months: [number, number] | null; days: [number, number][] } {
  if (from > to) return { months: null, days: [] };
  const firstWhole = monthOfDay(from) + (firstDayOfMonth(monthOfDay(from)) === from ? 0 : 1);
  const lastWhole = monthOfDay(to) - (lastDayOfMonth(monthOfDay(to)) === to ? 0 : 1);
  if (firstWhole > lastWhole) return { months: null, days: [[from, to]] };
  const days: [number, number][] = [];
  if (from < firstDayOfMonth(firstWhole)) days.push([from, firstDayOfMonth(firstWhole) - 1]);
  if (to > lastDayOfMonth(lastWhole)) days.push([lastDayOfMonth(lastWhole) + 1, to]);
  return { months: [firstWhole, lastWhole], days };
}

/** The period a day falls in, as the day number of its first day. */
export function periodStart(day: number, granularity: 'day' | 'week' | 'month'): number {
  if (granularity === 'day') return day;
  if (granularity === 'week') return weekStart(day);
  return firstDayOfMonth(monthOfDay(day));
}

/** Every period touching [from, to], in order. */
export function periodsOf(from: number, to: number, granularity: 'day' | 'week' | 'month'): number[] {
  const out: number[] = [];
  for (let p = periodStart(from, granularity); p <= to; ) {
    out.push(p);
    p = granularity === 'day' ? p + 1 : granularity === 'week' ? p + 7 : firstDayOfMonth(monthOfDay(p) + 1);
  }
  return out;
}
