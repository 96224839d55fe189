import type { ReportLanguage, ReportPeriod } from './types';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Number, date and period formatting for one report (language + time zone). */
export class ReportFormat {
  private readonly integer: Intl.NumberFormat;
  private readonly decimal: Intl.NumberFormat;
  private readonly date: Intl.DateTimeFormat;
  private readonly time: Intl.DateTimeFormat;
  private readonly offset: Intl.DateTimeFormat;

  constructor(
    readonly language: ReportLanguage,
    readonly timeZone: string = DEFAULT_TIME_ZONE,
  ) {
    this.integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    this.decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    this.date = new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: language === 'en' ? 'short' : 'long', day: 'numeric' });
    this.time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    this.offset = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' });
  }

  count(value: number): string {
    return this.integer.format(value);
  }

  oneDecimal(value: number): string {
    return this.decimal.format(value);
  }

  day(value: Date): string {
    return this.date.format(value);
  }

  /** "2026年5月2日 09:30 (UTC+08:00)" / "May 2, 2026 09:30 (UTC+08:00)": unambiguous for readers elsewhere. */
  moment(value: Date): string {
    const zone = this.offset.formatToParts(value).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const utc = zone === 'GMT' ? 'UTC' : zone.replace('GMT', 'UTC');
    return `${this.date.format(value)} ${this.time.format(value)} (${utc})`;
  }

  period(period: ReportPeriod): string {
    return `${this.day(period.from)} – ${this.day(period.to)}`;
  }

  /** `YYYY-MM` → "2026年3月" / "March 2026". */
  month(month: string): string {
    const date = parseMonth(month);
    return new Intl.DateTimeFormat(this.language, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(date);
  }

  /** A short axis label for a trend point: `YYYY-MM` or `YYYY-MM-DD`. */
  trendLabel(period: string): string {
    if (/^\d{4}-\d{2}$/.test(period)) {
      return new Intl.DateTimeFormat(this.language, { timeZone: 'UTC', year: '2-digit', month: 'short' }).format(parseMonth(period));
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(period)) {
      return new Intl.DateTimeFormat(this.language, { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(`${period}T00:00:00Z`));
    }
    return period;
  }
}

export function parseMonth(month: string): Date {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}
