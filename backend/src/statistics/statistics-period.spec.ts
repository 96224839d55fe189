import { daysBetween, isShanghaiDayStart, parseInstant, shanghaiDate, shanghaiDayStart, shanghaiMonthStart, shanghaiPeriodStarts } from './statistics-period';

describe('statistics periods on the Shanghai calendar', () => {
  it('reads a day as midnight in Shanghai, and a date-time as it is', () => {
    expect(parseInstant('2026-02-01').toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(parseInstant('2026-02-01T03:00:00Z').toISOString()).toBe('2026-02-01T03:00:00.000Z');
  });

  it('finds month starts from an instant that is already the next month in Shanghai', () => {
    const now = new Date('2026-01-31T17:00:00Z'); // 1 February 01:00 in Shanghai
    expect(shanghaiMonthStart(now, 0).toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(shanghaiMonthStart(now, 1).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiMonthStart(now, -11).toISOString()).toBe('2025-02-28T16:00:00.000Z');
  });

  it('names the Shanghai day of an instant and counts days', () => {
    expect(shanghaiDate(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02-01');
    expect(daysBetween(parseInstant('2026-01-01'), parseInstant('2026-03-01'))).toBe(59);
  });

  it('finds day starts and tells whether an instant is one (what the daily roll-up can answer)', () => {
    const now = new Date('2026-01-31T17:00:00Z'); // 1 February 01:00 in Shanghai
    expect(shanghaiDayStart(now, 0).toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(shanghaiDayStart(now, 1).toISOString()).toBe('2026-02-01T16:00:00.000Z');
    expect(shanghaiDayStart(new Date('2026-01-31T15:59:59.999Z'), 1).toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(isShanghaiDayStart(parseInstant('2026-02-01'))).toBe(true);
    expect(isShanghaiDayStart(new Date('2026-02-01T00:00:00Z'))).toBe(false);
    expect(isShanghaiDayStart(new Date('2026-01-31T16:00:00.001Z'))).toBe(false);
  });

  it('lists the months or days of a period by their starts, from the one holding its start to the last before its end', () => {
    const dates = (starts: Date[]) => starts.map(shanghaiDate);
    expect(dates(shanghaiPeriodStarts(parseInstant('2025-11-20'), parseInstant('2026-02-01'), 'month'))).toEqual(['2025-11-01', '2025-12-01', '2026-01-01']);
    expect(dates(shanghaiPeriodStarts(parseInstant('2025-11-20'), new Date('2026-01-31T16:00:00.001Z'), 'month'))).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
    expect(dates(shanghaiPeriodStarts(new Date('2026-01-31T17:00:00Z'), parseInstant('2026-02-04'), 'day'))).toEqual(['2026-02-01', '2026-02-02', '2026-02-03']);
    expect(shanghaiPeriodStarts(parseInstant('2026-02-01'), parseInstant('2026-02-01'), 'day')).toEqual([]);
  });
});
