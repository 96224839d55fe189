import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { record } from '../../access/ability.factory';
import type { AccessContext } from '../../access/actor';
import { scopeCondition } from '../../access/scope-query';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { type Page, toPage } from '../../common/pagination';
import { Problem, RecordNotFound } from '../../common/problem';
import { FrequencyTablesService } from '../frequency-tables/frequency-tables.service';
import { DnaSampleEntity } from '../samples/sample.entity';
import { DnaSearchService } from '../search/dna-search.service';
import { parseProfileCsv } from './profile-csv';
import {
  DnaProfileEntity,
  type ImportProblem,
  type ParsedProfile,
  ProfileImportEntity,
} from './profile.entity';
import {
  type CreateProfileDto,
  type CreateProfileImportDto,
  mapImport,
  mapProfileSummary,
  type ProfileDetailDto,
  type ProfileImportDto,
  type ProfileQueryDto,
  type ProfileSummaryDto,
} from './profiles.dto';

/** Imports above this many profiles are committed in the background; the caller polls the progress. */
export const BACKGROUND_COMMIT_THRESHOLD = 300;
const COMMIT_CHUNK = 100;

/** STR profiles: CSV imports (validate, then commit all or nothing), manual entry, audited reads (issue 4 §2). */
@Injectable()
export class ProfilesService {
  private readonly logger = new Logger('DnaProfiles');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly frequencyTables: FrequencyTablesService,
    private readonly search: DnaSearchService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async createImport(
    access: AccessContext,
    dto: CreateProfileImportDto,
  ): Promise<ProfileImportDto> {
    const parsed = parseProfileCsv(
      dto.csv,
      dto.format,
      await this.frequencyTables.knownLoci(),
    );
    const problems = [
      ...parsed.problems,
      ...(await this.checkSamples(
        access,
        parsed.profiles,
        this.dataSource.manager,
      )),
    ];
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(ProfileImportEntity, {
          format: dto.format,
          fileName: dto.fileName ?? '',
          kit: dto.kit ?? '',
          status: 'validated',
          rows: parsed.rows,
          problems: [
            ...problems.sort((a, b) => a.row - b.row),
            ...parsed.flagged,
          ],
          payload: problems.length === 0 ? parsed.profiles : null,
          total: parsed.profiles.length,
          processed: 0,
          createdBy: access.actor.id,
          jurisdictionPath: access.actor.jurisdictionPath,
        }),
      );
      await this.audit.record(
        access,
        {
          action: 'dna.profile_import.validate',
          entityType: 'DnaProfileImport',
          entityId: row.id,
          jurisdictionPath: access.actor.jurisdictionPath,
          details: {
            format: dto.format,
            fileName: dto.fileName ?? '',
            rows: parsed.rows,
            profiles: parsed.profiles.length,
            problems: problems.length,
            flagged: parsed.flagged.length,
          },
        },
        manager,
      );
      return row;
    });
    return mapImport(saved);
  }

  async getImport(
    access: AccessContext,
    id: string,
  ): Promise<ProfileImportDto> {
    return mapImport(await this.loadImport(access, id));
  }

  /**
   * Commits every profile of a validated import in one transaction, or none. Small imports are
   * committed before the answer; large ones in the background (status `committing`, poll for progress).
   */
  async commitImport(
    access: AccessContext,
    id: string,
  ): Promise<ProfileImportDto> {
    const existing = await this.loadImport(access, id);
    if (existing.problems.some((p) => p.kind !== 'review')) {
      throw new Problem(
        HttpStatus.CONFLICT,
        `This import has ${existing.problems.filter((p) => p.kind !== 'review').length} problem(s); fix the file and import it again.`,
        {
          code: 'DNA_IMPORT_HAS_PROBLEMS',
        },
      );
    }
    const claimed: { id: string }[] = await this.dataSource.query(
      `UPDATE dna_profile_imports SET status = 'committing', processed = 0, error = NULL WHERE id = $1 AND status IN ('validated', 'failed') RETURNING id`,
      [id],
    );
    if (claimed.length === 0) {
      throw new Problem(
        HttpStatus.CONFLICT,
        `This import is already ${existing.status}.`,
        { code: 'DNA_IMPORT_NOT_PENDING', currentStatus: existing.status },
      );
    }
    const run = this.runCommit(access, existing);
    if (existing.total > BACKGROUND_COMMIT_THRESHOLD) {
      run.catch((error) =>
        this.logger.error(`Import ${id} failed: ${(error as Error).message}`),
      );
    } else {
      await run.catch(() => undefined);
    }
    return this.getImport(access, id);
  }

  async listImports(
    access: AccessContext,
    query: { page: number; pageSize: number; offset: number },
  ): Promise<Page<ProfileImportDto>> {
    const scope = scopeCondition(access.ability, 'create', 'DnaProfile', {
      jurisdictionPath: 'i.jurisdiction_path',
    });
    const [rows, total] = await this.dataSource
      .getRepository(ProfileImportEntity)
      .createQueryBuilder('i')
      .where(scope.sql, scope.params)
      .orderBy('i.created_at', 'DESC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(rows.map(mapImport), total, query as never);
  }

  async createOne(
    access: AccessContext,
    dto: CreateProfileDto,
  ): Promise<ProfileDetailDto> {
    const lines = ['sample,locus,allele1,allele2'];
    const problems: ImportProblem[] = [];
    for (const [locus, alleles] of Object.entries(dto.loci)) {
      if (
        !Array.isArray(alleles) ||
        alleles.length < 1 ||
        alleles.length > 2 ||
        !alleles.every((a) => typeof a === 'string' && !/[",\n]/.test(a))
      ) {
        problems.push({
          row: 0,
          field: `loci.${locus}`,
          problem: 'must be one or two alleles as strings',
        });
        continue;
      }
      lines.push(
        [dto.sampleBarcode, locus, alleles[0], alleles[1] ?? ''].join(','),
      );
    }
    const parsed = parseProfileCsv(
      lines.join('\n'),
      'long',
      await this.frequencyTables.knownLoci(),
    );
    const fieldOf = (row: number) =>
      `loci.${Object.keys(dto.loci).filter((l) => !problems.some((p) => p.field === `loci.${l}`))[row - 2] ?? ''}`;
    problems.push(
      ...parsed.problems.map((p) => ({
        ...p,
        field: p.row >= 2 ? fieldOf(p.row) : p.field,
      })),
    );
    problems.push(
      ...(
        await this.checkSamples(
          access,
          parsed.profiles,
          this.dataSource.manager,
        )
      ).map((p) => ({ ...p, field: 'sampleBarcode' })),
    );
    if (problems.length > 0) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `The profile cannot be stored: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}.`,
        {
          code: 'DNA_PROFILE_INVALID',
          errors: problems.map((p) => ({ field: p.field, message: p.problem })),
        },
      );
    }
    const [profile] = parsed.profiles;
    const id = await this.dataSource.transaction(async (manager) => {
      const [saved] = await this.insertProfiles(
        access,
        manager,
        [profile],
        dto.kit ?? '',
        null,
      );
      return saved;
    });
    await this.search.requestSearch();
    return this.get(access, id);
  }

  async list(
    access: AccessContext,
    query: ProfileQueryDto,
  ): Promise<Page<ProfileSummaryDto>> {
    const scope = scopeCondition(access.ability, 'read', 'DnaProfile', {
      jurisdictionPath: 's.jurisdiction_path',
    });
    const qb = this.dataSource
      .getRepository(DnaProfileEntity)
      .createQueryBuilder('p')
      .innerJoin(DnaSampleEntity, 's', 's.id = p.sample_id')
      .addSelect(['s.barcode', 's.kind'])
      .where(scope.sql, scope.params);
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('p.seq', 'DESC')
      .offset(query.offset)
      .limit(query.pageSize)
      .getRawAndEntities();
    const items = entities.map((p) => {
      const r = raw.find((x: { p_id: string }) => x.p_id === p.id) as {
        s_barcode: string;
        s_kind: string;
      };
      return mapProfileSummary(p, { barcode: r.s_barcode, kind: r.s_kind });
    });
    return toPage(items, total, query);
  }

  /** Raw alleles: lab technicians only, every view audited. */
  async get(access: AccessContext, id: string): Promise<ProfileDetailDto> {
    const profile = await this.dataSource
      .getRepository(DnaProfileEntity)
      .findOneBy({ id });
    const sample = profile
      ? await this.dataSource
          .getRepository(DnaSampleEntity)
          .findOneBy({ id: profile.sampleId })
      : null;
    if (
      !profile ||
      !sample ||
      !access.ability.can(
        'read',
        record('DnaProfile', { jurisdictionPath: sample.jurisdictionPath }),
      )
    ) {
      throw new RecordNotFound('DNA profile');
    }
    await this.audit.record(access, {
      action: 'dna.profile.read',
      entityType: 'DnaProfile',
      entityId: id,
      jurisdictionPath: sample.jurisdictionPath,
      details: { sampleBarcode: sample.barcode },
    });
    return { ...mapProfileSummary(profile, sample), loci: profile.loci };
  }

  private async runCommit(
    access: AccessContext,
    imp: ProfileImportEntity,
  ): Promise<void> {
    const profiles = imp.payload ?? [];
    try {
      await this.dataSource.transaction(async (manager) => {
        const problems = await this.checkSamples(
          access,
          profiles,
          manager,
          true,
        );
        if (problems.length > 0) {
          throw new Problem(
            HttpStatus.CONFLICT,
            `The import no longer fits the samples: ${problems.map((p) => p.problem).join('; ')}`,
            { code: 'DNA_IMPORT_STALE' },
          );
        }
        for (let start = 0; start < profiles.length; start += COMMIT_CHUNK) {
          await this.insertProfiles(
            access,
            manager,
            profiles.slice(start, start + COMMIT_CHUNK),
            imp.kit,
            imp.id,
          );
          // Progress goes through another connection: it must be visible before this transaction commits.
          await this.dataSource.query(
            `UPDATE dna_profile_imports SET processed = $2 WHERE id = $1`,
            [imp.id, Math.min(profiles.length, start + COMMIT_CHUNK)],
          );
        }
        await manager.query(
          `UPDATE dna_profile_imports SET status = 'committed', processed = total, payload = NULL, committed_at = $2 WHERE id = $1`,
          [imp.id, this.clock.now()],
        );
        await this.audit.record(
          access,
          {
            action: 'dna.profile_import.commit',
            entityType: 'DnaProfileImport',
            entityId: imp.id,
            jurisdictionPath: imp.jurisdictionPath,
            details: { profiles: profiles.length },
          },
          manager,
        );
      });
    } catch (error) {
      const message =
        error instanceof HttpException
          ? String(
              (error.getResponse() as { detail?: string }).detail ??
                error.message,
            )
          : (error as Error).message;
      await this.dataSource.query(
        `UPDATE dna_profile_imports SET status = 'failed', processed = 0, error = $2 WHERE id = $1`,
        [imp.id, message.slice(0, 1000)],
      );
      throw error;
    }
    await this.search.requestSearch();
  }

  private async insertProfiles(
    access: AccessContext,
    manager: EntityManager,
    profiles: ParsedProfile[],
    kit: string,
    importId: string | null,
  ): Promise<string[]> {
    const samples = await manager.find(DnaSampleEntity, {
      where: { barcode: In(profiles.map((p) => p.barcode)) },
    });
    const byBarcode = new Map(samples.map((s) => [s.barcode, s]));
    const ids: string[] = [];
    for (const p of profiles) {
      const sample = byBarcode.get(p.barcode) as DnaSampleEntity;
      const saved = await manager.save(
        manager.create(DnaProfileEntity, {
          sampleId: sample.id,
          kit,
          loci: p.loci,
          sexMarker: p.sexMarker,
          needsReview: p.reviewNotes.length > 0,
          reviewNotes: p.reviewNotes,
          importId,
          createdBy: access.actor.id,
        }),
      );
      ids.push(saved.id);
      await this.audit.record(
        access,
        {
          action: 'dna.profile.create',
          entityType: 'DnaProfile',
          entityId: saved.id,
          jurisdictionPath: sample.jurisdictionPath,
          details: {
            sampleBarcode: sample.barcode,
            loci: Object.keys(p.loci).length,
            importId,
          },
        },
        manager,
      );
    }
    return ids;
  }

  /** Every barcode must name a registered, undestroyed sample in scope, without a profile yet. */
  private async checkSamples(
    access: AccessContext,
    profiles: ParsedProfile[],
    manager: EntityManager,
    lock = false,
  ): Promise<ImportProblem[]> {
    if (profiles.length === 0) return [];
    const barcodes = profiles.map((p) => p.barcode);
    const samples = await manager.find(DnaSampleEntity, {
      where: { barcode: In(barcodes) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const byBarcode = new Map(samples.map((s) => [s.barcode, s]));
    const existing = samples.length
      ? await manager.find(DnaProfileEntity, {
          where: { sampleId: In(samples.map((s) => s.id)) },
          select: { id: true, sampleId: true },
        })
      : [];
    const profiled = new Set(existing.map((p) => p.sampleId));
    const problems: ImportProblem[] = [];
    for (const p of profiles) {
      const sample = byBarcode.get(p.barcode);
      if (
        !sample ||
        !access.ability.can(
          'create',
          record('DnaProfile', { jurisdictionPath: sample.jurisdictionPath }),
        )
      ) {
        problems.push({
          row: p.row ?? 1,
          field: 'sample',
          problem: `no sample with barcode ${p.barcode} is registered in your jurisdiction: register it first`,
        });
      } else if (sample.custodyState === 'destroyed') {
        problems.push({
          row: p.row ?? 1,
          field: 'sample',
          problem: `sample ${p.barcode} was destroyed`,
        });
      } else if (profiled.has(sample.id)) {
        problems.push({
          row: p.row ?? 1,
          field: 'sample',
          problem: `sample ${p.barcode} already has a profile (duplicate sample)`,
        });
      }
    }
    return problems;
  }

  private async loadImport(
    access: AccessContext,
    id: string,
  ): Promise<ProfileImportEntity> {
    const imp = await this.dataSource
      .getRepository(ProfileImportEntity)
      .findOneBy({ id });
    if (
      !imp ||
      !access.ability.can(
        'create',
        record('DnaProfile', { jurisdictionPath: imp.jurisdictionPath }),
      )
    )
      throw new RecordNotFound('profile import');
    return imp;
  }
}
