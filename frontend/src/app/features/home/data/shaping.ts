import type { Schemas } from '@hw/core/api/api';

/** How many records a list holds for one value of a filter (a status, a custody state, …). */
export interface Count<K extends string = string> {
  key: K;
  count: number;
}

export type JurisdictionFigures = Schemas['JurisdictionFiguresDto'];

/** Files still being worked on; reunited and closed files are done. */
export const ACTIVE_CASE_STATUSES = [
  'open',
  'sighted',
  'located',
  'rescued',
] as const;
export const ALL_CASE_STATUSES = [
  ...ACTIVE_CASE_STATUSES,
  'reunited',
  'closed',
] as const;
/** Custody states of a sample not yet profiled: what a laboratory still has to do. */
export const WAITING_CUSTODY_STATES = [
  'collected',
  'sealed',
  'shipped',
  'received',
] as const;
export const CUSTODY_STATES = [
  ...WAITING_CUSTODY_STATES,
  'profiled',
  'stored',
  'destroyed',
] as const;
export type CustodyState = (typeof CUSTODY_STATES)[number];

export function isWaiting(state: string): boolean {
  return (WAITING_CUSTODY_STATES as readonly string[]).includes(state);
}
export const RESCUED_CHILD_STATUSES = [
  'in_care',
  'reunited',
  'transferred',
] as const;
export const AGE_BUCKETS = [
  '0-2',
  '3-5',
  '6-11',
  '12-17',
  '18+',
  'unknown',
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function total(counts: readonly Count[]): number {
  return counts.reduce((sum, c) => sum + c.count, 0);
}

/** Pairs keys with the totals that came back for them, in the same order. */
export function zipCounts<K extends string>(
  keys: readonly K[],
  totals: readonly number[],
): Count<K>[] {
  return keys.map((key, i) => ({ key, count: totals[i] ?? 0 }));
}

/** Age groups that match how care is organised: infants, pre-school, primary, secondary, adults. */
export function ageBucket(age: number | null | undefined): AgeBucket {
  if (age === null || age === undefined || Number.isNaN(age)) return 'unknown';
  if (age < 3) return '0-2';
  if (age < 6) return '3-5';
  if (age < 12) return '6-11';
  if (age < 18) return '12-17';
  return '18+';
}

/** Children per age group, every group present (zeros included) and in order; empty "18+" and "unknown" left out. */
export function countByAge(
  ages: readonly (number | null | undefined)[],
): Count<AgeBucket>[] {
  const counts = new Map<AgeBucket, number>(AGE_BUCKETS.map((b) => [b, 0]));
  for (const age of ages) {
    const bucket = ageBucket(age);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return AGE_BUCKETS.filter(
    (b) => (b !== '18+' && b !== 'unknown') || (counts.get(b) ?? 0) > 0,
  ).map((key) => ({
    key,
    count: counts.get(key) ?? 0,
  }));
}

/** `2026-03` → "Mar 2026" / "2026年3月" (a day `2026-03-05` → "Mar 5" / "3月5日"). */
export function periodLabel(period: string, lang: string): string {
  const [year, month, day] = period.split('-').map(Number);
  const date = new Date(Date.UTC(year, (month || 1) - 1, day || 1));
  const format: Intl.DateTimeFormatOptions = day
    ? { month: 'short', day: 'numeric' }
    : { year: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(lang, { ...format, timeZone: 'UTC' }).format(
    date,
  );
}

/** The statistics count days by the calendar of China (one time zone, no daylight saving). */
export const STATISTICS_TIME_ZONE = 'Asia/Shanghai';

/** The first and last day a statistics period covers; the API's `to` is the first instant after it. */
export function periodDays(
  from: string,
  to: string,
  lang: string,
): { from: string; to: string } {
  const format = new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeZone: STATISTICS_TIME_ZONE,
  });
  return {
    from: format.format(new Date(from)),
    to: format.format(new Date(Date.parse(to) - 1)),
  };
}

/**
 * The rows worth a bar each: the level just below the top of the caller's tree (a prefecture's
 * counties), or the top rows when nothing lies below them.
 */
export function jurisdictionLevel(
  rows: readonly JurisdictionFigures[],
): JurisdictionFigures[] {
  if (!rows.length) return [];
  const top = Math.min(...rows.map((r) => r.depth));
  const below = rows.filter((r) => r.depth === top + 1);
  return below.length ? below : rows.filter((r) => r.depth === top);
}

/** Today's date (`YYYY-MM-DD`) on the statistics calendar, as campaigns count their days. */
export function statisticsToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: STATISTICS_TIME_ZONE,
  }).format(now);
}

export const STATISTICS_PERIODS = ['months12', 'thisYear', 'days30'] as const;
export type StatisticsPeriod = (typeof STATISTICS_PERIODS)[number];

/** Query of `GET /statistics` for a period ending today; days are China-time calendar days. */
export function statisticsQuery(
  period: StatisticsPeriod,
  now: Date,
): Record<string, string> {
  const today = statisticsToday(now);
  const dayOffset = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000)
      .toISOString()
      .slice(0, 10);
  switch (period) {
    // The API's default: the last twelve calendar months, this one included.
    case 'months12':
      return { granularity: 'month' };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, granularity: 'month' };
    case 'days30':
      return { from: dayOffset(-29), to: dayOffset(1), granularity: 'day' };
  }
}

const PHASE_ORDER = { active: 0, upcoming: 1, ended: 2 } as const;

/** Running campaigns first, then those about to start, then past ones; the API's order (newest first) within each. */
export function campaignsInOrder<T extends { phase: keyof typeof PHASE_ORDER }>(
  campaigns: readonly T[],
): T[] {
  return campaigns
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) => PHASE_ORDER[a.c.phase] - PHASE_ORDER[b.c.phase] || a.i - b.i,
    )
    .map(({ c }) => c);
}

/** Share of a campaign's days gone by, 0–100, on the given day (`YYYY-MM-DD`). */
export function campaignElapsed(
  startsOn: string,
  endsOn: string,
  today: string,
): number {
  const day = (iso: string) =>
    Date.UTC(
      Number(iso.slice(0, 4)),
      Number(iso.slice(5, 7)) - 1,
      Number(iso.slice(8, 10)),
    );
  const start = day(startsOn);
  const days = (day(endsOn) - start) / 86_400_000 + 1;
  const gone = (day(today) - start) / 86_400_000 + 1;
  return Math.round(Math.min(Math.max(gone / days, 0), 1) * 100);
}
