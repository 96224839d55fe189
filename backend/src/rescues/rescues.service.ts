import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import { scopeCondition } from '../access/scope-query';
import { AuditService } from '../audit/audit.service';
import { escapeLike } from '../cases/search-text';
import { Clock } from '../common/clock';
import { toPage } from '../common/pagination';
import { Problem, RecordNotFound } from '../common/problem';
import type { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity';
import { jurisdictionRef } from '../jurisdictions/jurisdictions.dto';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service';
import { RescueEntity } from './rescue.entity';
import { RescuedChildEntity } from './rescued-child.entity';
import { RescuedChildrenService } from './rescued-children.service';
import type { CampaignRefDto, CreateRescueDto, RescueDto, RescuePageDto, RescueQueryDto, RescueSummaryDto, UpdateRescueDto } from './rescues.dto';

/** The rescue list's filters, without paging. */
export type RescueFilters = Pick<RescueQueryDto, 'jurisdictionCode' | 'from' | 'to' | 'campaignId'>;

const RESCUE_SCOPE_COLUMNS = { jurisdictionPath: 'r.jurisdiction_path' };
/** Clocks differ a little between devices: an operation logged "now" may be a few minutes ahead. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const rescueRecord = (jurisdictionPath: string) => record('Rescue', { jurisdictionPath });

/** Rescue operations (issue 5 §1): when, where, who took part, suspects detained, campaign tags. */
@Injectable()
export class RescuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsService,
    private readonly children: RescuedChildrenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(access: AccessContext, query: RescueQueryDto): Promise<RescuePageDto> {
    const qb = (await this.listQuery(access, query)).innerJoinAndSelect('r.jurisdiction', 'j');
    const [rows, total] = await qb.orderBy('r.occurred_at', 'DESC').addOrderBy('r.id').skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(await this.toSummaries(rows), total, query);
  }

  /** The rescues in scope that match the list's filters (the list and the export both start here). */
  async listQuery(access: AccessContext, query: RescueFilters): Promise<SelectQueryBuilder<RescueEntity>> {
    const scope = scopeCondition(access.ability, 'read', 'Rescue', RESCUE_SCOPE_COLUMNS);
    const qb = this.dataSource.getRepository(RescueEntity).createQueryBuilder('r').where(scope.sql, scope.params);
    if (query.jurisdictionCode) {
      const j = await this.jurisdictions.requireCode(query.jurisdictionCode);
      qb.andWhere('r.jurisdiction_path LIKE :jprefix', { jprefix: `${escapeLike(j.path)}%` });
    }
    if (query.from && query.to && query.from > query.to) {
      throw new Problem(HttpStatus.BAD_REQUEST, '"from" must not be later than "to".', {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'from', message: 'later than to' }],
      });
    }
    if (query.from) qb.andWhere('r.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('r.occurred_at < :to', { to: query.to });
    if (query.campaignId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM campaign_records cr WHERE cr.campaign_id = :campaignId AND cr.record_type = 'rescue' AND cr.record_id = r.id AND NOT cr.excluded)`,
        { campaignId: query.campaignId },
      );
    }
    return qb;
  }

  async create(access: AccessContext, dto: CreateRescueDto): Promise<RescueDto> {
    const jurisdiction = await this.jurisdictionInScope(access, dto.jurisdictionCode, 'create');
    const occurredAt = this.occurredAt(dto.occurredAt);
    this.checkPosition(dto.lat, dto.lng);
    const id = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const rescue = await manager.save(
        manager.create(RescueEntity, {
          occurredAt,
          place: dto.place,
          lat: dto.lat ?? null,
          lng: dto.lng ?? null,
          jurisdictionId: jurisdiction.id,
          jurisdictionPath: jurisdiction.path,
          agencies: dto.agencies ?? [],
          suspectsDetained: dto.suspectsDetained ?? 0,
          notes: dto.notes ?? null,
          createdById: access.actor.id,
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (dto.campaignId) await this.tag(access, rescue.id, dto.campaignId, manager);
      await this.audit.record(
        access,
        {
          action: 'rescue.create',
          entityType: 'Rescue',
          entityId: rescue.id,
          jurisdictionPath: rescue.jurisdictionPath,
          details: { campaignId: dto.campaignId ?? null, suspectsDetained: rescue.suspectsDetained },
        },
        manager,
      );
      return rescue.id;
    });
    return this.detail(access, id);
  }

  /** A rescue with its children; each read is audited with the children it showed. */
  async get(access: AccessContext, id: string): Promise<RescueDto> {
    const rescue = await this.loadInScope(access, 'read', id);
    const dto = await this.toDto(access, rescue);
    await this.audit.record(access, {
      action: 'rescue.read',
      entityType: 'Rescue',
      entityId: rescue.id,
      jurisdictionPath: rescue.jurisdictionPath,
      details: { rescuedChildIds: dto.children.map((c) => c.id) },
    });
    return dto;
  }

  async update(access: AccessContext, id: string, dto: UpdateRescueDto): Promise<RescueDto> {
    const target = dto.jurisdictionCode ? await this.jurisdictionInScope(access, dto.jurisdictionCode, 'update') : null;
    const occurredAt = dto.occurredAt ? this.occurredAt(dto.occurredAt) : null;
    await this.dataSource.transaction(async (manager) => {
      const rescue = await manager.findOne(RescueEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!rescue || !access.ability.can('update', rescueRecord(rescue.jurisdictionPath))) throw new RecordNotFound('rescue');
      if (rescue.version !== dto.version) {
        throw new Problem(
          HttpStatus.CONFLICT,
          `The rescue was changed by someone else (you sent version ${dto.version}, it is now ${rescue.version}). Reload it and apply your change again.`,
          { code: 'STALE_VERSION', currentVersion: rescue.version, errors: [{ field: 'version', message: 'stale' }] },
        );
      }
      this.checkPosition(dto.lat === undefined ? rescue.lat : dto.lat, dto.lng === undefined ? rescue.lng : dto.lng);
      const fields = (['occurredAt', 'place', 'lat', 'lng', 'jurisdictionCode', 'agencies', 'suspectsDetained', 'notes'] as const).filter((f) => dto[f] !== undefined);
      if (occurredAt) rescue.occurredAt = occurredAt;
      if (dto.place !== undefined) rescue.place = dto.place;
      if (dto.lat !== undefined) rescue.lat = dto.lat;
      if (dto.lng !== undefined) rescue.lng = dto.lng;
      if (dto.agencies !== undefined) rescue.agencies = dto.agencies;
      if (dto.suspectsDetained !== undefined) rescue.suspectsDetained = dto.suspectsDetained;
      if (dto.notes !== undefined) rescue.notes = dto.notes;
      if (target) {
        rescue.jurisdictionId = target.id;
        rescue.jurisdictionPath = target.path;
        // The children follow their rescue's jurisdiction (their scope).
        await manager.update(RescuedChildEntity, { rescueId: rescue.id }, { jurisdictionPath: target.path });
      }
      rescue.updatedAt = this.clock.now();
      await manager.save(rescue);
      if (dto.campaignId) await this.tag(access, rescue.id, dto.campaignId, manager);
      await this.audit.record(
        access,
        { action: 'rescue.update', entityType: 'Rescue', entityId: id, jurisdictionPath: rescue.jurisdictionPath, details: { fields, campaignId: dto.campaignId ?? null } },
        manager,
      );
    });
    return this.detail(access, id);
  }

  // ---------------------------------------------------------------- internals

  private async loadInScope(access: AccessContext, action: 'read' | 'update', id: string): Promise<RescueEntity> {
    const rescue = await this.dataSource.getRepository(RescueEntity).findOne({ where: { id }, relations: { jurisdiction: true } });
    if (!rescue || !access.ability.can(action, rescueRecord(rescue.jurisdictionPath))) throw new RecordNotFound('rescue');
    return rescue;
  }

  /** After a change (which is audited): the rescue without a read audit. */
  private async detail(access: AccessContext, id: string): Promise<RescueDto> {
    return this.toDto(access, await this.loadInScope(access, 'read', id));
  }

  private async jurisdictionInScope(access: AccessContext, code: string, action: 'create' | 'update'): Promise<JurisdictionEntity> {
    const jurisdiction = await this.jurisdictions.requireCode(code);
    if (!access.ability.can(action, rescueRecord(jurisdiction.path))) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `Jurisdiction ${code} is outside yours: you can only log rescues in your own jurisdiction (${access.actor.jurisdictionCode}) or below it.`,
        { code: 'JURISDICTION_OUTSIDE_SCOPE', errors: [{ field: 'jurisdictionCode', message: 'outside your jurisdiction' }] },
      );
    }
    return jurisdiction;
  }

  private occurredAt(value: string): Date {
    const at = new Date(value);
    if (at.getTime() > this.clock.now().getTime() + FUTURE_TOLERANCE_MS) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'A rescue cannot be dated in the future.', {
        code: 'RESCUE_IN_FUTURE',
        errors: [{ field: 'occurredAt', message: 'in the future' }],
      });
    }
    return at;
  }

  /** A position is both coordinates or neither (the map needs both). */
  private checkPosition(lat: number | null | undefined, lng: number | null | undefined): void {
    if ((lat === null || lat === undefined) !== (lng === null || lng === undefined)) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'Give both latitude and longitude, or neither.', {
        code: 'POSITION_INCOMPLETE',
        errors: [{ field: lat === null || lat === undefined ? 'lat' : 'lng', message: 'give both coordinates or neither' }],
      });
    }
  }

  /** Tags the rescue to a campaign by hand (automatic tagging is the campaigns module's). */
  private async tag(access: AccessContext, rescueId: string, campaignId: string, manager: EntityManager): Promise<void> {
    const [campaign] = await manager.query(`SELECT id FROM campaigns WHERE id = $1`, [campaignId]);
    if (!campaign) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'There is no campaign with this id.', {
        code: 'UNKNOWN_CAMPAIGN',
        errors: [{ field: 'campaignId', message: 'unknown campaign' }],
      });
    }
    // A record a person took out by hand is put back only by a person: this is one.
    await manager.query(
      `INSERT INTO campaign_records (campaign_id, record_type, record_id, origin, excluded, tagged_by, tagged_at)
       VALUES ($1, 'rescue', $2, 'manual', false, $3, $4)
       ON CONFLICT (campaign_id, record_type, record_id) DO UPDATE SET excluded = false, origin = 'manual', tagged_by = $3, tagged_at = $4`,
      [campaignId, rescueId, access.actor.id, this.clock.now()],
    );
  }

  private async toSummaries(rows: RescueEntity[]): Promise<RescueSummaryDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [counts, campaigns]: [{ rescue_id: string; children: number; identified: number }[], (CampaignRefDto & { record_id: string })[]] = await Promise.all([
      this.dataSource.query(
        `SELECT rescue_id, count(*)::int AS children, count(case_id)::int AS identified
           FROM rescued_children WHERE rescue_id = ANY($1) GROUP BY rescue_id`,
        [ids],
      ),
      this.dataSource.query(
        `SELECT cr.record_id, c.id, c.name FROM campaign_records cr JOIN campaigns c ON c.id = cr.campaign_id
          WHERE cr.record_type = 'rescue' AND NOT cr.excluded AND cr.record_id = ANY($1) ORDER BY c.starts_on, c.name`,
        [ids],
      ),
    ]);
    return rows.map((r) => {
      const count = counts.find((c) => c.rescue_id === r.id);
      return {
        id: r.id,
        occurredAt: r.occurredAt.toISOString(),
        place: r.place,
        lat: r.lat,
        lng: r.lng,
        jurisdiction: jurisdictionRef(r.jurisdiction!),
        agencies: r.agencies,
        suspectsDetained: r.suspectsDetained,
        childrenCount: count?.children ?? 0,
        identifiedCount: count?.identified ?? 0,
        campaigns: campaigns.filter((c) => c.record_id === r.id).map((c) => ({ id: c.id, name: c.name })),
        version: r.version,
      };
    });
  }

  private async toDto(access: AccessContext, rescue: RescueEntity): Promise<RescueDto> {
    const [summary] = await this.toSummaries([rescue]);
    return {
      ...summary,
      notes: rescue.notes,
      children: await this.children.ofRescue(access.ability, rescue.id),
      createdAt: rescue.createdAt.toISOString(),
      updatedAt: rescue.updatedAt.toISOString(),
    };
  }
}
