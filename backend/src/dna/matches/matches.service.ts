import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { record } from '../../access/ability.factory';
import type { AccessContext } from '../../access/actor';
import { scopeCondition } from '../../access/scope-query';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { type Page, toPage } from '../../common/pagination';
import { Problem, RecordNotFound } from '../../common/problem';
import { DnaProfileEntity } from '../profiles/profile.entity';
import { DnaSampleEntity } from '../samples/sample.entity';
import { DnaSearchService } from '../search/dna-search.service';
import { KinshipMatchEntity, type MatchStatus } from './kinship-match.entity';
import { MatchConfirmationEffects } from './match-effects';
import type {
  ConfirmMatchDto,
  MatchDetailDto,
  MatchDto,
  MatchLocusDto,
  MatchQueryDto,
  ProposeMatchDto,
  RejectMatchDto,
} from './matches.dto';

const MATCH_SCOPE_COLUMNS = {
  jurisdictionPath: 'm.jurisdiction_path',
  childJurisdictionPath: 'm.child_jurisdiction_path',
};
const matchRecord = (m: KinshipMatchEntity) =>
  record('KinshipMatch', {
    jurisdictionPath: m.jurisdictionPath,
    childJurisdictionPath: m.childJurisdictionPath,
  });

const shares = (g: readonly string[], a: string) => g.includes(a);

/** Kinship matches and their two-person review (issue 4 §6). */
@Injectable()
export class MatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: DnaSearchService,
    private readonly effects: MatchConfirmationEffects,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    access: AccessContext,
    query: MatchQueryDto,
  ): Promise<Page<MatchDto>> {
    // Profiles committed on another replica (or by the demo seed) are searched before the queue is shown.
    await this.search.processPendingSafely();
    const scope = scopeCondition(
      access.ability,
      'read',
      'KinshipMatch',
      MATCH_SCOPE_COLUMNS,
    );
    const qb = this.dataSource
      .getRepository(KinshipMatchEntity)
      .createQueryBuilder('m')
      .where(scope.sql, scope.params);
    if (query.status)
      qb.andWhere('m.status = :status', { status: query.status });
    if (query.conclusion)
      qb.andWhere('m.conclusion = :conclusion', {
        conclusion: query.conclusion,
      });
    if (query.caseId)
      qb.andWhere('m.case_id = :caseId', { caseId: query.caseId });
    if (query.sampleId) {
      qb.andWhere(
        '(m.child_sample_id = :sid OR m.reference_sample_id = :sid OR m.second_reference_sample_id = :sid)',
        { sid: query.sampleId },
      );
    }
    const [rows, total] = await qb
      .orderBy(
        `CASE m.status WHEN 'proposed' THEN 0 WHEN 'candidate' THEN 1 ELSE 2 END`,
      )
      .addOrderBy('m.log10_lr', 'DESC', 'NULLS LAST')
      .addOrderBy('m.created_at', 'DESC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(await this.mapAll(rows), total, query);
  }

  async get(access: AccessContext, id: string): Promise<MatchDetailDto> {
    const match = await this.loadInScope(access, 'read', id);
    const [dto] = await this.mapAll([match]);
    const sampleIds = [
      match.childSampleId,
      match.referenceSampleId,
      match.secondReferenceSampleId,
    ].filter((x): x is string => !!x);
    const profiles = await this.dataSource
      .getRepository(DnaProfileEntity)
      .find({ where: { sampleId: In(sampleIds) } });
    const lociOf = (sampleId: string | null) =>
      sampleId
        ? (profiles.find((p) => p.sampleId === sampleId)?.loci ?? {})
        : {};
    const child = lociOf(match.childSampleId);
    const reference = lociOf(match.referenceSampleId);
    const second = lociOf(match.secondReferenceSampleId);
    const samples = await this.dataSource
      .getRepository(DnaSampleEntity)
      .find({ where: { id: In(sampleIds) } });
    // Raw alleles only for those who may read every profile involved (lab technicians in scope).
    const allelesShown = samples.every((s) =>
      access.ability.can(
        'read',
        record('DnaProfile', { jurisdictionPath: s.jurisdictionPath }),
      ),
    );
    const loci: MatchLocusDto[] = Object.keys(match.perLocus)
      .sort()
      .map((locus) => {
        const c = child[locus];
        const r = reference[locus];
        const f = second[locus];
        let inconsistent = false;
        if (c && r && match.relationship === 'parent_child')
          inconsistent = !c.some((a) => shares(r, a));
        if (c && r && f && match.relationship === 'trio_both') {
          inconsistent = !(
            (shares(f, c[0]) && shares(r, c[1])) ||
            (shares(f, c[1]) && shares(r, c[0]))
          );
        }
        const entry: MatchLocusDto = {
          locus,
          lr: match.perLocus[locus],
          inconsistent,
        };
        if (allelesShown) {
          entry.child = c ?? null;
          entry.reference = r ?? null;
          if (match.secondReferenceSampleId) entry.secondReference = f ?? null;
        }
        return entry;
      });
    await this.audit.record(access, {
      action: 'dna.match.read',
      entityType: 'KinshipMatch',
      entityId: id,
      jurisdictionPath: match.jurisdictionPath,
      details: { allelesShown },
    });
    return { ...dto, allelesShown, loci };
  }

  async propose(
    access: AccessContext,
    id: string,
    dto: ProposeMatchDto,
  ): Promise<MatchDto> {
    await this.loadInScope(access, 'propose', id);
    await this.transition(access, id, 'candidate', 'proposed', (m) => {
      m.proposedBy = access.actor.id;
      m.proposedAt = this.clock.now();
      m.proposalNote = dto.note ?? null;
    });
    return this.getSummary(id);
  }

  async confirm(
    access: AccessContext,
    id: string,
    dto: ConfirmMatchDto,
  ): Promise<MatchDto> {
    await this.loadInScope(access, 'confirm', id);
    await this.transition(
      access,
      id,
      'proposed',
      'confirmed',
      (m) => {
        this.requireSecondPerson(access, m, 'confirm');
        m.decidedBy = access.actor.id;
        m.decidedAt = this.clock.now();
        m.decisionReason = dto.note ?? null;
      },
      true,
    );
    return this.getSummary(id);
  }

  async reject(
    access: AccessContext,
    id: string,
    dto: RejectMatchDto,
  ): Promise<MatchDto> {
    await this.loadInScope(access, 'confirm', id);
    await this.transition(access, id, 'proposed', 'rejected', (m) => {
      this.requireSecondPerson(access, m, 'reject');
      m.decidedBy = access.actor.id;
      m.decidedAt = this.clock.now();
      m.decisionReason = dto.reason;
    });
    return this.getSummary(id);
  }

  private requireSecondPerson(
    access: AccessContext,
    m: KinshipMatchEntity,
    verb: string,
  ): void {
    if (m.proposedBy === access.actor.id) {
      throw new Problem(
        HttpStatus.FORBIDDEN,
        `You proposed this match, so you cannot ${verb} it: a second person must decide (two-person rule).`,
        {
          code: 'DNA_TWO_PERSON_RULE',
        },
      );
    }
  }

  private async transition(
    access: AccessContext,
    id: string,
    from: MatchStatus,
    to: MatchStatus,
    apply: (m: KinshipMatchEntity) => void,
    confirmed = false,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const m = (await manager.findOne(KinshipMatchEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      })) as KinshipMatchEntity;
      if (m.status !== from) {
        throw new Problem(
          HttpStatus.CONFLICT,
          `The match is ${m.status}; only a ${from} match can become ${to}.`,
          { code: 'DNA_MATCH_INVALID_TRANSITION', currentStatus: m.status },
        );
      }
      apply(m);
      m.status = to;
      await manager.save(m);
      await this.audit.record(
        access,
        {
          action: `dna.match.${to === 'proposed' ? 'propose' : to === 'confirmed' ? 'confirm' : 'reject'}`,
          entityType: 'KinshipMatch',
          entityId: id,
          jurisdictionPath: m.jurisdictionPath,
          details: {
            from,
            to,
            caseId: m.caseId,
            relationship: m.relationship,
            log10Lr: m.log10Lr,
            reason: m.decisionReason,
          },
        },
        manager,
      );
      if (confirmed) await this.effects.onConfirmed(access, m, manager);
    });
  }

  private async getSummary(id: string): Promise<MatchDto> {
    const m = (await this.dataSource
      .getRepository(KinshipMatchEntity)
      .findOneBy({ id })) as KinshipMatchEntity;
    return (await this.mapAll([m]))[0];
  }

  private async loadInScope(
    access: AccessContext,
    action: 'read' | 'propose' | 'confirm',
    id: string,
  ): Promise<KinshipMatchEntity> {
    const m = await this.dataSource
      .getRepository(KinshipMatchEntity)
      .findOneBy({ id });
    if (!m || !access.ability.can('read', matchRecord(m)))
      throw new RecordNotFound('kinship match');
    if (!access.ability.can(action, matchRecord(m))) {
      throw new Problem(
        HttpStatus.FORBIDDEN,
        `Your role may not ${action} this match.`,
        { code: 'FORBIDDEN' },
      );
    }
    return m;
  }

  private async mapAll(rows: KinshipMatchEntity[]): Promise<MatchDto[]> {
    const ids = [
      ...new Set(
        rows
          .flatMap((m) => [
            m.childSampleId,
            m.referenceSampleId,
            m.secondReferenceSampleId,
          ])
          .filter((x): x is string => !!x),
      ),
    ];
    const samples = ids.length
      ? await this.dataSource
          .getRepository(DnaSampleEntity)
          .find({ where: { id: In(ids) } })
      : [];
    const byId = new Map(samples.map((s) => [s.id, s]));
    const caseIds = [
      ...new Set(rows.map((m) => m.caseId).filter((x): x is string => !!x)),
    ];
    const caseNumbers = new Map<string, string>();
    if (caseIds.length) {
      const present: { p: boolean }[] = await this.dataSource.query(
        `SELECT to_regclass('public.cases') IS NOT NULL AS p`,
      );
      if (present[0]?.p) {
        const found: { id: string; case_number: string }[] =
          await this.dataSource.query(
            `SELECT id, case_number FROM cases WHERE id = ANY($1::uuid[])`,
            [caseIds],
          );
        found.forEach((c) => caseNumbers.set(c.id, c.case_number));
      }
    }
    const ref = (id: string | null) => {
      if (!id) return null;
      const s = byId.get(id);
      return {
        id,
        barcode: s?.barcode ?? '',
        donorRelationship: s?.donorRelationship ?? null,
      };
    };
    return rows.map((m) => ({
      id: m.id,
      status: m.status,
      relationship: m.relationship,
      log10Lr: m.log10Lr,
      log10LrByRelationship: m.log10LrByRelationship,
      inconsistentLoci: m.inconsistentLoci,
      lociCompared: m.lociCompared,
      conclusion: m.conclusion,
      child: ref(m.childSampleId) as NonNullable<ReturnType<typeof ref>>,
      reference: ref(m.referenceSampleId) as NonNullable<
        ReturnType<typeof ref>
      >,
      secondReference: ref(m.secondReferenceSampleId),
      caseId: m.caseId,
      caseNumber: m.caseId ? (caseNumbers.get(m.caseId) ?? null) : null,
      frequencyTableId: m.frequencyTableId,
      frequencyTableVersion: m.frequencyTableVersion,
      model: m.model as MatchDto['model'],
      proposedBy: m.proposedBy,
      proposedAt: m.proposedAt?.toISOString() ?? null,
      proposalNote: m.proposalNote,
      decidedBy: m.decidedBy,
      decidedAt: m.decidedAt?.toISOString() ?? null,
      decisionReason: m.decisionReason,
      createdAt: m.createdAt.toISOString(),
      version: m.version,
    }));
  }
}
