import type { FollowUpState } from './reunions.dto';

/** Dates of reunions and visits are the family's calendar days, in China's time zone. */
export const REUNION_TIME_ZONE = 'Asia/Shanghai';
/** A follow-up is "due" (not yet overdue) this many days before its date. */
export const DUE_WINDOW_DAYS = 30;

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: REUNION_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date (YYYY-MM-DD) in the reunion time zone. */
export function localToday(now: Date): string {
  return dayFormat.format(now);
}

/** A date plus whole months, on the last day of the month when the day does not exist (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The planned visits after a reunion on `reunitedOn`. */
export function followUpSchedule(reunitedOn: string, months: readonly number[]): { monthsAfter: number; dueOn: string }[] {
  return months.map((monthsAfter) => ({ monthsAfter, dueOn: addMonths(reunitedOn, monthsAfter) }));
}

/** Where a follow-up stands on `today`: visited, overdue (date passed), due (within the window) or upcoming. */
export function followUpState(f: { dueOn: string; visitedOn: string | null }, today: string): FollowUpState {
  if (f.visitedOn) return 'done';
  if (f.dueOn < today) return 'overdue';
  return f.dueOn <= addDays(today, DUE_WINDOW_DAYS) ? 'due' : 'upcoming';
}
