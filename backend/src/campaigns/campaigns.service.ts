import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import { scopeCondition } from '../access/scope-query';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { toPage } from '../common/pagination';
import { Problem, RecordNotFound } from '../common/problem';
import type { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service';
import { shanghaiDate } from '../statistics/statistics-period';
import { StatisticsService } from '../statistics/statistics.service';
import { CampaignEntity, type CampaignRecordType } from './campaign.entity';
import type {
  AddCampaignRecordDto,
  CampaignDetailDto,
  CampaignDto,
  CampaignPageDto,
  CampaignQueryDto,
  CampaignRecordDto,
  CampaignRecordPageDto,
  CampaignRecordsQueryDto,
  CreateCampaignDto,
  UpdateCampaignDto,
} from './campaigns.dto';

/** The table of each taggable record (all three keep their place in jurisdiction_path). */
const RECORD_TABLES: Record<CampaignRecordType, { table: string; extra: string }> = {
  case: { table: 'cases', extra: 'AND deleted_at IS NULL' },
  sighting: { table: 'sightings', extra: '' },
  rescue: { table: 'rescues', extra: '' },
};

type CampaignRow = CampaignEntity & { jurisdictionCode: string; jurisdictionName: string; jurisdictionNameEn: string; taggedRecords: number };

/**
 * Crackdown campaigns (issue 5 §3). Records inside a campaign's place and days are tagged by the
 * database (triggers on cases, sightings and rescues; `campaign_retag` when a campaign is created or
 * moved — migration 1764730000000); people add records by hand or take them out (kept as excluded,
 * so re-tagging does not bring them back).
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsService,
    private readonly statistics: StatisticsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(access: AccessContext, query: CampaignQueryDto): Promise<CampaignPageDto> {
    const scope = scopeCondition(access.ability, 'read', 'Campaign', { jurisdictionPath: 'c.jurisdiction_path' });
    const qb = this.select()
      .andWhere(scope.sql, scope.params)
      .orderBy('c.starts_on', 'DESC')
      .addOrderBy('c.id');
    if (query.q) qb.andWhere(`c.name ILIKE :q`, { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    const [rows, total] = await Promise.all([qb.clone().offset(query.offset).limit(query.pageSize).getRawMany(), countOf(qb)]);
    return toPage(rows.map((r) => this.toDto(mapRow(r))), total, query);
  }

  /** The campaign with its figures (StatisticsService, tagged records only, within the caller's scope). */
  async get(access: AccessContext, id: string): Promise<CampaignDetailDto> {
    const campaign = await this.loadInScope(access, 'read', id);
    const figures = await this.statistics.summary({ jurisdictionPath: access.actor.jurisdictionPath }, { campaignId: id });
    await this.audit.record(access, { action: 'campaign.read', entityType: 'Campaign', entityId: id, jurisdictionPath: campaign.jurisdictionPath, details: {} });
    return { ...this.toDto(campaign), figures };
  }

  async records(access: AccessContext, id: string, query: CampaignRecordsQueryDto): Promise<CampaignRecordPageDto> {
    const campaign = await this.loadInScope(access, 'read', id);
    const path = 'coalesce(f.jurisdiction_path, s.jurisdiction_path, r.jurisdiction_path)';
    const scope = scopeCondition(access.ability, 'read', 'Campaign', { jurisdictionPath: path });
    const qb = this.dataSource
      .createQueryBuilder()
      .from('campaign_records', 'cr')
      .leftJoin('cases', 'f', `cr.record_type = 'case' AND f.id = cr.record_id AND f.deleted_at IS NULL`)
      .leftJoin('sightings', 's', `cr.record_type = 'sighting' AND s.id = cr.record_id`)
      .leftJoin('rescues', 'r', `cr.record_type = 'rescue' AND r.id = cr.record_id`)
      .innerJoin('jurisdictions', 'j', `j.path = ${path}`)
      .where('cr.campaign_id = :id', { id })
      .andWhere('cr.excluded = :excluded', { excluded: query.excluded ?? false })
      .andWhere(scope.sql, scope.params);
    if (query.recordType) qb.andWhere('cr.record_type = :type', { type: query.recordType });
    const [rows, total] = await Promise.all([
      qb
        .clone()
        .select([
          'cr.record_type AS record_type',
          'cr.record_id AS record_id',
          'cr.origin AS origin',
          'cr.excluded AS excluded',
          'cr.tagged_at AS tagged_at',
          'j.code AS jurisdiction_code',
          `coalesce(f.case_number || ' ' || f.child_full_name, s.place_text, r.place, round(s.latitude::numeric, 4) || ', ' || round(s.longitude::numeric, 4)) AS label`,
          'coalesce(f.created_at, s.seen_at, r.occurred_at) AS at',
          `CASE cr.record_type WHEN 'case' THEN f.status WHEN 'sighting' THEN s.status
             ELSE (SELECT count(*) FROM rescued_children rc WHERE rc.rescue_id = r.id)::text END AS detail`,
        ])
        .orderBy('at', 'DESC')
        .addOrderBy('cr.record_id')
        .offset(query.offset)
        .limit(query.pageSize)
        .getRawMany<Record<string, unknown>>(),
      countOf(qb),
    ]);
    // The list names children (file number and name): a read of their records.
    await this.audit.record(access, {
      action: 'campaign.records.read',
      entityType: 'Campaign',
      entityId: id,
      jurisdictionPath: campaign.jurisdictionPath,
      details: { page: query.page, count: rows.length, excluded: query.excluded ?? false },
    });
    const items: CampaignRecordDto[] = rows.map((row) => ({
      recordType: row['record_type'] as CampaignRecordType,
      recordId: String(row['record_id']),
      label: String(row['label'] ?? ''),
      at: new Date(row['at'] as string).toISOString(),
      detail: String(row['detail'] ?? ''),
      jurisdictionCode: String(row['jurisdiction_code']),
      origin: row['origin'] as 'auto' | 'manual',
      excluded: Boolean(row['excluded']),
      taggedAt: new Date(row['tagged_at'] as string).toISOString(),
    }));
    return toPage(items, total, query);
  }

  async create(access: AccessContext, dto: CreateCampaignDto): Promise<CampaignDto> {
    const jurisdiction = await this.placeInScope(access, 'create', dto.jurisdictionCode);
    checkDays(dto.startsOn, dto.endsOn);
    const id = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const created = await manager.save(
        manager.create(CampaignEntity, {
          name: dto.name,
          goals: dto.goals?.trim() || null,
          jurisdictionId: jurisdiction.id,
          jurisdictionPath: jurisdiction.path,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          createdBy: access.actor.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
      const tagged = await this.retag(created.id, manager);
      await this.audit.record(
        access,
        {
          action: 'campaign.create',
          entityType: 'Campaign',
          entityId: created.id,
          jurisdictionPath: jurisdiction.path,
          details: { name: dto.name, jurisdictionCode: jurisdiction.code, startsOn: dto.startsOn, endsOn: dto.endsOn, tagged },
        },
        manager,
      );
      return created.id;
    });
    return this.toDto(await this.loadInScope(access, 'read', id));
  }

  async update(access: AccessContext, id: string, dto: UpdateCampaignDto): Promise<CampaignDto> {
    const jurisdiction = dto.jurisdictionCode ? await this.placeInScope(access, 'update', dto.jurisdictionCode) : null;
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(CampaignEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || !access.ability.can('update', record('Campaign', { jurisdictionPath: locked.jurisdictionPath }))) throw new RecordNotFound('campaign');
      if (locked.version !== dto.version) {
        throw new Problem(
          HttpStatus.CONFLICT,
          `The campaign was changed by someone else (you sent version ${dto.version}, it is now ${locked.version}). Reload it and apply your change again.`,
          { code: 'STALE_VERSION', currentVersion: locked.version, errors: [{ field: 'version', message: 'stale' }] },
        );
      }
      const startsOn = dto.startsOn ?? locked.startsOn;
      const endsOn = dto.endsOn ?? locked.endsOn;
      checkDays(startsOn, endsOn);
      const moved = (jurisdiction !== null && jurisdiction.id !== locked.jurisdictionId) || startsOn !== locked.startsOn || endsOn !== locked.endsOn;
      const changed = Object.keys(dto).filter((k) => k !== 'version');
      await manager.update(
        CampaignEntity,
        { id },
        {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(dto.goals !== undefined && { goals: dto.goals?.trim() || null }),
          ...(jurisdiction && { jurisdictionId: jurisdiction.id, jurisdictionPath: jurisdiction.path }),
          startsOn,
          endsOn,
          updatedAt: this.clock.now(),
          version: () => 'version + 1',
        },
      );
      const tagged = moved ? await this.retag(id, manager) : undefined;
      await this.audit.record(
        access,
        { action: 'campaign.update', entityType: 'Campaign', entityId: id, jurisdictionPath: jurisdiction?.path ?? locked.jurisdictionPath, details: { fields: changed, tagged } },
        manager,
      );
    });
    return this.toDto(await this.loadInScope(access, 'read', id));
  }

  /** Tags a record by hand (or puts back one taken out). The record must be somewhere the caller runs campaigns. */
  async addRecord(access: AccessContext, id: string, dto: AddCampaignRecordDto): Promise<void> {
    const campaign = await this.loadInScope(access, 'update', id);
    const { table, extra } = RECORD_TABLES[dto.recordType];
    const [target]: { jurisdiction_path: string }[] = await this.dataSource.query(`SELECT jurisdiction_path FROM ${table} WHERE id = $1 ${extra}`, [dto.recordId]);
    if (!target || !access.ability.can('update', record('Campaign', { jurisdictionPath: target.jurisdiction_path }))) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `There is no ${dto.recordType} with this id in your jurisdiction.`, {
        code: 'UNKNOWN_RECORD',
        errors: [{ field: 'recordId', message: `no ${dto.recordType} with this id in your jurisdiction` }],
      });
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO campaign_records (campaign_id, record_type, record_id, origin, excluded, tagged_by, tagged_at)
         VALUES ($1, $2, $3, 'manual', false, $4, $5)
         ON CONFLICT (campaign_id, record_type, record_id) DO UPDATE SET origin = 'manual', excluded = false, tagged_by = $4, tagged_at = $5`,
        [id, dto.recordType, dto.recordId, access.actor.id, this.clock.now()],
      );
      await this.audit.record(
        access,
        { action: 'campaign.record.add', entityType: 'Campaign', entityId: id, jurisdictionPath: campaign.jurisdictionPath, details: { recordType: dto.recordType, recordId: dto.recordId } },
        manager,
      );
    });
  }

  /** Takes a record out of the campaign: kept as excluded, so automatic tagging leaves it out. */
  async removeRecord(access: AccessContext, id: string, recordType: CampaignRecordType, recordId: string): Promise<void> {
    const campaign = await this.loadInScope(access, 'update', id);
    await this.dataSource.transaction(async (manager) => {
      const [, affected]: [unknown, number] = await manager.query(
        `UPDATE campaign_records SET excluded = true WHERE campaign_id = $1 AND record_type = $2 AND record_id = $3 AND NOT excluded`,
        [id, recordType, recordId],
      );
      if (!affected) throw new RecordNotFound('record tagged to this campaign');
      await this.audit.record(
        access,
        { action: 'campaign.record.remove', entityType: 'Campaign', entityId: id, jurisdictionPath: campaign.jurisdictionPath, details: { recordType, recordId } },
        manager,
      );
    });
  }

  private async retag(id: string, manager: EntityManager): Promise<number> {
    await manager.query(`SELECT campaign_retag($1)`, [id]);
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM campaign_records WHERE campaign_id = $1 AND NOT excluded`, [id]);
    return n;
  }

  private async placeInScope(access: AccessContext, action: 'create' | 'update', code: string): Promise<JurisdictionEntity> {
    const jurisdiction = await this.jurisdictions.requireCode(code);
    if (!access.ability.can(action, record('Campaign', { jurisdictionPath: jurisdiction.path }))) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `You can only run campaigns in your own jurisdiction (${access.actor.jurisdictionCode}) or below it.`, {
        code: 'JURISDICTION_OUTSIDE_SCOPE',
        errors: [{ field: 'jurisdictionCode', message: 'outside your jurisdiction' }],
      });
    }
    return jurisdiction;
  }

  private async loadInScope(access: AccessContext, action: 'read' | 'update', id: string): Promise<CampaignRow> {
    const raw = await this.select().where('c.id = :id', { id }).getRawOne();
    const campaign = raw ? mapRow(raw) : null;
    if (!campaign || !access.ability.can(action, record('Campaign', { jurisdictionPath: campaign.jurisdictionPath }))) throw new RecordNotFound('campaign');
    return campaign;
  }

  private select() {
    return this.dataSource
      .createQueryBuilder()
      .from('campaigns', 'c')
      .innerJoin('jurisdictions', 'j', 'j.id = c.jurisdiction_id')
      .select([
        'c.id AS id',
        'c.name AS name',
        'c.goals AS goals',
        'c.jurisdiction_id AS jurisdiction_id',
        'c.jurisdiction_path AS jurisdiction_path',
        `to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on`,
        `to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on`,
        'c.created_by AS created_by',
        'c.created_at AS created_at',
        'c.updated_at AS updated_at',
        'c.version AS version',
        'j.code AS jurisdiction_code',
        'j.name AS jurisdiction_name',
        'j.name_en AS jurisdiction_name_en',
        `(SELECT count(*)::int FROM campaign_records cr WHERE cr.campaign_id = c.id AND NOT cr.excluded) AS tagged_records`,
      ]);
  }

  private toDto(c: CampaignRow): CampaignDto {
    const today = shanghaiDate(this.clock.now());
    return {
      id: c.id,
      name: c.name,
      goals: c.goals,
      jurisdictionCode: c.jurisdictionCode,
      jurisdictionName: c.jurisdictionName,
      jurisdictionNameEn: c.jurisdictionNameEn,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      phase: today < c.startsOn ? 'upcoming' : today > c.endsOn ? 'ended' : 'active',
      taggedRecords: c.taggedRecords,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      version: c.version,
    };
  }
}

async function countOf(qb: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
  const row = await qb.clone().select('count(*)::int', 'n').orderBy().getRawOne<{ n: number }>();
  return row?.n ?? 0;
}

function mapRow(r: Record<string, unknown>): CampaignRow {
  return {
    id: r['id'] as string,
    name: r['name'] as string,
    goals: (r['goals'] as string | null) ?? null,
    jurisdictionId: r['jurisdiction_id'] as string,
    jurisdictionPath: r['jurisdiction_path'] as string,
    startsOn: r['starts_on'] as string,
    endsOn: r['ends_on'] as string,
    createdBy: (r['created_by'] as string | null) ?? null,
    createdAt: new Date(r['created_at'] as string),
    updatedAt: new Date(r['updated_at'] as string),
    version: Number(r['version']),
    jurisdictionCode: r['jurisdiction_code'] as string,
    jurisdictionName: r['jurisdiction_name'] as string,
    jurisdictionNameEn: r['jurisdiction_name_en'] as string,
    taggedRecords: Number(r['tagged_records']),
  };
}

/** Days are checked before anything is written (the table's CHECK would otherwise turn this into a 500). */
function checkDays(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) {
    throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `The campaign cannot end (${endsOn}) before it starts (${startsOn}).`, {
      code: 'INVALID_PERIOD',
      errors: [{ field: 'endsOn', message: 'must not be before startsOn' }],
    });
  }
}
