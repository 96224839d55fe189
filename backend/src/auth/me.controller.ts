import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Access } from '../access/access-context.decorator';
import { AbilityFactory } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import { SignedIn } from '../access/authorize.decorator';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { PasswordPolicy } from '../users/password-policy';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthSessionEntity } from './auth-session.entity';
import { ChangePasswordDto, MfaActivateDto, MfaEnrolmentDto, RecoveryCodesDto } from './auth.dto';
import { AuthService } from './auth.service';
import { MeDto } from './me.dto';
import { MfaService } from './mfa.service';

/** The signed-in user: who they are, what they may do, their password and second factor. */
@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly abilities: AbilityFactory,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly jurisdictions: JurisdictionsService,
    private readonly passwords: PasswordPolicy,
    private readonly auth: AuthService,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @SignedIn({ allowPendingPasswordChange: true })
  @ApiOkResponse({ type: MeDto })
  async me(@Access() access: AccessContext): Promise<MeDto> {
    const { actor } = access;
    const user = await this.users.get(access, actor.id);
    const session = await this.dataSource.getRepository(AuthSessionEntity).findOneByOrFail({ id: actor.sessionId });
    return {
      user,
      organisation: await this.organisations.get(actor.organisationId),
      jurisdiction: await this.jurisdictions.get(actor.jurisdictionCode),
      rules: this.abilities.packedRulesFor(actor),
      mfaRequired: this.auth.mfaRequiredFor({ role: actor.role, mfaExempt: false }),
      sessionExpiresAt: session.expiresAt.toISOString(),
      sessionIdleMinutes: this.config.sessionIdleMinutes,
    };
  }

  @Post('password')
  @HttpCode(204)
  @SignedIn({ allowPendingPasswordChange: true })
  @ApiNoContentResponse({ description: 'Changed; every other session of the user is ended' })
  async changePassword(@Access() access: AccessContext, @Body() dto: ChangePasswordDto): Promise<void> {
    const { actor } = access;
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.id })
      .getOneOrFail();
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'The current password is not correct.', {
        code: 'WRONG_CURRENT_PASSWORD',
        errors: [{ field: 'currentPassword', message: 'not correct' }],
      });
    }
    this.passwords.assertAcceptable(dto.newPassword, 'newPassword', actor.username);
    if (dto.newPassword === dto.currentPassword) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'The new password must differ from the current one.', {
        code: 'PASSWORD_UNCHANGED',
        errors: [{ field: 'newPassword', message: 'same as the current password' }],
      });
    }
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: actor.id }, { passwordHash, mustChangePassword: false, passwordChangedAt: this.clock.now() });
      await this.auth.endOtherSessions(actor.id, actor.sessionId, 'password_changed', manager);
      await this.audit.record(
        access,
        { action: 'user.change_password', entityType: 'User', entityId: actor.id, jurisdictionPath: actor.jurisdictionPath },
        manager,
      );
    });
  }

  @Post('mfa/enrol')
  @HttpCode(200)
  @SignedIn()
  @ApiOkResponse({ type: MfaEnrolmentDto, description: 'Starts setting up (or replacing) the authenticator app' })
  async enrolMfa(@Access() access: AccessContext): Promise<MfaEnrolmentDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: access.actor.id });
    return this.mfa.beginEnrolment(user);
  }

  @Post('mfa/activate')
  @HttpCode(200)
  @SignedIn()
  @ApiOkResponse({ type: RecoveryCodesDto, description: 'The second factor is on; the recovery codes are shown once' })
  async activateMfa(@Access() access: AccessContext, @Body() dto: MfaActivateDto): Promise<RecoveryCodesDto> {
    const recoveryCodes = await this.dataSource.transaction(async (manager) => {
      const codes = await this.mfa.confirmEnrolment(access.actor.id, dto.code, manager);
      if (!codes) return null;
      await this.audit.record(
        access,
        { action: 'user.enable_mfa', entityType: 'User', entityId: access.actor.id, jurisdictionPath: access.actor.jurisdictionPath },
        manager,
      );
      return codes;
    });
    if (!recoveryCodes) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'The code is not valid. Start the enrolment again if the app shows no code.', {
        code: 'INVALID_SECOND_FACTOR',
        errors: [{ field: 'code', message: 'not valid' }],
      });
    }
    return { recoveryCodes };
  }
}
