import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext, SystemContext } from '../access/actor';
import type { AppAbility } from '../access/permissions';
import { scopeCondition } from '../access/scope-query';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { toPage } from '../common/pagination';
import { Problem, RecordNotFound } from '../common/problem';
import { jurisdictionRef } from '../jurisdictions/jurisdictions.dto';
import { isWithin, JurisdictionsService } from '../jurisdictions/jurisdictions.service';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UserEntity } from '../users/user.entity';
import { allowedTransitions, type CaseAdvanceEvent, CASE_EVENT_TARGETS, decideAdvance, isFinal, milestonesReached } from './case-status';
import { CaseEntity, CaseEventEntity, type CasePriority, type CaseStatus, type ChildSex } from './case.entity';
import {
  type AssignCaseDto,
  type CaseDto,
  type CasePageDto,
  type CaseQueryDto,
  type CaseSortField,
  type CaseSummaryDto,
  type CaseTimelineDto,
  type CaseTimelineEntryDto,
  type CaseView,
  type ChangeCaseStatusDto,
  type CreateCaseDto,
  type ShareCaseDto,
  type UpdateCaseDto,
} from './cases.dto';
import { caseNumberPrefix, compact, escapeLike, fullPinyin, hasHan, nameSearchColumns, nearKeys, type SearchPass, searchPasses } from './search-text';

export const CASE_SCOPE_COLUMNS = {
  id: 'c.id',
  jurisdictionPath: 'c.jurisdiction_path',
  sharedWithOrganisationId: 'c.shared_with_organisation_id',
  sharedUntil: 'c.shared_until',
};

const SORT_COLUMNS: Record<CaseSortField, string> = {
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  lastSeenAt: 'c.last_seen_at',
  caseNumber: 'c.case_number',
  childName: 'c.child_full_name',
  // Older child = earlier birth date.
  age: 'c.child_birth_date_estimate',
  priority: `CASE c.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END`,
  status: `CASE c.status WHEN 'open' THEN 0 WHEN 'sighted' THEN 1 WHEN 'located' THEN 2 WHEN 'rescued' THEN 3 WHEN 'reunited' THEN 4 ELSE 5 END`,
};

/**
 * What a list row shows and the access rules look at: not the reporter, family contacts or
 * circumstances (never shown in a list). The jurisdiction and officer are joined to the page's rows.
 */
const PAGE_COLUMNS: Record<string, string> = {
  id: 'c.id',
  case_number: 'c.case_number',
  child_full_name: 'c.child_full_name',
  child_sex: 'c.child_sex',
  birth_date: 'c.child_birth_date_estimate::text',
  status: 'c.status',
  priority: 'c.priority',
  last_seen_at: 'c.last_seen_at',
  last_seen_place: 'c.last_seen_place',
  last_seen_lat: 'c.last_seen_lat',
  last_seen_lng: 'c.last_seen_lng',
  created_at: 'c.created_at',
  version: 'c.version',
  jurisdiction_path: 'c.jurisdiction_path',
  shared_with_organisation_id: 'c.shared_with_organisation_id',
  shared_until: 'c.shared_until',
  jurisdiction_id: 'c.jurisdiction_id',
  assigned_officer_id: 'c.assigned_officer_id',
};

/** One row of the list statement: PAGE_COLUMNS, the joined names, and the window total. */
interface CaseListRow {
  id: string;
  case_number: string;
  child_full_name: string;
  child_sex: ChildSex;
  birth_date: string;
  status: CaseStatus;
  priority: CasePriority;
  last_seen_at: Date;
  last_seen_place: string;
  last_seen_lat: number | null;
  last_seen_lng: number | null;
  created_at: Date;
  version: number;
  jurisdiction_path: string;
  shared_with_organisation_id: string | null;
  shared_until: Date | null;
  assigned_officer_id: string | null;
  jurisdiction_code: string;
  jurisdiction_name: string;
  jurisdiction_name_en: string;
  officer_name: string | null;
  total: string;
}

type ListOrder = [expression: string, direction: 'ASC' | 'DESC'][];

/** One search pass over the list's filtered files, with the list's order. */
interface SearchedList {
  qb: SelectQueryBuilder<CaseEntity>;
  pass: SearchPass;
  order: ListOrder;
  /** Ordered by search relevance (no sort field chosen). */
  byRelevance: boolean;
}

interface PageStatement {
  sql: string;
  parameters: unknown[];
  /** The rows carry the total (`total`): no count needed while the page has rows. */
  withTotal: boolean;
}

/** One page of a pass and its total, or PostgreSQL's estimate of it for a broad search. */
interface ListPage {
  rows: CaseListRow[];
  total: number;
  totalIsEstimate: boolean;
}

/**
 * A search that PostgreSQL estimates to match more files than this is broad: ranking it reads every match
 * (a one-syllable given name matches some 20,000 of a county's 450,000 files: 350 ms and more), and officers
 * narrow such a search rather than read it. It is listed newest first instead, which the created-date
 * index serves a page at a time, with the estimate as its total. Near this figure both ways cost about
 * the same on a million files (ranking reads the matches; newest first reads files until a page of matches).
 */
export const BROAD_SEARCH_ESTIMATE = 2_000;

/** The passes that can match that many files: the near and similarity passes find names a typo or two away. */
const PASSES_THAT_CAN_BE_BROAD: readonly SearchPass[] = ['exact', 'substring'];

const NEWEST_FIRST: ListOrder = [
  ['c.created_at', 'DESC'],
  ['c.id', 'ASC'],
];

/**
 * The list's page as one statement, the jurisdiction and officer joined to the page's rows only.
 * Ranked by relevance, every match is read to be ranked anyway, so a window count gives the total in
 * the same pass; in an index order (newest first, a sort field) a window would read every match
 * instead of one page, so the total is left to a count. Takes over `list.qb`.
 */
function pageStatement({ qb, order, byRelevance }: SearchedList, query: CaseQueryDto): PageStatement {
  qb.select(byRelevance ? 'count(*) OVER ()' : 'NULL', 'total');
  for (const [alias, expression] of Object.entries(PAGE_COLUMNS)) qb.addSelect(expression, alias);
  // In parentheses: TypeORM would take a bare `c.id` for the entity property again and select it twice.
  order.forEach(([expression, direction], i) => qb.addSelect(`(${expression})`, `sort_${i}`).addOrderBy(`sort_${i}`, direction));
  const [inner, parameters] = qb.offset(query.offset).limit(query.pageSize).getQueryAndParameters();
  const sql = `SELECT p.*, j.code AS jurisdiction_code, j.name AS jurisdiction_name, j.name_en AS jurisdiction_name_en,
                      officer.display_name AS officer_name
                 FROM (${inner}) p
                 JOIN jurisdictions j ON j.id = p.jurisdiction_id
                 LEFT JOIN users officer ON officer.id = p.assigned_officer_id
                ORDER BY ${order.map(([, direction], i) => `p.sort_${i} ${direction}`).join(', ')}`;
  return { sql, parameters, withTotal: byRelevance };
}

/** Whether a pass could be broad: ranked by relevance in a pass that can match that many files. */
function mayBeBroad(list: SearchedList): boolean {
  return list.byRelevance && PASSES_THAT_CAN_BE_BROAD.includes(list.pass);
}

/** The planner's estimate of how many files a pass matches: EXPLAIN, from the table's statistics (nothing is read). */
function estimateStatement(list: SearchedList): { sql: string; parameters: unknown[] } {
  const [sql, parameters] = list.qb.clone().select('1').getQueryAndParameters();
  return { sql: `EXPLAIN (FORMAT JSON) ${sql}`, parameters };
}

/** The pass's query with the jurisdiction (j) and officer joined, in the list's order. Takes over `list.qb`. */
function withJoins({ qb, order }: SearchedList): SelectQueryBuilder<CaseEntity> {
  qb.leftJoin('c.jurisdiction', 'j').leftJoin('c.assignedOfficer', 'officer');
  for (const [expression, direction] of order) qb.addOrderBy(expression, direction);
  return qb;
}

const DAY_MS = 86_400_000;
const SHARE_MAX_DAYS = 366;

/** A file's place in the access rules: the fields that the Case rules' conditions look at. */
export function caseRecord(c: Pick<CaseEntity, 'id' | 'jurisdictionPath' | 'sharedWithOrganisationId' | 'sharedUntil'>) {
  return record('Case', {
    id: c.id,
    jurisdictionPath: c.jurisdictionPath,
    sharedWithOrganisationId: c.sharedWithOrganisationId,
    sharedUntil: c.sharedUntil ? c.sharedUntil.toISOString() : null,
  });
}

/** Which view of a file the abilities allow, or null for none. */
export function caseViewFor(ability: AppAbility, c: Parameters<typeof caseRecord>[0]): CaseView | null {
  const r = caseRecord(c);
  if (!ability.can('read', r)) return null;
  if (ability.can('read', r, 'reporter')) return 'full';
  if (ability.can('read', r, 'child')) return 'reduced';
  return 'minimal';
}

/** Whole years between a date of birth (YYYY-MM-DD) and now. */
export function ageInYears(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age--;
  return Math.max(0, age);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The date N whole years before `now` (for age filters). */
function yearsBefore(now: Date, years: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));
  return isoDate(d);
}

/** The list's filters (paging aside). */
export type CaseFilters = Omit<CaseQueryDto, 'page' | 'pageSize' | 'offset'>;

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- reading

  async list(access: AccessContext, query: CaseQueryDto): Promise<CasePageDto> {
    const filtered = await this.filtered(access, query);
    let page: ListPage = { rows: [], total: 0, totalIsEstimate: false };
    for (const pass of searchPasses(query.q)) {
      page = await this.page(this.searched(filtered, query, pass), query);
      if (page.total > 0) break;
    }
    const now = this.clock.now();
    const items = page.rows.map((row) => {
      const scope = { id: row.id, jurisdictionPath: row.jurisdiction_path, sharedWithOrganisationId: row.shared_with_organisation_id, sharedUntil: row.shared_until };
      return this.toSummary(row, caseViewFor(access.ability, scope) ?? 'minimal', now);
    });
    return { ...toPage(items, page.total, query), totalIsEstimate: page.totalIsEstimate };
  }

  /** The list's query with the search pass the list would show (so an export holds the rows the list shows). */
  async matchingListQuery(access: AccessContext, query: CaseFilters): Promise<SelectQueryBuilder<CaseEntity>> {
    const filtered = await this.filtered(access, query);
    const passes = searchPasses(query.q);
    for (const pass of passes.slice(0, -1)) {
      const qb = withJoins(this.searched(filtered, query, pass));
      if (await qb.clone().orderBy().limit(1).getExists()) return qb;
    }
    return withJoins(this.searched(filtered, query, passes[passes.length - 1]));
  }

  /**
   * One page and its total: from the page's own rows when they carry it, else from a count when the page
   * is full or past the end. A broad search (see BROAD_SEARCH_ESTIMATE) is read newest first instead of
   * ranked, and its total is the estimate unless its first page shows there are fewer.
   */
  private async page(list: SearchedList, query: CaseQueryDto): Promise<ListPage> {
    const { statement, estimate } = await this.planPage(list, query);
    const rows: CaseListRow[] = await this.dataSource.query(statement.sql, statement.parameters);
    if (query.offset === 0 && rows.length < query.pageSize) return { rows, total: rows.length, totalIsEstimate: false };
    if (estimate !== null) return { rows, total: Math.max(estimate, query.offset + rows.length), totalIsEstimate: true };
    if (statement.withTotal && rows.length > 0) return { rows, total: Number(rows[0].total), totalIsEstimate: false };
    return { rows, total: await list.qb.getCount(), totalIsEstimate: false };
  }

  /**
   * The statement of a pass's page, and PostgreSQL's estimate of its matches when the search is broad
   * (null otherwise), with the EXPLAIN that asked for it when the pass may be broad.
   */
  private async planPage(
    list: SearchedList,
    query: CaseQueryDto,
  ): Promise<{ statement: PageStatement; estimate: number | null; asked: { sql: string; parameters: unknown[] } | null }> {
    const asked = mayBeBroad(list) ? estimateStatement(list) : null;
    let estimate: number | null = null;
    if (asked) {
      const [{ 'QUERY PLAN': plan }]: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] = await this.dataSource.query(asked.sql, asked.parameters);
      const planned = Math.round(plan[0].Plan['Plan Rows']);
      if (planned > BROAD_SEARCH_ESTIMATE) estimate = planned;
    }
    const newestFirst = estimate === null ? {} : { order: NEWEST_FIRST, byRelevance: false };
    return { statement: pageStatement({ ...list, ...newestFirst, qb: list.qb.clone() }, query), estimate, asked };
  }

  /** The statements of one pass of the list's page, in the order `list` runs them (for the search benchmark). */
  async pageStatements(access: AccessContext, query: CaseQueryDto, pass: SearchPass): Promise<{ sql: string; parameters: unknown[] }[]> {
    const { asked, statement } = await this.planPage(this.searched(await this.filtered(access, query), query, pass), query);
    return asked ? [asked, statement] : [statement];
  }

  /** One search pass over the filtered files (a copy of them), and the list's order. */
  private searched(filtered: SelectQueryBuilder<CaseEntity>, query: CaseFilters, pass: SearchPass): SearchedList {
    const qb = filtered.clone();
    const relevance = query.q ? this.applySearch(qb, query.q, pass) : null;
    const order: ListOrder = [];
    if (query.sort) {
      const field = query.sort.replace(/^-/, '') as CaseSortField;
      order.push([SORT_COLUMNS[field], query.sort.startsWith('-') ? 'DESC' : 'ASC']);
    } else if (relevance) {
      order.push([relevance.expression, 'DESC']);
    } else {
      order.push(['c.created_at', 'DESC']);
    }
    order.push(['c.id', 'ASC']);
    return { qb, pass, order, byRelevance: !query.sort && relevance !== null };
  }

  /** The files in the caller's scope (in SQL) that pass the list's filters, before any search. */
  private async filtered(access: AccessContext, query: CaseFilters): Promise<SelectQueryBuilder<CaseEntity>> {
    const scope = scopeCondition(access.ability, 'read', 'Case', CASE_SCOPE_COLUMNS);
    const qb = this.dataSource.getRepository(CaseEntity).createQueryBuilder('c').where('c.deleted_at IS NULL').andWhere(scope.sql, scope.params);
    const now = this.clock.now();
    if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
    if (query.jurisdictionCode) {
      const j = await this.jurisdictions.requireCode(query.jurisdictionCode);
      qb.andWhere(`c.jurisdiction_path LIKE :jprefix`, { jprefix: `${escapeLike(j.path)}%` });
    }
    if (query.assignedOfficerId) qb.andWhere('c.assigned_officer_id = :officerId', { officerId: query.assignedOfficerId });
    if (query.sex) qb.andWhere('c.child_sex = :sex', { sex: query.sex });
    if (query.ageMin !== undefined && query.ageMax !== undefined && query.ageMin > query.ageMax) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'ageMin must not be greater than ageMax.', {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'ageMin', message: 'greater than ageMax' }],
      });
    }
    // Age ≥ n ⇔ born on or before today n years ago; age ≤ n ⇔ born after today n+1 years ago.
    if (query.ageMin !== undefined) qb.andWhere('c.child_birth_date_estimate <= :bornBy', { bornBy: yearsBefore(now, query.ageMin) });
    if (query.ageMax !== undefined) qb.andWhere('c.child_birth_date_estimate > :bornAfter', { bornAfter: yearsBefore(now, query.ageMax + 1) });
    if (query.lastSeenFrom) qb.andWhere('c.last_seen_at >= :lsFrom', { lsFrom: query.lastSeenFrom });
    if (query.lastSeenTo) qb.andWhere('c.last_seen_at < :lsTo', { lsTo: query.lastSeenTo });
    if (query.createdFrom) qb.andWhere('c.created_at >= :crFrom', { crFrom: query.createdFrom });
    if (query.createdTo) qb.andWhere('c.created_at < :crTo', { crTo: query.createdTo });
    return qb;
  }

  /**
   * Name and number search, every pass served by an index: the case number by a btree prefix index;
   * names by their terms (GIN, exact), by trigrams over their pinyin for text inside a syllable, or by
   * trigram word similarity for a misspelt name. Ranked with exact Chinese-character matches first.
   * User text is escaped for LIKE and passed as a parameter, so metacharacters match literally.
   */
  private applySearch(qb: SelectQueryBuilder<CaseEntity>, rawQuery: string, pass: SearchPass): { expression: string } {
    const q = rawQuery.trim();
    const number = caseNumberPrefix(q);
    if (number) {
      qb.andWhere('c.case_number LIKE :numberPrefix', { numberPrefix: `${escapeLike(number)}%` });
      qb.setParameter('numberExact', number);
      return { expression: `(c.case_number = :numberExact)::int` };
    }
    const spaced = fullPinyin(q);
    const compacted = compact(spaced);
    qb.setParameters({
      qLike: `%${escapeLike(q)}%`,
      qExact: q,
      spacedLike: `%${escapeLike(spaced)}%`,
      compactLike: `%${escapeLike(compacted)}%`,
      compacted,
    });
    switch (pass) {
      case 'exact':
        // Characters (through their pinyin — so 张晓明 also finds the homophone 张小明), pinyin with or
        // without spaces, the beginning of a name, a given name alone, initials.
        qb.andWhere('c.search_terms @> ARRAY[:compacted]::text[]');
        break;
      case 'substring':
        // The column holds each name's compact form too, so the compact pattern covers the spaced one;
        // text without letters or digits (e.g. '%') is looked for as it is, literally.
        qb.andWhere(compacted.length >= 2 ? 'c.search_pinyin LIKE :compactLike' : 'c.search_pinyin LIKE :spacedLike');
        break;
      case 'near':
        qb.andWhere('c.search_terms && ARRAY[:...nearKeys]::text[]', { nearKeys: nearKeys(compacted) });
        break;
      case 'similar':
        qb.andWhere(':compacted <% c.search_pinyin');
        break;
    }
    const nameMatch = hasHan(q)
      ? `(c.child_full_name = :qExact)::int * 4 + (c.child_full_name ILIKE :qLike ESCAPE '\\' OR coalesce(c.child_other_names, '') ILIKE :qLike ESCAPE '\\')::int * 2`
      : `(c.search_pinyin LIKE :compactLike)::int * 2`;
    return { expression: `(${nameMatch} + word_similarity(:compacted, c.search_pinyin))` };
  }

  /** One file, in the view the caller may see; each read is audited. */
  async get(access: AccessContext, id: string): Promise<CaseDto> {
    const c = await this.loadInScope(access, 'read', id);
    const view = caseViewFor(access.ability, c)!;
    await this.audit.record(access, { action: 'case.read', entityType: 'Case', entityId: c.id, jurisdictionPath: c.jurisdictionPath, details: { view } });
    return this.toDto(c, view);
  }

  async timeline(access: AccessContext, id: string): Promise<CaseTimelineDto> {
    const c = await this.loadInScope(access, 'read', id);
    if (!access.ability.can('read', caseRecord(c), 'timeline')) throw new RecordNotFound('case timeline');
    const [events, audits] = await Promise.all([
      this.dataSource.query(
        `SELECT e.occurred_at, e.type, e.details, u.username
           FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
          WHERE e.case_id = $1 ORDER BY e.occurred_at, e.id`,
        [c.id],
      ),
      this.dataSource.query(
        `SELECT occurred_at, action, actor_username, outcome, details
           FROM audit_events WHERE entity_type = 'Case' AND entity_id = $1 ORDER BY id`,
        [c.id],
      ),
    ]);
    const items: CaseTimelineEntryDto[] = [
      ...events.map((e: { occurred_at: Date; type: string; details: Record<string, unknown>; username: string | null }) => ({
        at: new Date(e.occurred_at).toISOString(),
        source: 'domain' as const,
        type: e.type,
        actor: e.username,
        details: e.details,
      })),
      ...audits.map((a: { occurred_at: Date; action: string; actor_username: string | null; outcome: string; details: Record<string, unknown> }) => ({
        at: new Date(a.occurred_at).toISOString(),
        source: 'audit' as const,
        type: a.action,
        actor: a.actor_username,
        details: { outcome: a.outcome, ...a.details },
      })),
    ];
    // Stable: domain events before the audit entries of the same instant.
    items.sort((a, b) => a.at.localeCompare(b.at) || (a.source === b.source ? 0 : a.source === 'domain' ? -1 : 1));
    await this.audit.record(access, {
      action: 'case.read',
      entityType: 'Case',
      entityId: c.id,
      jurisdictionPath: c.jurisdictionPath,
      details: { part: 'timeline' },
    });
    return { items };
  }

  // ---------------------------------------------------------------- writing

  async create(access: AccessContext, dto: CreateCaseDto): Promise<CaseDto> {
    const jurisdiction = await this.jurisdictions.requireCode(dto.jurisdictionCode);
    if (!access.ability.can('create', record('Case', { jurisdictionPath: jurisdiction.path }))) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `You can only open files in your own jurisdiction (${access.actor.jurisdictionCode}) or below it.`, {
        code: 'JURISDICTION_OUTSIDE_SCOPE',
        errors: [{ field: 'jurisdictionCode', message: 'outside your jurisdiction' }],
      });
    }
    const now = this.clock.now();
    const birth = this.birthDateEstimate(dto.child.dateOfBirth, dto.child.estimatedAgeYears, now, 'child');
    this.checkLastSeen(dto.lastSeenAt, now);
    const id = await this.dataSource.transaction(async (manager) => {
      const caseNumber = await this.nextCaseNumber(manager, now);
      const created = await manager.save(
        manager.create(CaseEntity, {
          caseNumber,
          childFullName: dto.child.fullName,
          childOtherNames: dto.child.otherNames ?? null,
          ...nameSearchColumns(dto.child.fullName, dto.child.otherNames),
          childSex: dto.child.sex,
          childDateOfBirth: dto.child.dateOfBirth ?? null,
          childEstimatedAgeYears: dto.child.dateOfBirth ? null : (dto.child.estimatedAgeYears ?? null),
          childBirthDateEstimate: birth,
          childHeightCm: dto.child.heightCm ?? null,
          childDistinguishingMarks: dto.child.distinguishingMarks ?? null,
          childDisabilities: dto.child.disabilities ?? null,
          childDialect: dto.child.dialect ?? null,
          lastSeenAt: new Date(dto.lastSeenAt),
          lastSeenPlace: dto.lastSeenPlace,
          lastSeenLat: dto.lastSeenLat,
          lastSeenLng: dto.lastSeenLng,
          reporter: dto.reporter ? { ...dto.reporter } : null,
          familyContacts: (dto.familyContacts ?? []).map((f) => ({ ...f })),
          circumstances: dto.circumstances ?? null,
          priority: dto.priority ?? 'normal',
          status: 'open',
          closureReason: null,
          jurisdictionId: jurisdiction.id,
          jurisdictionPath: jurisdiction.path,
          assignedOfficerId: null,
          sharedWithOrganisationId: null,
          sharedUntil: null,
          createdById: access.actor.id,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        }),
      );
      await this.appendEvent(created.id, 'created', access, { caseNumber, priority: created.priority, jurisdictionCode: jurisdiction.code }, manager);
      await this.audit.record(
        access,
        { action: 'case.create', entityType: 'Case', entityId: created.id, jurisdictionPath: jurisdiction.path, details: { caseNumber, priority: created.priority } },
        manager,
      );
      return created.id;
    });
    return this.toDto(await this.reload(id), 'full');
  }

  async update(access: AccessContext, id: string, dto: UpdateCaseDto): Promise<CaseDto> {
    const now = this.clock.now();
    const changed = Object.keys(dto).filter((k) => k !== 'version');
    if (dto.lastSeenAt) this.checkLastSeen(dto.lastSeenAt, now);
    const target = dto.jurisdictionCode ? await this.jurisdictions.requireCode(dto.jurisdictionCode) : null;
    await this.mutate(access, 'update', id, dto.version, async (c, manager) => {
      if (target && !access.ability.can('update', record('Case', { ...caseRecord(c), jurisdictionPath: target.path }))) {
        throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `You can only move a file within your own jurisdiction (${access.actor.jurisdictionCode}).`, {
          code: 'JURISDICTION_OUTSIDE_SCOPE',
          errors: [{ field: 'jurisdictionCode', message: 'outside your jurisdiction' }],
        });
      }
      const child = dto.child;
      if (child) {
        if (child.fullName !== undefined) c.childFullName = child.fullName;
        if (child.otherNames !== undefined) c.childOtherNames = child.otherNames || null;
        if (child.sex !== undefined) c.childSex = child.sex;
        if (child.dateOfBirth !== undefined || child.estimatedAgeYears !== undefined) {
          c.childBirthDateEstimate = this.birthDateEstimate(child.dateOfBirth, child.estimatedAgeYears, now, 'child');
          c.childDateOfBirth = child.dateOfBirth ?? null;
          c.childEstimatedAgeYears = child.dateOfBirth ? null : (child.estimatedAgeYears ?? null);
        }
        if (child.heightCm !== undefined) c.childHeightCm = child.heightCm;
        if (child.distinguishingMarks !== undefined) c.childDistinguishingMarks = child.distinguishingMarks;
        if (child.disabilities !== undefined) c.childDisabilities = child.disabilities;
        if (child.dialect !== undefined) c.childDialect = child.dialect;
        Object.assign(c, nameSearchColumns(c.childFullName, c.childOtherNames));
      }
      if (dto.lastSeenAt !== undefined) c.lastSeenAt = new Date(dto.lastSeenAt);
      if (dto.lastSeenPlace !== undefined) c.lastSeenPlace = dto.lastSeenPlace;
      if (dto.lastSeenLat !== undefined) c.lastSeenLat = dto.lastSeenLat;
      if (dto.lastSeenLng !== undefined) c.lastSeenLng = dto.lastSeenLng;
      if (dto.circumstances !== undefined) c.circumstances = dto.circumstances;
      if (dto.priority !== undefined) c.priority = dto.priority;
      if (dto.reporter !== undefined) c.reporter = { ...dto.reporter };
      if (dto.familyContacts !== undefined) c.familyContacts = dto.familyContacts.map((f) => ({ ...f }));
      if (target) {
        c.jurisdictionId = target.id;
        c.jurisdictionPath = target.path;
      }
      await this.appendEvent(c.id, 'updated', access, { fields: changed }, manager);
      return { action: 'case.update', details: { fields: changed } };
    });
    return this.get(access, id);
  }

  async changeStatus(access: AccessContext, id: string, dto: ChangeCaseStatusDto): Promise<CaseDto> {
    await this.mutate(access, 'update', id, dto.version, async (c, manager) => {
      const allowed = allowedTransitions(c.status);
      if (!allowed.includes(dto.status)) {
        throw new Problem(
          HttpStatus.CONFLICT,
          dto.status === 'reunited' && !isFinal(c.status)
            ? 'A file becomes reunited only when a reunion is logged with its evidence (a confirmed DNA match or a supervisor’s sign-off): log the reunion instead.'
            : allowed.length
            ? `A file that is ${c.status} can move to ${allowed.join(' or ')}, not to ${dto.status}.`
            : `A file that is ${c.status} is final and cannot change status.`,
          { code: 'CASE_INVALID_TRANSITION', from: c.status, to: dto.status, allowedTransitions: allowed, errors: [{ field: 'status', message: `allowed: ${allowed.join(', ') || 'none'}` }] },
        );
      }
      if (dto.status === 'closed' && !dto.reason) {
        throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'Closing a file needs a reason.', {
          code: 'CLOSURE_REASON_REQUIRED',
          errors: [{ field: 'reason', message: 'required when closing' }],
        });
      }
      const from = c.status;
      c.status = dto.status;
      Object.assign(c, milestonesReached(c, dto.status, this.clock.now()));
      if (dto.status === 'closed') c.closureReason = dto.reason!;
      await this.appendEvent(c.id, 'status_changed', access, { from, to: dto.status, reason: dto.reason ?? null, driver: 'manual' }, manager);
      return { action: 'case.status', details: { from, to: dto.status } };
    });
    return this.get(access, id);
  }

  async assign(access: AccessContext, id: string, dto: AssignCaseDto): Promise<CaseDto> {
    const officer = dto.officerId
      ? await this.dataSource.getRepository(UserEntity).findOne({ where: { id: dto.officerId }, relations: { jurisdiction: true } })
      : null;
    await this.mutate(access, 'assign', id, dto.version, async (c, manager) => {
      if (dto.officerId) {
        if (!officer || officer.disabledAt || !['officer', 'supervisor'].includes(officer.role) || !isWithin(officer.jurisdiction!.path, c.jurisdictionPath)) {
          throw new Problem(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'A file can only be assigned to an active officer whose jurisdiction is the file’s jurisdiction or below it.',
            { code: 'ASSIGNEE_OUTSIDE_JURISDICTION', errors: [{ field: 'officerId', message: 'not an active officer inside the file’s jurisdiction' }] },
          );
        }
      }
      const previous = c.assignedOfficerId;
      c.assignedOfficerId = dto.officerId;
      await this.appendEvent(c.id, dto.officerId ? 'assigned' : 'unassigned', access, { officerId: dto.officerId, officer: officer?.displayName ?? null, previousOfficerId: previous }, manager);
      return { action: 'case.assign', details: { officerId: dto.officerId, previousOfficerId: previous } };
    });
    return this.get(access, id);
  }

  async share(access: AccessContext, id: string, dto: ShareCaseDto): Promise<CaseDto> {
    const now = this.clock.now();
    let organisation: OrganisationEntity | null = null;
    let until: Date | null = null;
    if (dto.organisationId) {
      organisation = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: dto.organisationId });
      if (!organisation || organisation.kind !== 'ngo') {
        throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'Files can only be shared with an NGO organisation.', {
          code: 'NOT_AN_NGO',
          errors: [{ field: 'organisationId', message: 'not an NGO organisation' }],
        });
      }
      until = new Date(dto.sharedUntil!);
      if (until <= now || until.getTime() - now.getTime() > SHARE_MAX_DAYS * DAY_MS) {
        throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `sharedUntil must be in the future and at most ${SHARE_MAX_DAYS} days ahead; share again to extend.`, {
          code: 'INVALID_SHARING_PERIOD',
          errors: [{ field: 'sharedUntil', message: 'in the past or too far ahead' }],
        });
      }
    }
    await this.mutate(access, 'share', id, dto.version, async (c, manager) => {
      c.sharedWithOrganisationId = organisation?.id ?? null;
      c.sharedUntil = until;
      const details = { organisationId: organisation?.id ?? null, organisation: organisation?.name ?? null, sharedUntil: until?.toISOString() ?? null };
      await this.appendEvent(c.id, organisation ? 'shared' : 'unshared', access, details, manager);
      return { action: 'case.share', details };
    });
    return this.get(access, id);
  }

  // ---------------------------------------------------------------- for other features

  /**
   * Moves a file forward because of an event elsewhere (a sighting linked, a DNA match confirmed, a
   * rescue, a reunion), within the caller's transaction. Jumps over intermediate states; never moves
   * back (returns false and changes nothing); refuses (409) on a closed file. Records the domain
   * event and an audit entry. The caller has already decided that the actor may do this.
   */
  async advanceStatus(
    caseId: string,
    to: CaseStatus,
    context: AccessContext | SystemContext,
    manager: EntityManager,
    event: { type: CaseAdvanceEvent | string; details?: Record<string, unknown> } = { type: 'event' },
  ): Promise<boolean> {
    const c = await manager.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!c || c.deletedAt) throw new RecordNotFound('case');
    const decision = decideAdvance(c.status, to);
    if (decision.kind === 'refused') {
      throw new Problem(HttpStatus.CONFLICT, `File ${c.caseNumber} cannot move to ${to}: ${decision.reason}.`, {
        code: 'CASE_INVALID_TRANSITION',
        from: c.status,
        to,
        allowedTransitions: allowedTransitions(c.status),
      });
    }
    if (decision.kind === 'unchanged') return false;
    const from = c.status;
    const now = this.clock.now();
    await manager.update(CaseEntity, { id: c.id }, { status: decision.to, ...milestonesReached(c, decision.to, now), updatedAt: now, version: () => 'version + 1' });
    await this.appendEvent(c.id, 'status_changed', context, { from, to: decision.to, driver: event.type, ...event.details }, manager);
    await this.audit.record(
      context,
      { action: 'case.status', entityType: 'Case', entityId: c.id, jurisdictionPath: c.jurisdictionPath, details: { from, to: decision.to, driver: event.type } },
      manager,
    );
    return true;
  }

  /** The state each event type leads to (for callers of advanceStatus). */
  static readonly EVENT_TARGETS = CASE_EVENT_TARGETS;

  /** Appends a domain event to a file's timeline (e.g. 'sighting_linked', 'dna_match_confirmed'). */
  async appendEvent(
    caseId: string,
    type: string,
    context: AccessContext | SystemContext,
    details: Record<string, unknown>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(CaseEventEntity, { caseId, type, actorId: context.actor?.id ?? null, occurredAt: this.clock.now(), details: details as never });
  }

  /** A file the actor may act on, or 404 exactly as for an id that does not exist. */
  async loadInScope(access: AccessContext, action: 'read' | 'update' | 'assign' | 'share', id: string, manager?: EntityManager): Promise<CaseEntity> {
    const c = await this.loadWithRelations(id, manager);
    if (!c || c.deletedAt || !access.ability.can(action, caseRecord(c))) throw new RecordNotFound('case');
    return c;
  }

  /** Without access checks, for background work (matching, alerts). */
  async loadForSystem(id: string, manager?: EntityManager): Promise<CaseEntity | null> {
    const c = await this.loadWithRelations(id, manager);
    return c && !c.deletedAt ? c : null;
  }

  // ---------------------------------------------------------------- internals

  private async mutate(
    access: AccessContext,
    action: 'update' | 'assign' | 'share',
    id: string,
    version: number,
    change: (c: CaseEntity, manager: EntityManager) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(CaseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.deletedAt || !access.ability.can(action, caseRecord(locked))) throw new RecordNotFound('case');
      if (locked.version !== version) {
        throw new Problem(
          HttpStatus.CONFLICT,
          `The file was changed by someone else (you sent version ${version}, it is now ${locked.version}). Reload it and apply your change again.`,
          { code: 'STALE_VERSION', currentVersion: locked.version, errors: [{ field: 'version', message: 'stale' }] },
        );
      }
      const { action: auditAction, details } = await change(locked, manager);
      locked.updatedAt = this.clock.now();
      await manager.save(locked);
      await this.audit.record(access, { action: auditAction, entityType: 'Case', entityId: id, jurisdictionPath: locked.jurisdictionPath, details }, manager);
    });
  }

  private async nextCaseNumber(manager: EntityManager, now: Date): Promise<string> {
    const year = now.getUTCFullYear();
    const [row] = await manager.query(
      `INSERT INTO case_number_counters (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = case_number_counters.last_value + 1
       RETURNING last_value`,
      [year],
    );
    return `MC-${year}-${String(row.last_value).padStart(6, '0')}`;
  }

  private birthDateEstimate(dateOfBirth: string | undefined, estimatedAgeYears: number | undefined, now: Date, prefix: string): string {
    if (dateOfBirth) {
      const dob = new Date(`${dateOfBirth}T00:00:00Z`);
      if (dob.getTime() > now.getTime() || now.getTime() - dob.getTime() > 25 * 366 * DAY_MS) {
        throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'The date of birth must be in the past and at most 25 years ago.', {
          code: 'INVALID_DATE_OF_BIRTH',
          errors: [{ field: `${prefix}.dateOfBirth`, message: 'in the future or more than 25 years ago' }],
        });
      }
      return dateOfBirth;
    }
    if (estimatedAgeYears === undefined) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'Give the child’s date of birth or an estimated age.', {
        code: 'AGE_REQUIRED',
        errors: [{ field: `${prefix}.dateOfBirth`, message: 'give dateOfBirth or estimatedAgeYears' }],
      });
    }
    return isoDate(new Date(now.getTime() - Math.round(estimatedAgeYears * 365.25) * DAY_MS));
  }

  private checkLastSeen(lastSeenAt: string, now: Date): void {
    if (new Date(lastSeenAt).getTime() > now.getTime() + 5 * 60_000) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'The child cannot have been last seen in the future.', {
        code: 'LAST_SEEN_IN_FUTURE',
        errors: [{ field: 'lastSeenAt', message: 'in the future' }],
      });
    }
  }

  private loadWithRelations(id: string, manager: EntityManager = this.dataSource.manager): Promise<CaseEntity | null> {
    return manager.findOne(CaseEntity, { where: { id }, relations: { jurisdiction: true, assignedOfficer: true, sharedWithOrganisation: true } });
  }

  private async reload(id: string): Promise<CaseEntity> {
    const c = await this.loadWithRelations(id);
    if (!c) throw new RecordNotFound('case');
    return c;
  }

  toDto(c: CaseEntity, view: CaseView): CaseDto {
    const now = this.clock.now();
    const child = {
      fullName: c.childFullName,
      otherNames: c.childOtherNames,
      sex: c.childSex,
      dateOfBirth: c.childDateOfBirth,
      estimatedAgeYears: c.childEstimatedAgeYears,
      ageYears: ageInYears(c.childBirthDateEstimate, now),
      heightCm: c.childHeightCm,
      distinguishingMarks: c.childDistinguishingMarks,
      disabilities: c.childDisabilities,
      dialect: c.childDialect,
    };
    const jurisdiction = jurisdictionRef(c.jurisdiction!);
    if (view === 'minimal') {
      return {
        id: c.id,
        caseNumber: c.caseNumber,
        view,
        child: { ...child, otherNames: null, dateOfBirth: null, estimatedAgeYears: null, heightCm: null, distinguishingMarks: null, disabilities: null, dialect: null },
        jurisdiction,
      };
    }
    const dto: CaseDto = {
      id: c.id,
      caseNumber: c.caseNumber,
      view,
      child,
      lastSeen: { at: c.lastSeenAt.toISOString(), place: c.lastSeenPlace, lat: c.lastSeenLat, lng: c.lastSeenLng },
      circumstances: c.circumstances,
      priority: c.priority,
      status: c.status,
      closureReason: c.closureReason,
      jurisdiction,
      assignedOfficer: c.assignedOfficer ? { id: c.assignedOfficer.id, displayName: c.assignedOfficer.displayName } : null,
      sharing:
        c.sharedWithOrganisationId && c.sharedUntil
          ? {
              organisationId: c.sharedWithOrganisationId,
              organisationName: c.sharedWithOrganisation?.name ?? '',
              sharedUntil: c.sharedUntil.toISOString(),
              active: c.sharedUntil.getTime() > now.getTime(),
            }
          : null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      version: c.version,
    };
    if (view === 'full') {
      dto.reporter = c.reporter;
      dto.familyContacts = c.familyContacts;
      dto.allowedTransitions = allowedTransitions(c.status);
    } else {
      dto.allowedTransitions = [];
    }
    return dto;
  }

  private toSummary(row: CaseListRow, view: CaseView, now: Date): CaseSummaryDto {
    const base: CaseSummaryDto = {
      id: row.id,
      caseNumber: row.case_number,
      view,
      childName: row.child_full_name,
      childSex: row.child_sex,
      childAgeYears: ageInYears(row.birth_date, now),
      jurisdiction: { code: row.jurisdiction_code, name: row.jurisdiction_name, nameEn: row.jurisdiction_name_en },
    };
    if (view === 'minimal') return base;
    return {
      ...base,
      status: row.status,
      priority: row.priority,
      lastSeenAt: row.last_seen_at.toISOString(),
      lastSeenPlace: row.last_seen_place,
      lastSeenLat: row.last_seen_lat,
      lastSeenLng: row.last_seen_lng,
      assignedOfficer: row.assigned_officer_id ? { id: row.assigned_officer_id, displayName: row.officer_name ?? '' } : null,
      createdAt: row.created_at.toISOString(),
      version: row.version,
    };
  }

  /** Is the file final (reunited or closed)? */
  static isFinal(status: CaseStatus): boolean {
    return isFinal(status);
  }
}
