import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import type { AppAbility } from '../access/permissions';
import { RESCUED_CHILD_CARE_FIELDS } from '../access/rules/rescues.rules';
import { scopeCondition } from '../access/scope-query';
import { AuditService } from '../audit/audit.service';
import { CaseEntity } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { toPage } from '../common/pagination';
import { Problem, RecordNotFound } from '../common/problem';
import type { KinshipMatchEntity } from '../dna/matches/kinship-match.entity';
import { CONSENT_SCOPE, DnaSampleEntity } from '../dna/samples/sample.entity';
import { SamplesService } from '../dna/samples/samples.service';
import { jurisdictionRef } from '../jurisdictions/jurisdictions.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UserEntity } from '../users/user.entity';
import { RescueEntity } from './rescue.entity';
import { RescuedChildEntity } from './rescued-child.entity';
import type {
  AddRescuedChildDto,
  PlacementDto,
  RescuedChildDto,
  RescuedChildPageDto,
  RescuedChildQueryDto,
  StartDnaSampleDto,
  UpdateRescuedChildDto,
} from './rescues.dto';

const CHILD_SCOPE_COLUMNS = { jurisdictionPath: 'rc.jurisdiction_path', placementOrganisationId: 'rc.placement_organisation_id' };
const RETENTION_YEARS = 20;

/** A rescued child's place in the access rules. */
export function rescuedChildRecord(c: Pick<RescuedChildEntity, 'jurisdictionPath' | 'placementOrganisationId'>) {
  return record('RescuedChild', { jurisdictionPath: c.jurisdictionPath, placementOrganisationId: c.placementOrganisationId });
}

/** How an unnamed child is referred to (notifications, sample labels): a stable short code. */
export function childReference(c: Pick<RescuedChildEntity, 'id' | 'name'>): string {
  return c.name ?? `RC-${c.id.slice(0, 8).toUpperCase()}`;
}

const forbidden = (detail: string, code: string) => new Problem(HttpStatus.FORBIDDEN, detail, { code });

/** Children recovered in rescues: identification, care record, placement, DNA sample (issue 5 §1). */
@Injectable()
export class RescuedChildrenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly samples: SamplesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- reading

  async list(access: AccessContext, query: RescuedChildQueryDto): Promise<RescuedChildPageDto> {
    const scope = scopeCondition(access.ability, 'read', 'RescuedChild', CHILD_SCOPE_COLUMNS);
    const qb = this.childQuery().where(scope.sql, scope.params);
    if (query.status) qb.andWhere('rc.status = :status', { status: query.status });
    if (query.identified !== undefined) qb.andWhere(query.identified ? 'rc.case_id IS NOT NULL' : 'rc.case_id IS NULL');
    if (query.rescueId) qb.andWhere('rc.rescue_id = :rescueId', { rescueId: query.rescueId });
    if (query.placementOrganisationId) qb.andWhere('rc.placement_organisation_id = :org', { org: query.placementOrganisationId });
    const [rows, total] = await qb
      .orderBy('rescue.occurred_at', 'DESC')
      .addOrderBy('rc.created_at', 'ASC')
      .addOrderBy('rc.id', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(await this.toDtos(access.ability, rows), total, query);
  }

  /** One child, in the view the caller may see; every read is audited. */
  async get(access: AccessContext, id: string): Promise<RescuedChildDto> {
    const child = await this.loadInScope(access, 'read', id);
    const [dto] = await this.toDtos(access.ability, [child]);
    await this.audit.record(access, {
      action: 'rescued_child.read',
      entityType: 'RescuedChild',
      entityId: child.id,
      jurisdictionPath: child.jurisdictionPath,
      details: { view: dto.view },
    });
    return dto;
  }

  /** The children of rescues, for the rescue detail (whose read is audited there). */
  async ofRescue(ability: AppAbility, rescueId: string): Promise<RescuedChildDto[]> {
    const rows = await this.childQuery().where('rc.rescue_id = :rescueId', { rescueId }).orderBy('rc.created_at').addOrderBy('rc.id').getMany();
    return this.toDtos(ability, rows);
  }

  // ---------------------------------------------------------------- writing

  /** Adds a child to a rescue: identified (the file moves to rescued) or unidentified. */
  async add(access: AccessContext, rescueId: string, dto: AddRescuedChildDto): Promise<RescuedChildDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const rescue = await manager.findOne(RescueEntity, { where: { id: rescueId }, lock: { mode: 'pessimistic_write' } });
      if (!rescue || !access.ability.can('read', record('Rescue', { jurisdictionPath: rescue.jurisdictionPath }))) throw new RecordNotFound('rescue');
      if (!access.ability.can('create', rescuedChildRecord({ jurisdictionPath: rescue.jurisdictionPath, placementOrganisationId: null }))) {
        throw forbidden('Your role may not add children to this rescue.', 'FORBIDDEN_FOR_ROLE');
      }
      const file = dto.caseId ? await this.identifiedFile(access, dto.caseId, manager) : null;
      const now = this.clock.now();
      const child = await manager.save(
        manager.create(RescuedChildEntity, {
          rescueId: rescue.id,
          caseId: file?.id ?? null,
          name: dto.name ?? null,
          sex: dto.sex ?? file?.childSex ?? 'unknown',
          estimatedAgeYears: dto.estimatedAgeYears ?? null,
          condition: dto.condition ?? null,
          injuriesOrDisabilities: dto.injuriesOrDisabilities ?? null,
          dialect: dto.dialect ?? file?.childDialect ?? null,
          status: 'in_care',
          jurisdictionPath: rescue.jurisdictionPath,
          createdById: access.actor.id,
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (file) await this.markFileRescued(access, file.id, child, rescue, manager);
      await this.audit.record(
        access,
        {
          action: 'rescued_child.create',
          entityType: 'RescuedChild',
          entityId: child.id,
          jurisdictionPath: child.jurisdictionPath,
          details: { rescueId: rescue.id, caseId: file?.id ?? null, caseNumber: file?.caseNumber ?? null },
        },
        manager,
      );
      return child.id;
    });
    return this.detail(access, id);
  }

  /** Changes the care record; an NGO caring for the child may change the care fields only. */
  async update(access: AccessContext, id: string, dto: UpdateRescuedChildDto): Promise<RescuedChildDto> {
    const changed = RESCUED_CHILD_CARE_FIELDS.filter((f) => dto[f] !== undefined);
    await this.mutate(access, id, dto.version, async (child) => {
      const refused = changed.filter((f) => !access.ability.can('update', rescuedChildRecord(child), f));
      if (refused.length) {
        throw new Problem(HttpStatus.FORBIDDEN, `You may not change ${refused.join(', ')} of this child’s record.`, {
          code: 'FIELD_NOT_EDITABLE',
          errors: refused.map((field) => ({ field, message: 'not editable by your role' })),
        });
      }
      Object.assign(child, Object.fromEntries(changed.map((f) => [f, dto[f]])));
      return { action: 'rescued_child.update', details: { fields: changed } };
    });
    return this.detail(access, id);
  }

  /** Places the child in a shelter or with an NGO (which then sees and cares for the child's record). */
  async place(access: AccessContext, id: string, dto: PlacementDto): Promise<RescuedChildDto> {
    let organisation: OrganisationEntity | null = null;
    if (dto.kind === 'ngo') {
      organisation = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: dto.organisationId! });
      if (!organisation || organisation.kind !== 'ngo') {
        throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'A child can only be placed with an NGO organisation; pick one from the list of NGOs.', {
          code: 'NOT_AN_NGO',
          errors: [{ field: 'organisationId', message: 'not an NGO organisation' }],
        });
      }
    }
    await this.mutate(access, id, dto.version, async (child, manager) => {
      if (!access.ability.can('update', rescuedChildRecord(child), 'placement')) {
        throw forbidden('Only the police holding the child decide where the child is placed.', 'FORBIDDEN_FOR_ROLE');
      }
      const previousOrganisationId = child.placementOrganisationId;
      child.placementKind = dto.kind;
      child.placementShelter = dto.kind === 'shelter' ? dto.shelter! : null;
      child.placementOrganisationId = organisation?.id ?? null;
      child.placedAt = this.clock.now();
      if (organisation && organisation.id !== previousOrganisationId) {
        await this.notifications.notify(
          {
            recipientIds: await this.caseworkersOf(organisation.id, manager),
            kind: 'child_placed',
            titleKey: 'notifications.childPlaced.title',
            bodyKey: 'notifications.childPlaced.body',
            params: { child: childReference(child), organisation: organisation.name },
            link: `/rescued-children/${child.id}`,
            dedupeKey: `child-placed:${child.id}:${child.placedAt.toISOString()}`,
          },
          manager,
        );
      }
      const details = { kind: dto.kind, shelter: child.placementShelter, organisationId: child.placementOrganisationId, previousOrganisationId };
      return { action: 'rescued_child.place', details };
    });
    return this.detail(access, id);
  }

  /**
   * Starts the child's DNA sample through the DNA module (consent, custody from 'collected', audit);
   * the DNA search compares its profile with the families' references once the laboratory imports it.
   */
  async startDnaSample(access: AccessContext, id: string, dto: StartDnaSampleDto): Promise<RescuedChildDto> {
    const child = await this.loadInScope(access, 'read', id);
    if (!access.ability.can('update', rescuedChildRecord(child), 'dnaSample')) {
      throw forbidden('Only the police holding the child or the laboratory start a child’s DNA sample.', 'FORBIDDEN_FOR_ROLE');
    }
    const existing = await this.dataSource
      .getRepository(DnaSampleEntity)
      .createQueryBuilder('s')
      .where('s.rescued_child_id = :id', { id })
      .andWhere(`s.custody_state <> 'destroyed'`)
      .getOne();
    if (existing) {
      throw new Problem(HttpStatus.CONFLICT, `This child already has DNA sample ${existing.barcode}; a second one is not needed.`, {
        code: 'DNA_SAMPLE_EXISTS',
        sampleId: existing.id,
      });
    }
    const now = this.clock.now();
    const rescue = child.rescue!;
    const retention = new Date(now);
    retention.setUTCFullYear(retention.getUTCFullYear() + RETENTION_YEARS);
    const ageText = child.estimatedAgeYears !== null ? `, about ${child.estimatedAgeYears} years` : '';
    const sample = await this.samples.create(
      access,
      {
        barcode: dto.barcode ?? `RC-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`,
        kind: 'child',
        rescuedChildId: child.id,
        childDescription: `Rescued child ${childReference(child)} (${child.sex}${ageText}), rescued ${rescue.occurredAt.toISOString().slice(0, 10)} at ${rescue.place}`,
        consent: { givenBy: dto.consentGivenBy, givenAt: dto.consentGivenAt, scope: CONSENT_SCOPE },
        jurisdictionCode: rescue.jurisdiction!.code,
        retentionUntil: dto.retentionUntil ?? retention.toISOString().slice(0, 10),
        collected: { at: dto.collectedAt ?? now.toISOString(), location: dto.location ?? child.placementShelter ?? child.placementOrganisation?.name ?? rescue.place },
      },
      true,
    );
    await this.audit.record(access, {
      action: 'rescued_child.dna_sample',
      entityType: 'RescuedChild',
      entityId: child.id,
      jurisdictionPath: child.jurisdictionPath,
      details: { sampleId: sample.id, barcode: sample.barcode },
    });
    return this.detail(access, id);
  }

  /**
   * A confirmed DNA match whose child sample belongs to a rescued child (called inside the
   * confirmation's transaction): the child is identified as the match's file, the file moves to
   * rescued, and the NGO caring for the child hears that a family may have been found — no DNA data.
   */
  async onDnaMatchConfirmed(access: AccessContext, match: KinshipMatchEntity, manager: EntityManager): Promise<void> {
    if (!match.caseId) return;
    const sample = await manager.findOneBy(DnaSampleEntity, { id: match.childSampleId });
    if (!sample?.rescuedChildId) return;
    const child = await manager.findOne(RescuedChildEntity, { where: { id: sample.rescuedChildId }, lock: { mode: 'pessimistic_write' } });
    if (!child || (child.caseId && child.caseId !== match.caseId)) return;
    if (!child.caseId) {
      await manager.update(RescuedChildEntity, { id: child.id }, { caseId: match.caseId, updatedAt: this.clock.now(), version: () => 'version + 1' });
      const rescue = await manager.findOneByOrFail(RescueEntity, { id: child.rescueId });
      await this.markFileRescued(access, match.caseId, child, rescue, manager, { matchId: match.id });
      await this.audit.record(
        access,
        {
          action: 'rescued_child.identify',
          entityType: 'RescuedChild',
          entityId: child.id,
          jurisdictionPath: child.jurisdictionPath,
          details: { caseId: match.caseId, matchId: match.id },
        },
        manager,
      );
    }
    if (child.placementOrganisationId) {
      await this.notifications.notify(
        {
          recipientIds: await this.caseworkersOf(child.placementOrganisationId, manager),
          kind: 'child_family_found',
          titleKey: 'notifications.childFamilyFound.title',
          bodyKey: 'notifications.childFamilyFound.body',
          params: { child: childReference(child) },
          link: `/rescued-children/${child.id}`,
          dedupeKey: `child-family-found:${match.id}`,
        },
        manager,
      );
    }
  }

  // ---------------------------------------------------------------- internals

  /** A child the actor may act on, or 404 exactly as for an id that does not exist. */
  private async loadInScope(access: AccessContext, action: 'read' | 'update', id: string): Promise<RescuedChildEntity> {
    const child = await this.childQuery().where('rc.id = :id', { id }).getOne();
    if (!child || !access.ability.can(action, rescuedChildRecord(child))) throw new RecordNotFound('rescued child');
    return child;
  }

  /** The child after a change, without a second read audit (the change is audited). */
  private async detail(access: AccessContext, id: string): Promise<RescuedChildDto> {
    const child = await this.childQuery().where('rc.id = :id', { id }).getOneOrFail();
    const [dto] = await this.toDtos(access.ability, [child]);
    return dto;
  }

  private childQuery() {
    return this.dataSource
      .getRepository(RescuedChildEntity)
      .createQueryBuilder('rc')
      .innerJoinAndSelect('rc.rescue', 'rescue')
      .innerJoinAndSelect('rescue.jurisdiction', 'j')
      .leftJoinAndSelect('rc.placementOrganisation', 'org');
  }

  private async mutate(
    access: AccessContext,
    id: string,
    version: number,
    change: (child: RescuedChildEntity, manager: EntityManager) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const child = await manager.findOne(RescuedChildEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!child || !access.ability.can('update', rescuedChildRecord(child))) {
        if (child && access.ability.can('read', rescuedChildRecord(child))) throw forbidden('Your role may not change this child’s record.', 'FORBIDDEN_FOR_ROLE');
        throw new RecordNotFound('rescued child');
      }
      if (child.version !== version) {
        throw new Problem(
          HttpStatus.CONFLICT,
          `The child’s record was changed by someone else (you sent version ${version}, it is now ${child.version}). Reload it and apply your change again.`,
          { code: 'STALE_VERSION', currentVersion: child.version, errors: [{ field: 'version', message: 'stale' }] },
        );
      }
      const { action, details } = await change(child, manager);
      child.updatedAt = this.clock.now();
      await manager.save(child);
      await this.audit.record(access, { action, entityType: 'RescuedChild', entityId: id, jurisdictionPath: child.jurisdictionPath, details }, manager);
    });
  }

  /** The file of an identified child: one the actor may update, not already another rescued child's. */
  private async identifiedFile(access: AccessContext, caseId: string, manager: EntityManager): Promise<CaseEntity> {
    const file = await this.cases.loadInScope(access, 'update', caseId, manager).catch((e: unknown) => {
      if (e instanceof RecordNotFound) return null;
      throw e;
    });
    if (!file) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'There is no missing-child file with this id in your jurisdiction. Search for the file by its number or the child’s name.', {
        code: 'UNKNOWN_CASE',
        errors: [{ field: 'caseId', message: 'unknown file or outside your jurisdiction' }],
      });
    }
    const taken = await manager.findOneBy(RescuedChildEntity, { caseId });
    if (taken) {
      throw new Problem(HttpStatus.CONFLICT, `File ${file.caseNumber} already belongs to a rescued child; open that child’s record instead.`, {
        code: 'CASE_ALREADY_RESCUED',
        rescuedChildId: taken.id,
        errors: [{ field: 'caseId', message: 'already linked to a rescued child' }],
      });
    }
    return file;
  }

  /** The file moves to rescued (state machine, timeline, audit) and its timeline notes the rescue. */
  private async markFileRescued(
    access: AccessContext,
    caseId: string,
    child: RescuedChildEntity,
    rescue: RescueEntity,
    manager: EntityManager,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const details = { rescueId: rescue.id, rescuedChildId: child.id, place: rescue.place, rescuedAt: rescue.occurredAt.toISOString(), ...extra };
    await this.cases.advanceStatus(caseId, 'rescued', access, manager, { type: 'rescued', details });
    await this.cases.appendEvent(caseId, 'rescued_child_linked', access, details, manager);
  }

  private async caseworkersOf(organisationId: string, manager: EntityManager): Promise<string[]> {
    const users = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select('u.id')
      .where('u.organisation_id = :organisationId', { organisationId })
      .andWhere(`u.role = 'ngo_caseworker'`)
      .andWhere('u.disabled_at IS NULL')
      .getMany();
    return users.map((u) => u.id);
  }

  /** Maps children to what the caller may read: fields outside their field rules are left out. */
  private async toDtos(ability: AppAbility, rows: RescuedChildEntity[]): Promise<RescuedChildDto[]> {
    const caseIds = rows.map((r) => r.caseId).filter((id): id is string => !!id);
    const childIds = rows.map((r) => r.id);
    const [files, samples] = await Promise.all([
      caseIds.length ? this.dataSource.getRepository(CaseEntity).findBy({ id: In(caseIds) }) : [],
      childIds.length ? this.dataSource.getRepository(DnaSampleEntity).find({ where: { rescuedChildId: In(childIds) }, order: { createdAt: 'ASC' } }) : [],
    ]);
    const fileById = new Map(files.map((f) => [f.id, f]));
    return rows.map((c) => {
      const r = rescuedChildRecord(c);
      const can = (field: string) => ability.can('read', r, field);
      const file = c.caseId ? fileById.get(c.caseId) : undefined;
      const rescue = c.rescue!; // always joined by childQuery()
      const dto: RescuedChildDto = {
        id: c.id,
        view: can('dnaSamples') && can('condition') ? 'full' : can('condition') ? 'care' : 'outline',
        rescue: { id: rescue.id, occurredAt: rescue.occurredAt.toISOString(), place: rescue.place, jurisdiction: jurisdictionRef(rescue.jurisdiction!) },
        sex: c.sex,
        estimatedAgeYears: c.estimatedAgeYears,
        editableFields: RESCUED_CHILD_CARE_FIELDS.filter((f) => ability.can('update', r, f)),
        canPlace: ability.can('update', r, 'placement'),
        canStartDnaSample: ability.can('update', r, 'dnaSample'),
        canChangePhotos: ability.can('update', r, 'photos'),
        createdAt: c.createdAt.toISOString(),
        version: c.version,
      };
      if (can('case')) dto.case = file ? { id: file.id, caseNumber: file.caseNumber, childFullName: file.childFullName, status: file.status } : null;
      if (can('name')) dto.name = c.name;
      if (can('condition')) dto.condition = c.condition;
      if (can('injuriesOrDisabilities')) dto.injuriesOrDisabilities = c.injuriesOrDisabilities;
      if (can('dialect')) dto.dialect = c.dialect;
      if (can('status')) dto.status = c.status;
      if (can('placement')) {
        dto.placement = c.placementKind
          ? {
              kind: c.placementKind,
              shelter: c.placementShelter,
              organisationId: c.placementOrganisationId,
              organisationName: c.placementOrganisation?.name ?? null,
              placedAt: c.placedAt?.toISOString() ?? null,
            }
          : null;
      }
      if (can('dnaSamples')) {
        dto.dnaSamples = samples.filter((s) => s.rescuedChildId === c.id).map((s) => ({ id: s.id, barcode: s.barcode, custodyState: s.custodyState }));
      }
      return dto;
    });
  }
}
