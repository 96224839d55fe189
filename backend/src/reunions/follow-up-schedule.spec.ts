import { loadConfig } from '../config/app-config';
import { addMonths, followUpSchedule, followUpState, localToday } from './follow-up-schedule';

describe('follow-up schedule', () => {
  it('plans visits 1, 3, 6 and 12 months after the reunion, on the last day of short months', () => {
    expect(followUpSchedule('2026-01-31', [1, 3, 6, 12])).toEqual([
      { monthsAfter: 1, dueOn: '2026-02-28' },
      { monthsAfter: 3, dueOn: '2026-04-30' },
      { monthsAfter: 6, dueOn: '2026-07-31' },
      { monthsAfter: 12, dueOn: '2027-01-31' },
    ]);
    expect(addMonths('2027-12-15', 2)).toBe('2028-02-15');
    expect(addMonths('2028-01-30', 1)).toBe('2028-02-29');
  });

  it('tells overdue, due, upcoming and done apart', () => {
    expect(followUpState({ dueOn: '2026-06-30', visitedOn: null }, '2026-07-01')).toBe('overdue');
    expect(followUpState({ dueOn: '2026-07-01', visitedOn: null }, '2026-07-01')).toBe('due');
    expect(followUpState({ dueOn: '2026-07-31', visitedOn: null }, '2026-07-01')).toBe('due');
    expect(followUpState({ dueOn: '2026-08-01', visitedOn: null }, '2026-07-01')).toBe('upcoming');
    expect(followUpState({ dueOn: '2026-06-30', visitedOn: '2026-07-02' }, '2026-08-01')).toBe('done');
  });

  it('counts days in China: 23:00 UTC is already the next day in Beijing', () => {
    expect(localToday(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
    expect(localToday(new Date('2026-06-30T15:59:00Z'))).toBe('2026-06-30');
  });
});

describe('REUNION_FOLLOW_UP_MONTHS', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_ENCRYPTION_KEY: '0f'.repeat(32), HOMEWARD_DATA_DIR: '/tmp/homeward-config-test' };

  it('defaults to 1, 3, 6 and 12 months and accepts another list', () => {
    expect(loadConfig(base).reunionFollowUpMonths).toEqual([1, 3, 6, 12]);
    expect(loadConfig({ ...base, REUNION_FOLLOW_UP_MONTHS: ' 2, 4 ,24' }).reunionFollowUpMonths).toEqual([2, 4, 24]);
  });

  it.each(['', '0,3', '3,1', '1,1', '1,x', '1.5', '121'])('refuses %p with a message naming the variable', (value) => {
    expect(() => loadConfig({ ...base, REUNION_FOLLOW_UP_MONTHS: value })).toThrow(/REUNION_FOLLOW_UP_MONTHS/);
  });
});
