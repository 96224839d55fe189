/** Asia/Shanghai keeps UTC+8 all year (no daylight saving), so its calendar is a fixed offset. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** A day (`YYYY-MM-DD`, midnight in Shanghai) or a full ISO date-time. */
export function parseInstant(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(value);
}

/** The first instant of the Shanghai month `monthsFromNow` months from the month of `now`. */
export function shanghaiMonthStart(now: Date, monthsFromNow: number): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + monthsFromNow, 1) - SHANGHAI_OFFSET_MS);
}

/** The Shanghai calendar day of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export const MAX_DAILY_TREND_DAYS = 400;
export const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;

/** The first instant of the Shanghai day `daysFromNow` days from the day of `now`. */
export function shanghaiDayStart(now: Date, daysFromNow: number): Date {
  return new Date(Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS + daysFromNow) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** Midnight in Shanghai: a period bound the daily statistics roll-up can answer exactly. */
export const isShanghaiDayStart = (instant: Date) => (instant.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS === 0;

/** The first instant of every Shanghai month or day that starts before `to`, from the one holding `from`. */
export function shanghaiPeriodStarts(from: Date, to: Date, granularity: 'month' | 'day'): Date[] {
  const start = granularity === 'month' ? shanghaiMonthStart : shanghaiDayStart;
  const starts: Date[] = [];
  for (let i = 0, s = start(from, 0); s < to; s = start(from, ++i)) starts.push(s);
  return starts;
}
