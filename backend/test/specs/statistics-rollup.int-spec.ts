import { JobQueue } from '../../src/jobs/job-queue.service';
import { STATISTICS_BACKFILL } from '../../src/database/migrations/1764800000000-statistics-rollup';
import { StatisticsRollup } from '../../src/statistics/statistics-rollup.service';
import { type StatisticsFilter, type StatisticsScope, StatisticsService } from '../../src/statistics/statistics.service';
import { seededRandom } from '../dna/dna-fixtures';
import { StatisticsFixtures } from '../support/statistics-fixtures';
import { createTestApp, type TestApp } from '../test-app';

const DAY = 86_400_000;
const TAIHE = '341222';
const LINQUAN = '341221';
const PUDONG = '310115';
/** Midnight on 1 December 2025 in Shanghai. */
const START = Date.parse('2025-12-01T00:00:00+08:00');
const DAILY = `SELECT metric, day::text, jurisdiction_path, value::text, n::text FROM statistics_daily ORDER BY 1, 2, 3, 4`;

/**
 * The daily roll-up (migration 1764800000000-statistics-rollup) against the rows themselves: varied
 * records, then changes of every kind the triggers must follow, and the same figures from both,
 * before and after the compaction folds the changes in.
 */
describe('Statistics roll-up', () => {
  let t: TestApp;
  let f: StatisticsFixtures;
  let statistics: StatisticsService;
  let rollup: StatisticsRollup;
  const rnd = seededRandom(20260101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  /** An instant in December 2025 – March 2026; a quarter fall exactly on, or a millisecond before, a Shanghai midnight. */
  const instant = (withinDays = 120): Date => {
    const day = START + Math.floor(rnd() * withinDays) * DAY;
    const r = rnd();
    return new Date(r < 0.125 ? day : r < 0.25 ? day - 1 : day + Math.floor(rnd() * DAY));
  };
  const later = (from: Date, withinDays: number) => new Date(from.getTime() + 1 + Math.floor(rnd() * withinDays * DAY));
  const iso = (d: Date) => d.toISOString();
  const files: string[] = [];
  const rescues: string[] = [];

  const sql = (text: string, params: unknown[] = []) => t.dataSource.query(text, params);
  const pending = async () => Number((await sql(`SELECT count(*) AS n FROM statistics_changes`))[0].n);
  const daily = () => sql(DAILY);

  const SCOPES: [string, StatisticsScope, StatisticsFilter][] = [
    ['national', { jurisdictionPath: 'CN/' }, {}],
    ['Anhui', { jurisdictionPath: 'CN/340000/' }, {}],
    ['Taihe', { jurisdictionPath: 'CN/340000/341200/341222/' }, {}],
    ['national narrowed to Pudong', { jurisdictionPath: 'CN/' }, { jurisdictionCode: PUDONG }],
  ];
  const PERIODS: [string, StatisticsFilter][] = [
    ['all time', {}],
    ['January–February 2026', { from: new Date('2026-01-01T00:00:00+08:00'), to: new Date('2026-03-01T00:00:00+08:00') }],
    ['one day', { from: new Date('2026-01-15T00:00:00+08:00'), to: new Date('2026-01-16T00:00:00+08:00') }],
    ['from 10 January, open-ended', { from: new Date('2026-01-10T00:00:00+08:00') }],
    ['until 1 February', { to: new Date('2026-02-01T00:00:00+08:00') }],
  ];

  /** Every figure from the roll-up equals the same figure counted over the rows. */
  async function expectRollupEqualsRows(): Promise<void> {
    for (const [scopeName, scope, narrowing] of SCOPES) {
      for (const [periodName, period] of PERIODS) {
        const filter = { ...narrowing, ...period };
        const rows = { ...filter, fromRows: true };
        const label = `${scopeName}, ${periodName}`;
        expect([label, await statistics.summary(scope, filter)]).toEqual([label, await statistics.summary(scope, rows)]);
        expect([label, await statistics.byJurisdiction(scope, filter)]).toEqual([label, await statistics.byJurisdiction(scope, rows)]);
        expect([label, await statistics.trend(scope, filter, 'month')]).toEqual([label, await statistics.trend(scope, rows, 'month')]);
        if (period.from && period.to) expect([label, await statistics.trend(scope, filter, 'day')]).toEqual([label, await statistics.trend(scope, rows, 'day')]);
      }
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    f = await new StatisticsFixtures(t.dataSource).init();
    statistics = t.app.get(StatisticsService);
    rollup = t.app.get(StatisticsRollup);
    // The roll-up is compared before and after the compaction: only the test runs it, not the minute job.
    await t.app.get(JobQueue).stopWorkers();

    for (let i = 0; i < 60; i++) {
      const createdAt = instant();
      // Missing since up to 60 days before the file, to the millisecond (the medians are fractional days).
      const lastSeenAt = new Date(createdAt.getTime() - Math.floor(rnd() * 60 * DAY));
      const status = pick(['open', 'open', 'sighted', 'located', 'rescued', 'reunited', 'closed'] as const);
      const foundAt = ['located', 'rescued', 'reunited'].includes(status) ? later(createdAt, 40) : undefined;
      const reunitedAt = status === 'reunited' && foundAt ? later(foundAt, 20) : undefined;
      files.push(
        await f.file({
          code: pick([TAIHE, TAIHE, LINQUAN, PUDONG]),
          createdAt: iso(createdAt),
          lastSeenAt: iso(lastSeenAt),
          status,
          foundAt: foundAt && iso(foundAt),
          reunitedAt: reunitedAt && iso(reunitedAt),
          closedAt: status === 'closed' ? iso(later(createdAt, 30)) : undefined,
        }),
      );
    }
    for (let i = 0; i < 40; i++) {
      await f.sighting({ code: pick([TAIHE, LINQUAN, PUDONG]), at: iso(instant()), status: pick(['new', 'triaged', 'linked', 'dismissed', 'duplicate']) });
    }
    for (let i = 0; i < 8; i++) {
      const children = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => (rnd() < 0.5 ? pick(files) : null));
      rescues.push(await f.rescue({ code: pick([TAIHE, LINQUAN, PUDONG]), at: iso(instant()), suspects: Math.floor(rnd() * 4), children }));
    }
    for (const [i, caseId] of files.slice(0, 12).entries()) {
      await f.reunion({ code: pick([TAIHE, PUDONG]), caseId, on: iso(instant()).slice(0, 10), status: i % 3 === 0 ? 'pending_sign_off' : 'verified' });
    }
    for (const [i, caseId] of files.slice(20, 28).entries()) {
      await f.match({ code: pick([TAIHE, LINQUAN]), caseId, status: i % 2 ? 'confirmed' : 'proposed', decidedAt: i % 2 ? iso(instant()) : null });
    }
  }, 120_000);
  afterAll(() => t.close());

  it('gives the figures counted over the rows, for records as created', async () => {
    expect(await pending()).toBeGreaterThan(0);
    const all = await statistics.summary({ jurisdictionPath: 'CN/' }, {});
    expect(all.filesOpened).toBe(60);
    expect(all.medianDaysMissingToFound).not.toBeNull();
    await expectRollupEqualsRows();
  });

  it('follows every kind of change, before and after the compaction', async () => {
    const pudong = f.jurisdiction(PUDONG);
    const linquan = f.jurisdiction(LINQUAN);
    // Files: a status change that finds the child, a reunion, soft deletes, a move to another county, a deletion.
    await sql(`UPDATE cases SET status = 'located', found_at = created_at + interval '3 days 4 hours 0.123 seconds' WHERE id = ANY($1) AND found_at IS NULL`, [files.slice(30, 36)]);
    await sql(`UPDATE cases SET status = 'reunited', reunited_at = found_at + interval '36 hours' WHERE id = ANY($1) AND found_at IS NOT NULL AND reunited_at IS NULL`, [files.slice(30, 33)]);
    await sql(`UPDATE cases SET deleted_at = now() WHERE id = ANY($1)`, [files.slice(36, 39)]);
    await sql(`UPDATE cases SET jurisdiction_id = $2, jurisdiction_path = $3 WHERE id = ANY($1)`, [files.slice(39, 42), pudong.id, pudong.path]);
    await sql(`UPDATE cases SET created_at = created_at - interval '20 days', closed_at = NULL, status = 'open' WHERE id = $1`, [files[42]]);
    const doomed = await f.file({ code: TAIHE, createdAt: '2026-01-20T10:00:00Z' });
    await sql(`DELETE FROM cases WHERE id = $1`, [doomed]);
    // Sightings: linked, dismissed, deleted.
    await sql(`UPDATE sightings SET status = 'linked' WHERE id IN (SELECT id FROM sightings WHERE status = 'new' ORDER BY id LIMIT 3)`);
    await sql(`UPDATE sightings SET status = 'dismissed' WHERE id IN (SELECT id FROM sightings WHERE status = 'linked' ORDER BY id LIMIT 2)`);
    await sql(`DELETE FROM sightings WHERE id IN (SELECT id FROM sightings ORDER BY id DESC LIMIT 2)`);
    // Rescues: one backdated by 40 days (its children move with it), one moved to Linquan with more suspects,
    // a child identified later, a child removed, a rescue deleted.
    await sql(`UPDATE rescues SET occurred_at = occurred_at - interval '40 days' WHERE id = $1`, [rescues[0]]);
    await sql(`UPDATE rescues SET jurisdiction_id = $2, jurisdiction_path = $3, suspects_detained = suspects_detained + 2 WHERE id = $1`, [rescues[1], linquan.id, linquan.path]);
    await sql(`INSERT INTO rescued_children (rescue_id, jurisdiction_path, created_by) SELECT id, jurisdiction_path, created_by FROM rescues WHERE id = $1`, [rescues[2]]);
    await sql(`UPDATE rescued_children SET case_id = $2 WHERE id = (SELECT id FROM rescued_children WHERE rescue_id = $1 AND case_id IS NULL LIMIT 1)`, [rescues[2], files[50]]);
    await sql(`DELETE FROM rescued_children WHERE id = (SELECT id FROM rescued_children WHERE rescue_id = $1 LIMIT 1)`, [rescues[3]]);
    await sql(`DELETE FROM rescued_children WHERE rescue_id = $1`, [rescues[4]]);
    await sql(`DELETE FROM rescues WHERE id = $1`, [rescues[4]]);
    // Reunions signed off, one rejected; DNA matches confirmed later, one withdrawn.
    await sql(`UPDATE reunions SET verification_status = 'verified' WHERE verification_status = 'pending_sign_off'`);
    await sql(`UPDATE reunions SET verification_status = 'rejected' WHERE case_id = $1`, [files[1]]);
    await sql(`UPDATE reunions SET reunited_on = reunited_on - 31 WHERE case_id = $1`, [files[2]]);
    await sql(`UPDATE kinship_matches SET status = 'confirmed', decided_at = '2026-02-28T16:00:00Z' WHERE status = 'proposed'`);
    await sql(`UPDATE kinship_matches SET status = 'rejected' WHERE case_id = $1`, [files[21]]);

    expect(await pending()).toBeGreaterThan(0);
    await expectRollupEqualsRows();

    await rollup.compact();
    expect(await pending()).toBe(0);
    await expectRollupEqualsRows();
  }, 120_000);

  it('compacts idempotently, keeps no zero counts, and holds what the backfill computes from the tables', async () => {
    await sql(`UPDATE cases SET status = 'sighted' WHERE id = $1`, [files[5]]);
    await sql(`UPDATE cases SET status = 'open' WHERE id = $1`, [files[5]]);
    expect(await rollup.compact()).toBeGreaterThan(0);
    const compacted = await daily();
    expect(await rollup.compact()).toBe(0);
    expect(await daily()).toEqual(compacted);
    expect(await pending()).toBe(0);
    expect(await sql(`SELECT * FROM statistics_daily WHERE n = 0`)).toEqual([]);
    // A count that falls to zero goes: a file alone on its day, compacted, then deleted and compacted again.
    const alone = await f.file({ code: LINQUAN, createdAt: '2026-07-07T02:00:00Z' });
    const onItsDay = `SELECT metric, n::int FROM statistics_daily WHERE day = '2026-07-07'`;
    await rollup.compact();
    expect(await sql(onItsDay)).toEqual([{ metric: 'files_opened:open', n: 1 }]);
    await sql(`DELETE FROM cases WHERE id = $1`, [alone]);
    expect(await rollup.compact()).toBe(1);
    expect(await sql(onItsDay)).toEqual([]);

    // The triggers' running total equals a fresh backfill over the tables.
    const runner = t.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`DELETE FROM statistics_daily`);
      await runner.query(STATISTICS_BACKFILL);
      expect(await runner.query(DAILY)).toEqual(compacted);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('takes the median of an even number of durations half-way between the middle two, as percentile_cont does', async () => {
    const scope = { jurisdictionPath: 'CN/' };
    const day = { from: new Date('2026-05-10T00:00:00+08:00'), to: new Date('2026-05-11T00:00:00+08:00') };
    const found = '2026-05-10T06:00:00Z';
    const file = (daysMissing: number) =>
      f.file({ code: LINQUAN, createdAt: found, status: 'located', foundAt: found, lastSeenAt: new Date(Date.parse(found) - daysMissing * DAY).toISOString() });
    const medians = async () => [(await statistics.summary(scope, day)).medianDaysMissingToFound, (await statistics.summary(scope, { ...day, fromRows: true })).medianDaysMissingToFound];
    await file(1);
    await file(2.5);
    expect(await medians()).toEqual([1.8, 1.8]); // 1.75, rounded
    await file(2);
    expect(await medians()).toEqual([2, 2]);
  });

  it('reads the roll-up for whole Shanghai days, the rows for other bounds and for campaigns', async () => {
    const scope = { jurisdictionPath: 'CN/' };
    const wholeDay = { from: new Date('2026-01-10T00:00:00+08:00') };
    const notWholeDay = { from: new Date('2026-01-10T00:00:00.001+08:00') };
    const rescues = async (filter: StatisticsFilter) => (await statistics.summary(scope, filter)).rescues;
    const counted = [await rescues({}), await rescues(wholeDay), await rescues(notWholeDay)];
    // A count only the roll-up holds shows which one answered.
    await sql(`INSERT INTO statistics_changes (metric, day, jurisdiction_path, n) VALUES ('rescues', '2026-01-10', 'CN/340000/341200/341222/', 5)`);
    try {
      expect([await rescues({}), await rescues(wholeDay), await rescues(notWholeDay)]).toEqual([counted[0] + 5, counted[1] + 5, counted[2]]);
      expect(await rescues({ fromRows: true })).toBe(counted[0]);
      const [campaign] = await sql(
        `INSERT INTO campaigns (name, jurisdiction_id, jurisdiction_path, starts_on, ends_on) VALUES ('一月专项', $1, $2, '2026-01-01', '2026-01-31') RETURNING id`,
        [f.jurisdiction(TAIHE).id, f.jurisdiction(TAIHE).path],
      );
      await sql(`SELECT campaign_retag($1)`, [campaign.id]);
      expect(await rescues({ campaignId: campaign.id })).toBe(await rescues({ campaignId: campaign.id, fromRows: true }));
    } finally {
      await sql(`DELETE FROM statistics_changes WHERE metric = 'rescues' AND n = 5`);
    }
  });
});
