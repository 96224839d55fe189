import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext, SystemContext } from '../access/actor';
import { scopeCondition } from '../access/scope-query';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import { Clock, MINUTE } from '../common/clock';
import { Problem, RecordNotFound } from '../common/problem';
import { RateLimitService } from '../common/rate-limit.service';
import { SecretBox } from '../common/secret-box';
import { JobQueue } from '../jobs/job-queue.service';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service';
import { Idempotency, requestHash } from './idempotency';
import { MATCH_SIGHTING_JOB, MatchingService } from './matching/matching.service';
import { formatReceipt, newReceiptCode, parseReceipt } from './receipt';
import { type PreparedPhoto, sha256Of, SightingPhotos, type UploadedFile } from './sighting-photos';
import { SightingEntity, type SightingSource, type SightingStatus } from './sighting.entity';
import {
  type CandidateSummaryDto,
  type CreateSightingDto,
  type DismissSightingDto,
  type DuplicateSightingDto,
  type LinkSightingDto,
  publicStatus,
  type PublicSightingReceiptDto,
  type PublicSightingStatusDto,
  type ReporterContactDto,
  type SightingDetailDto,
  type SightingDto,
  type SightingPageDto,
  type SightingQueryDto,
  type TriageSightingDto,
} from './sightings.dto';

/** Citizens: at most this many sightings per address per hour. */
export const PUBLIC_SIGHTINGS_PER_HOUR = 10;
/** Receipt look-ups per address per 10 minutes (a receipt cannot be guessed, but keep probing slow). */
export const RECEIPT_LOOKUPS_PER_10_MINUTES = 30;
/** Phones' clocks drift: a sighting up to this far in the future is accepted (and kept as sent). */
const CLOCK_SKEW_MS = 5 * MINUTE;
export const MAX_PHOTOS = 5;
const OPEN_STATUSES: SightingStatus[] = ['new', 'triaged'];

export const SIGHTING_SCOPE_COLUMNS = { jurisdictionPath: 's.jurisdiction_path' };

interface Placement {
  seenAt: Date;
  seenAtSource: SightingEntity['seenAtSource'];
  latitude: number;
  longitude: number;
  locationSource: SightingEntity['locationSource'];
  filledFromPhoto: ('place' | 'time')[];
}

@Injectable()
export class SightingsService {
  private readonly logger = new Logger('Sightings');
  private readonly publicIdempotency: Idempotency;
  private readonly officerIdempotency: Idempotency;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsService,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly rateLimits: RateLimitService,
    private readonly secrets: SecretBox,
    private readonly photos: SightingPhotos,
    private readonly matching: MatchingService,
    private readonly jobs: JobQueue,
  ) {
    this.publicIdempotency = new Idempotency(dataSource, 'public-sighting');
    this.officerIdempotency = new Idempotency(dataSource, 'officer-sighting');
  }

  // ------------------------------------------------------------------ intake

  /** A citizen's report: idempotent per key, rate-limited per address, answered with a receipt. */
  async submitPublic(caller: SystemContext, key: string, dto: CreateSightingDto, files: UploadedFile[]): Promise<{ status: number; body: PublicSightingReceiptDto }> {
    const hash = this.hashOf(dto, files);
    const replay = await this.publicIdempotency.replay<PublicSightingReceiptDto>(key, hash);
    if (replay) return replay;
    this.checkPhotoCount(files);
    this.checkSeenAt(dto);
    this.checkPosition(dto, files.length > 0);
    await this.rateLimits.consume(`public-sighting:${caller.ip ?? 'unknown'}`, PUBLIC_SIGHTINGS_PER_HOUR, 3600, 'sightings from your network in an hour');
    const prepared = await this.photos.prepare(files);
    const result = await this.intake(caller, 'public', dto, prepared, this.publicIdempotency, key, hash);
    return { status: result.status, body: result.body };
  }

  /** An officer's report from the dashboard; an Idempotency-Key is optional here. */
  async submitByOfficer(access: AccessContext, key: string | null, dto: CreateSightingDto, files: UploadedFile[]): Promise<SightingDto> {
    const hash = this.hashOf({ ...dto, by: access.actor.id }, files);
    const replay = key ? await this.officerIdempotency.replay<{ id: string }>(key, hash) : null;
    if (replay) return this.toDto(await this.load(replay.body.id));
    this.checkPhotoCount(files);
    this.checkSeenAt(dto);
    this.checkPosition(dto, files.length > 0);
    const prepared = await this.photos.prepare(files);
    const result = await this.intake(access, 'officer', dto, prepared, key ? this.officerIdempotency : null, key, hash);
    return this.toDto(await this.load(result.sightingId));
  }

  private async intake(
    context: AccessContext | SystemContext,
    source: SightingSource,
    dto: CreateSightingDto,
    prepared: PreparedPhoto[],
    idempotency: Idempotency | null,
    key: string | null,
    hash: string,
  ): Promise<{ status: number; body: PublicSightingReceiptDto; sightingId: string }> {
    const now = this.clock.now();
    const placement = this.place(dto, prepared, now);
    const jurisdiction = await this.jurisdictions.nearestTo(placement.latitude, placement.longitude);
    let createdId: string | null = null;
    const work = async (manager: EntityManager) => {
      const receiptCode = newReceiptCode();
      const sighting = await this.insert(manager, context, source, dto, placement, jurisdiction, receiptCode, now);
      createdId = sighting.id;
      await this.photos.save(manager, context, sighting, prepared);
      const body: PublicSightingReceiptDto & { sightingId: string } = {
        receipt: formatReceipt(receiptCode),
        status: 'received',
        photos: prepared.length,
        filledFromPhoto: placement.filledFromPhoto,
        sightingId: sighting.id,
      };
      return { status: 201, body };
    };
    const result =
      idempotency && key ? await idempotency.once(key, hash, now, work) : { ...(await this.dataSource.transaction(work)), replayed: false };
    if (!result.replayed) await this.enqueueMatching(createdId!);
    const { sightingId, ...body } = result.body;
    return { status: result.status, body, sightingId };
  }

  private async insert(
    manager: EntityManager,
    context: AccessContext | SystemContext,
    source: SightingSource,
    dto: CreateSightingDto,
    placement: Placement,
    jurisdiction: JurisdictionEntity,
    receiptCode: string,
    now: Date,
  ): Promise<SightingEntity> {
    const contact = dto.reporterContact?.trim();
    const sighting = manager.create(SightingEntity, {
      id: randomUUID(),
      receiptCode,
      source,
      status: 'new',
      seenAt: placement.seenAt,
      seenAtSource: placement.seenAtSource,
      latitude: placement.latitude,
      longitude: placement.longitude,
      locationSource: placement.locationSource,
      placeText: dto.placeText?.trim() || null,
      jurisdictionId: jurisdiction.id,
      jurisdictionPath: jurisdiction.path,
      begging: dto.begging ?? false,
      withAdult: dto.withAdult ?? false,
      visibleInjuryOrDisability: dto.visibleInjuryOrDisability ?? false,
      distressed: dto.distressed ?? false,
      estimatedAgeYears: dto.estimatedAgeYears ?? null,
      sex: dto.sex ?? 'unknown',
      description: dto.description?.trim() ?? '',
      reporterContactSealed: contact ? this.secrets.seal(contact) : null,
      reportedByUserId: context.actor?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
    // A plain insert: save() would first work out what changed, which a new row does not need.
    await manager.insert(SightingEntity, sighting);
    await this.audit.record(
      context,
      {
        action: 'sighting.create',
        entityType: 'Sighting',
        entityId: sighting.id,
        jurisdictionPath: jurisdiction.path,
        // Never the contact itself.
        details: { source, hasReporterContact: !!contact, locationSource: placement.locationSource, seenAtSource: placement.seenAtSource },
      },
      manager,
    );
    return sighting;
  }

  private async enqueueMatching(sightingId: string): Promise<void> {
    try {
      await this.jobs.send(MATCH_SIGHTING_JOB, { sightingId });
    } catch (error) {
      // The sighting is stored; the periodic sweep ranks sightings that were never matched.
      this.logger.error(`Could not enqueue matching for sighting ${sightingId}: ${String(error)}`);
    }
  }

  private hashOf(dto: object, files: UploadedFile[]): string {
    return requestHash(dto, files.map((f) => sha256Of(f.buffer)));
  }

  private checkPhotoCount(files: UploadedFile[]): void {
    if (files.length > MAX_PHOTOS) {
      throw new Problem(HttpStatus.BAD_REQUEST, `At most ${MAX_PHOTOS} photos per sighting.`, {
        code: 'TOO_MANY_PHOTOS',
        errors: [{ field: 'photos', message: `at most ${MAX_PHOTOS}` }],
      });
    }
  }

  private checkSeenAt(dto: CreateSightingDto): void {
    if (!dto.seenAt) return;
    const seenAt = new Date(dto.seenAt);
    if (Number.isNaN(seenAt.getTime())) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'seenAt is not a valid date and time.', { code: 'VALIDATION_FAILED', errors: [{ field: 'seenAt', message: 'invalid date' }] });
    }
    if (seenAt.getTime() > this.clock.now().getTime() + CLOCK_SKEW_MS) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'The time of the sighting is in the future. Check the date and time.', {
        code: 'SEEN_AT_IN_FUTURE',
        errors: [{ field: 'seenAt', message: 'in the future' }],
      });
    }
    if (seenAt.getFullYear() < 2000) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'The time of the sighting is too far in the past.', {
        code: 'SEEN_AT_TOO_OLD',
        errors: [{ field: 'seenAt', message: 'before 2000' }],
      });
    }
  }

  private checkPosition(dto: CreateSightingDto, hasPhotos: boolean): void {
    const hasLat = dto.latitude !== undefined;
    const hasLng = dto.longitude !== undefined;
    if (hasLat !== hasLng) {
      const field = hasLat ? 'longitude' : 'latitude';
      throw new Problem(HttpStatus.BAD_REQUEST, 'Send latitude and longitude together.', { code: 'VALIDATION_FAILED', errors: [{ field, message: 'required with the other coordinate' }] });
    }
    if (!hasLat && !hasPhotos) {
      throw new Problem(HttpStatus.BAD_REQUEST, 'Say where the child was seen: use your location, tap the map, or attach a photo that has a location.', {
        code: 'POSITION_REQUIRED',
        errors: [{ field: 'latitude', message: 'required without a photo' }],
      });
    }
  }

  /** Where and when, from the report or else from the first photo that says. */
  private place(dto: CreateSightingDto, photos: PreparedPhoto[], now: Date): Placement {
    const filledFromPhoto: ('place' | 'time')[] = [];
    let latitude = dto.latitude;
    let longitude = dto.longitude;
    let locationSource: Placement['locationSource'] = 'reporter';
    if (latitude === undefined || longitude === undefined) {
      const withGps = photos.find((p) => p.exifLat !== null && p.exifLng !== null);
      if (!withGps) {
        throw new Problem(HttpStatus.BAD_REQUEST, 'The photos carry no location. Use your location or tap the map to say where the child was seen.', {
          code: 'POSITION_REQUIRED',
          errors: [{ field: 'latitude', message: 'required: the photos have no location' }],
        });
      }
      latitude = withGps.exifLat!;
      longitude = withGps.exifLng!;
      locationSource = 'photo';
      filledFromPhoto.push('place');
    }
    let seenAt: Date;
    let seenAtSource: Placement['seenAtSource'];
    if (dto.seenAt) {
      seenAt = new Date(dto.seenAt);
      seenAtSource = 'reporter';
    } else {
      const taken = photos.find((p) => p.exifTakenAt && p.exifTakenAt.getTime() <= now.getTime() + CLOCK_SKEW_MS && p.exifTakenAt.getFullYear() >= 2000);
      if (taken) {
        seenAt = taken.exifTakenAt!;
        seenAtSource = 'photo';
        filledFromPhoto.push('time');
      } else {
        seenAt = now;
        seenAtSource = 'received';
      }
    }
    return { seenAt, seenAtSource, latitude, longitude, locationSource, filledFromPhoto };
  }

  // ------------------------------------------------------------------ the citizen's status page

  async statusOfReceipt(caller: SystemContext, receipt: string): Promise<PublicSightingStatusDto> {
    await this.rateLimits.consume(`receipt-lookup:${caller.ip ?? 'unknown'}`, RECEIPT_LOOKUPS_PER_10_MINUTES, 600, 'receipt look-ups from your network');
    const code = parseReceipt(receipt);
    const row = code ? await this.dataSource.getRepository(SightingEntity).findOne({ where: { receiptCode: code }, select: { id: true, status: true } }) : null;
    if (!row) {
      throw new Problem(HttpStatus.NOT_FOUND, 'No sighting has this receipt. Check the code as it was shown after sending.', { code: 'NOT_FOUND' });
    }
    return { status: publicStatus(row.status) };
  }

  // ------------------------------------------------------------------ triage

  async list(access: AccessContext, query: SightingQueryDto): Promise<SightingPageDto> {
    const qb = await this.listQuery(access, query);
    const [rows, total] = await qb.skip(query.offset).take(query.pageSize).getManyAndCount();
    return { items: await this.toDtos(rows), total, page: query.page, pageSize: query.pageSize };
  }

  /** The queue's query (filters and order), filtered to the caller's scope in SQL; also used by exports. */
  async listQuery(access: AccessContext, query: Omit<SightingQueryDto, 'page' | 'pageSize' | 'offset'>): Promise<SelectQueryBuilder<SightingEntity>> {
    const scope = scopeCondition(access.ability, 'read', 'Sighting', SIGHTING_SCOPE_COLUMNS);
    const qb = this.dataSource.getRepository(SightingEntity).createQueryBuilder('s').where(scope.sql, scope.params);
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.source) qb.andWhere('s.source = :source', { source: query.source });
    if (query.jurisdictionCode) {
      const j = await this.jurisdictions.requireCode(query.jurisdictionCode);
      qb.andWhere('s.jurisdiction_path LIKE :jprefix', { jprefix: `${j.path}%` });
    }
    if (query.seenFrom) qb.andWhere('s.seen_at >= :seenFrom', { seenFrom: query.seenFrom });
    if (query.seenTo) qb.andWhere('s.seen_at < :seenTo', { seenTo: query.seenTo });
    if (query.groupId) qb.andWhere('s.group_id = :groupId', { groupId: query.groupId });
    if (query.caseId) qb.andWhere('s.linked_case_id = :caseId', { caseId: query.caseId });
    return qb.orderBy('s.created_at', 'DESC').addOrderBy('s.id', 'DESC');
  }

  async get(access: AccessContext, id: string): Promise<SightingDetailDto> {
    const s = await this.loadInScope(access, 'read', id);
    await this.audit.record(access, { action: 'sighting.read', entityType: 'Sighting', entityId: id, jurisdictionPath: s.jurisdictionPath });
    const [dto] = await this.toDtos([s]);
    const candidates = await this.matching.candidatesFor(access, s.id);
    const group = s.groupId
      ? ((await this.dataSource.query('SELECT id FROM sightings WHERE group_id = $1 AND id <> $2 ORDER BY created_at', [s.groupId, s.id])) as { id: string }[])
      : [];
    return { ...dto, candidates, groupSightingIds: group.map((g) => g.id) };
  }

  /** The informant's contact: police of the sighting's jurisdiction only, and every view is logged. */
  async reporterContact(access: AccessContext, id: string): Promise<ReporterContactDto> {
    const s = await this.loadInScope(access, 'triage', id);
    const [row]: { sealed: string | null }[] = await this.dataSource.query('SELECT reporter_contact_sealed AS sealed FROM sightings WHERE id = $1', [id]);
    await this.audit.record(access, { action: 'sighting.reporter_contact.read', entityType: 'Sighting', entityId: id, jurisdictionPath: s.jurisdictionPath });
    return { contact: row.sealed ? this.secrets.open(row.sealed) : null };
  }

  async triage(access: AccessContext, id: string, dto: TriageSightingDto): Promise<SightingDto> {
    await this.act(access, id, dto.version, ['new'], async (s) => {
      s.status = 'triaged';
      return { action: 'sighting.triage', details: {} };
    });
    return this.toDto(await this.load(id));
  }

  async dismiss(access: AccessContext, id: string, dto: DismissSightingDto): Promise<SightingDto> {
    await this.act(access, id, dto.version, OPEN_STATUSES, async (s) => {
      s.status = 'dismissed';
      s.dismissedReason = dto.reason.trim();
      return { action: 'sighting.dismiss', details: { reason: s.dismissedReason } };
    });
    return this.toDto(await this.load(id));
  }

  async markDuplicate(access: AccessContext, id: string, dto: DuplicateSightingDto): Promise<SightingDto> {
    if (dto.ofSightingId === id) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'A sighting cannot be a duplicate of itself.', { code: 'SELF_DUPLICATE', errors: [{ field: 'ofSightingId', message: 'same sighting' }] });
    }
    const original = await this.loadInScope(access, 'read', dto.ofSightingId).catch(() => {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'The original sighting does not exist or is outside your jurisdiction.', {
        code: 'UNKNOWN_SIGHTING',
        errors: [{ field: 'ofSightingId', message: 'unknown sighting' }],
      });
    });
    // Point at the first report of the child, never at another duplicate.
    const rootId = original.status === 'duplicate' && original.duplicateOfId ? original.duplicateOfId : original.id;
    if (rootId === id) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'That sighting is itself a duplicate of this one.', { code: 'DUPLICATE_CYCLE', errors: [{ field: 'ofSightingId', message: 'would make a cycle' }] });
    }
    await this.act(access, id, dto.version, OPEN_STATUSES, async (s) => {
      s.status = 'duplicate';
      s.duplicateOfId = rootId;
      return { action: 'sighting.duplicate', details: { ofSightingId: rootId } };
    });
    return this.toDto(await this.load(id));
  }

  /** A person links the sighting to a file: the sighting is closed as linked and the file moves to sighted. */
  async link(access: AccessContext, id: string, dto: LinkSightingDto): Promise<SightingDto> {
    const target = await this.cases.loadInScope(access, 'read', dto.caseId).catch(() => {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'The file does not exist or is outside your jurisdiction; ask its owners to link it.', {
        code: 'UNKNOWN_CASE',
        errors: [{ field: 'caseId', message: 'unknown file' }],
      });
    });
    await this.act(access, id, dto.version, OPEN_STATUSES, async (s, manager) => {
      const candidate = await this.matching.candidate(s.id, target.id, manager);
      const scored = candidate ?? (await this.matching.scorePair(s.id, target.id, manager));
      s.status = 'linked';
      s.linkedCaseId = target.id;
      await manager.query(
        `INSERT INTO sighting_case_links (sighting_id, case_id, score, reasons, note, linked_by_user_id, linked_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
        [s.id, target.id, scored?.score ?? null, JSON.stringify(scored?.reasons ?? []), dto.note?.trim() || null, access.actor.id, this.clock.now()],
      );
      await this.cases.advanceStatus(target.id, 'sighted', access, manager, { type: 'sighting_linked', details: { sightingId: s.id } });
      await this.cases.appendEvent(target.id, 'sighting_linked', access, { sightingId: s.id, score: scored?.score ?? null }, manager);
      return { action: 'sighting.link', details: { caseId: target.id, caseNumber: target.caseNumber, score: scored?.score ?? null } };
    });
    return this.toDto(await this.load(id));
  }

  /** Runs a triage action on a locked sighting in the allowed states, with its audit entry. */
  private async act(
    access: AccessContext,
    id: string,
    version: number | undefined,
    from: SightingStatus[],
    change: (s: SightingEntity, manager: EntityManager) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const s = await manager.findOne(SightingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s || !access.ability.can('triage', record('Sighting', { id: s.id, jurisdictionPath: s.jurisdictionPath }))) throw new RecordNotFound('sighting');
      if (version !== undefined && version !== s.version) {
        throw new Problem(HttpStatus.CONFLICT, `The sighting was changed by someone else (you sent version ${version}, it is now ${s.version}). Reload it.`, {
          code: 'STALE_VERSION',
          currentVersion: s.version,
          errors: [{ field: 'version', message: 'stale' }],
        });
      }
      if (!from.includes(s.status)) {
        throw new Problem(HttpStatus.CONFLICT, `The sighting is ${s.status}; this action needs it to be ${from.join(' or ')}.`, {
          code: 'SIGHTING_INVALID_TRANSITION',
          from: s.status,
          allowedFrom: from,
        });
      }
      const { action, details } = await change(s, manager);
      const now = this.clock.now();
      s.triagedByUserId = access.actor.id;
      s.triagedAt = now;
      s.updatedAt = now;
      await manager.save(s);
      await this.audit.record(access, { action, entityType: 'Sighting', entityId: id, jurisdictionPath: s.jurisdictionPath, details }, manager);
    });
  }

  // ------------------------------------------------------------------ loading and mapping

  private async load(id: string): Promise<SightingEntity> {
    const s = await this.dataSource.getRepository(SightingEntity).findOneBy({ id });
    if (!s) throw new RecordNotFound('sighting');
    return s;
  }

  async loadInScope(access: AccessContext, action: 'read' | 'triage', id: string): Promise<SightingEntity> {
    const s = await this.dataSource.getRepository(SightingEntity).findOneBy({ id });
    if (!s || !access.ability.can(action, record('Sighting', { id: s.id, jurisdictionPath: s.jurisdictionPath }))) throw new RecordNotFound('sighting');
    return s;
  }

  private async toDto(s: SightingEntity): Promise<SightingDto> {
    return (await this.toDtos([s]))[0];
  }

  private async toDtos(rows: SightingEntity[]): Promise<SightingDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const extra: {
      id: string;
      code: string;
      name: string;
      has_contact: boolean;
      photos: { id: string; width: number; height: number }[] | null;
      top_case_id: string | null;
      top_case_number: string | null;
      top_score: number | null;
    }[] = await this.dataSource.query(
      `SELECT s.id, j.code, j.name, s.reporter_contact_sealed IS NOT NULL AS has_contact,
              (SELECT json_agg(json_build_object('id', a.id, 'width', a.display_width, 'height', a.display_height) ORDER BY a.created_at, a.id)
                 FROM attachments a WHERE a.entity_type = 'sighting' AND a.entity_id = s.id AND a.deleted_at IS NULL) AS photos,
              top.case_id AS top_case_id, top.case_number AS top_case_number, top.score AS top_score
         FROM sightings s JOIN jurisdictions j ON j.id = s.jurisdiction_id
         LEFT JOIN LATERAL (
           SELECT sc.case_id, c.case_number, sc.score FROM sighting_candidates sc JOIN cases c ON c.id = sc.case_id
            WHERE sc.sighting_id = s.id ORDER BY sc.rank LIMIT 1) top ON true
        WHERE s.id = ANY($1)`,
      [ids],
    );
    const byId = new Map(extra.map((e) => [e.id, e]));
    return rows.map((s) => {
      const e = byId.get(s.id)!;
      const top: CandidateSummaryDto | null = e.top_case_id ? { caseId: e.top_case_id, caseNumber: e.top_case_number!, score: Number(e.top_score) } : null;
      return {
        id: s.id,
        source: s.source,
        status: s.status,
        seenAt: s.seenAt.toISOString(),
        seenAtSource: s.seenAtSource,
        latitude: s.latitude,
        longitude: s.longitude,
        locationSource: s.locationSource,
        placeText: s.placeText,
        jurisdictionCode: e.code,
        jurisdictionName: e.name,
        begging: s.begging,
        withAdult: s.withAdult,
        visibleInjuryOrDisability: s.visibleInjuryOrDisability,
        distressed: s.distressed,
        estimatedAgeYears: s.estimatedAgeYears,
        sex: s.sex,
        description: s.description,
        hasReporterContact: e.has_contact,
        groupId: s.groupId,
        duplicateOfId: s.duplicateOfId,
        dismissedReason: s.dismissedReason,
        linkedCaseId: s.linkedCaseId,
        photos: e.photos ?? [],
        topCandidate: top,
        matchedAt: s.matchedAt?.toISOString() ?? null,
        createdAt: s.createdAt.toISOString(),
        version: s.version,
      };
    });
  }
}

