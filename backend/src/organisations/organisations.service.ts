import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AccessContext } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { type Page, toPage } from '../common/pagination';
import { RecordNotFound } from '../common/problem';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service';
import { OrganisationEntity } from './organisation.entity';
import {
  type CreateOrganisationDto,
  mapOrganisation,
  type OrganisationDto,
  type OrganisationQueryDto,
  type UpdateOrganisationDto,
} from './organisations.dto';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    private readonly jurisdictions: JurisdictionsService,
    private readonly audit: AuditService,
  ) {}

  async list(query: OrganisationQueryDto): Promise<Page<OrganisationDto>> {
    const qb = this.organisations.createQueryBuilder('o').innerJoinAndSelect('o.jurisdiction', 'j');
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.jurisdictionCode) {
      const j = await this.jurisdictions.requireCode(query.jurisdictionCode);
      qb.andWhere('j.path LIKE :prefix', { prefix: `${j.path}%` });
    }
    const [rows, total] = await qb.orderBy('o.name').skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(rows.map(mapOrganisation), total, query);
  }

  async get(id: string): Promise<OrganisationDto> {
    return mapOrganisation(await this.load(id));
  }

  async load(id: string): Promise<OrganisationEntity> {
    const o = await this.organisations.findOne({ where: { id }, relations: { jurisdiction: true } });
    if (!o) throw new RecordNotFound('organisation');
    return o;
  }

  async create(access: AccessContext, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    const jurisdiction = await this.jurisdictions.requireCode(dto.jurisdictionCode);
    return this.organisations.manager.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(OrganisationEntity, { name: dto.name, kind: dto.kind, jurisdictionId: jurisdiction.id }),
      );
      await this.audit.record(
        access,
        { action: 'organisation.create', entityType: 'Organisation', entityId: created.id, jurisdictionPath: jurisdiction.path, details: { name: dto.name, kind: dto.kind } },
        manager,
      );
      return mapOrganisation({ ...created, jurisdiction });
    });
  }

  async update(access: AccessContext, id: string, dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    const organisation = await this.load(id);
    if (dto.jurisdictionCode) {
      const jurisdiction = await this.jurisdictions.requireCode(dto.jurisdictionCode);
      organisation.jurisdictionId = jurisdiction.id;
      organisation.jurisdiction = jurisdiction;
    }
    if (dto.name) organisation.name = dto.name;
    return this.organisations.manager.transaction(async (manager) => {
      await manager.save(organisation);
      await this.audit.record(
        access,
        { action: 'organisation.update', entityType: 'Organisation', entityId: id, jurisdictionPath: organisation.jurisdiction?.path, details: { fields: Object.keys(dto) } },
        manager,
      );
      return mapOrganisation(await this.load(id));
    });
  }
}
