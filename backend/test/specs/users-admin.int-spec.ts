import { createTestApp, DEMO_PASSWORD, type TestApp, USERS } from '../test-app';

/** Administering accounts: create, place, disable, reset, unlock; changing one's own password; scope. */
describe('User administration', () => {
  let t: TestApp;
  let admin: string;
  let org: Record<'taihePolice' | 'taiheNgo' | 'taiheLab' | 'pudongPolice' | 'ministry', string>;
  let ids: Record<string, string>;
  let addressCounter = 0;
  const nextAddress = () => `10.22.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer(USERS.admin);
    const orgs: { id: string; kind: string; code: string }[] = await t.dataSource.query(
      `SELECT o.id, o.kind, j.code FROM organisations o JOIN jurisdictions j ON j.id = o.jurisdiction_id`,
    );
    const find = (kind: string, code: string) => orgs.find((o) => o.kind === kind && o.code === code)!.id;
    org = {
      taihePolice: find('police', '341222'),
      taiheNgo: find('ngo', '341222'),
      taiheLab: find('lab', '341222'),
      pudongPolice: find('police', '310115'),
      ministry: find('government', 'CN'),
    };
    ids = Object.fromEntries((await t.dataSource.query(`SELECT id, username FROM users`)).map((u: { id: string; username: string }) => [u.username, u.id]));
  });
  afterAll(() => t.close());

  const signIn = (username: string, password = DEMO_PASSWORD) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextAddress()).send({ username, password });
  const bearerOf = async (username: string, password = DEMO_PASSWORD) => {
    const res = await signIn(username, password);
    expect(res.status).toBe(200);
    return `Bearer ${res.body.accessToken}`;
  };
  const createUser = (body: Record<string, unknown>, auth = admin) => t.http().post('/api/v1/users').set('Authorization', auth).send(body);
  const strip = ({ instance, requestId, ...rest }: Record<string, unknown>) => (void instance, void requestId, rest);

  let userCounter = 0;
  /** A new Taihe officer, created by the admin, who has already set their own password. */
  async function newOfficer(): Promise<{ id: string; username: string; password: string }> {
    const username = `officer.n${++userCounter}`;
    const created = await createUser({ username, displayName: `Officer ${userCounter}`, role: 'officer', organisationId: org.taihePolice, jurisdictionCode: '341222' });
    expect(created.status).toBe(201);
    const password = `a long and private passphrase ${userCounter}`;
    const auth = await bearerOf(username, created.body.temporaryPassword);
    await t.http().post('/api/v1/me/password').set('Authorization', auth).send({ currentPassword: created.body.temporaryPassword, newPassword: password }).expect(204);
    return { id: created.body.user.id, username, password };
  }

  describe('creating users', () => {
    it('creates a user with a one-time password that must be changed at the first sign-in', async () => {
      const res = await createUser({ username: ' Officer.Wu ', displayName: '吴警官 Wu', role: 'officer', organisationId: org.taihePolice, jurisdictionCode: '341222' });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({
        username: 'officer.wu',
        role: 'officer',
        status: 'active',
        mustChangePassword: true,
        mfaEnabled: false,
        organisation: { id: org.taihePolice, kind: 'police' },
        jurisdiction: { code: '341222' },
      });
      const temporary: string = res.body.temporaryPassword;
      expect(temporary.length).toBeGreaterThanOrEqual(12);
      const audit = await t.dataSource.query(`SELECT actor_username FROM audit_events WHERE action = 'user.create' AND entity_id = $1`, [res.body.user.id]);
      expect(audit).toEqual([{ actor_username: 'admin' }]);

      const login = await signIn('officer.wu', temporary);
      expect(login.status).toBe(200);
      expect(login.body.passwordChangeRequired).toBe(true);
      const auth = `Bearer ${login.body.accessToken}`;

      const blocked = await t.http().get('/api/v1/users').set('Authorization', auth);
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await t.http().get('/api/v1/jurisdictions').set('Authorization', auth)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await t.http().post('/api/v1/me/mfa/enrol').set('Authorization', auth)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const me = await t.http().get('/api/v1/me').set('Authorization', auth);
      expect(me.status).toBe(200);
      expect(me.body.user.mustChangePassword).toBe(true);

      const changed = await t.http().post('/api/v1/me/password').set('Authorization', auth).send({ currentPassword: temporary, newPassword: 'searching for every lost child' });
      expect(changed.status).toBe(204);
      expect((await t.http().get('/api/v1/users').set('Authorization', auth)).status).toBe(200);
      // The one-time password is gone; the new one works.
      expect((await signIn('officer.wu', temporary)).status).toBe(401);
      const again = await signIn('officer.wu', 'searching for every lost child');
      expect(again.status).toBe(200);
      expect(again.body.passwordChangeRequired).toBe(false);
    });

    it('refuses a username that is taken (409), whatever its case', async () => {
      for (const username of ['officer', 'OFFICER']) {
        const res = await createUser({ username, displayName: 'Someone', role: 'officer', organisationId: org.taihePolice, jurisdictionCode: '341222' });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('USERNAME_TAKEN');
        expect(res.body.errors).toEqual([{ field: 'username', message: 'already taken' }]);
      }
    });

    it('refuses a role that does not fit the kind of organisation (422)', async () => {
      const cases = [
        { role: 'officer', organisationId: org.taiheNgo },
        { role: 'supervisor', organisationId: org.taiheLab },
        { role: 'lab_technician', organisationId: org.taihePolice },
        { role: 'ngo_caseworker', organisationId: org.taihePolice },
      ];
      for (const c of cases) {
        const res = await createUser({ username: 'misfit', displayName: 'Misfit', jurisdictionCode: '341222', ...c });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('ROLE_ORGANISATION_MISMATCH');
        expect(res.body.errors[0].field).toBe('role');
      }
      expect((await t.dataSource.query(`SELECT 1 FROM users WHERE username = 'misfit'`)).length).toBe(0);
    });

    it('refuses a jurisdiction outside the organisation’s (422)', async () => {
      for (const jurisdictionCode of ['310115', '341200', '341221', 'CN']) {
        const res = await createUser({ username: 'outsider', displayName: 'Outsider', role: 'officer', organisationId: org.taihePolice, jurisdictionCode });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('JURISDICTION_OUTSIDE_ORGANISATION');
      }
      const unknown = await createUser({ username: 'outsider', displayName: 'Outsider', role: 'officer', organisationId: org.taihePolice, jurisdictionCode: '999999' });
      expect(unknown.status).toBe(422);
      const noOrganisation = await createUser({ username: 'outsider', displayName: 'Outsider', role: 'officer', organisationId: '00000000-0000-4000-8000-000000000000', jurisdictionCode: '341222' });
      expect(noOrganisation.status).toBe(422);
      // An admin of the national office may place a user anywhere below it.
      const nationwide = await createUser({ username: 'admin.two', displayName: 'Second admin', role: 'admin', organisationId: org.ministry, jurisdictionCode: '310115' });
      expect(nationwide.status).toBe(201);
    });

    it('is for admins only', async () => {
      const body = { username: 'sneaky', displayName: 'Sneaky', role: 'officer', organisationId: org.taihePolice, jurisdictionCode: '341222' };
      for (const username of [USERS.supervisor, USERS.officer, USERS.ngo]) {
        const res = await createUser(body, await t.bearer(username));
        expect(res.status).toBe(403);
      }
    });
  });

  describe('changing a user', () => {
    it('assigns role, organisation and jurisdiction, and ends the user’s sessions', async () => {
      const user = await newOfficer();
      const session = await bearerOf(user.username, user.password);
      const promoted = await t.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin).send({ role: 'supervisor' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.role).toBe('supervisor');
      expect((await t.http().get('/api/v1/me').set('Authorization', session)).status).toBe(401);

      const moved = await t.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin).send({ organisationId: org.pudongPolice, jurisdictionCode: '310115' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ organisation: { id: org.pudongPolice }, jurisdiction: { code: '310115' } });

      const misplaced = await t.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin).send({ jurisdictionCode: '341222' });
      expect(misplaced.status).toBe(422);
      expect(misplaced.body.code).toBe('JURISDICTION_OUTSIDE_ORGANISATION');
      const wrongKind = await t.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin).send({ role: 'lab_technician' });
      expect(wrongKind.status).toBe(422);
      // Nothing of a refused change is kept.
      const now = await t.http().get(`/api/v1/users/${user.id}`).set('Authorization', admin);
      expect(now.body).toMatchObject({ role: 'supervisor', jurisdiction: { code: '310115' } });
    });

    it('disables a user: sessions end and sign-in is refused, until enabled again', async () => {
      const user = await newOfficer();
      const login = await signIn(user.username, user.password);
      const session = `Bearer ${login.body.accessToken}`;
      const cookie = ([] as string[]).concat(login.headers['set-cookie']).find((c) => c.startsWith('hw_refresh='))!.split(';')[0];

      const disabled = await t.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin).send({ disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body.status).toBe('disabled');
      expect((await t.http().get('/api/v1/me').set('Authorization', session)).status).toBe(401);
      expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', cookie)).status).toBe(401);
      const refused = await signIn(user.username, user.password);
      expect(refused.status).toBe(401);
      expect(strip(refused.body)).toEqual(strip((await signIn('nobody.here', user.password)).body));
      const audit = await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'user.disable' AND entity_id = $1`, [user.id]);
      expect(audit).toHaveLength(1);

      const enabled = await t.http().patch(`/api/v1/users/${user.id}`).set('Authorization', admin).send({ disabled: false });
      expect(enabled.body.status).toBe('active');
      expect((await signIn(user.username, user.password)).status).toBe(200);
    });

    it('does not let an admin disable their own account', async () => {
      const res = await t.http().patch(`/api/v1/users/${ids['admin']}`).set('Authorization', admin).send({ disabled: true });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CANNOT_DISABLE_SELF');
    });

    it('resets a password: old password and sessions end, the new one is one-time', async () => {
      const user = await newOfficer();
      const session = await bearerOf(user.username, user.password);
      const res = await t.http().post(`/api/v1/users/${user.id}/reset-password`).set('Authorization', admin);
      expect(res.status).toBe(200);
      expect(res.body.user.mustChangePassword).toBe(true);
      const temporary: string = res.body.temporaryPassword;

      expect((await t.http().get('/api/v1/me').set('Authorization', session)).status).toBe(401);
      expect((await signIn(user.username, user.password)).status).toBe(401);
      const login = await signIn(user.username, temporary);
      expect(login.body.passwordChangeRequired).toBe(true);
      const auth = `Bearer ${login.body.accessToken}`;
      expect((await t.http().get(`/api/v1/users/${user.id}`).set('Authorization', auth)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await t.http().get('/api/v1/me').set('Authorization', auth)).status).toBe(200);
      await t.http().post('/api/v1/me/password').set('Authorization', auth).send({ currentPassword: temporary, newPassword: 'another private passphrase' }).expect(204);
      expect((await t.http().get(`/api/v1/users/${user.id}`).set('Authorization', auth)).status).toBe(200);
      expect((await signIn(user.username, temporary)).status).toBe(401);
      const audit = await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'user.reset_password' AND entity_id = $1`, [user.id]);
      expect(audit).toHaveLength(1);
    });

    it('unlocks a locked account', async () => {
      const user = await newOfficer();
      for (let i = 0; i < 5; i++) await signIn(user.username, `wrong password ${i}`);
      expect((await signIn(user.username, user.password)).status).toBe(401);
      const listed = await t.http().get('/api/v1/users?status=locked').set('Authorization', admin);
      expect(listed.body.items.map((u: { username: string }) => u.username)).toContain(user.username);

      const res = await t.http().post(`/api/v1/users/${user.id}/unlock`).set('Authorization', admin);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('active');
      expect((await signIn(user.username, user.password)).status).toBe(200);
      const audit = await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'user.unlock' AND entity_id = $1`, [user.id]);
      expect(audit).toHaveLength(1);
    });

    it('lets neither supervisors nor officers change, unlock or reset users', async () => {
      const target = ids['officer'];
      for (const username of [USERS.supervisor, USERS.officer]) {
        const auth = await t.bearer(username);
        expect((await t.http().patch(`/api/v1/users/${target}`).set('Authorization', auth).send({ displayName: 'x' })).status).toBe(403);
        expect((await t.http().post(`/api/v1/users/${target}/unlock`).set('Authorization', auth)).status).toBe(403);
        expect((await t.http().post(`/api/v1/users/${target}/reset-password`).set('Authorization', auth)).status).toBe(403);
      }
    });
  });

  describe('changing one’s own password', () => {
    it('needs the current password (400 when wrong)', async () => {
      const user = await newOfficer();
      const auth = await bearerOf(user.username, user.password);
      const res = await t.http().post('/api/v1/me/password').set('Authorization', auth).send({ currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('WRONG_CURRENT_PASSWORD');
      expect(res.body.errors).toEqual([{ field: 'currentPassword', message: 'not correct' }]);
      expect((await signIn(user.username, user.password)).status).toBe(200);
    });

    it('refuses a weak new password with a 400 that names the field', async () => {
      const user = await newOfficer();
      const auth = await bearerOf(user.username, user.password);
      for (const newPassword of ['too short', 'qwerty123456', `my name is ${user.username}!`, 'x'.repeat(129)]) {
        const res = await t.http().post('/api/v1/me/password').set('Authorization', auth).send({ currentPassword: user.password, newPassword });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('WEAK_PASSWORD');
        expect(res.body.errors).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
      }
      const same = await t.http().post('/api/v1/me/password').set('Authorization', auth).send({ currentPassword: user.password, newPassword: user.password });
      expect(same.status).toBe(400);
      expect(same.body.errors[0].field).toBe('newPassword');
      expect((await signIn(user.username, user.password)).status).toBe(200);
    });

    it('ends the user’s other sessions but keeps the current one', async () => {
      const user = await newOfficer();
      const other = await bearerOf(user.username, user.password);
      const current = await bearerOf(user.username, user.password);
      await t.http().post('/api/v1/me/password').set('Authorization', current).send({ currentPassword: user.password, newPassword: 'a passphrase nobody knows' }).expect(204);
      expect((await t.http().get('/api/v1/me').set('Authorization', other)).status).toBe(401);
      expect((await t.http().get('/api/v1/me').set('Authorization', current)).status).toBe(200);
      expect((await signIn(user.username, user.password)).status).toBe(401);
      expect((await signIn(user.username, 'a passphrase nobody knows')).status).toBe(200);
      const [row] = await t.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });
  });

  describe('scope of the user list', () => {
    const TAIHE_DEMO = ['lab', 'ngo', 'officer', 'supervisor'];

    it('shows a supervisor only the users of their jurisdiction, filtered in the query', async () => {
      const auth = await t.bearer(USERS.supervisor);
      const expected: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE j.path LIKE 'CN/340000/341200/341222/%'`,
      );
      const res = await t.http().get('/api/v1/users?pageSize=100').set('Authorization', auth);
      expect(res.status).toBe(200);
      const usernames = res.body.items.map((u: { username: string }) => u.username);
      expect(usernames).toEqual(expect.arrayContaining(TAIHE_DEMO));
      expect(usernames).not.toContain('admin');
      expect(usernames).not.toContain('officer.pudong');
      for (const u of res.body.items) expect(u.jurisdiction.code).toBe('341222');
      expect(res.body.total).toBe(expected[0].n);

      // The total counts in-scope rows only, also when a page holds fewer.
      const page = await t.http().get('/api/v1/users?pageSize=1&page=2').set('Authorization', auth);
      expect(page.body.total).toBe(expected[0].n);
      expect(page.body.items).toHaveLength(1);
      expect(usernames).toContain(page.body.items[0].username);
    });

    it('shows an officer only themself', async () => {
      const res = await t.http().get('/api/v1/users').set('Authorization', await t.bearer(USERS.officer));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(['officer']);
    });

    it('answers an out-of-scope id exactly as a missing one', async () => {
      const auth = await t.bearer(USERS.supervisor);
      expect((await t.http().get(`/api/v1/users/${ids['officer']}`).set('Authorization', auth)).status).toBe(200);
      const outOfScope = await t.http().get(`/api/v1/users/${ids['officer.pudong']}`).set('Authorization', auth);
      const missing = await t.http().get('/api/v1/users/00000000-0000-4000-8000-000000000000').set('Authorization', auth);
      expect(outOfScope.status).toBe(404);
      expect(strip(outOfScope.body)).toEqual(strip(missing.body));
      const officer = await t.bearer(USERS.officer);
      expect((await t.http().get(`/api/v1/users/${ids['supervisor']}`).set('Authorization', officer)).status).toBe(404);
    });

    it('lets an admin filter the list, with wildcards in the search matching only themselves', async () => {
      const byJurisdiction = await t.http().get('/api/v1/users?jurisdictionCode=310115').set('Authorization', admin);
      expect(byJurisdiction.body.items.map((u: { username: string }) => u.username)).toContain('officer.pudong');
      for (const u of byJurisdiction.body.items) expect(u.jurisdiction.code).toBe('310115');
      const byRole = await t.http().get('/api/v1/users?role=lab_technician').set('Authorization', admin);
      expect(byRole.body.items.map((u: { username: string }) => u.username)).toEqual(['lab']);
      const search = await t.http().get('/api/v1/users?q=PUDONG').set('Authorization', admin);
      expect(search.body.items.map((u: { username: string }) => u.username)).toContain('officer.pudong');
      for (const q of ['%', '_']) {
        const res = await t.http().get(`/api/v1/users?q=${encodeURIComponent(q)}`).set('Authorization', admin);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(0);
      }
    });
  });
});
