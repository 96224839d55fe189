import { TAIHE_CASE } from '../support/case-fixtures';
import { createTestApp, type TestApp, USERS } from '../test-app';

describe('cases: files, lifecycle, locking, numbering', () => {
  let t: TestApp;
  let officer: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T08:00:00Z');
    officer = await t.bearer(USERS.officer);
    supervisor = await t.bearer(USERS.supervisor);
  });
  afterAll(() => t.close());

  const create = async (overrides: Record<string, unknown> = {}, who = officer) =>
    t.http().post('/api/v1/cases').set('Authorization', who).send({ ...TAIHE_CASE, ...overrides });
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('opens a file with a readable number, full view for the officer, and audits the read', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body.caseNumber).toMatch(/^MC-2026-\d{6}$/);
    expect(res.body).toMatchObject({ view: 'full', status: 'open', priority: 'high', version: 1, allowedTransitions: ['sighted', 'closed'] });
    expect(res.body.child).toMatchObject({ fullName: '张小明', sex: 'male', ageYears: 7 });
    expect(res.body.reporter.phone).toBe('+86 138 0000 0001');
    const read = await t.http().get(`/api/v1/cases/${res.body.id}`).set('Authorization', officer);
    expect(read.status).toBe(200);
    const audits = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_type = 'Case' AND entity_id = $1 ORDER BY id`, [res.body.id]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['case.create', 'case.read']);
  });

  it('accepts an estimated age instead of a date of birth, and needs one of them', async () => {
    const ok = await create({ child: { fullName: '小红', sex: 'female', estimatedAgeYears: 5 } });
    expect(ok.status).toBe(201);
    expect(ok.body.child.ageYears).toBe(5);
    const before = await count('cases');
    const missing = await create({ child: { fullName: '小红', sex: 'female' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('child.dateOfBirth');
    expect(await count('cases')).toBe(before);
  });

  it('refuses latitude 91 and writes nothing', async () => {
    const before = await count('cases');
    const res = await create({ lastSeenLat: 91 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'lastSeenLat', message: 'lastSeenLat must be a latitude between -90 and 90' }]);
    expect(await count('cases')).toBe(before);
  });

  it('refuses a jurisdiction outside the creator’s subtree (422)', async () => {
    const before = await count('cases');
    const res = await create({ jurisdictionCode: '310115' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('JURISDICTION_OUTSIDE_SCOPE');
    expect(await count('cases')).toBe(before);
  });

  it('walks the lifecycle and answers a forbidden transition with 409 and the allowed ones', async () => {
    const { body: c } = await create();
    const move = (status: string, version: number, reason?: string) =>
      t.http().post(`/api/v1/cases/${c.id}/status`).set('Authorization', officer).send({ status, version, ...(reason ? { reason } : {}) });
    const eventsBefore = await count('case_events');
    const jump = await move('rescued', 1);
    expect(jump.status).toBe(409);
    expect(jump.body).toMatchObject({ code: 'CASE_INVALID_TRANSITION', allowedTransitions: ['sighted', 'closed'] });
    expect(jump.body.detail).toContain('sighted or closed');
    expect(await count('case_events')).toBe(eventsBefore);
    let version = 1;
    for (const status of ['sighted', 'located', 'rescued']) {
      const res = await move(status, version);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
      version = res.body.version;
    }
    // Reunited only through a reunion with evidence (reunions.int-spec), never by hand.
    const reunited = await move('reunited', version);
    expect(reunited.status).toBe(409);
    expect(reunited.body).toMatchObject({ code: 'CASE_INVALID_TRANSITION', allowedTransitions: ['closed'] });
    expect(reunited.body.detail).toContain('log the reunion');
    const closed = await move('closed', version, 'duplicate file');
    expect(closed.status).toBe(200);
    expect((await move('sighted', closed.body.version)).body.allowedTransitions).toEqual([]);
  });

  it('closes with a reason only', async () => {
    const { body: c } = await create();
    const noReason = await t.http().post(`/api/v1/cases/${c.id}/status`).set('Authorization', officer).send({ status: 'closed', version: 1 });
    expect(noReason.status).toBe(422);
    const closed = await t.http().post(`/api/v1/cases/${c.id}/status`).set('Authorization', officer).send({ status: 'closed', version: 1, reason: '孩子已自行回家 (came home)' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closureReason: '孩子已自行回家 (came home)' });
  });

  it('refuses an update with a stale version (409) and keeps the stored file', async () => {
    const { body: c } = await create();
    const first = await t.http().patch(`/api/v1/cases/${c.id}`).set('Authorization', officer).send({ version: 1, circumstances: '更新一' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await t.http().patch(`/api/v1/cases/${c.id}`).set('Authorization', officer).send({ version: 1, circumstances: '更新二' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const stored = await t.dataSource.query('SELECT circumstances, version FROM cases WHERE id = $1', [c.id]);
    expect(stored[0]).toEqual({ circumstances: '更新一', version: 2 });
  });

  it('numbers 20 concurrent creations uniquely and consecutively', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => create()));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.caseNumber as string);
    expect(new Set(numbers).size).toBe(20);
    const sequence = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(sequence[19] - sequence[0]).toBe(19);
  });

  it('restarts numbering in a new year', async () => {
    t.clock.set('2027-01-01T00:30:00Z');
    const res = await create({}, await t.bearer(USERS.officer));
    t.clock.set('2026-06-01T08:00:00Z');
    expect(res.status).toBe(201);
    expect(res.body.caseNumber).toBe('MC-2027-000001');
  });

  it('lets a supervisor assign inside the subtree only (else 422)', async () => {
    const { body: c } = await create();
    const [taihe] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'officer'`);
    const [pudong] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'officer.pudong'`);
    const outside = await t.http().post(`/api/v1/cases/${c.id}/assignment`).set('Authorization', supervisor).send({ version: 1, officerId: pudong.id });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('ASSIGNEE_OUTSIDE_JURISDICTION');
    const ok = await t.http().post(`/api/v1/cases/${c.id}/assignment`).set('Authorization', supervisor).send({ version: 1, officerId: taihe.id });
    expect(ok.status).toBe(200);
    expect(ok.body.assignedOfficer.id).toBe(taihe.id);
    const byOfficer = await t.http().post(`/api/v1/cases/${c.id}/assignment`).set('Authorization', officer).send({ version: 2, officerId: taihe.id });
    expect(byOfficer.status).toBe(403);
  });

  it('shows the timeline: domain events and audit entries in order', async () => {
    const { body: c } = await create();
    t.clock.advance(60_000);
    await t.http().post(`/api/v1/cases/${c.id}/status`).set('Authorization', officer).send({ status: 'sighted', version: 1 });
    t.clock.advance(60_000);
    const res = await t.http().get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', officer);
    expect(res.status).toBe(200);
    const kinds = res.body.items.map((i: { source: string; type: string }) => `${i.source}:${i.type}`);
    expect(kinds).toEqual(['domain:created', 'audit:case.create', 'domain:status_changed', 'audit:case.status', 'audit:case.read']);
    const times = res.body.items.map((i: { at: string }) => i.at);
    expect([...times].sort()).toEqual(times);
  });
});
