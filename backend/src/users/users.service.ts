import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import type { Role } from '../access/permissions';
import { scopeCondition } from '../access/scope-query';
import { AuditService } from '../audit/audit.service';
import { AuthSessionEntity, SignInFailureEntity } from '../auth/auth-session.entity';
import { Clock } from '../common/clock';
import { type Page, toPage } from '../common/pagination';
import { Problem, RecordNotFound } from '../common/problem';
import { isWithin, JurisdictionsService } from '../jurisdictions/jurisdictions.service';
import type { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity';
import type { OrganisationKind } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { PasswordPolicy } from './password-policy';
import { UserEntity } from './user.entity';
import {
  type CreateUserDto,
  mapUser,
  type UpdateUserDto,
  type UserDto,
  type UserQueryDto,
  type UserWithTemporaryPasswordDto,
} from './users.dto';

/** Which kind of organisation each role works for. */
const ROLE_ORGANISATION_KINDS: Record<Role, OrganisationKind[]> = {
  admin: ['police', 'ngo', 'lab', 'government'],
  supervisor: ['police'],
  officer: ['police'],
  lab_technician: ['lab'],
  ngo_caseworker: ['ngo'],
};

const USER_SCOPE_COLUMNS = { id: 'u.id', jurisdictionPath: 'j.path' };

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly organisations: OrganisationsService,
    private readonly jurisdictions: JurisdictionsService,
    private readonly passwords: PasswordPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(access: AccessContext, query: UserQueryDto): Promise<Page<UserDto>> {
    const scope = scopeCondition(access.ability, 'read', 'User', USER_SCOPE_COLUMNS);
    const qb = this.users
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.organisation', 'o')
      .innerJoinAndSelect('u.jurisdiction', 'j')
      .where(scope.sql, scope.params);
    if (query.q) {
      qb.andWhere(`(u.username ILIKE :q ESCAPE '\\' OR u.display_name ILIKE :q ESCAPE '\\')`, {
        q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.organisationId) qb.andWhere('u.organisation_id = :org', { org: query.organisationId });
    if (query.jurisdictionCode) {
      const j = await this.jurisdictions.requireCode(query.jurisdictionCode);
      qb.andWhere('j.path LIKE :prefix', { prefix: `${j.path}%` });
    }
    if (query.status === 'disabled') qb.andWhere('u.disabled_at IS NOT NULL');
    if (query.status === 'locked') qb.andWhere('u.disabled_at IS NULL AND u.locked_at IS NOT NULL');
    if (query.status === 'active') qb.andWhere('u.disabled_at IS NULL AND u.locked_at IS NULL');
    const [rows, total] = await qb.orderBy('u.username').skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(rows.map(mapUser), total, query);
  }

  async get(access: AccessContext, id: string): Promise<UserDto> {
    return mapUser(await this.loadInScope(access, 'read', id));
  }

  async create(access: AccessContext, dto: CreateUserDto): Promise<UserWithTemporaryPasswordDto> {
    const { organisationId, jurisdiction } = await this.checkPlacement(dto.role, dto.organisationId, dto.jurisdictionCode);
    if (await this.users.existsBy({ username: dto.username })) {
      throw new Problem(HttpStatus.CONFLICT, `The username ${dto.username} is taken.`, {
        code: 'USERNAME_TAKEN',
        errors: [{ field: 'username', message: 'already taken' }],
      });
    }
    const temporaryPassword = this.passwords.temporaryPassword();
    const passwordHash = await this.passwords.hash(temporaryPassword);
    const id = await this.users.manager.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(UserEntity, {
          username: dto.username,
          displayName: dto.displayName,
          role: dto.role,
          organisationId,
          jurisdictionId: jurisdiction.id,
          passwordHash,
          mustChangePassword: true,
        }),
      );
      await this.audit.record(
        access,
        {
          action: 'user.create',
          entityType: 'User',
          entityId: created.id,
          jurisdictionPath: jurisdiction.path,
          details: { username: dto.username, role: dto.role, organisationId },
        },
        manager,
      );
      return created.id;
    });
    return { user: await this.get(access, id), temporaryPassword };
  }

  async update(access: AccessContext, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.loadInScope(access, 'update', id);
    if (dto.disabled !== undefined && id === access.actor.id) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'You cannot disable your own account.', {
        code: 'CANNOT_DISABLE_SELF',
        errors: [{ field: 'disabled', message: 'not allowed on your own account' }],
      });
    }
    const role = dto.role ?? user.role;
    const placementChanged = dto.role || dto.organisationId || dto.jurisdictionCode;
    if (placementChanged) {
      const { organisationId, jurisdiction } = await this.checkPlacement(
        role,
        dto.organisationId ?? user.organisationId,
        dto.jurisdictionCode ?? user.jurisdiction!.code,
      );
      user.role = role;
      user.organisationId = organisationId;
      user.jurisdictionId = jurisdiction.id;
    }
    if (dto.displayName) user.displayName = dto.displayName;
    const now = this.clock.now();
    if (dto.disabled === true && !user.disabledAt) user.disabledAt = now;
    if (dto.disabled === false) user.disabledAt = null;
    await this.users.manager.transaction(async (manager) => {
      delete user.organisation;
      delete user.jurisdiction;
      await manager.save(user);
      // A change of role or place, or a disabled account, ends the user's sessions: their
      // abilities are no longer what their tokens were issued for.
      if (placementChanged || dto.disabled === true) await this.endSessions(manager, id, 'account_changed');
      await this.audit.record(
        access,
        {
          action: dto.disabled === true ? 'user.disable' : dto.disabled === false ? 'user.enable' : 'user.update',
          entityType: 'User',
          entityId: id,
          jurisdictionPath: (await this.loadWithRelations(id, manager))!.jurisdiction!.path,
          details: { fields: Object.keys(dto) },
        },
        manager,
      );
    });
    return this.get(access, id);
  }

  async unlock(access: AccessContext, id: string): Promise<UserDto> {
    const user = await this.loadInScope(access, 'unlock', id);
    await this.users.manager.transaction(async (manager) => {
      await manager.update(UserEntity, { id }, { lockedAt: null });
      await manager.delete(SignInFailureEntity, { userId: id });
      await this.audit.record(
        access,
        { action: 'user.unlock', entityType: 'User', entityId: id, jurisdictionPath: user.jurisdiction!.path },
        manager,
      );
    });
    return this.get(access, id);
  }

  async resetPassword(access: AccessContext, id: string): Promise<UserWithTemporaryPasswordDto> {
    const user = await this.loadInScope(access, 'reset_password', id);
    const temporaryPassword = this.passwords.temporaryPassword();
    const passwordHash = await this.passwords.hash(temporaryPassword);
    await this.users.manager.transaction(async (manager) => {
      await manager.update(UserEntity, { id }, { passwordHash, mustChangePassword: true, lockedAt: null });
      await manager.delete(SignInFailureEntity, { userId: id });
      await this.endSessions(manager, id, 'password_reset');
      await this.audit.record(
        access,
        { action: 'user.reset_password', entityType: 'User', entityId: id, jurisdictionPath: user.jurisdiction!.path },
        manager,
      );
    });
    return { user: await this.get(access, id), temporaryPassword };
  }

  /** A user the actor may act on, or 404 — the same answer as for an id that does not exist. */
  private async loadInScope(access: AccessContext, action: 'read' | 'update' | 'unlock' | 'reset_password', id: string): Promise<UserEntity> {
    const user = await this.loadWithRelations(id);
    if (!user || !access.ability.can(action, record('User', { id: user.id, jurisdictionPath: user.jurisdiction!.path }))) {
      throw new RecordNotFound('user');
    }
    return user;
  }

  private loadWithRelations(id: string, manager: EntityManager = this.users.manager): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id }, relations: { organisation: true, jurisdiction: true } });
  }

  private async checkPlacement(role: Role, organisationId: string, jurisdictionCode: string): Promise<{ organisationId: string; jurisdiction: JurisdictionEntity }> {
    const organisation = await this.organisations.load(organisationId).catch(() => {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'The organisation does not exist.', {
        code: 'UNKNOWN_ORGANISATION',
        errors: [{ field: 'organisationId', message: 'unknown organisation' }],
      });
    });
    if (!ROLE_ORGANISATION_KINDS[role].includes(organisation.kind)) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `A ${role} cannot belong to a ${organisation.kind} organisation.`, {
        code: 'ROLE_ORGANISATION_MISMATCH',
        errors: [{ field: 'role', message: `needs an organisation of kind ${ROLE_ORGANISATION_KINDS[role].join(' or ')}` }],
      });
    }
    const jurisdiction = await this.jurisdictions.requireCode(jurisdictionCode);
    if (!isWithin(jurisdiction.path, organisation.jurisdiction!.path)) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `The jurisdiction ${jurisdiction.code} is outside the organisation's jurisdiction ${organisation.jurisdiction!.code}.`,
        { code: 'JURISDICTION_OUTSIDE_ORGANISATION', errors: [{ field: 'jurisdictionCode', message: 'outside the organisation' }] },
      );
    }
    return { organisationId: organisation.id, jurisdiction };
  }

  private async endSessions(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.update(AuthSessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokedReason: reason });
  }
}
