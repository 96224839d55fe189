import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { SecretBox } from '../common/secret-box';
import { UserEntity } from '../users/user.entity';
import { MfaRecoveryCodeEntity } from './auth-session.entity';

const ISSUER = 'Homeward';
const RECOVERY_CODE_COUNT = 10;
/** RFC 6238's time step (otplib's default). */
const PERIOD_SECONDS = 30;
/** One 30-second step either side, for clocks that drift a little. */
const TOLERANCE_SECONDS = 30;

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
}

/** TOTP (RFC 6238) second factor: enrolment, verification with replay protection, recovery codes. */
@Injectable()
export class MfaService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** Starts (or restarts) an enrolment: a new secret, pending until a code from the app confirms it. */
  async beginEnrolment(user: UserEntity): Promise<MfaEnrolment> {
    const secret = generateSecret();
    // Kept apart from the active secret: an abandoned enrolment must not switch the second factor off.
    await this.users.update({ id: user.id }, { mfaPendingSecretEncrypted: this.secrets.seal(secret) });
    const otpauthUrl = generateURI({ issuer: ISSUER, label: user.username, secret });
    return { secret, otpauthUrl, qrCodeDataUrl: await toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
  }

  /**
   * Checks a TOTP code, or failing that an unused recovery code. Each code works once: a TOTP step
   * at or before the last accepted one is refused, and a recovery code is marked used.
   */
  async verifyCode(userId: string, code: string, manager: EntityManager): Promise<'totp' | 'recovery' | null> {
    const user = await manager
      .createQueryBuilder(UserEntity, 'u')
      .addSelect(['u.mfaSecretEncrypted', 'u.mfaLastUsedStep'])
      .where('u.id = :userId', { userId })
      .setLock('pessimistic_write')
      .getOne();
    if (!user?.mfaSecretEncrypted) return null;
    const token = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(token)) {
      const step = await this.checkTotp(user.mfaSecretEncrypted, token, user.mfaLastUsedStep);
      if (step === null) return null;
      await manager.update(UserEntity, { id: userId }, { mfaLastUsedStep: String(step) });
      return 'totp';
    }
    const used = await manager.update(
      MfaRecoveryCodeEntity,
      { userId, codeHash: hashRecoveryCode(token), usedAt: IsNull() },
      { usedAt: this.clock.now() },
    );
    return used.affected ? 'recovery' : null;
  }

  /**
   * Confirms a pending enrolment with a code from the app: the pending secret becomes the active one
   * and fresh recovery codes are issued (shown once). Null when the code does not match.
   */
  async confirmEnrolment(userId: string, code: string, manager: EntityManager): Promise<string[] | null> {
    const user = await manager
      .createQueryBuilder(UserEntity, 'u')
      .addSelect('u.mfaPendingSecretEncrypted')
      .where('u.id = :userId', { userId })
      .setLock('pessimistic_write')
      .getOne();
    const token = code.replace(/\s/g, '');
    if (!user?.mfaPendingSecretEncrypted || !/^\d{6}$/.test(token)) return null;
    const step = await this.checkTotp(user.mfaPendingSecretEncrypted, token, null);
    if (step === null) return null;
    await manager.update(
      UserEntity,
      { id: userId },
      {
        mfaSecretEncrypted: user.mfaPendingSecretEncrypted,
        mfaPendingSecretEncrypted: null,
        mfaEnabledAt: this.clock.now(),
        mfaLastUsedStep: String(step),
      },
    );
    await manager.delete(MfaRecoveryCodeEntity, { userId });
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const raw = randomBytes(8).toString('hex');
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
    });
    await manager.insert(
      MfaRecoveryCodeEntity,
      codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c), usedAt: null })),
    );
    return codes;
  }

  /** The time step of a valid TOTP code for a sealed secret, or null. */
  private async checkTotp(sealedSecret: string, token: string, lastUsedStep: string | null): Promise<number | null> {
    const epoch = Math.floor(this.clock.now().getTime() / 1000);
    const afterTimeStep = lastUsedStep ? Number(lastUsedStep) : undefined;
    // Every step within the tolerance is at or before the last one used (this server's clock is
    // behind the one that accepted it): no code can be valid, and otplib would throw.
    if (afterTimeStep !== undefined && afterTimeStep >= Math.floor((epoch + TOLERANCE_SECONDS) / PERIOD_SECONDS)) return null;
    const result = await verify({
      secret: this.secrets.open(sealedSecret),
      token,
      epoch,
      period: PERIOD_SECONDS,
      epochTolerance: TOLERANCE_SECONDS,
      afterTimeStep,
    });
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  }
}
