import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { record } from '../../access/ability.factory';
import type { AccessContext } from '../../access/actor';
import { scopeCondition } from '../../access/scope-query';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { type Page, toPage } from '../../common/pagination';
import { Problem, RecordNotFound } from '../../common/problem';
import { SecretBox } from '../../common/secret-box';
import {
  isWithin,
  JurisdictionsService,
} from '../../jurisdictions/jurisdictions.service';
import { OrganisationEntity } from '../../organisations/organisation.entity';
import { findCase } from '../case-link';
import { DnaProfileEntity } from '../profiles/profile.entity';
import {
  CUSTODY_EVENTS,
  CustodyEventEntity,
  DnaSampleEntity,
} from './sample.entity';
import {
  type AddCustodyEventDto,
  allowedNextEvents,
  type CreateSampleDto,
  type DonorIdentityOutDto,
  mapCustodyEvent,
  mapSample,
  type SampleDetailDto,
  type SampleDto,
  type SampleQueryDto,
} from './samples.dto';

const SAMPLE_SCOPE_COLUMNS = { jurisdictionPath: 's.jurisdiction_path' };

const invalid = (
  field: string,
  message: string,
  detail: string,
  code = 'DNA_SAMPLE_INVALID',
) =>
  new Problem(HttpStatus.UNPROCESSABLE_ENTITY, detail, {
    code,
    errors: [{ field, message }],
  });

/** DNA samples with consent and chain of custody (issue 4 §1). */
@Injectable()
export class SamplesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsService,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {}

  async list(
    access: AccessContext,
    query: SampleQueryDto,
  ): Promise<Page<SampleDto>> {
    const scope = scopeCondition(
      access.ability,
      'read',
      'DnaSample',
      SAMPLE_SCOPE_COLUMNS,
    );
    const qb = this.dataSource
      .getRepository(DnaSampleEntity)
      .createQueryBuilder('s')
      .where(scope.sql, scope.params);
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.caseId)
      qb.andWhere('s.case_id = :caseId', { caseId: query.caseId });
    if (query.custodyState)
      qb.andWhere('s.custody_state = :state', { state: query.custodyState });
    if (query.barcode)
      qb.andWhere(`s.barcode ILIKE :barcode ESCAPE '\\'`, {
        barcode: `${query.barcode.replace(/[\\%_]/g, '\\$&')}%`,
      });
    const [rows, total] = await qb
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.barcode')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    const profiled = await this.profiledSampleIds(rows.map((r) => r.id));
    return toPage(
      rows.map((r) => mapSample(r, profiled.has(r.id))),
      total,
      query,
    );
  }

  async get(access: AccessContext, id: string): Promise<SampleDetailDto> {
    const sample = await this.loadInScope(access, 'read', id);
    const events = await this.dataSource
      .getRepository(CustodyEventEntity)
      .find({ where: { sampleId: id }, order: { seq: 'ASC' } });
    const profiled = await this.profiledSampleIds([id]);
    return {
      ...mapSample(sample, profiled.has(id)),
      custody: events.map(mapCustodyEvent),
    };
  }

  async donorIdentity(
    access: AccessContext,
    id: string,
  ): Promise<DonorIdentityOutDto> {
    const sample = await this.loadInScope(access, 'read', id);
    if (!sample.donorIdentitySealed)
      throw new Problem(
        HttpStatus.NOT_FOUND,
        'No donor identity is on record for this sample.',
        { code: 'DNA_NO_DONOR_IDENTITY' },
      );
    const identity = JSON.parse(
      this.secrets.open(sample.donorIdentitySealed),
    ) as { name: string; idNumber?: string; phone?: string };
    await this.audit.record(access, {
      action: 'dna.sample.donor_identity.read',
      entityType: 'DnaSample',
      entityId: id,
      jurisdictionPath: sample.jurisdictionPath,
      details: { barcode: sample.barcode },
    });
    return {
      name: identity.name,
      idNumber: identity.idNumber ?? null,
      phone: identity.phone ?? null,
    };
  }

  /**
   * Registers a sample with its consent and first custody event. `callerAuthorised`: the caller has
   * already decided that the actor may (police starting the sample of a rescued child they hold).
   */
  async create(
    access: AccessContext,
    dto: CreateSampleDto,
    callerAuthorised = false,
  ): Promise<SampleDetailDto> {
    const now = this.clock.now();
    if (dto.kind === 'family_reference') {
      if (!dto.donorRelationship)
        throw invalid(
          'donorRelationship',
          'required for a family reference',
          'A family reference needs the donor’s relationship to the missing child.',
        );
      if (!dto.caseId)
        throw invalid(
          'caseId',
          'required for a family reference',
          'A family reference must be linked to a missing-child file.',
        );
      if (dto.rescuedChildId || dto.childDescription)
        throw invalid(
          'rescuedChildId',
          'only for child samples',
          'rescuedChildId and childDescription belong to child samples.',
        );
    } else {
      if (dto.donorRelationship)
        throw invalid(
          'donorRelationship',
          'only for family references',
          'A child sample has no donor relationship.',
        );
      if (dto.caseId)
        throw invalid(
          'caseId',
          'only for family references',
          'A child sample is not linked to a file; a confirmed match links it.',
        );
    }
    const consentAt = new Date(dto.consent.givenAt);
    const collectedAt = new Date(dto.collected.at);
    if (consentAt.getTime() > now.getTime())
      throw invalid(
        'consent.givenAt',
        'is in the future',
        'Consent cannot be dated in the future.',
      );
    if (collectedAt.getTime() > now.getTime())
      throw invalid(
        'collected.at',
        'is in the future',
        'The collection cannot be dated in the future.',
      );
    if (collectedAt.getTime() < consentAt.getTime())
      throw invalid(
        'collected.at',
        'before consent was given',
        'A sample may only be collected after consent was given.',
      );
    if (dto.retentionUntil <= now.toISOString().slice(0, 10))
      throw invalid(
        'retentionUntil',
        'must be in the future',
        'The retention date must be in the future.',
      );

    let jurisdictionPath: string;
    let jurisdictionId: string;
    if (dto.caseId) {
      const linked = await findCase(this.dataSource.manager, dto.caseId);
      if (
        !linked ||
        !isWithin(linked.jurisdictionPath, access.actor.jurisdictionPath)
      ) {
        throw invalid(
          'caseId',
          'unknown file',
          'No missing-child file with this id exists, or it is outside your jurisdiction.',
          'DNA_UNKNOWN_CASE',
        );
      }
      const code = linked.jurisdictionPath
        .split('/')
        .filter(Boolean)
        .pop() as string;
      const j = await this.jurisdictions.requireCode(code);
      jurisdictionPath = j.path;
      jurisdictionId = j.id;
    } else {
      const j = await this.jurisdictions.requireCode(
        dto.jurisdictionCode ?? access.actor.jurisdictionCode,
      );
      jurisdictionPath = j.path;
      jurisdictionId = j.id;
    }
    if (
      !callerAuthorised &&
      !access.ability.can('create', record('DnaSample', { jurisdictionPath }))
    ) {
      throw invalid(
        'jurisdictionCode',
        'outside your jurisdiction',
        'You can register samples only in your own jurisdiction.',
      );
    }
    const organisationId =
      dto.collectingOrganisationId ?? access.actor.organisationId;
    if (
      !(await this.dataSource
        .getRepository(OrganisationEntity)
        .existsBy({ id: organisationId }))
    ) {
      throw invalid(
        'collectingOrganisationId',
        'unknown organisation',
        'The collecting organisation does not exist.',
      );
    }
    if (
      await this.dataSource
        .getRepository(DnaSampleEntity)
        .existsBy({ barcode: dto.barcode })
    ) {
      throw new Problem(
        HttpStatus.CONFLICT,
        `A sample with barcode ${dto.barcode} is already registered.`,
        {
          code: 'DNA_BARCODE_TAKEN',
          errors: [{ field: 'barcode', message: 'already registered' }],
        },
      );
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const sample = await manager.save(
        manager.create(DnaSampleEntity, {
          barcode: dto.barcode,
          kind: dto.kind,
          donorRelationship: dto.donorRelationship ?? null,
          caseId: dto.caseId ?? null,
          rescuedChildId: dto.rescuedChildId ?? null,
          childDescription: dto.childDescription ?? '',
          donorIdentitySealed: dto.donorIdentity
            ? this.secrets.seal(JSON.stringify(dto.donorIdentity))
            : null,
          consentGivenBy: dto.consent.givenBy,
          consentGivenAt: consentAt,
          consentScope: dto.consent.scope,
          consentFormAttachmentId: dto.consent.formAttachmentId ?? null,
          collectingOrganisationId: organisationId,
          jurisdictionId,
          jurisdictionPath,
          retentionUntil: dto.retentionUntil,
          custodyState: 'collected',
          createdBy: access.actor.id,
        }),
      );
      await this.insertEvent(
        manager,
        access,
        sample.id,
        1,
        'collected',
        collectedAt,
        dto.collected.location,
        '',
      );
      await this.audit.record(
        access,
        {
          action: 'dna.sample.create',
          entityType: 'DnaSample',
          entityId: sample.id,
          jurisdictionPath,
          details: {
            barcode: dto.barcode,
            kind: dto.kind,
            donorRelationship: dto.donorRelationship ?? null,
            caseId: dto.caseId ?? null,
          },
        },
        manager,
      );
      return sample.id;
    });
    return this.get(access, id);
  }

  async addCustodyEvent(
    access: AccessContext,
    id: string,
    dto: AddCustodyEventDto,
  ): Promise<SampleDetailDto> {
    await this.loadInScope(access, 'update', id);
    await this.dataSource.transaction(async (manager) => {
      // Lock the sample so that two events cannot both claim the same place in the chain.
      const sample = (await manager.findOne(DnaSampleEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      })) as DnaSampleEntity;
      const allowed = allowedNextEvents(sample.custodyState);
      if (!allowed.includes(dto.event)) {
        const detail =
          sample.custodyState === 'destroyed'
            ? `Sample ${sample.barcode} was destroyed; no custody event can follow destruction.`
            : `Sample ${sample.barcode} is "${sample.custodyState}": "${dto.event}" is out of order. Allowed next: ${allowed.join(' or ')}.`;
        throw new Problem(HttpStatus.CONFLICT, detail, {
          code:
            sample.custodyState === 'destroyed'
              ? 'DNA_SAMPLE_DESTROYED'
              : 'DNA_CUSTODY_OUT_OF_ORDER',
          allowedNextEvents: allowed,
          errors: [
            {
              field: 'event',
              message: allowed.length
                ? `allowed next: ${allowed.join(', ')}`
                : 'the sample was destroyed',
            },
          ],
        });
      }
      const last = (await manager.findOne(CustodyEventEntity, {
        where: { sampleId: id },
        order: { seq: 'DESC' },
      })) as CustodyEventEntity;
      const occurredAt = new Date(dto.occurredAt);
      if (occurredAt.getTime() > this.clock.now().getTime())
        throw invalid(
          'occurredAt',
          'is in the future',
          'A custody event cannot be dated in the future.',
        );
      if (occurredAt.getTime() < last.occurredAt.getTime()) {
        throw invalid(
          'occurredAt',
          `before the previous event (${last.event} at ${last.occurredAt.toISOString()})`,
          `"${dto.event}" cannot be dated before the previous custody event "${last.event}" (${last.occurredAt.toISOString()}).`,
        );
      }
      await this.insertEvent(
        manager,
        access,
        id,
        last.seq + 1,
        dto.event,
        occurredAt,
        dto.location,
        dto.note ?? '',
      );
      sample.custodyState = dto.event;
      await manager.save(sample);
      await this.audit.record(
        access,
        {
          action: 'dna.sample.custody',
          entityType: 'DnaSample',
          entityId: id,
          jurisdictionPath: sample.jurisdictionPath,
          details: { barcode: sample.barcode, event: dto.event },
        },
        manager,
      );
    });
    return this.get(access, id);
  }

  /** A sample the actor may act on, or 404 — the same answer as for an id that does not exist. */
  async loadInScope(
    access: AccessContext,
    action: 'read' | 'update',
    id: string,
  ): Promise<DnaSampleEntity> {
    const sample = await this.dataSource
      .getRepository(DnaSampleEntity)
      .findOneBy({ id });
    if (
      !sample ||
      !access.ability.can(
        action,
        record('DnaSample', { jurisdictionPath: sample.jurisdictionPath }),
      )
    )
      throw new RecordNotFound('DNA sample');
    return sample;
  }

  private async insertEvent(
    manager: EntityManager,
    access: AccessContext,
    sampleId: string,
    seq: number,
    event: (typeof CUSTODY_EVENTS)[number],
    occurredAt: Date,
    location: string,
    note: string,
  ) {
    await manager.insert(CustodyEventEntity, {
      sampleId,
      seq,
      event,
      occurredAt,
      location,
      note,
      actorId: access.actor.id,
      actorName: access.actor.displayName,
    });
  }

  private async profiledSampleIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(DnaProfileEntity)
      .createQueryBuilder('p')
      .select('p.sample_id', 'sampleId')
      .where('p.sample_id IN (:...ids)', { ids })
      .getRawMany<{ sampleId: string }>();
    return new Set(rows.map((r) => r.sampleId));
  }
}
