import { generate } from 'otplib';
import type { Response } from 'supertest';
import { createTestApp, DEMO_PASSWORD, type TestApp, USERS } from '../test-app';

/** TOTP second factor: who needs it, enrolment, each code once, recovery codes. */
describe('Second factor (TOTP)', () => {
  let t: TestApp;
  let addressCounter = 0;
  const nextAddress = () => `10.21.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signIn = (app: TestApp, username: string, password = DEMO_PASSWORD) =>
    app.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextAddress()).send({ username, password });
  const secondStep = (mfaToken: string, code: string) =>
    t.http().post('/api/v1/auth/mfa').set('X-Forwarded-For', nextAddress()).send({ mfaToken, code });
  /** The current code of an authenticator app, on the test's clock. */
  const codeFor = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
  const hasRefreshCookie = (res: Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith('hw_refresh='));

  /** A new account with a role that needs a second factor and is not exempt from it. */
  let accountCounter = 0;
  async function newAccount(app: TestApp, like: string = USERS.supervisor): Promise<{ id: string; username: string }> {
    const username = `mfa.user${++accountCounter}`;
    const [row] = await app.dataSource.query(
      `INSERT INTO users (username, display_name, password_hash, role, organisation_id, jurisdiction_id, mfa_exempt)
       SELECT $1, $1, password_hash, role, organisation_id, jurisdiction_id, false FROM users WHERE username = $2
       RETURNING id`,
      [username, like],
    );
    return { id: row.id, username };
  }

  /** Signs in for the first time and sets up the authenticator app; returns its secret and the recovery codes. */
  async function enrolled(): Promise<{ username: string; id: string; secret: string; recoveryCodes: string[] }> {
    const account = await newAccount(t);
    const first = await signIn(t, account.username);
    const enrolment = await t.http().post('/api/v1/auth/mfa/enrol').send({ mfaToken: first.body.mfaToken });
    const done = await secondStep(first.body.mfaToken, await codeFor(enrolment.body.secret));
    expect(done.status).toBe(200);
    t.clock.advance(30_000); // the next code belongs to the next time step
    return { ...account, secret: enrolment.body.secret, recoveryCodes: done.body.recoveryCodes };
  }

  it('asks a role that needs it for a second factor instead of opening a session', async () => {
    const account = await newAccount(t);
    const res = await signIn(t, account.username);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), mfaEnrolmentRequired: true });
    expect(hasRefreshCookie(res)).toBe(false);
    const sessions = await t.dataSource.query(`SELECT 1 FROM auth_sessions WHERE user_id = $1`, [account.id]);
    expect(sessions).toHaveLength(0);
  });

  it('does not let the mfaToken open anything but the second step', async () => {
    const account = await newAccount(t);
    const { mfaToken } = (await signIn(t, account.username)).body;
    for (const path of ['/api/v1/me', '/api/v1/users', '/api/v1/audit']) {
      const res = await t.http().get(path).set('Authorization', `Bearer ${mfaToken}`);
      expect(res.status).toBe(401);
    }
    const refresh = await t.http().post('/api/v1/auth/refresh').set('Cookie', `hw_refresh=${mfaToken}`);
    expect(refresh.status).toBe(401);
    // And an access token is no mfaToken.
    const officerToken = await t.login(USERS.officer);
    expect((await t.http().post('/api/v1/auth/mfa').send({ mfaToken: officerToken, code: '123456' })).status).toBe(401);
  });

  it('enrols with a QR code, then opens the session and shows recovery codes once', async () => {
    const account = await newAccount(t);
    const { mfaToken } = (await signIn(t, account.username)).body;
    const enrolment = await t.http().post('/api/v1/auth/mfa/enrol').send({ mfaToken });
    expect(enrolment.status).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = enrolment.body;
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(otpauthUrl).toContain('issuer=Homeward');
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(qrCodeDataUrl.split(',')[1], 'base64');
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);

    // The secret is kept encrypted, and pending until a code confirms it.
    const [stored] = await t.dataSource.query(
      `SELECT mfa_pending_secret_encrypted, mfa_secret_encrypted, mfa_enabled_at FROM users WHERE id = $1`,
      [account.id],
    );
    expect(stored.mfa_pending_secret_encrypted).toMatch(/^v1\./);
    expect(stored.mfa_pending_secret_encrypted).not.toContain(secret);
    expect(stored.mfa_secret_encrypted).toBeNull();
    expect(stored.mfa_enabled_at).toBeNull();

    const done = await secondStep(mfaToken, await codeFor(secret));
    expect(done.status).toBe(200);
    expect(done.body.accessToken).toEqual(expect.any(String));
    expect(hasRefreshCookie(done)).toBe(true);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(new Set(done.body.recoveryCodes).size).toBe(10);
    const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${done.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.user.mfaEnabled).toBe(true);

    // The next sign-in asks for a code, not for enrolment, and shows no recovery codes.
    t.clock.advance(30_000);
    const next = await signIn(t, account.username);
    expect(next.body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: false });
    const again = await secondStep(next.body.mfaToken, await codeFor(secret));
    expect(again.status).toBe(200);
    expect(again.body.recoveryCodes).toBeUndefined();
  });

  it('refuses to start a second enrolment with only a password', async () => {
    const account = await enrolled();
    const { mfaToken } = (await signIn(t, account.username)).body;
    const res = await t.http().post('/api/v1/auth/mfa/enrol').send({ mfaToken });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MFA_ALREADY_ENROLLED');
    // The authenticator app still works.
    expect((await secondStep(mfaToken, await codeFor(account.secret))).status).toBe(200);
  });

  it('refuses a wrong code and audits the failure', async () => {
    const account = await enrolled();
    const { mfaToken } = (await signIn(t, account.username)).body;
    const right = await codeFor(account.secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const res = await secondStep(mfaToken, wrong);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_SECOND_FACTOR');
    expect(hasRefreshCookie(res)).toBe(false);
    const failures = await t.dataSource.query(
      `SELECT 1 FROM audit_events WHERE action = 'auth.sign_in' AND outcome = 'failure' AND details->>'reason' = 'wrong_second_factor' AND actor_id = $1`,
      [account.id],
    );
    expect(failures).toHaveLength(1);
  });

  it('accepts each TOTP code only once', async () => {
    const account = await enrolled();
    const code = await codeFor(account.secret);
    const first = await signIn(t, account.username);
    expect((await secondStep(first.body.mfaToken, code)).status).toBe(200);

    const second = await signIn(t, account.username);
    const replay = await secondStep(second.body.mfaToken, code);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_SECOND_FACTOR');

    t.clock.advance(30_000);
    expect((await secondStep(second.body.mfaToken, await codeFor(account.secret))).status).toBe(200);
  });

  it('accepts a code of the previous time step, but not an older one', async () => {
    const account = await enrolled();
    t.clock.advance(5 * 60_000);
    const old = await codeFor(account.secret);
    t.clock.advance(30_000);
    const { mfaToken } = (await signIn(t, account.username)).body;
    expect((await secondStep(mfaToken, old)).status).toBe(200);

    const tooOld = await codeFor(account.secret);
    t.clock.advance(90_000);
    const later = await signIn(t, account.username);
    expect((await secondStep(later.body.mfaToken, tooOld)).status).toBe(401);
  });

  it('refuses, rather than fails on, a code older than the last one used (a server whose clock is behind)', async () => {
    const account = await enrolled();
    const first = await signIn(t, account.username);
    expect((await secondStep(first.body.mfaToken, await codeFor(account.secret))).status).toBe(200);
    t.clock.advance(-5 * 60_000);
    const second = await signIn(t, account.username);
    const res = await secondStep(second.body.mfaToken, await codeFor(account.secret));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_SECOND_FACTOR');
    t.clock.advance(5 * 60_000 + 30_000);
  });

  it('accepts each recovery code only once, with or without dashes and in any case', async () => {
    const account = await enrolled();
    const [first, second] = account.recoveryCodes;
    expect(first).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);

    const a = await signIn(t, account.username);
    const used = await secondStep(a.body.mfaToken, first);
    expect(used.status).toBe(200);
    expect(used.body.accessToken).toEqual(expect.any(String));

    const b = await signIn(t, account.username);
    expect((await secondStep(b.body.mfaToken, first)).status).toBe(401);
    expect((await secondStep(b.body.mfaToken, second.replace(/-/g, '').toUpperCase())).status).toBe(200);
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NOT NULL`, [account.id]);
    expect(row.n).toBe(2);
  });

  it('locks the account after 5 wrong codes', async () => {
    const account = await enrolled();
    const { mfaToken } = (await signIn(t, account.username)).body;
    for (let i = 0; i < 5; i++) expect((await secondStep(mfaToken, 'abcd-abcd-abcd-abcd')).status).toBe(401);
    const [user] = await t.dataSource.query(`SELECT locked_at FROM users WHERE id = $1`, [account.id]);
    expect(user.locked_at).not.toBeNull();
    expect((await secondStep(mfaToken, await codeFor(account.secret))).status).toBe(401);
    expect((await signIn(t, account.username)).status).toBe(401);
  });

  it('lets a user whose role does not need it turn it on, and then asks for it', async () => {
    const account = await newAccount(t, USERS.officer);
    const login = await signIn(t, account.username);
    expect(login.body.accessToken).toEqual(expect.any(String));
    const auth = `Bearer ${login.body.accessToken}`;
    const enrolment = await t.http().post('/api/v1/me/mfa/enrol').set('Authorization', auth);
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await t.http().post('/api/v1/me/mfa/activate').set('Authorization', auth).send({ code: '000000' });
    expect(wrong.status).toBe(400);
    const activated = await t.http().post('/api/v1/me/mfa/activate').set('Authorization', auth).send({ code: await codeFor(enrolment.body.secret) });
    expect(activated.status).toBe(200);
    expect(activated.body.recoveryCodes).toHaveLength(10);
    const audited = await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'user.enable_mfa' AND entity_id = $1`, [account.id]);
    expect(audited).toHaveLength(1);

    t.clock.advance(30_000);
    const next = await signIn(t, account.username);
    expect(next.body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: false });
    expect(next.body.accessToken).toBeUndefined();
    const done = await secondStep(next.body.mfaToken, await codeFor(enrolment.body.secret));
    expect(done.status).toBe(200);

    // Starting to enrol a new app and walking away keeps the app in use.
    t.clock.advance(30_000);
    const restarted = await t.http().post('/api/v1/me/mfa/enrol').set('Authorization', `Bearer ${done.body.accessToken}`);
    expect(restarted.status).toBe(200);
    t.clock.advance(30_000);
    const again = await signIn(t, account.username);
    expect(again.body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: false });
    expect((await secondStep(again.body.mfaToken, await codeFor(restarted.body.secret))).status).toBe(401);
    t.clock.advance(30_000);
    const retry = await signIn(t, account.username);
    expect((await secondStep(retry.body.mfaToken, await codeFor(enrolment.body.secret))).status).toBe(200);
  });

  it('does not ask exempt demo accounts, nor roles that do not need it', async () => {
    expect((await signIn(t, USERS.admin)).body.accessToken).toEqual(expect.any(String));
    const officer = await newAccount(t, USERS.officer);
    expect((await signIn(t, officer.username)).body.accessToken).toEqual(expect.any(String));
  });

  describe('with MFA_REQUIRED_ROLES=officer', () => {
    let custom: TestApp;
    beforeAll(async () => {
      custom = await createTestApp({ env: { MFA_REQUIRED_ROLES: 'officer' } });
    });
    afterAll(() => custom.close());

    it('asks officers for a second factor, and no longer supervisors', async () => {
      const officer = await newAccount(custom, USERS.officer);
      const supervisor = await newAccount(custom, USERS.supervisor);
      expect((await signIn(custom, officer.username)).body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: true });
      const res = await signIn(custom, supervisor.username);
      expect(res.body.mfaRequired).toBeUndefined();
      expect(res.body.accessToken).toEqual(expect.any(String));
    });
  });
});
