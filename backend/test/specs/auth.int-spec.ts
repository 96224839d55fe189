import type { Response } from 'supertest';
import { HOUR, MINUTE } from '../../src/common/clock';
import { createTestApp, DEMO_PASSWORD, type TestApp, USERS } from '../test-app';

/** Sign-in, lockout, throttling, refresh-token rotation, sign-out and session timeouts. */
describe('Authentication', () => {
  let t: TestApp;
  let addressCounter = 0;
  /** A fresh client address per call, so that only the tests about it meet the per-address limit. */
  const nextAddress = () => `10.20.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signIn = (username: string, password = DEMO_PASSWORD, address = nextAddress()) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ username, password });
  const me = (accessToken: string) => t.http().get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`);
  const refresh = (cookie?: string) => {
    const req = t.http().post('/api/v1/auth/refresh').set('X-Forwarded-For', nextAddress());
    return cookie ? req.set('Cookie', cookie) : req;
  };

  /** `hw_refresh=<token>` from a response's Set-Cookie, ready to send back. */
  function refreshCookie(res: Response): string {
    const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hw_refresh='));
    if (!header) throw new Error(`no refresh cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
    return header.split(';')[0];
  }

  /** A new account that only this test uses, with the demo password, for tests that lock or disable. */
  let accountCounter = 0;
  async function newAccount(): Promise<{ id: string; username: string }> {
    const username = `auth.user${++accountCounter}`;
    const [row] = await t.dataSource.query(
      `INSERT INTO users (username, display_name, password_hash, role, organisation_id, jurisdiction_id, mfa_exempt)
       SELECT $1, $1, password_hash, role, organisation_id, jurisdiction_id, true FROM users WHERE username = 'officer'
       RETURNING id`,
      [username],
    );
    return { id: row.id, username };
  }

  const strip = ({ instance, requestId, ...rest }: Record<string, unknown>) => (void instance, void requestId, rest);
  const signInEvents = (username: string): Promise<{ outcome: string; details: Record<string, unknown>; ip: string }[]> =>
    t.dataSource.query(`SELECT outcome, details, ip FROM audit_events WHERE action = 'auth.sign_in' AND actor_username = $1 ORDER BY id`, [username]);

  describe('signing in', () => {
    it('gives a short-lived access token and a refresh token in an httpOnly, SameSite=Strict cookie', async () => {
      const res = await signIn(USERS.officer);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({ accessToken: expect.any(String), expiresIn: expect.any(Number), passwordChangeRequired: false });
      expect(res.body.expiresIn).toBeLessThanOrEqual(15 * 60);
      const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);
      expect(claims.typ).toBe('access');

      const cookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('hw_refresh='))!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\/api\/v1\/auth/);
      expect(refreshCookie(res).length).toBeGreaterThan('hw_refresh='.length + 30);
      // The refresh token is stored only as a hash.
      const token = decodeURIComponent(refreshCookie(res).slice('hw_refresh='.length));
      expect((await t.dataSource.query(`SELECT 1 FROM refresh_tokens WHERE token_hash = $1`, [token])).length).toBe(0);

      const who = await me(res.body.accessToken);
      expect(who.status).toBe(200);
      expect(who.body.user.username).toBe(USERS.officer);
    });

    it('keeps passwords as argon2id hashes', async () => {
      const rows: { password_hash: string }[] = await t.dataSource.query(`SELECT password_hash FROM users`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('treats the username without regard to case or surrounding spaces', async () => {
      expect((await signIn('  Officer ')).status).toBe(200);
    });

    it('gives one and the same 401 for an unknown user, a wrong password, a locked and a disabled account', async () => {
      const locked = await newAccount();
      const disabled = await newAccount();
      await t.dataSource.query(`UPDATE users SET locked_at = now() WHERE id = $1`, [locked.id]);
      await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
      const answers = [
        await signIn('nobody.at.all'),
        await signIn(USERS.lab, 'not-the-right-password'),
        await signIn(locked.username), // the right password
        await signIn(disabled.username), // the right password
      ];
      for (const res of answers) expect(res.status).toBe(401);
      expect(answers[0].body.code).toBe('INVALID_CREDENTIALS');
      for (const res of answers.slice(1)) expect(strip(res.body)).toEqual(strip(answers[0].body));
      for (const res of answers) expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('audits every attempt, with its outcome and address', async () => {
      const account = await newAccount();
      await signIn(account.username, DEMO_PASSWORD, '10.30.0.1');
      await signIn(account.username, 'wrong-password-here', '10.30.0.2');
      await t.dataSource.query(`UPDATE users SET locked_at = now() WHERE id = $1`, [account.id]);
      await signIn(account.username, DEMO_PASSWORD, '10.30.0.3');
      await signIn('ghost.user', DEMO_PASSWORD, '10.30.0.4');

      const events = await signInEvents(account.username);
      expect(events).toEqual([
        expect.objectContaining({ outcome: 'success', ip: '10.30.0.1', details: expect.objectContaining({ method: 'password' }) }),
        expect.objectContaining({ outcome: 'failure', ip: '10.30.0.2', details: expect.objectContaining({ reason: 'wrong_password' }) }),
        expect.objectContaining({ outcome: 'failure', ip: '10.30.0.3', details: expect.objectContaining({ reason: 'account_locked' }) }),
      ]);
      expect(await signInEvents('ghost.user')).toEqual([
        expect.objectContaining({ outcome: 'failure', ip: '10.30.0.4', details: { reason: 'unknown_user' } }),
      ]);
    });

    it('does not answer a request without a username or password with a 401 or 500', async () => {
      const res = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', nextAddress()).send({ username: 'officer' });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('password');
    });
  });

  describe('lockout', () => {
    it('locks the account after 5 wrong passwords within 15 minutes, until an admin unlocks it', async () => {
      const account = await newAccount();
      const session = await signIn(account.username);
      for (let i = 0; i < 5; i++) {
        expect((await signIn(account.username, `wrong-password-${i}`)).status).toBe(401);
        t.clock.advance(3 * MINUTE);
      }
      const [user] = await t.dataSource.query(`SELECT locked_at FROM users WHERE id = $1`, [account.id]);
      expect(user.locked_at).not.toBeNull();
      const locks = await t.dataSource.query(`SELECT outcome FROM audit_events WHERE action = 'auth.account_locked' AND entity_id = $1`, [account.id]);
      expect(locks).toEqual([{ outcome: 'success' }]);

      // The right password no longer works, and the session that was open has ended.
      expect((await signIn(account.username)).status).toBe(401);
      expect((await me(session.body.accessToken)).status).toBe(401);
      // Time alone does not unlock it.
      t.clock.advance(48 * HOUR);
      expect((await signIn(account.username)).status).toBe(401);

      const admin = await t.bearer(USERS.admin);
      const unlocked = await t.http().post(`/api/v1/users/${account.id}/unlock`).set('Authorization', admin);
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.status).toBe('active');
      expect((await signIn(account.username)).status).toBe(200);
    });

    it('does not lock when the failures are spread over more than 15 minutes', async () => {
      const account = await newAccount();
      // Failures at 0, 4, 8, 12 and 16 minutes: never 5 in one 15-minute window.
      for (let i = 0; i < 5; i++) {
        expect((await signIn(account.username, `wrong-password-${i}`)).status).toBe(401);
        t.clock.advance(4 * MINUTE);
      }
      expect((await signIn(account.username)).status).toBe(200);
      const [user] = await t.dataSource.query(`SELECT locked_at FROM users WHERE id = $1`, [account.id]);
      expect(user.locked_at).toBeNull();
    });

    it('starts counting again after a successful sign-in', async () => {
      const account = await newAccount();
      for (let i = 0; i < 4; i++) expect((await signIn(account.username, `wrong-password-${i}`)).status).toBe(401);
      expect((await signIn(account.username)).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await signIn(account.username, `wrong-password-${i}`)).status).toBe(401);
      expect((await signIn(account.username)).status).toBe(200);
    });
  });

  describe('throttling', () => {
    it('answers more than 10 attempts a minute from one address with 429 and Retry-After', async () => {
      const address = '10.40.0.1';
      for (let i = 0; i < 10; i++) expect((await signIn(`stranger${i}`, 'some-password', address)).status).toBe(401);
      t.clock.advance(20_000);
      const refused = await signIn(USERS.officer, DEMO_PASSWORD, address);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBe(40);
      expect(refused.headers['set-cookie']).toBeUndefined();

      // Other addresses are not affected; this one is again once the minute is over.
      expect((await signIn(USERS.officer, DEMO_PASSWORD, '10.40.0.2')).status).toBe(200);
      t.clock.advance(41_000);
      expect((await signIn(USERS.officer, DEMO_PASSWORD, address)).status).toBe(200);
    });

    it('answers more than 10 attempts a minute for one username with 429, from any address and in any case', async () => {
      const account = await newAccount();
      for (let i = 0; i < 10; i++) expect((await signIn(i % 2 ? account.username : account.username.toUpperCase())).status).toBe(200);
      const refused = await signIn(account.username);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Another username from the same kind of fresh address is not affected.
      expect((await signIn(USERS.ngo)).status).toBe(200);
      t.clock.advance(61_000);
      expect((await signIn(account.username)).status).toBe(200);
    });

    it('counts attempts for unknown usernames too', async () => {
      for (let i = 0; i < 10; i++) expect((await signIn('no.such.user')).status).toBe(401);
      expect((await signIn('no.such.user')).status).toBe(429);
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each refresh gives a new access token and a new refresh token', async () => {
      const login = await signIn(USERS.officer);
      const first = refreshCookie(login);
      const r1 = await refresh(first);
      expect(r1.status).toBe(200);
      expect(r1.body.accessToken).toEqual(expect.any(String));
      const second = refreshCookie(r1);
      expect(second).not.toBe(first);
      expect((await me(r1.body.accessToken)).status).toBe(200);
      const r2 = await refresh(second);
      expect(r2.status).toBe(200);
      expect(refreshCookie(r2)).not.toBe(second);
    });

    it('end the whole session when a used refresh token is presented again', async () => {
      const login = await signIn(USERS.officer);
      const first = refreshCookie(login);
      const rotated = await refresh(first);
      expect(rotated.status).toBe(200);
      const second = refreshCookie(rotated);

      const replay = await refresh(first);
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('SESSION_ENDED');
      expect(replay.headers['set-cookie']?.[0]).toMatch(/^hw_refresh=;/);
      // Every token and access token of the family is dead now.
      expect((await refresh(second)).status).toBe(401);
      expect((await me(rotated.body.accessToken)).status).toBe(401);
      expect((await me(login.body.accessToken)).status).toBe(401);

      const [session] = await t.dataSource.query(
        `SELECT s.revoked_reason FROM auth_sessions s JOIN refresh_tokens r ON r.session_id = s.id WHERE r.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
        [decodeURIComponent(first.slice('hw_refresh='.length))],
      );
      expect(session.revoked_reason).toBe('refresh_token_reuse');
      const denied = await t.dataSource.query(
        `SELECT 1 FROM audit_events WHERE action = 'auth.sign_in' AND outcome = 'denied' AND details->>'reason' = 'refresh_token_reuse' AND actor_username = 'officer'`,
      );
      expect(denied.length).toBeGreaterThanOrEqual(1);
    });

    it('do not end other sessions of the same user when reused', async () => {
      const other = await signIn(USERS.officer);
      const login = await signIn(USERS.officer);
      const first = refreshCookie(login);
      await refresh(first);
      expect((await refresh(first)).status).toBe(401);
      expect((await me(other.body.accessToken)).status).toBe(200);
    });

    it('are refused when missing or unknown', async () => {
      expect((await refresh()).status).toBe(401);
      expect((await refresh('hw_refresh=made-up-token')).status).toBe(401);
    });
  });

  describe('signing out', () => {
    it('ends the session: the refresh token and the access token stop working, and the cookie is cleared', async () => {
      const login = await signIn(USERS.supervisor);
      const cookie = refreshCookie(login);
      const out = await t.http().post('/api/v1/auth/logout').set('Cookie', cookie);
      expect(out.status).toBe(204);
      expect(out.headers['set-cookie']?.[0]).toMatch(/^hw_refresh=;.*Expires=Thu, 01 Jan 1970/);
      expect((await refresh(cookie)).status).toBe(401);
      expect((await me(login.body.accessToken)).status).toBe(401);
      const events = await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'auth.sign_out' AND actor_username = 'supervisor'`);
      expect(events).toHaveLength(1);
    });

    it('leaves the user’s other sessions open', async () => {
      const other = await signIn(USERS.supervisor);
      const login = await signIn(USERS.supervisor);
      await t.http().post('/api/v1/auth/logout').set('Cookie', refreshCookie(login)).expect(204);
      expect((await me(other.body.accessToken)).status).toBe(200);
      expect((await refresh(refreshCookie(other))).status).toBe(200);
    });

    it('answers 204 without a cookie', async () => {
      expect((await t.http().post('/api/v1/auth/logout')).status).toBe(204);
    });
  });

  describe('session timeouts', () => {
    it('end a session after 30 minutes without activity', async () => {
      const login = await signIn(USERS.lab);
      t.clock.advance(29 * MINUTE);
      expect((await me(login.body.accessToken)).status).toBe(200);
      t.clock.advance(29 * MINUTE); // activity 29 minutes ago: still open
      expect((await me(login.body.accessToken)).status).toBe(200);
      t.clock.advance(31 * MINUTE);
      const ended = await me(login.body.accessToken);
      expect(ended.status).toBe(401);
      expect(ended.body.code).toBe('SESSION_ENDED');
      expect((await refresh(refreshCookie(login))).status).toBe(401);
    });

    it('refuse to refresh an idle session', async () => {
      const login = await signIn(USERS.lab);
      t.clock.advance(31 * MINUTE);
      expect((await refresh(refreshCookie(login))).status).toBe(401);
    });

    it('end a session 12 hours after sign-in, however active', async () => {
      const login = await signIn(USERS.ngo);
      let cookie = refreshCookie(login);
      let accessToken = login.body.accessToken as string;
      for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
        t.clock.advance(20 * MINUTE);
        expect((await me(accessToken)).status).toBe(200);
        const refreshed = await refresh(cookie);
        expect(refreshed.status).toBe(200);
        cookie = refreshCookie(refreshed);
        accessToken = refreshed.body.accessToken;
      }
      t.clock.advance(20 * MINUTE); // 12 hours
      expect((await me(accessToken)).status).toBe(401);
      expect((await refresh(cookie)).status).toBe(401);
    });
  });
});
