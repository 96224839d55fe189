import { HOUR } from '../../src/common/clock';
import { CaseAlertsService } from '../../src/notifications/case-alerts.service';
import { haversineKm } from '../../src/sightings/matching/scoring';
import { createTestApp, type TestApp, USERS } from '../test-app';
import { createCase, TAIHE } from '../support/sightings-fixtures';

/**
 * The widening alert of a high-priority file (100 km, 200 km after 1 h, 300 km after 2 h, 500 km
 * after 3 h), with real distances between jurisdiction centroids and a clock the test moves.
 */
describe('Alerts for high-priority files', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const km: Record<string, number> = {};

  /** An officer placed in a new county at a given position (inserted directly: the test needs exact places). */
  async function officerAt(username: string, code: string, lat: number, lng: number): Promise<void> {
    const [anhui] = await t.dataSource.query(`SELECT id FROM jurisdictions WHERE code = '341200'`);
    const [j] = await t.dataSource.query(
      `INSERT INTO jurisdictions (code, name, name_en, level, parent_id, path, latitude, longitude)
       VALUES ($1, $2, $3, 'county', $4, $5, $6, $7) RETURNING id`,
      [code, code, code, anhui.id, `CN/340000/341200/${code}/`, lat, lng],
    );
    const [org] = await t.dataSource.query(`SELECT organisation_id FROM users WHERE username = 'officer'`);
    const [u] = await t.dataSource.query(
      `INSERT INTO users (username, display_name, password_hash, role, organisation_id, jurisdiction_id, mfa_exempt)
       VALUES ($1, $1, 'x', 'officer', $2, $3, true) RETURNING id`,
      [username, org.organisation_id, j.id],
    );
    ids[username] = u.id;
    km[username] = haversineKm(TAIHE.lat, TAIHE.lng, lat, lng);
  }

  const alerted = async (caseId: string): Promise<Set<string>> => {
    const rows = await t.dataSource.query(`SELECT recipient_id FROM notifications WHERE kind = 'case_alert' AND params->>'caseId' = $1`, [caseId]);
    return new Set(rows.map((r: { recipient_id: string }) => r.recipient_id));
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['officer', 'supervisor', 'officer.pudong', 'ngo']) [{ id: ids[u] }] = await t.dataSource.query('SELECT id FROM users WHERE username = $1', [u]);
    km['officer.pudong'] = haversineKm(TAIHE.lat, TAIHE.lng, 31.2213, 121.544);
    // Due east of Taihe, 150, 250 and 400 km away.
    const east = (d: number) => TAIHE.lng + d / (111.32 * Math.cos((TAIHE.lat * Math.PI) / 180));
    await officerAt('officer.150', '349901', TAIHE.lat, east(150));
    await officerAt('officer.250', '349902', TAIHE.lat, east(250));
    await officerAt('officer.400', '349903', TAIHE.lat, east(400));
  });
  afterAll(() => t.close());

  it('uses real distances (Pudong is more than 500 km from Taihe)', () => {
    expect(km['officer.pudong']).toBeGreaterThan(500);
    expect(km['officer.150']).toBeCloseTo(150, -1);
    expect(km['officer.400']).toBeCloseTo(400, -1);
  });

  it('widens 100 → 200 → 300 → 500 km with time, alerting each officer once', async () => {
    const sweep = () => t.app.get(CaseAlertsService).sweep();
    const file = await createCase(t, await t.bearer(USERS.officer), { priority: 'urgent', fullName: '王小军' });
    await sweep();
    expect(await alerted(file.id)).toEqual(new Set([ids['officer'], ids['supervisor']]));

    t.clock.advance(59 * 60_000);
    await sweep();
    expect((await alerted(file.id)).has(ids['officer.150'])).toBe(false);

    t.clock.advance(2 * 60_000); // 1 h 01
    await sweep();
    expect(await alerted(file.id)).toEqual(new Set([ids['officer'], ids['supervisor'], ids['officer.150']]));

    t.clock.advance(HOUR); // 2 h 01
    await sweep();
    expect((await alerted(file.id)).has(ids['officer.250'])).toBe(true);
    expect((await alerted(file.id)).has(ids['officer.400'])).toBe(false);

    t.clock.advance(HOUR); // 3 h 01
    await sweep();
    const last = await alerted(file.id);
    expect(last.has(ids['officer.400'])).toBe(true);
    expect(last.has(ids['officer.pudong'])).toBe(false);
    expect(last.has(ids['ngo'])).toBe(false);

    t.clock.advance(24 * HOUR);
    await sweep();
    const rows = await t.dataSource.query(`SELECT recipient_id, count(*)::int AS n FROM notifications WHERE params->>'caseId' = $1 GROUP BY recipient_id`, [file.id]);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect(rows.map((r: { recipient_id: string }) => r.recipient_id)).not.toContain(ids['officer.pudong']);
  });

  it('does not alert for a normal-priority file', async () => {
    const file = await createCase(t, await t.bearer(USERS.officer), { priority: 'normal', fullName: '赵小兰' });
    await t.app.get(CaseAlertsService).sweep();
    expect((await alerted(file.id)).size).toBe(0);
  });

  it('alerts the caseworkers of an NGO a file is shared with', async () => {
    const supervisor = await t.bearer(USERS.supervisor);
    const file = await createCase(t, supervisor, { fullName: '钱小花' });
    const [ngoOrg] = await t.dataSource.query(`SELECT organisation_id FROM users WHERE username = 'ngo'`);
    const until = new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString();
    const shared = await t.http().post(`/api/v1/cases/${file.id}/sharing`).set('Authorization', supervisor).send({ version: file.version, organisationId: ngoOrg.organisation_id, sharedUntil: until });
    expect(shared.status).toBeLessThan(300);
    await t.app.get(CaseAlertsService).sweep();
    const rows = await t.dataSource.query(`SELECT recipient_id FROM notifications WHERE kind = 'case_shared' AND params->>'caseId' = $1`, [file.id]);
    expect(rows.map((r: { recipient_id: string }) => r.recipient_id)).toEqual([ids['ngo']]);
  });
});
