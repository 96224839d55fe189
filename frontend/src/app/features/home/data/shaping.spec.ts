import type { JurisdictionFigures } from './shaping';
import {
  ageBucket,
  campaignElapsed,
  campaignsInOrder,
  countByAge,
  jurisdictionLevel,
  periodDays,
  periodLabel,
  statisticsQuery,
  statisticsToday,
  total,
  zipCounts,
} from './shaping';

const counts = {
  filesOpened: 0,
  filesClosed: 0,
  rescues: 0,
  childrenRecovered: 0,
  reunited: 0,
  suspectsDetained: 0,
};
const row = (code: string, depth: number): JurisdictionFigures => ({
  code,
  name: code,
  nameEn: code,
  parentCode: null,
  depth,
  own: counts,
  totals: counts,
});

describe('dashboard data shaping', () => {
  it('pairs each filter value with its total, in order, and adds them up', () => {
    const byStatus = zipCounts(['open', 'sighted', 'located'], [3, 0, 2]);
    expect(byStatus).toEqual([
      { key: 'open', count: 3 },
      { key: 'sighted', count: 0 },
      { key: 'located', count: 2 },
    ]);
    expect(total(byStatus)).toBe(5);
  });

  it.each([
    [0, '0-2'],
    [2.9, '0-2'],
    [3, '3-5'],
    [5.5, '3-5'],
    [6, '6-11'],
    [11.9, '6-11'],
    [12, '12-17'],
    [17.5, '12-17'],
    [18, '18+'],
    [null, 'unknown'],
    [undefined, 'unknown'],
  ])('puts age %p in the %s group', (age, bucket) => {
    expect(ageBucket(age)).toBe(bucket);
  });

  it('counts children per age group, keeping empty child groups and leaving out empty "18+" and "unknown"', () => {
    expect(countByAge([4, 7, 7.5, 13])).toEqual([
      { key: '0-2', count: 0 },
      { key: '3-5', count: 1 },
      { key: '6-11', count: 2 },
      { key: '12-17', count: 1 },
    ]);
    expect(countByAge([null, 19]).map((c) => c.key)).toEqual([
      '0-2',
      '3-5',
      '6-11',
      '12-17',
      '18+',
      'unknown',
    ]);
  });

  it('labels months and days in the reader’s language', () => {
    expect(periodLabel('2026-03', 'en')).toBe('Mar 2026');
    expect(periodLabel('2026-03', 'zh-CN')).toBe('2026年3月');
    expect(periodLabel('2026-03-05', 'en')).toBe('Mar 5');
    expect(periodLabel('2026-03-05', 'zh-CN')).toBe('3月5日');
  });

  it('names the days of a statistics period in China time, the end being the day before the exclusive `to`', () => {
    // 2025-12-01 and 2026-12-01 at midnight in Shanghai.
    expect(
      periodDays('2025-11-30T16:00:00.000Z', '2026-11-30T16:00:00.000Z', 'en'),
    ).toEqual({ from: 'Dec 1, 2025', to: 'Nov 30, 2026' });
    expect(
      periodDays(
        '2025-11-30T16:00:00.000Z',
        '2026-11-30T16:00:00.000Z',
        'zh-CN',
      ),
    ).toEqual({ from: '2025年12月1日', to: '2026年11月30日' });
  });

  it('charts the level below the top of the tree, or the top when nothing lies below', () => {
    const tree = [
      row('3412', 0),
      row('341221', 1),
      row('341222', 1),
      row('34122201', 2),
    ];
    expect(jurisdictionLevel(tree).map((r) => r.code)).toEqual([
      '341221',
      '341222',
    ]);
    expect(jurisdictionLevel([row('341222', 0)]).map((r) => r.code)).toEqual([
      '341222',
    ]);
    expect(jurisdictionLevel([])).toEqual([]);
  });
});

describe('campaign progress', () => {
  it('puts running campaigns first, then upcoming, then ended, keeping the API order within each', () => {
    const campaigns = [
      { id: 'a', phase: 'ended' as const },
      { id: 'b', phase: 'upcoming' as const },
      { id: 'c', phase: 'active' as const },
      { id: 'd', phase: 'ended' as const },
      { id: 'e', phase: 'active' as const },
    ];
    expect(campaignsInOrder(campaigns).map((c) => c.id)).toEqual([
      'c',
      'e',
      'b',
      'a',
      'd',
    ]);
  });

  it('counts the share of days gone by, both ends included, held between 0 and 100', () => {
    expect(campaignElapsed('2026-11-01', '2026-11-10', '2026-11-05')).toBe(50);
    expect(campaignElapsed('2026-11-01', '2026-11-10', '2026-11-10')).toBe(100);
    expect(campaignElapsed('2026-11-01', '2026-11-01', '2026-11-01')).toBe(100);
    expect(campaignElapsed('2026-11-01', '2026-11-10', '2026-10-20')).toBe(0);
    expect(campaignElapsed('2026-11-01', '2026-11-10', '2026-12-20')).toBe(100);
  });

  it('takes today in China time: from 16:00 UTC it is already the next day', () => {
    expect(statisticsToday(new Date('2026-11-28T15:59:00Z'))).toBe(
      '2026-11-28',
    );
    expect(statisticsToday(new Date('2026-11-28T16:00:00Z'))).toBe(
      '2026-11-29',
    );
  });
});

describe('statistics periods', () => {
  const now = new Date('2026-11-28T17:00:00Z'); // already 29 November in China

  it('leaves the last twelve months to the API default', () => {
    expect(statisticsQuery('months12', now)).toEqual({ granularity: 'month' });
  });

  it('starts this year on 1 January of the China-time year', () => {
    expect(
      statisticsQuery('thisYear', new Date('2026-12-31T16:30:00Z')),
    ).toEqual({ from: '2027-01-01', granularity: 'month' });
    expect(statisticsQuery('thisYear', now)).toEqual({
      from: '2026-01-01',
      granularity: 'month',
    });
  });

  it('counts the last 30 days by day, today included (the end is exclusive)', () => {
    expect(statisticsQuery('days30', now)).toEqual({
      from: '2026-10-31',
      to: '2026-11-30',
      granularity: 'day',
    });
  });
});
