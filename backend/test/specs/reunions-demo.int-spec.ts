import { createTestApp, type TestApp, USERS } from '../test-app';

/** The demo reunions: what a new NGO caseworker and supervisor see at the end of November 2026. */
describe('Reunions demo data', () => {
  let t: TestApp;
  let ngo: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await createTestApp({ demoFeatures: true });
    t.clock.set('2026-11-28T04:00:00Z');
    [ngo, supervisor] = await Promise.all([t.bearer(USERS.ngo), t.bearer(USERS.supervisor)]);
  });
  afterAll(() => t.close());

  const get = (auth: string, path: string) => t.http().get(`/api/v1/reunions${path}`).set('Authorization', auth);

  it('shows the NGO its three reunions: two verified (files reunited), one awaiting sign-off', async () => {
    const res = await get(ngo, '');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { childName: string; status: string }) => [r.childName, r.status]).sort()).toEqual([
      ['孙嘉豪', 'pending_sign_off'],
      ['陈思琪', 'verified'],
      ['黄诗雨', 'verified'],
    ]);
    const files = await t.dataSource.query(`SELECT c.child_full_name AS name, c.status FROM reunions r JOIN cases c ON c.id = r.case_id ORDER BY 1`);
    expect(files).toEqual([
      { name: '孙嘉豪', status: 'rescued' },
      { name: '陈思琪', status: 'reunited' },
      { name: '黄诗雨', status: 'reunited' },
    ]);
  });

  it('lists the overdue visit and those due within 30 days, for the NGO and the supervisor alike', async () => {
    for (const who of [ngo, supervisor]) {
      const overdue = (await get(who, '/follow-ups?status=overdue')).body.items;
      expect(overdue.map((f: { childName: string; dueOn: string }) => [f.childName, f.dueOn])).toEqual([['陈思琪', '2026-09-20']]);
      const due = (await get(who, '/follow-ups?status=due')).body.items;
      expect(due.map((f: { childName: string; dueOn: string }) => [f.childName, f.dueOn])).toEqual([
        ['黄诗雨', '2026-12-05'],
        ['陈思琪', '2026-12-20'],
      ]);
      expect((await get(who, '/follow-ups?status=done')).body.total).toBe(2);
    }
  });

  it('lets the supervisor verify the pending reunion (the NGO logged it): the file becomes reunited', async () => {
    const [pending] = (await get(supervisor, '?status=pending_sign_off')).body.items;
    expect(pending.childName).toBe('孙嘉豪');
    const res = await t.http().post(`/api/v1/reunions/${pending.id}/sign-off`).set('Authorization', supervisor).send({ decision: 'verify' });
    expect(res.status).toBe(200);
    expect(res.body.followUps.map((f: { dueOn: string }) => f.dueOn)).toEqual(['2026-11-20', '2027-01-20', '2027-04-20', '2027-10-20']);
    const [file] = await t.dataSource.query(`SELECT status FROM cases WHERE id = $1`, [pending.caseId]);
    expect(file.status).toBe('reunited');
  });
});
