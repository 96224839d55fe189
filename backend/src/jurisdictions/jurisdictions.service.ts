import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AccessContext } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Problem, RecordNotFound } from '../common/problem';
import { JurisdictionEntity } from './jurisdiction.entity';
import { type CreateJurisdictionDto, type JurisdictionDto, mapJurisdiction, type UpdateJurisdictionDto } from './jurisdictions.dto';

const CHILD_LEVEL = { nation: 'province', province: 'prefecture', prefecture: 'county', county: null } as const;

/** Is `path` the jurisdiction `ancestorPath` or below it? */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

@Injectable()
export class JurisdictionsService {
  constructor(
    @InjectRepository(JurisdictionEntity) private readonly jurisdictions: Repository<JurisdictionEntity>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<JurisdictionDto[]> {
    const all = await this.jurisdictions.find({ order: { path: 'ASC' } });
    const codeById = new Map(all.map((j) => [j.id, j.code]));
    return all.map((j) => mapJurisdiction(j, j.parentId ? (codeById.get(j.parentId) ?? null) : null));
  }

  async get(code: string): Promise<JurisdictionDto> {
    const j = await this.byCode(code);
    const parent = j.parentId ? await this.jurisdictions.findOneBy({ id: j.parentId }) : null;
    return mapJurisdiction(j, parent?.code ?? null);
  }

  /** The jurisdiction with this code, or a 404 naming it. */
  async byCode(code: string): Promise<JurisdictionEntity> {
    const j = await this.jurisdictions.findOneBy({ code });
    if (!j) throw new RecordNotFound('jurisdiction');
    return j;
  }

  /** For a field of a request that names a jurisdiction: unknown codes are the caller's mistake (422). */
  async requireCode(code: string, field = 'jurisdictionCode'): Promise<JurisdictionEntity> {
    const j = await this.jurisdictions.findOneBy({ code });
    if (!j) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `There is no jurisdiction with code ${code}.`, {
        code: 'UNKNOWN_JURISDICTION',
        errors: [{ field, message: `unknown jurisdiction code ${code}` }],
      });
    }
    return j;
  }

  /** The county-level (or deepest) jurisdiction whose centroid is nearest to a point. */
  async nearestTo(latitude: number, longitude: number): Promise<JurisdictionEntity> {
    const [nearest] = await this.jurisdictions
      .createQueryBuilder('j')
      .orderBy(
        `CASE j.level WHEN 'county' THEN 0 WHEN 'prefecture' THEN 1 WHEN 'province' THEN 2 ELSE 3 END`,
      )
      .addOrderBy('(j.latitude - :lat) ^ 2 + ((j.longitude - :lng) * cos(radians(:lat))) ^ 2')
      .setParameters({ lat: latitude, lng: longitude })
      .limit(1)
      .getMany();
    return nearest;
  }

  async create(access: AccessContext, dto: CreateJurisdictionDto): Promise<JurisdictionDto> {
    const parent = await this.requireCode(dto.parentCode, 'parentCode');
    if (CHILD_LEVEL[parent.level] !== dto.level) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `A ${parent.level} can only contain ${CHILD_LEVEL[parent.level] ?? 'nothing'} jurisdictions.`,
        { code: 'INVALID_LEVEL', errors: [{ field: 'level', message: `must be ${CHILD_LEVEL[parent.level] ?? 'none'}` }] },
      );
    }
    return this.jurisdictions.manager.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(JurisdictionEntity, {
          code: dto.code,
          name: dto.name,
          nameEn: dto.nameEn,
          level: dto.level,
          parentId: parent.id,
          path: `${parent.path}${dto.code}/`,
          latitude: dto.latitude,
          longitude: dto.longitude,
        }),
      );
      await this.audit.record(
        access,
        { action: 'jurisdiction.create', entityType: 'Jurisdiction', entityId: created.code, jurisdictionPath: created.path },
        manager,
      );
      return mapJurisdiction(created, parent.code);
    });
  }

  async update(access: AccessContext, code: string, dto: UpdateJurisdictionDto): Promise<JurisdictionDto> {
    const j = await this.byCode(code);
    return this.jurisdictions.manager.transaction(async (manager) => {
      Object.assign(j, dto);
      await manager.save(j);
      await this.audit.record(
        access,
        { action: 'jurisdiction.update', entityType: 'Jurisdiction', entityId: j.code, jurisdictionPath: j.path, details: { fields: Object.keys(dto) } },
        manager,
      );
      return this.get(code);
    });
  }
}
