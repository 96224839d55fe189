import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import { scopeCondition } from '../access/scope-query';
import { AuditService } from '../audit/audit.service';
import { CaseEntity } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { toPage } from '../common/pagination';
import { Problem, RecordNotFound } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RescuedChildEntity } from '../rescues/rescued-child.entity';
import { addDays, DUE_WINDOW_DAYS, followUpSchedule, followUpState, localToday } from './follow-up-schedule';
import { ReunionEntity, ReunionFollowUpEntity } from './reunion.entity';
import type {
  CreateReunionDto,
  EvidenceListDto,
  EvidenceQueryDto,
  FollowUpDto,
  FollowUpPageDto,
  FollowUpQueryDto,
  RecordFollowUpDto,
  ReunionDto,
  ReunionPageDto,
  ReunionQueryDto,
  ReunionSummaryDto,
  RiskFlag,
  SignOffReunionDto,
} from './reunions.dto';

const REUNION_SCOPE_COLUMNS = { jurisdictionPath: 'r.jurisdiction_path', organisationId: 'r.organisation_id' };

/** A reunion's place in the access rules: the file's jurisdiction and the NGO caring for the child. */
export function reunionRecord(r: { jurisdictionPath: string; organisationId: string | null }) {
  return record('Reunion', { jurisdictionPath: r.jurisdictionPath, organisationId: r.organisationId });
}

/** The NGO a rescued child is placed with, whose caseworkers follow the family up. */
function ngoOf(child: RescuedChildEntity | null): string | null {
  return child?.placementKind === 'ngo' ? child.placementOrganisationId : null;
}

const unprocessable = (code: string, field: string, detail: string, message = detail) =>
  new Problem(HttpStatus.UNPROCESSABLE_ENTITY, detail, { code, errors: [{ field, message }] });

interface SummaryRow {
  id: string;
  case_id: string;
  case_number: string;
  child_name: string;
  rescued_child_id: string | null;
  reunited_on: string;
  place: string;
  evidence_kind: ReunionSummaryDto['evidenceKind'];
  verification_status: ReunionSummaryDto['status'];
  organisation_name: string | null;
  logged_by: string;
  logged_by_name: string;
  overdue: string;
  created_at: Date;
}

@Injectable()
export class ReunionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---------------------------------------------------------------- reading

  async list(access: AccessContext, query: ReunionQueryDto): Promise<ReunionPageDto> {
    const today = localToday(this.clock.now());
    const qb = this.summaryQuery(access, today);
    if (query.status) qb.andWhere('r.verification_status = :status', { status: query.status });
    if (query.caseId) qb.andWhere('r.case_id = :caseId', { caseId: query.caseId });
    if (query.rescuedChildId) qb.andWhere('r.rescued_child_id = :rescuedChildId', { rescuedChildId: query.rescuedChildId });
    const [rows, total] = await Promise.all([
      qb.clone().orderBy(`r.verification_status = 'pending_sign_off'`, 'DESC').addOrderBy('r.reunited_on', 'DESC').addOrderBy('r.id').offset(query.offset).limit(query.pageSize).getRawMany<SummaryRow>(),
      qb.clone().getCount(),
    ]);
    return toPage(rows.map(toSummary), total, query);
  }

  /** One reunion with its evidence, family present and follow-ups; each read is audited. */
  async get(access: AccessContext, id: string): Promise<ReunionDto> {
    const r = await this.loadInScope(access, 'read', id);
    await this.audit.record(access, { action: 'reunion.read', entityType: 'Reunion', entityId: r.id, jurisdictionPath: r.jurisdictionPath, details: { caseId: r.caseId } });
    return this.toDto(access, r);
  }

  /**
   * Confirmed DNA matches that can serve as a reunion's evidence for a file or a rescued child: the
   * match, the file's number and the date it was confirmed — no likelihood ratios, no alleles, so NGO
   * caseworkers may use it.
   */
  async evidence(access: AccessContext, query: EvidenceQueryDto): Promise<EvidenceListDto> {
    if (!query.caseId && !query.rescuedChildId) {
      throw unprocessable('EVIDENCE_QUERY_EMPTY', 'caseId', 'Give a file (caseId) or a rescued child (rescuedChildId) to look for confirmed DNA matches.');
    }
    const manager = this.dataSource.manager;
    let jurisdictionPath: string | null = null;
    if (query.rescuedChildId) {
      const child = await manager.findOne(RescuedChildEntity, { where: { id: query.rescuedChildId } });
      if (!child || !this.mayLogFor(access, child.jurisdictionPath, child)) throw new RecordNotFound('rescued child');
      jurisdictionPath = child.jurisdictionPath;
    }
    if (query.caseId) {
      const file = await manager.findOne(CaseEntity, { where: { id: query.caseId } });
      const children = file ? await manager.find(RescuedChildEntity, { where: { caseId: file.id } }) : [];
      if (!file || file.deletedAt || ![null, ...children].some((child) => this.mayLogFor(access, file.jurisdictionPath, child))) {
        throw new RecordNotFound('case');
      }
      jurisdictionPath = file.jurisdictionPath;
    }
    const rows: { id: string; case_id: string; case_number: string; decided_at: Date; used: boolean }[] = await manager.query(
      `SELECT m.id, m.case_id, c.case_number, m.decided_at,
              EXISTS (SELECT 1 FROM reunions r WHERE r.dna_match_id = m.id AND r.verification_status <> 'rejected') AS used
         FROM kinship_matches m
         JOIN cases c ON c.id = m.case_id AND c.deleted_at IS NULL
         JOIN dna_samples s ON s.id = m.child_sample_id
        WHERE m.status = 'confirmed'
          AND ($1::uuid IS NULL OR m.case_id = $1)
          AND ($2::uuid IS NULL OR s.rescued_child_id = $2)
        ORDER BY m.decided_at DESC`,
      [query.caseId ?? null, query.rescuedChildId ?? null],
    );
    await this.audit.record(access, {
      action: 'reunion.evidence_lookup',
      entityType: query.caseId ? 'Case' : 'RescuedChild',
      entityId: query.caseId ?? query.rescuedChildId,
      jurisdictionPath,
      details: { caseId: query.caseId ?? null, rescuedChildId: query.rescuedChildId ?? null, matches: rows.length },
    });
    return {
      items: rows.map((m) => ({ matchId: m.id, caseId: m.case_id, caseNumber: m.case_number, confirmedAt: new Date(m.decided_at).toISOString(), used: m.used })),
    };
  }

  /** Follow-ups of the reunions in scope: overdue (date passed, not visited), due within 30 days, or done. */
  async followUps(access: AccessContext, query: FollowUpQueryDto): Promise<FollowUpPageDto> {
    const today = localToday(this.clock.now());
    const scope = scopeCondition(access.ability, 'read', 'Reunion', REUNION_SCOPE_COLUMNS);
    const qb = this.dataSource
      .getRepository(ReunionFollowUpEntity)
      .createQueryBuilder('f')
      .innerJoin('reunions', 'r', 'r.id = f.reunion_id')
      .innerJoin('cases', 'c', 'c.id = r.case_id')
      .where(scope.sql, scope.params)
      .andWhere(`r.verification_status = 'verified'`);
    switch (query.status) {
      case 'overdue':
        qb.andWhere('f.visited_on IS NULL AND f.due_on < :today', { today });
        break;
      case 'due':
        qb.andWhere('f.visited_on IS NULL AND f.due_on >= :today AND f.due_on <= :horizon', { today, horizon: addDays(today, DUE_WINDOW_DAYS) });
        break;
      case 'upcoming':
        qb.andWhere('f.visited_on IS NULL AND f.due_on > :horizon', { horizon: addDays(today, DUE_WINDOW_DAYS) });
        break;
      case 'done':
        qb.andWhere('f.visited_on IS NOT NULL');
        break;
      default:
        break;
    }
    const [rows, total] = await Promise.all([
      qb
        .clone()
        .select([
          'f.id AS id',
          'f.reunion_id AS reunion_id',
          'f.months_after AS months_after',
          `to_char(f.due_on, 'YYYY-MM-DD') AS due_on`,
          `to_char(f.visited_on, 'YYYY-MM-DD') AS visited_on`,
          'f.visitor AS visitor',
          'f.wellbeing AS wellbeing',
          'f.attending_school AS attending_school',
          'f.risk_flags AS risk_flags',
          'f.notes AS notes',
          'f.recorded_by AS recorded_by',
          'f.recorded_at AS recorded_at',
          'c.case_number AS case_number',
          'c.child_full_name AS child_name',
          'r.place AS place',
          `to_char(r.reunited_on, 'YYYY-MM-DD') AS reunited_on`,
        ])
        .orderBy(query.status === 'done' ? 'f.visited_on' : 'f.due_on', query.status === 'done' ? 'DESC' : 'ASC')
        .addOrderBy('f.id')
        .offset(query.offset)
        .limit(query.pageSize)
        .getRawMany(),
      qb.clone().getCount(),
    ]);
    const items = rows.map((row) => ({
      ...toFollowUpDto(rawFollowUp(row), today),
      caseNumber: row.case_number,
      childName: row.child_name,
      place: row.place,
      reunitedOn: row.reunited_on,
    }));
    return toPage(items, total, query);
  }

  // ---------------------------------------------------------------- writing

  /**
   * Logs a reunion. The verification gate: a confirmed DNA match of this file (and of this child's
   * sample) verifies it at once; another verification waits for a supervisor's sign-off; without
   * evidence nothing is written. Verified: the file moves to `reunited`, the child too, and the
   * follow-up visits are planned — all in one transaction.
   */
  async create(access: AccessContext, dto: CreateReunionDto): Promise<ReunionDto> {
    const evidence = dto.evidence;
    if (!evidence) {
      throw unprocessable(
        'REUNION_EVIDENCE_REQUIRED',
        'evidence',
        'A reunion is recorded only with evidence: choose the confirmed DNA match, or describe another verification for a supervisor to sign off.',
        'required',
      );
    }
    const matchId = evidence.kind === 'dna_match' ? (evidence.matchId ?? null) : null;
    const description = evidence.kind === 'other' ? evidence.description?.trim() || null : null;
    if (evidence.kind === 'dna_match' && !matchId) {
      throw unprocessable('REUNION_EVIDENCE_REQUIRED', 'evidence.matchId', 'Choose the confirmed DNA match that shows this is the family.', 'required for dna_match');
    }
    if (evidence.kind === 'other' && !description) {
      throw unprocessable('REUNION_EVIDENCE_REQUIRED', 'evidence.description', 'Describe how the family was verified (documents, photos, witnesses) so that a supervisor can sign it off.', 'required for other');
    }
    const today = localToday(this.clock.now());
    if (dto.reunitedOn > today) throw unprocessable('REUNION_DATE_IN_FUTURE', 'reunitedOn', `The reunion date cannot be in the future (today is ${today}).`, 'in the future');

    const id = await this.inTransaction(async (manager) => {
      const file = await manager.findOne(CaseEntity, { where: { id: dto.caseId }, lock: { mode: 'pessimistic_write' } });
      let rescuedChildId = dto.rescuedChildId ?? null;
      let matchChildId: string | null = null;
      if (matchId) {
        const match = await this.requireUsableMatch(manager, matchId, dto.caseId);
        matchChildId = match.rescuedChildId;
        if (rescuedChildId && matchChildId !== rescuedChildId) {
          throw unprocessable('REUNION_MATCH_OTHER_CHILD', 'evidence.matchId', 'This DNA match was made with another child’s sample, not the rescued child you chose.', 'another child');
        }
        rescuedChildId ??= matchChildId;
      }
      const child = rescuedChildId ? await manager.findOne(RescuedChildEntity, { where: { id: rescuedChildId }, lock: { mode: 'pessimistic_write' } }) : null;
      const organisationId = ngoOf(child);
      // Missing and out-of-scope look the same.
      if (!file || file.deletedAt || !access.ability.can('create', reunionRecord({ jurisdictionPath: file.jurisdictionPath, organisationId }))) {
        if (access.actor.role === 'ngo_caseworker' && !dto.rescuedChildId && !matchChildId) {
          throw unprocessable('REUNION_CHILD_REQUIRED', 'rescuedChildId', 'Choose the rescued child in your organisation’s care who is returning to this family.', 'required');
        }
        throw unprocessable('REUNION_CASE_NOT_FOUND', 'caseId', 'No file with this id exists, or you may not log a reunion for it.', 'not found');
      }
      if (rescuedChildId && (!child || (!this.mayLogFor(access, child.jurisdictionPath, child) && child.caseId !== file.id))) {
        throw unprocessable('REUNION_CHILD_NOT_FOUND', 'rescuedChildId', 'No rescued child with this id exists, or you may not log a reunion for them.', 'not found');
      }
      if (child?.caseId && child.caseId !== file.id) {
        throw unprocessable('REUNION_CHILD_OF_ANOTHER_FILE', 'rescuedChildId', 'This rescued child has been identified as the child of another file.', 'another file');
      }
      if (child?.status === 'reunited') throw new Problem(HttpStatus.CONFLICT, 'This rescued child has already been reunited with a family.', { code: 'REUNION_CHILD_ALREADY_REUNITED' });
      if (file.status === 'closed') {
        throw new Problem(HttpStatus.CONFLICT, `File ${file.caseNumber} is closed; a reunion cannot be logged on it.`, { code: 'CASE_INVALID_TRANSITION', from: 'closed', to: 'reunited' });
      }
      await this.requireNoOpenReunion(manager, file);
      const now = this.clock.now();
      const saved = await manager.save(
        manager.create(ReunionEntity, {
          caseId: file.id,
          rescuedChildId,
          reunitedOn: dto.reunitedOn,
          place: dto.place.trim(),
          familyPresent: dto.familyPresent.map((m) => ({ name: m.name.trim(), relationship: m.relationship.trim() })),
          evidenceKind: evidence.kind,
          dnaMatchId: matchId,
          otherVerification: description,
          verificationStatus: matchId ? 'verified' : 'pending_sign_off',
          organisationId,
          jurisdictionPath: file.jurisdictionPath,
          loggedBy: access.actor.id,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.audit.record(
        access,
        {
          action: 'reunion.create',
          entityType: 'Reunion',
          entityId: saved.id,
          jurisdictionPath: saved.jurisdictionPath,
          details: { caseId: file.id, rescuedChildId, evidenceKind: evidence.kind, matchId: saved.dnaMatchId, status: saved.verificationStatus },
        },
        manager,
      );
      if (saved.verificationStatus === 'verified') await this.applyVerification(access, saved, manager);
      return saved.id;
    });
    return this.toDto(access, await this.reload(id));
  }

  /** A supervisor — not the person who logged it — verifies or rejects a reunion without DNA evidence. */
  async signOff(access: AccessContext, id: string, dto: SignOffReunionDto): Promise<ReunionDto> {
    const note = dto.note?.trim() || null;
    if (dto.decision === 'reject' && !note) {
      throw unprocessable('SIGN_OFF_REASON_REQUIRED', 'note', 'Say why the reunion is rejected, so that the caseworker knows what to verify.', 'required when rejecting');
    }
    await this.inTransaction(async (manager) => {
      const r = await manager.findOne(ReunionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r || !access.ability.can('verify', reunionRecord(r))) throw new RecordNotFound('reunion');
      if (r.verificationStatus !== 'pending_sign_off') {
        throw new Problem(HttpStatus.CONFLICT, `This reunion is already ${r.verificationStatus === 'verified' ? 'verified' : 'rejected'}; only a reunion awaiting sign-off can be decided.`, {
          code: 'REUNION_NOT_PENDING',
          currentStatus: r.verificationStatus,
        });
      }
      if (r.loggedBy === access.actor.id) {
        throw new Problem(HttpStatus.FORBIDDEN, 'You logged this reunion, so you cannot sign it off: another supervisor must check the evidence (two-person rule).', {
          code: 'REUNION_TWO_PERSON_RULE',
        });
      }
      const now = this.clock.now();
      r.verificationStatus = dto.decision === 'verify' ? 'verified' : 'rejected';
      r.signedOffBy = access.actor.id;
      r.signedOffAt = now;
      r.signOffNote = note;
      r.updatedAt = now;
      await manager.save(r);
      await this.audit.record(
        access,
        { action: 'reunion.sign_off', entityType: 'Reunion', entityId: r.id, jurisdictionPath: r.jurisdictionPath, details: { decision: dto.decision, note, caseId: r.caseId } },
        manager,
      );
      if (r.verificationStatus === 'verified') await this.applyVerification(access, r, manager);
    });
    return this.toDto(access, await this.reload(id));
  }

  /** Records (or corrects) what a follow-up visit found. */
  async recordFollowUp(access: AccessContext, id: string, followUpId: string, dto: RecordFollowUpDto): Promise<FollowUpDto> {
    const today = localToday(this.clock.now());
    const saved = await this.inTransaction(async (manager) => {
      const r = await manager.findOne(ReunionEntity, { where: { id } });
      if (!r || !access.ability.can('update', reunionRecord(r))) throw new RecordNotFound('reunion');
      const f = await manager.findOne(ReunionFollowUpEntity, { where: { id: followUpId, reunionId: r.id }, lock: { mode: 'pessimistic_write' } });
      if (!f) throw new RecordNotFound('follow-up of this reunion');
      if (dto.visitedOn > today) throw unprocessable('FOLLOW_UP_DATE_IN_FUTURE', 'visitedOn', `The visit date cannot be in the future (today is ${today}).`, 'in the future');
      if (dto.visitedOn < r.reunitedOn) {
        throw unprocessable('FOLLOW_UP_BEFORE_REUNION', 'visitedOn', `The visit cannot be before the reunion (${r.reunitedOn}).`, 'before the reunion');
      }
      const corrected = f.visitedOn !== null;
      f.visitedOn = dto.visitedOn;
      f.visitor = dto.visitor.trim();
      f.wellbeing = dto.wellbeing;
      f.attendingSchool = dto.attendingSchool ?? null;
      f.riskFlags = [...new Set(dto.riskFlags ?? [])];
      f.notes = dto.notes?.trim() || null;
      f.recordedBy = access.actor.id;
      f.recordedAt = this.clock.now();
      await manager.save(f);
      await this.audit.record(
        access,
        {
          action: 'reunion.follow_up',
          entityType: 'Reunion',
          entityId: r.id,
          jurisdictionPath: r.jurisdictionPath,
          details: { followUpId: f.id, monthsAfter: f.monthsAfter, visitedOn: f.visitedOn, wellbeing: f.wellbeing, riskFlags: f.riskFlags, corrected },
        },
        manager,
      );
      return f;
    });
    return toFollowUpDto(saved, today);
  }

  // ---------------------------------------------------------------- internals

  /** What a verified reunion does: the file and the child are reunited, the follow-ups planned. */
  private async applyVerification(access: AccessContext, r: ReunionEntity, manager: EntityManager): Promise<void> {
    const details = { reunionId: r.id, reunitedOn: r.reunitedOn, place: r.place, evidenceKind: r.evidenceKind, matchId: r.dnaMatchId };
    await this.cases.advanceStatus(r.caseId, 'reunited', access, manager, { type: 'reunited', details });
    await this.cases.appendEvent(r.caseId, 'reunion_verified', access, details, manager);
    if (r.rescuedChildId) {
      await manager
        .createQueryBuilder()
        .update(RescuedChildEntity)
        .set({ status: 'reunited', caseId: () => `COALESCE(case_id, '${r.caseId}'::uuid)`, updatedAt: this.clock.now(), version: () => 'version + 1' })
        .where('id = :id', { id: r.rescuedChildId })
        .execute();
    }
    const schedule = followUpSchedule(r.reunitedOn, this.config.reunionFollowUpMonths);
    await manager.insert(
      ReunionFollowUpEntity,
      schedule.map((s) => ({ reunionId: r.id, monthsAfter: s.monthsAfter, dueOn: s.dueOn })),
    );
  }

  /** A confirmed match of this file, not yet the evidence of another reunion; the rescued child its sample came from. */
  private async requireUsableMatch(manager: EntityManager, matchId: string, caseId: string): Promise<{ rescuedChildId: string | null }> {
    const [m]: { status: string; case_id: string | null; rescued_child_id: string | null }[] = await manager.query(
      `SELECT m.status, m.case_id, s.rescued_child_id FROM kinship_matches m JOIN dna_samples s ON s.id = m.child_sample_id WHERE m.id = $1`,
      [matchId],
    );
    if (!m || m.case_id !== caseId) {
      throw unprocessable('REUNION_MATCH_OTHER_FILE', 'evidence.matchId', 'This DNA match does not belong to this file: choose a confirmed match of the file you are reuniting.', 'not a match of this file');
    }
    if (m.status !== 'confirmed') {
      throw unprocessable(
        'REUNION_MATCH_NOT_CONFIRMED',
        'evidence.matchId',
        `This DNA match is ${m.status}, not confirmed: a supervisor must confirm it before it can verify a reunion, or use another verification.`,
        'not confirmed',
      );
    }
    return { rescuedChildId: m.rescued_child_id };
  }

  private async requireNoOpenReunion(manager: EntityManager, file: CaseEntity): Promise<void> {
    const open = await manager.findOne(ReunionEntity, { where: { caseId: file.id, verificationStatus: 'verified' } })
      ?? (await manager.findOne(ReunionEntity, { where: { caseId: file.id, verificationStatus: 'pending_sign_off' } }));
    if (open) {
      throw new Problem(
        HttpStatus.CONFLICT,
        `File ${file.caseNumber} already has a reunion ${open.verificationStatus === 'verified' ? 'recorded' : 'awaiting sign-off'}.`,
        { code: 'REUNION_EXISTS', reunionId: open.id },
      );
    }
  }

  /** Whether the caller could log a reunion for a record in this place, cared for by this child's NGO. */
  private mayLogFor(access: AccessContext, jurisdictionPath: string, child: RescuedChildEntity | null): boolean {
    return access.ability.can('create', reunionRecord({ jurisdictionPath, organisationId: ngoOf(child) }));
  }

  /** Runs a change; a race on "one reunion per file" becomes the same 409 as the check before it. */
  private async inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string })?.constraint === 'reunions_one_per_case') {
        throw new Problem(HttpStatus.CONFLICT, 'This file already has a reunion recorded or awaiting sign-off.', { code: 'REUNION_EXISTS' });
      }
      throw error;
    }
  }

  private async loadInScope(access: AccessContext, action: 'read' | 'update', id: string): Promise<ReunionEntity> {
    const r = await this.dataSource.manager.findOne(ReunionEntity, { where: { id } });
    if (!r || !access.ability.can(action, reunionRecord(r))) throw new RecordNotFound('reunion');
    return r;
  }

  private async reload(id: string): Promise<ReunionEntity> {
    const r = await this.dataSource.manager.findOne(ReunionEntity, { where: { id } });
    if (!r) throw new RecordNotFound('reunion');
    return r;
  }

  private summaryQuery(access: AccessContext, today: string): SelectQueryBuilder<ReunionEntity> {
    const scope = scopeCondition(access.ability, 'read', 'Reunion', REUNION_SCOPE_COLUMNS);
    return this.dataSource
      .getRepository(ReunionEntity)
      .createQueryBuilder('r')
      .select([
        'r.id AS id',
        'r.case_id AS case_id',
        'c.case_number AS case_number',
        'c.child_full_name AS child_name',
        'r.rescued_child_id AS rescued_child_id',
        `to_char(r.reunited_on, 'YYYY-MM-DD') AS reunited_on`,
        'r.place AS place',
        'r.evidence_kind AS evidence_kind',
        'r.verification_status AS verification_status',
        'o.name AS organisation_name',
        'r.logged_by AS logged_by',
        'u.display_name AS logged_by_name',
        'r.created_at AS created_at',
      ])
      .addSelect('(SELECT count(*) FROM reunion_follow_ups f WHERE f.reunion_id = r.id AND f.visited_on IS NULL AND f.due_on < :today)', 'overdue')
      .setParameter('today', today)
      .innerJoin('cases', 'c', 'c.id = r.case_id')
      .leftJoin('organisations', 'o', 'o.id = r.organisation_id')
      .innerJoin('users', 'u', 'u.id = r.logged_by')
      .where(scope.sql, scope.params);
  }

  private async toDto(access: AccessContext, r: ReunionEntity): Promise<ReunionDto> {
    const today = localToday(this.clock.now());
    const [summary] = await this.summaryQuery(access, today).andWhere('r.id = :id', { id: r.id }).getRawMany<SummaryRow>();
    if (!summary) throw new RecordNotFound('reunion');
    const followUps = await this.dataSource.manager.find(ReunionFollowUpEntity, { where: { reunionId: r.id }, order: { monthsAfter: 'ASC' } });
    const [extra]: { confirmed_at: Date | null; signer: string | null }[] = await this.dataSource.query(
      `SELECT (SELECT decided_at FROM kinship_matches WHERE id = $1) AS confirmed_at,
              (SELECT display_name FROM users WHERE id = $2) AS signer`,
      [r.dnaMatchId, r.signedOffBy],
    );
    return {
      ...toSummary(summary),
      familyPresent: r.familyPresent,
      evidence: {
        kind: r.evidenceKind,
        matchId: r.dnaMatchId,
        confirmedAt: extra.confirmed_at ? new Date(extra.confirmed_at).toISOString() : null,
        description: r.otherVerification,
      },
      signedOffBy: r.signedOffBy ? { id: r.signedOffBy, displayName: extra.signer ?? '' } : null,
      signedOffAt: r.signedOffAt?.toISOString() ?? null,
      signOffNote: r.signOffNote,
      followUps: followUps.map((f) => toFollowUpDto(f, today)),
      canSignOff: r.verificationStatus === 'pending_sign_off' && r.loggedBy !== access.actor.id && access.ability.can('verify', reunionRecord(r)),
      version: r.version,
    };
  }
}

function toSummary(row: SummaryRow): ReunionSummaryDto {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    childName: row.child_name,
    rescuedChildId: row.rescued_child_id,
    reunitedOn: row.reunited_on,
    place: row.place,
    evidenceKind: row.evidence_kind,
    status: row.verification_status,
    organisationName: row.organisation_name,
    loggedBy: { id: row.logged_by, displayName: row.logged_by_name },
    overdueFollowUps: Number(row.overdue),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A raw `reunion_follow_ups` row (from a joined query, dates as text) in the entity's shape. */
function rawFollowUp(row: Record<string, unknown>): ReunionFollowUpEntity {
  return {
    id: row.id as string,
    reunionId: row.reunion_id as string,
    monthsAfter: row.months_after as number,
    dueOn: row.due_on as string,
    visitedOn: row.visited_on as string | null,
    visitor: row.visitor as string | null,
    wellbeing: row.wellbeing as ReunionFollowUpEntity['wellbeing'],
    attendingSchool: row.attending_school as boolean | null,
    riskFlags: row.risk_flags as string[],
    notes: row.notes as string | null,
    recordedBy: row.recorded_by as string | null,
    recordedAt: row.recorded_at as Date | null,
  };
}

function toFollowUpDto(f: ReunionFollowUpEntity, today: string): FollowUpDto {
  return {
    id: f.id,
    reunionId: f.reunionId,
    monthsAfter: f.monthsAfter,
    dueOn: f.dueOn,
    state: followUpState(f, today),
    visitedOn: f.visitedOn,
    visitor: f.visitor,
    wellbeing: f.wellbeing,
    attendingSchool: f.attendingSchool,
    riskFlags: f.riskFlags as RiskFlag[],
    notes: f.notes,
    recordedAt: f.recordedAt ? new Date(f.recordedAt).toISOString() : null,
  };
}
