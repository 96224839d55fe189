import { rollUpJurisdictions } from '../../src/reports/rendering/roll-up';
import { StatisticsService } from '../../src/statistics/statistics.service';
import { StatisticsFixtures } from '../support/statistics-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

/**
 * Statistics against a small constructed data set counted by hand. The period is January and
 * February 2026 on the Shanghai calendar; two files straddle the month boundary (23:30 and 00:30
 * in Shanghai are 15:30 and 16:30 UTC on 31 January).
 */
describe('Statistics', () => {
  let t: TestApp;
  let officer: string;
  let f: StatisticsFixtures;
  const ids: Record<string, string> = {};
  const PERIOD = { from: '2026-01-01', to: '2026-03-01' };
  const query = (extra: Record<string, string> = {}) => new URLSearchParams({ ...PERIOD, ...extra }).toString();
  const TAIHE = '341222';
  const LINQUAN = '341221';
  const PUDONG = '310115';

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.bearer(USERS.officer);
    f = await new StatisticsFixtures(t.dataSource).init();
    // Files: Taihe C1–C5, Linquan C6, Pudong C7.
    ids.c1 = await f.file({ code: TAIHE, createdAt: '2026-01-10T02:00:00Z', lastSeenAt: '2026-01-09T02:00:00Z' });
    ids.c2 = await f.file({ code: TAIHE, createdAt: '2026-01-31T15:30:00Z', status: 'located', lastSeenAt: '2026-01-15T15:30:00Z', foundAt: '2026-02-04T15:30:00Z' });
    ids.c3 = await f.file({
      code: TAIHE, createdAt: '2026-01-31T16:30:00Z', status: 'reunited',
      lastSeenAt: '2025-12-31T16:30:00Z', foundAt: '2026-02-10T16:30:00Z', reunitedAt: '2026-02-15T16:30:00Z',
    });
    ids.c4 = await f.file({ code: TAIHE, createdAt: '2025-12-15T02:00:00Z', status: 'closed', closedAt: '2026-02-20T02:00:00Z' });
    ids.c5 = await f.file({ code: TAIHE, createdAt: '2026-02-20T02:00:00Z', status: 'rescued', lastSeenAt: '2026-02-01T00:00:00Z', foundAt: '2026-02-25T00:00:00Z' });
    ids.c6 = await f.file({ code: LINQUAN, createdAt: '2026-02-05T02:00:00Z' });
    ids.c7 = await f.file({ code: PUDONG, createdAt: '2026-01-15T02:00:00Z', lastSeenAt: '2026-01-01T00:00:00Z', foundAt: '2026-01-20T00:00:00Z' });
    // Sightings.
    await f.sighting({ code: TAIHE, at: '2026-01-05T02:00:00Z' });
    ids.s2 = await f.sighting({ code: TAIHE, at: '2026-02-03T02:00:00Z', status: 'linked' });
    ids.s3 = await f.sighting({ code: TAIHE, at: '2026-02-04T02:00:00Z', status: 'dismissed' });
    await f.sighting({ code: TAIHE, at: '2025-12-01T02:00:00Z', status: 'linked' });
    await f.sighting({ code: PUDONG, at: '2026-01-10T02:00:00Z', status: 'linked' });
    // Rescues: one in the period (C5 identified, two unidentified), one before it, one in Pudong.
    ids.r1 = await f.rescue({ code: TAIHE, at: '2026-02-10T02:00:00Z', suspects: 3, children: [ids.c5, null, null] });
    await f.rescue({ code: TAIHE, at: '2025-11-01T02:00:00Z', suspects: 5, children: [null] });
    await f.rescue({ code: PUDONG, at: '2026-01-20T02:00:00Z', suspects: 2, children: [null] });
    ids.r4 = await f.rescue({ code: LINQUAN, at: '2026-01-25T02:00:00Z', suspects: 1, children: [null] });
    // Reunions: one verified in the period, one waiting for sign-off, one on the (exclusive) end day.
    await f.reunion({ code: TAIHE, caseId: ids.c3, on: '2026-02-16', status: 'verified' });
    await f.reunion({ code: TAIHE, caseId: ids.c2, on: '2026-02-17', status: 'pending_sign_off' });
    await f.reunion({ code: TAIHE, caseId: ids.c1, on: '2026-03-01', status: 'verified' });
    // DNA matches: confirmed in the period, confirmed before it, proposed.
    await f.match({ code: TAIHE, caseId: ids.c3, status: 'confirmed', decidedAt: '2026-02-12T02:00:00Z' });
    await f.match({ code: TAIHE, caseId: ids.c4, status: 'confirmed', decidedAt: '2025-12-01T02:00:00Z' });
    await f.match({ code: TAIHE, caseId: ids.c1, status: 'proposed', decidedAt: null });
  });
  afterAll(() => t.close());

  it('counts every figure of the officer’s county (Taihe) and nothing outside it', async () => {
    const res = await t.http().get(`/api/v1/statistics?${query()}`).set('Authorization', officer);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({
      filesOpened: 4,
      filesClosed: 1,
      filesByStatus: { open: 1, located: 1, reunited: 1, rescued: 1 }, // C4 (closed) was opened before the period
      sightingsReceived: 3,
      sightingsLinked: 1,
      sightingsDismissed: 1,
      rescues: 1,
      childrenRecoveredIdentified: 1,
      childrenRecoveredUnidentified: 2,
      reunited: 1,
      suspectsDetained: 3,
      medianDaysMissingToFound: 24, // C2 20, C3 41, C5 24
      medianDaysFoundToReunited: 5,
      dnaMatchesConfirmed: 1,
    });
  });

  it('groups the trend by Shanghai month, a file at 00:30 on 1 February in February', async () => {
    const res = await t.http().get(`/api/v1/statistics?${query()}`).set('Authorization', officer);
    expect(res.body.trend).toEqual([
      { period: '2026-01', filesOpened: 2, sightingsReceived: 1, childrenRecovered: 0, reunited: 0 },
      { period: '2026-02', filesOpened: 2, sightingsReceived: 2, childrenRecovered: 3, reunited: 1 },
    ]);
  });

  it('lists days with zeros for the quiet ones', async () => {
    const res = await t.http().get(`/api/v1/statistics?from=2026-01-31&to=2026-02-02&granularity=day`).set('Authorization', officer);
    expect(res.status).toBe(200);
    expect(res.body.trend.map((p: { period: string; filesOpened: number }) => [p.period, p.filesOpened])).toEqual([
      ['2026-01-31', 1],
      ['2026-02-01', 1],
    ]);
  });

  it('shows another county’s officer only their own records', async () => {
    const pudong = await t.bearer(USERS.pudongOfficer);
    const res = await t.http().get(`/api/v1/statistics?${query()}`).set('Authorization', pudong);
    expect(res.body.summary).toMatchObject({ filesOpened: 1, sightingsReceived: 1, sightingsLinked: 1, rescues: 1, suspectsDetained: 2, medianDaysMissingToFound: 19, reunited: 0 });
    expect(res.body.byJurisdiction.map((r: { code: string }) => r.code)).toEqual([PUDONG]);
    // Asking for a jurisdiction outside their scope counts nothing rather than widening it.
    const outside = await t.http().get(`/api/v1/statistics?${query({ jurisdiction: TAIHE })}`).set('Authorization', pudong);
    expect(outside.body.summary.filesOpened).toBe(0);
  });

  it('gives each jurisdiction its own counts, and the roll-up adds counties into their prefecture', async () => {
    const service = t.app.get(StatisticsService);
    const rows = await service.byJurisdiction({ jurisdictionPath: 'CN/340000/' }, { from: new Date('2026-01-01T00:00:00+08:00'), to: new Date('2026-03-01T00:00:00+08:00') });
    expect(rows.map((r) => [r.code, r.parentCode, r.own.filesOpened, r.own.rescues, r.own.childrenRecovered])).toEqual([
      ['340000', 'CN', 0, 0, 0],
      ['341200', '340000', 0, 0, 0],
      ['341221', '341200', 1, 1, 1],
      ['341222', '341200', 4, 1, 3],
    ]);
    const fuyang = rollUpJurisdictions(rows).find((r) => r.row.code === '341200')!;
    expect(fuyang.totals).toEqual({ filesOpened: 5, filesClosed: 1, rescues: 2, childrenRecovered: 4, reunited: 1, suspectsDetained: 4 });
    // The national scope also sees Pudong; the filter narrows it to Linquan.
    const linquan = await service.summary({ jurisdictionPath: 'CN/' }, { jurisdictionCode: LINQUAN });
    expect(linquan).toMatchObject({ filesOpened: 1, rescues: 1, childrenRecoveredUnidentified: 1, suspectsDetained: 1 });
  });

  it('counts only a campaign’s records, without the ones taken out by hand', async () => {
    const taihe = f.jurisdiction(TAIHE);
    const [campaign] = await t.dataSource.query(
      `INSERT INTO campaigns (name, jurisdiction_id, jurisdiction_path, starts_on, ends_on) VALUES ('二月专项', $1, $2, '2026-02-01', '2026-02-28') RETURNING id`,
      [taihe.id, taihe.path],
    );
    await t.dataSource.query(`SELECT campaign_retag($1)`, [campaign.id]);
    await t.dataSource.query(`UPDATE campaign_records SET excluded = true WHERE campaign_id = $1 AND record_id = $2`, [campaign.id, ids.s3]);
    const res = await t.http().get(`/api/v1/statistics?${query({ campaignId: campaign.id })}`).set('Authorization', officer);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({
      filesOpened: 2, // C3 (00:30 on 1 February in Shanghai) and C5; C2 is 31 January there
      filesClosed: 0,
      filesByStatus: { reunited: 1, rescued: 1 },
      sightingsReceived: 1,
      sightingsLinked: 1,
      sightingsDismissed: 0,
      rescues: 1,
      childrenRecoveredIdentified: 1,
      childrenRecoveredUnidentified: 2,
      reunited: 1,
      suspectsDetained: 3,
      medianDaysMissingToFound: 32.5, // C3 41, C5 24
      medianDaysFoundToReunited: 5,
      dnaMatchesConfirmed: 1,
    });
  });

  it('refuses bad input with a clear 4xx', async () => {
    const get = (q: string, auth = officer) => t.http().get(`/api/v1/statistics?${q}`).set('Authorization', auth);
    expect((await get('from=2026-03-01&to=2026-01-01')).status).toBe(422);
    const long = await get('from=2024-01-01&to=2026-01-01&granularity=day');
    expect(long.status).toBe(422);
    expect(long.body.code).toBe('PERIOD_TOO_LONG');
    expect((await get('jurisdiction=999999')).status).toBe(422);
    expect((await get('from=yesterday')).status).toBe(400);
    expect((await get('campaignId=6f1c1d0e-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('', await t.bearer(USERS.ngo))).status).toBe(403);
  });
});
