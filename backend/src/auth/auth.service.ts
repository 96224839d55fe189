import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull, MoreThan, Not } from 'typeorm';
import type { Actor, SystemContext } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock, HOUR, MINUTE } from '../common/clock';
import { Problem } from '../common/problem';
import { RateLimitService } from '../common/rate-limit.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PasswordPolicy } from '../users/password-policy';
import { UserEntity } from '../users/user.entity';
import { AuthSessionEntity, RefreshTokenEntity, SignInFailureEntity } from './auth-session.entity';
import type { LoginResponseDto, MfaEnrolmentDto } from './auth.dto';
import { MfaService } from './mfa.service';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * MINUTE;
const MFA_TOKEN_TTL_SECONDS = 300;
/** Writing last_activity_at on every request is wasteful; a minute of slack does not matter. */
const ACTIVITY_WRITE_INTERVAL_MS = MINUTE;

export interface CallerContext extends SystemContext {
  userAgent: string | null;
}

/** What a completed sign-in gives the controller: the body, and the cookie to set. */
export interface SignIn {
  body: LoginResponseDto;
  refresh?: { token: string; expiresAt: Date };
}

interface TokenPayload {
  sub: string;
  sid?: string;
  typ: 'access' | 'mfa';
}

// The same answer for an unknown user, a wrong password, a locked and a disabled account.
const invalidCredentials = () =>
  new Problem(HttpStatus.UNAUTHORIZED, 'The username or password is not correct, or the account cannot sign in.', {
    code: 'INVALID_CREDENTIALS',
  });
const sessionEnded = () =>
  new Problem(HttpStatus.UNAUTHORIZED, 'Your session has ended. Sign in again.', { code: 'SESSION_ENDED' });

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so that both cases take the same time. */
  private dummyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordPolicy,
    private readonly mfa: MfaService,
    private readonly rateLimits: RateLimitService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.dummyHash = this.passwords.hash(randomBytes(16).toString('hex'));
  }

  async login(username: string, password: string, caller: CallerContext): Promise<SignIn> {
    const name = username.trim().toLowerCase();
    await this.rateLimits.consume(`sign-in:ip:${caller.ip}`, this.config.signInAttemptsPerMinute, 60, 'sign-in attempts from this address');
    await this.rateLimits.consume(`sign-in:user:${name}`, this.config.signInAttemptsPerMinute, 60, 'sign-in attempts for this account');

    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .innerJoinAndSelect('u.jurisdiction', 'j')
      .where('u.username = :name', { name })
      .getOne();
    if (!user) {
      await this.passwords.verify(await this.dummyHash, password);
      await this.audit.record(caller, { action: 'auth.sign_in', outcome: 'failure', actorUsername: name, details: { reason: 'unknown_user' } });
      throw invalidCredentials();
    }
    const passwordMatches = await this.passwords.verify(user.passwordHash, password);
    if (user.disabledAt || user.lockedAt) {
      await this.auditSignIn(caller, user, 'failure', { reason: user.disabledAt ? 'account_disabled' : 'account_locked' });
      throw invalidCredentials();
    }
    if (!passwordMatches) {
      await this.recordFailure(user, caller, 'wrong_password');
      throw invalidCredentials();
    }
    await this.dataSource.getRepository(SignInFailureEntity).delete({ userId: user.id });

    if (user.mfaEnabledAt || this.mfaRequiredFor(user)) {
      await this.auditSignIn(caller, user, 'success', { step: 'password', secondFactor: 'pending' });
      const mfaToken = await this.jwt.signAsync({ sub: user.id, typ: 'mfa' } satisfies TokenPayload, { expiresIn: MFA_TOKEN_TTL_SECONDS });
      return { body: { mfaRequired: true, mfaToken, mfaEnrolmentRequired: !user.mfaEnabledAt } };
    }
    return this.openSession(user, caller, 'password');
  }

  /** Second step: a TOTP or recovery code. During enrolment the first valid TOTP code confirms it. */
  async completeMfa(mfaToken: string, code: string, caller: CallerContext): Promise<SignIn> {
    const user = await this.userForMfaToken(mfaToken);
    await this.rateLimits.consume(`mfa:user:${user.id}`, this.config.signInAttemptsPerMinute, 60, 'attempts for this account');
    const enrolling = !user.mfaEnabledAt;
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (enrolling) {
        const recoveryCodes = await this.mfa.confirmEnrolment(user.id, code, manager);
        return recoveryCodes ? { method: 'totp', recoveryCodes } : null;
      }
      const method = await this.mfa.verifyCode(user.id, code, manager);
      return method ? { method, recoveryCodes: undefined } : null;
    });
    if (!outcome) {
      await this.recordFailure(user, caller, 'wrong_second_factor');
      throw new Problem(HttpStatus.UNAUTHORIZED, 'The code is not valid. Use the current code from your authenticator app.', {
        code: 'INVALID_SECOND_FACTOR',
      });
    }
    if (enrolling) await this.auditSignIn(caller, user, 'success', { step: 'mfa_enrolled' });
    return this.openSession(user, caller, outcome.method, outcome.recoveryCodes);
  }

  async beginMfaEnrolment(mfaToken: string): Promise<MfaEnrolmentDto> {
    const user = await this.userForMfaToken(mfaToken);
    if (user.mfaEnabledAt) {
      throw new Problem(HttpStatus.CONFLICT, 'A second factor is already set up for this account.', { code: 'MFA_ALREADY_ENROLLED' });
    }
    return this.mfa.beginEnrolment(user);
  }

  /** Exchanges a refresh token for a new pair. A token presented twice ends its whole session. */
  async refresh(token: string | undefined, caller: CallerContext): Promise<SignIn> {
    if (!token) throw sessionEnded();
    const result = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(RefreshTokenEntity, { where: { tokenHash: sha256(token) }, lock: { mode: 'pessimistic_write' } });
      if (!row) return { error: sessionEnded() };
      const session = await manager.findOneByOrFail(AuthSessionEntity, { id: row.sessionId });
      const user = await manager.findOneOrFail(UserEntity, { where: { id: session.userId }, relations: { jurisdiction: true } });
      if (row.usedAt) {
        await this.revoke(manager, session.id, 'refresh_token_reuse');
        await this.auditSignIn(caller, user, 'denied', { step: 'refresh', reason: 'refresh_token_reuse', sessionId: session.id }, manager);
        return { error: sessionEnded() };
      }
      if (this.sessionEndReason(session) || user.disabledAt || user.lockedAt) return { error: sessionEnded() };
      const now = this.clock.now();
      await manager.update(RefreshTokenEntity, { id: row.id }, { usedAt: now });
      const refresh = await this.issueRefreshToken(manager, session);
      return { user, session, refresh };
    });
    if ('error' in result) throw result.error;
    return {
      body: { ...(await this.accessToken(result.user, result.session.id)), passwordChangeRequired: result.user.mustChangePassword },
      refresh: result.refresh,
    };
  }

  async logout(token: string | undefined, caller: CallerContext): Promise<void> {
    if (!token) return;
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOneBy(RefreshTokenEntity, { tokenHash: sha256(token) });
      if (!row) return;
      const session = await manager.findOneByOrFail(AuthSessionEntity, { id: row.sessionId });
      if (session.revokedAt) return;
      await this.revoke(manager, session.id, 'signed_out');
      const user = await manager.findOneOrFail(UserEntity, { where: { id: session.userId }, relations: { jurisdiction: true } });
      await this.audit.record(
        caller,
        { action: 'auth.sign_out', actorId: user.id, actorUsername: user.username, entityType: 'User', entityId: user.id, jurisdictionPath: user.jurisdiction!.path },
        manager,
      );
    });
  }

  /**
   * Turns a verified access token into the request's actor, or refuses it: the session must be
   * open, active in the last 30 minutes and younger than 12 hours, the account usable.
   */
  async actorFor(payload: TokenPayload): Promise<Actor> {
    if (payload.typ !== 'access' || !payload.sid) throw sessionEnded();
    // Every request comes through here: the session and its user in one round trip, without entities.
    const [row]: {
      session_id: string;
      last_activity_at: Date;
      expires_at: Date;
      revoked_at: Date | null;
      id: string;
      username: string;
      display_name: string;
      role: Actor['role'];
      organisation_id: string;
      organisation_kind: Actor['organisationKind'];
      jurisdiction_id: string;
      jurisdiction_code: string;
      jurisdiction_path: string;
      must_change_password: boolean;
      disabled_at: Date | null;
      locked_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.last_activity_at, s.expires_at, s.revoked_at,
              u.id, u.username, u.display_name, u.role, u.organisation_id, o.kind AS organisation_kind,
              u.jurisdiction_id, j.code AS jurisdiction_code, j.path AS jurisdiction_path,
              u.must_change_password, u.disabled_at, u.locked_at
         FROM auth_sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organisations o ON o.id = u.organisation_id
         JOIN jurisdictions j ON j.id = u.jurisdiction_id
        WHERE s.id = $1 AND s.user_id = $2`,
      [payload.sid, payload.sub],
    );
    if (!row) throw sessionEnded();
    const session = { revokedAt: row.revoked_at, expiresAt: row.expires_at, lastActivityAt: row.last_activity_at };
    if (this.sessionEndReason(session) || row.disabled_at || row.locked_at) throw sessionEnded();
    const now = this.clock.now();
    if (now.getTime() - session.lastActivityAt.getTime() > ACTIVITY_WRITE_INTERVAL_MS) {
      await this.dataSource.getRepository(AuthSessionEntity).update({ id: row.session_id }, { lastActivityAt: now });
    }
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      organisationId: row.organisation_id,
      organisationKind: row.organisation_kind,
      jurisdictionId: row.jurisdiction_id,
      jurisdictionCode: row.jurisdiction_code,
      jurisdictionPath: row.jurisdiction_path,
      sessionId: row.session_id,
      mustChangePassword: row.must_change_password,
    };
  }

  /** Ends every other session of the user, e.g. after a password change. */
  async endOtherSessions(userId: string, keepSessionId: string, reason: string, manager: EntityManager): Promise<void> {
    await manager.update(
      AuthSessionEntity,
      { userId, id: Not(keepSessionId), revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
  }

  mfaRequiredFor(user: Pick<UserEntity, 'role' | 'mfaExempt'>): boolean {
    return !user.mfaExempt && this.config.mfaRequiredRoles.includes(user.role);
  }

  private async userForMfaToken(mfaToken: string): Promise<UserEntity> {
    const payload = await this.jwt.verifyAsync<TokenPayload>(mfaToken).catch(() => null);
    if (payload?.typ !== 'mfa') {
      throw new Problem(HttpStatus.UNAUTHORIZED, 'This sign-in step has expired. Sign in again.', { code: 'MFA_TOKEN_INVALID' });
    }
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: payload.sub }, relations: { jurisdiction: true } });
    if (!user || user.disabledAt || user.lockedAt) throw invalidCredentials();
    return user;
  }

  private async openSession(user: UserEntity, caller: CallerContext, method: string, recoveryCodes?: string[]): Promise<SignIn> {
    const now = this.clock.now();
    const { session, refresh } = await this.dataSource.transaction(async (manager) => {
      const session = await manager.save(
        manager.create(AuthSessionEntity, {
          userId: user.id,
          createdAt: now,
          lastActivityAt: now,
          expiresAt: new Date(now.getTime() + this.config.sessionAbsoluteHours * HOUR),
          ip: caller.ip,
          userAgent: caller.userAgent?.slice(0, 300) ?? null,
        }),
      );
      const refresh = await this.issueRefreshToken(manager, session);
      await manager.update(UserEntity, { id: user.id }, { lastSignInAt: now });
      await this.auditSignIn(caller, user, 'success', { method, sessionId: session.id }, manager);
      return { session, refresh };
    });
    return {
      body: { ...(await this.accessToken(user, session.id)), passwordChangeRequired: user.mustChangePassword, recoveryCodes },
      refresh,
    };
  }

  private async accessToken(user: UserEntity, sessionId: string): Promise<{ accessToken: string; expiresIn: number }> {
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid: sessionId, typ: 'access' } satisfies TokenPayload, {
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds };
  }

  private async issueRefreshToken(manager: EntityManager, session: AuthSessionEntity) {
    const token = randomBytes(32).toString('base64url');
    await manager.insert(RefreshTokenEntity, { sessionId: session.id, tokenHash: sha256(token), issuedAt: this.clock.now(), usedAt: null });
    return { token, expiresAt: session.expiresAt };
  }

  private sessionEndReason(session: Pick<AuthSessionEntity, 'revokedAt' | 'expiresAt' | 'lastActivityAt'>): 'revoked' | 'idle' | 'expired' | null {
    const now = this.clock.now().getTime();
    if (session.revokedAt) return 'revoked';
    if (now >= session.expiresAt.getTime()) return 'expired';
    if (now - session.lastActivityAt.getTime() > this.config.sessionIdleMinutes * MINUTE) return 'idle';
    return null;
  }

  private async revoke(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await manager.update(AuthSessionEntity, { id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokedReason: reason });
  }

  /** A wrong password or code; the fifth within 15 minutes locks the account until an admin unlocks it. */
  private async recordFailure(user: UserEntity, caller: CallerContext, reason: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(SignInFailureEntity, { userId: user.id, occurredAt: now });
      const recent = await manager.countBy(SignInFailureEntity, {
        userId: user.id,
        occurredAt: MoreThan(new Date(now.getTime() - LOCKOUT_WINDOW_MS)),
      });
      await this.auditSignIn(caller, user, 'failure', { reason, recentFailures: recent }, manager);
      if (recent >= LOCKOUT_FAILURES) {
        const locked = await manager.update(UserEntity, { id: user.id, lockedAt: IsNull() }, { lockedAt: now });
        if (locked.affected) {
          await manager.update(AuthSessionEntity, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now, revokedReason: 'account_locked' });
          await this.audit.record(
            caller,
            { action: 'auth.account_locked', actorId: user.id, actorUsername: user.username, entityType: 'User', entityId: user.id, jurisdictionPath: user.jurisdiction!.path, outcome: 'success', details: { failures: recent } },
            manager,
          );
        }
      }
    });
  }

  private auditSignIn(caller: CallerContext, user: UserEntity, outcome: 'success' | 'failure' | 'denied', details: Record<string, unknown>, manager?: EntityManager) {
    return this.audit.record(
      caller,
      { action: 'auth.sign_in', actorId: user.id, actorUsername: user.username, entityType: 'User', entityId: user.id, jurisdictionPath: user.jurisdiction!.path, outcome, details },
      manager,
    );
  }
}
