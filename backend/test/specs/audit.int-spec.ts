import { HOUR, MINUTE } from '../../src/common/clock';
import { createTestApp, DEMO_PASSWORD, type TestApp, USERS } from '../test-app';

const TAIHE = 'CN/340000/341200/341222/';

/** The append-only, hash-chained audit log: refused changes, chain check, concurrency, reading it. */
describe('Audit log', () => {
  let t: TestApp;
  let admin: string;
  let addressCounter = 0;
  const nextAddress = () => `10.23.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer(USERS.admin);
    // Some history: sign-ins in two jurisdictions, a failure, an unknown user.
    for (const username of [USERS.officer, USERS.supervisor, USERS.pudongOfficer, USERS.lab]) await t.login(username);
    await signIn(USERS.pudongOfficer, 'wrong password!');
    await signIn('nobody.known', 'wrong password!');
  });
  afterAll(() => t.close());

  function signIn(username: string, password = DEMO_PASSWORD, address = nextAddress()) {
    return t.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ username, password });
  }
  const verify = (auth = admin) => t.http().get('/api/v1/audit/verify').set('Authorization', auth);
  const list = (query: string, auth = admin) => t.http().get(`/api/v1/audit?pageSize=100&${query}`).set('Authorization', auth);
  const count = async (where = 'TRUE', params: unknown[] = []) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE ${where}`, params))[0].n as number;

  describe('in the database', () => {
    it('refuses UPDATE, DELETE and TRUNCATE', async () => {
      const before = await count();
      await expect(t.dataSource.query(`UPDATE audit_events SET action = 'nothing.happened'`)).rejects.toThrow(/append-only: UPDATE/);
      await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE/);
      await expect(t.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE/);
      expect(await count()).toBe(before);
      expect(await count(`action = 'nothing.happened'`)).toBe(0);
    });

    it('chains every row to the one before it, whatever the inserted values claim', async () => {
      await t.dataSource.query(
        `INSERT INTO audit_events (id, occurred_at, action, outcome, details, prev_hash, hash) VALUES (1, now(), 'test.forged', 'success', '{}', 'forged', 'forged')`,
      );
      const rows: { id: string; prev_hash: string; hash: string }[] = await t.dataSource.query(`SELECT id::text, prev_hash, hash FROM audit_events ORDER BY id`);
      expect(rows.length).toBeGreaterThan(5);
      expect(rows[0].prev_hash).toBe('0'.repeat(64));
      for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
      const forged = rows.at(-1)!;
      expect(forged.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(forged.id).not.toBe('1');
    });
  });

  describe('chain check', () => {
    it('reports an untouched log as whole', async () => {
      const res = await verify();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, checked: await count(), firstBrokenId: null });
    });

    it('finds a row whose content was changed behind the triggers’ back', async () => {
      const rows: { id: string; details: string }[] = await t.dataSource.query(`SELECT id::text, details::text FROM audit_events ORDER BY id`);
      const victim = rows[3];
      const tamper = async (details: string) => {
        await t.dataSource.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
        try {
          await t.dataSource.query(`UPDATE audit_events SET details = $1::jsonb WHERE id = $2`, [details, victim.id]);
        } finally {
          await t.dataSource.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
        }
      };
      await tamper(JSON.stringify({ reason: 'nothing to see here' }));
      const broken = await verify();
      expect(broken.body).toEqual({ ok: false, checked: 3, firstBrokenId: victim.id });

      await tamper(victim.details);
      expect((await verify()).body.ok).toBe(true);
    });

    it('finds a row that was removed', async () => {
      const rows: Record<string, unknown>[] = await t.dataSource.query(`SELECT * FROM audit_events ORDER BY id`);
      const [victim, next] = [rows[2], rows[3]];
      await t.dataSource.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
      try {
        await t.dataSource.query(`DELETE FROM audit_events WHERE id = $1`, [victim['id']]);
      } finally {
        await t.dataSource.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
      }
      expect((await verify()).body).toEqual({ ok: false, checked: 2, firstBrokenId: String(next['id']) });

      // Put it back exactly as it was (without the chaining trigger, which would renumber it).
      const columns = Object.keys(victim);
      await t.dataSource.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain`);
      try {
        await t.dataSource.query(
          `INSERT INTO audit_events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          columns.map((c) => (c === 'details' ? JSON.stringify(victim[c]) : victim[c])),
        );
      } finally {
        await t.dataSource.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain`);
      }
      expect((await verify()).body.ok).toBe(true);
    });

    it('stays valid when many requests append at the same time', async () => {
      const before = await count();
      const usernames = [USERS.admin, USERS.supervisor, USERS.officer, USERS.lab, USERS.ngo];
      const requests = Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0 ? signIn(usernames[i % 5]) : signIn(`ghost.${i}`, 'some wrong password'),
      );
      const statuses = (await Promise.all(requests)).map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.filter((s) => s === 401)).toHaveLength(20);
      expect(await count()).toBe(before + 40);
      expect((await verify()).body).toEqual({ ok: true, checked: before + 40, firstBrokenId: null });
    });

    it('may be run by a supervisor, not by an officer', async () => {
      expect((await verify(await t.bearer(USERS.supervisor))).status).toBe(200);
      expect((await verify(await t.bearer(USERS.officer))).status).toBe(403);
    });
  });

  describe('reading', () => {
    it('records who, what, from where and which request', async () => {
      await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '10.23.200.7').set('X-Request-Id', 'audit-spec-request-1').send({ username: USERS.ngo, password: DEMO_PASSWORD }).expect(200);
      const res = await list('actor=ngo&action=auth.sign_in');
      const event = res.body.items.find((e: { requestId: string }) => e.requestId === 'audit-spec-request-1');
      expect(event).toMatchObject({ actorUsername: 'ngo', action: 'auth.sign_in', entityType: 'User', ip: '10.23.200.7', outcome: 'success', jurisdictionPath: TAIHE });
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('filters by actor, action, outcome and entity', async () => {
      const byActor = await list('actor=officer.pudong');
      expect(byActor.body.total).toBe(await count(`actor_username = 'officer.pudong'`));
      expect(byActor.body.total).toBeGreaterThanOrEqual(2);
      for (const e of byActor.body.items) expect(e.actorUsername).toBe('officer.pudong');

      const failures = await list('action=auth.sign_in&outcome=failure');
      expect(failures.body.total).toBe(await count(`action = 'auth.sign_in' AND outcome = 'failure'`));
      for (const e of failures.body.items) expect(e).toMatchObject({ action: 'auth.sign_in', outcome: 'failure' });

      const [lab] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'lab'`);
      const byEntity = await list(`entityType=User&entityId=${lab.id}`);
      expect(byEntity.body.total).toBe(await count(`entity_type = 'User' AND entity_id = $1`, [lab.id]));
      expect(byEntity.body.total).toBeGreaterThan(0);
      for (const e of byEntity.body.items) expect(e).toMatchObject({ entityType: 'User', entityId: lab.id });

      expect((await list('action=no.such.action')).body).toMatchObject({ total: 0, items: [] });
    });

    it('filters by time', async () => {
      t.clock.advance(2 * HOUR);
      admin = await t.bearer(USERS.admin); // the earlier session has gone idle
      t.clock.advance(1000);
      const from = t.clock.now().toISOString();
      await t.login(USERS.officer);
      t.clock.advance(20 * MINUTE);
      const to = t.clock.now().toISOString();
      await t.login(USERS.officer);

      const window = await list(`action=auth.sign_in&from=${from}&to=${to}`);
      expect(window.body.total).toBe(1);
      expect(window.body.items[0]).toMatchObject({ actorUsername: 'officer', occurredAt: from });
      expect((await list(`action=auth.sign_in&from=${to}`)).body.total).toBe(1);
      const before = await list(`action=auth.sign_in&to=${from}`);
      expect(before.body.total).toBe((await count(`action = 'auth.sign_in'`)) - 2);
      expect((await list('from=yesterday')).status).toBe(400);
    });

    it('shows an admin every event, newest first and in pages', async () => {
      const res = await list('');
      expect(res.body.total).toBe(await count());
      const ids = res.body.items.map((e: { id: string }) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const page = await t.http().get('/api/v1/audit?pageSize=2&page=2').set('Authorization', admin);
      expect(page.body.items.map((e: { id: string }) => e.id)).toEqual(res.body.items.slice(2, 4).map((e: { id: string }) => e.id));
      expect(res.body.items.some((e: { actorUsername: string }) => e.actorUsername === 'officer.pudong')).toBe(true);
      expect(res.body.items.some((e: { jurisdictionPath: string | null }) => e.jurisdictionPath === null)).toBe(true);
    });

    it('shows a supervisor only the events of their jurisdiction and below', async () => {
      const res = await list('', await t.bearer(USERS.supervisor));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(await count(`jurisdiction_path LIKE $1`, [`${TAIHE}%`]));
      expect(res.body.total).toBeGreaterThan(0);
      for (const e of res.body.items) expect(e.jurisdictionPath.startsWith(TAIHE)).toBe(true);
      expect(res.body.items.some((e: { actorUsername: string }) => e.actorUsername === 'officer.pudong')).toBe(false);
      // Asking for them by name changes nothing.
      expect((await list('actor=officer.pudong', await t.bearer(USERS.supervisor))).body.total).toBe(0);
    });

    it('is closed to officers, lab technicians and NGO caseworkers', async () => {
      for (const username of [USERS.officer, USERS.lab, USERS.ngo]) {
        const res = await list('', await t.bearer(username));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN_FOR_ROLE');
      }
    });
  });
});
