import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AccessContext } from '../../access/actor';
import { caseRecord } from '../../cases/cases.service';
import { Clock } from '../../common/clock';
import { consumeCaseEvents } from '../../jobs/event-feed';
import { JobQueue } from '../../jobs/job-queue.service';
import { NotificationsService } from '../../notifications/notifications.service';
import type { SightingCandidateDto } from '../sightings.dto';
import {
  type CaseFacts,
  MAX_RADIUS_KM,
  NEAR_DUPLICATE_PHASH_DISTANCE,
  type MatchReason,
  scoreCandidate,
  type ScoredCandidate,
  SEEN_BEFORE_SLACK_DAYS,
  type SightingFacts,
} from './scoring';

export const MATCH_SIGHTING_JOB = 'sightings.match';
export const REMATCH_CASE_JOB = 'sightings.rematch-case';
export const MATCH_SWEEP_JOB = 'sightings.match-sweep';
/** Suggestions kept per sighting. */
export const TOP_CANDIDATES = 20;
/** Files scored in full after the SQL prefilter, plus every file with a similar photo. */
const PREFILTER_LIMIT = 300;
const PHOTO_PREFILTER_DISTANCE = 16;
/** A best candidate at or above this score alerts the file's assigned officer. */
export const ALERT_SCORE = 0.75;
/** File statuses in which a child is still being looked for. */
export const MATCHABLE_CASE_STATUSES = ['open', 'sighted'];
const REMATCH_SIGHTINGS_LIMIT = 500;
const KM_PER_DEGREE = 111.32;

interface CaseRow {
  id: string;
  last_seen_at: Date;
  last_seen_lat: number | null;
  last_seen_lng: number | null;
  birth_date: string;
  child_sex: CaseFacts['sex'];
  marks: string;
  has_disabilities: boolean;
}

/**
 * The SQL twins of scoring.ts' distance, radius and age (in float8: `extract()` would compute in the
 * far slower numeric type), for the prefilter's ordering. $1/$2 = the sighting's position, $3 = when it
 * was seen in epoch seconds.
 */
const HAVERSINE = `2 * 6371.0088 * asin(least(1, sqrt(
    sin(radians(c.last_seen_lat - $1) / 2) ^ 2 + cos(radians($1)) * cos(radians(c.last_seen_lat)) * sin(radians(c.last_seen_lng - $2) / 2) ^ 2)))`;
const RADIUS = `least(${MAX_RADIUS_KM}, 50 + 150 * sqrt(greatest(0, ($3::float8 - date_part('epoch', c.last_seen_at)) / 86400)))`;
const AGE = `($3::float8 / 86400 - (c.child_birth_date_estimate - DATE '1970-01-01')) / 365.2425`;
const MATCHABLE_SQL = `c.deleted_at IS NULL AND c.status IN (${MATCHABLE_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Ranks files for sightings (and sightings for a changed file), stores the top suggestions with their
 * reasons, groups sightings whose photos are near copies, and alerts a file's officer about a strong
 * candidate. Runs in background jobs; nothing is ever linked automatically.
 */
@Injectable()
export class MatchingService implements OnModuleInit {
  private readonly logger = new Logger('Matching');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ sightingId: string }>(MATCH_SIGHTING_JOB, async ({ sightingId }) => {
      await this.matchSighting(sightingId);
    });
    this.jobs.register<{ caseId: string }>(REMATCH_CASE_JOB, async ({ caseId }) => {
      await this.rematchCase(caseId);
    });
    this.jobs.register(MATCH_SWEEP_JOB, async () => {
      await this.sweep();
    }, { cron: '* * * * *', retryLimit: 0 });
  }

  /** New and changed files (from their timeline): one re-match job per file. */
  async takeCaseChanges(): Promise<number> {
    const changed = new Set<string>();
    await consumeCaseEvents(this.dataSource, 'matching', ['created', 'updated'], async (e, isNew) => {
      if (isNew) changed.add(e.case_id);
    });
    for (const caseId of changed) {
      await this.jobs.send(REMATCH_CASE_JOB, { caseId }).catch((e) => this.logger.error(`enqueue rematch ${caseId}: ${String(e)}`));
    }
    return changed.size;
  }

  /** Everything matching does for one sighting: rank, store, group, alert. */
  async matchSighting(sightingId: string, options: { alert?: boolean } = {}): Promise<ScoredCandidate[]> {
    const ranked = await this.rankAndStore(sightingId);
    if (ranked === null) return [];
    await this.group(sightingId);
    if (options.alert ?? true) await this.alertOnStrongCandidate(sightingId);
    return ranked;
  }

  /** Every minute: re-match for changed files, and match sightings that never were (a job lost before it was enqueued). */
  async sweep(): Promise<number> {
    await this.takeCaseChanges();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM sightings WHERE matched_at IS NULL AND status IN ('new', 'triaged') AND created_at < $1 ORDER BY created_at LIMIT 200`,
      [new Date(this.clock.now().getTime() - 60_000)],
    );
    for (const r of rows) await this.matchSighting(r.id);
    return rows.length;
  }

  /** A file was created or changed: re-rank the open sightings it could explain. */
  async rematchCase(caseId: string): Promise<number> {
    const [c]: { lat: number | null; lng: number | null; last_seen_at: Date; matchable: boolean }[] = await this.dataSource.query(
      `SELECT last_seen_lat AS lat, last_seen_lng AS lng, last_seen_at, (status = ANY($2) AND deleted_at IS NULL) AS matchable FROM cases WHERE id = $1`,
      [caseId, MATCHABLE_CASE_STATUSES],
    );
    if (!c) return 0;
    // Open sightings that list it, and (for a file that is still open) those near enough to be it.
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM sightings s
        WHERE s.status IN ('new', 'triaged')
          AND (EXISTS (SELECT 1 FROM sighting_candidates sc WHERE sc.sighting_id = s.id AND sc.case_id = $1)
               OR ($2::boolean AND $3::float8 IS NOT NULL
                   AND s.latitude BETWEEN $3::float8 - $5::float8 AND $3::float8 + $5::float8
                   AND s.longitude BETWEEN $4::float8 - $6::float8 AND $4::float8 + $6::float8
                   AND s.seen_at >= $7::timestamptz - interval '${SEEN_BEFORE_SLACK_DAYS} day'))
        ORDER BY s.created_at DESC LIMIT ${REMATCH_SIGHTINGS_LIMIT}`,
      [caseId, c.matchable, c.lat, c.lng, MAX_RADIUS_KM / KM_PER_DEGREE, lngSpan(c.lat ?? 0), c.last_seen_at],
    );
    for (const r of rows) await this.matchSighting(r.id);
    return rows.length;
  }

  /** Ranks the files for one sighting and replaces its stored suggestions. Null if the sighting is gone. */
  async rankAndStore(sightingId: string): Promise<ScoredCandidate[] | null> {
    const sighting = await this.sightingFacts(sightingId);
    if (!sighting) return null;
    const ranked = await this.rank(sighting);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM sighting_candidates WHERE sighting_id = $1', [sightingId]);
      if (ranked.length) {
        await manager.query(
          `INSERT INTO sighting_candidates (sighting_id, case_id, rank, score, reasons, computed_at)
           SELECT $1, x.case_id, x.rank, x.score, x.reasons, $2 FROM jsonb_to_recordset($3::jsonb) AS x(case_id uuid, rank int, score real, reasons jsonb)`,
          [sightingId, now, JSON.stringify(ranked.map((r, i) => ({ case_id: r.caseId, rank: i + 1, score: r.score, reasons: r.reasons })))],
        );
      }
      await manager.query('UPDATE sightings SET matched_at = $2 WHERE id = $1', [sightingId, now]);
    });
    return ranked;
  }

  /** The top candidates for a sighting: SQL prefilter (status, box, sex, radius), then full scoring. */
  async rank(sighting: SightingFacts, manager: EntityManager = this.dataSource.manager): Promise<(ScoredCandidate & { caseId: string })[]> {
    const latSpan = MAX_RADIUS_KM / KM_PER_DEGREE;
    const sexes = sighting.sex === 'unknown' ? ['male', 'female', 'unknown'] : [sighting.sex, 'unknown'];
    const params = [
      sighting.latitude,
      sighting.longitude,
      sighting.seenAt.getTime() / 1000,
      sighting.seenAt,
      sighting.latitude - latSpan,
      sighting.latitude + latSpan,
      sighting.longitude - lngSpan(sighting.latitude),
      sighting.longitude + lngSpan(sighting.latitude),
      sexes,
      sighting.estimatedAgeYears,
    ];
    // Every file inside the widest box is a candidate only within the radius its own elapsed time
    // allows (d ≤ r). The innermost query reads only the covering index (cases_matching_prefilter_idx)
    // and is fenced (OFFSET 0) so that each file's distance is computed once; the file rows are read
    // for the best PREFILTER_LIMIT only.
    const nearby: CaseRow[] = await manager.query(
      `SELECT c.id, c.last_seen_at, c.last_seen_lat, c.last_seen_lng, to_char(c.child_birth_date_estimate, 'YYYY-MM-DD') AS birth_date,
              c.child_sex, concat_ws(' ', c.child_distinguishing_marks, c.child_disabilities) AS marks,
              (coalesce(c.child_disabilities, '') <> '') AS has_disabilities
         FROM (SELECT id FROM (
                 SELECT c.id, ${HAVERSINE} AS d, ${RADIUS} AS r, ${AGE} AS age
                   FROM cases c
                  WHERE ${MATCHABLE_SQL}
                    AND c.child_sex = ANY($9) AND c.last_seen_lat BETWEEN $5 AND $6 AND c.last_seen_lng BETWEEN $7 AND $8
                    AND c.last_seen_at <= $4::timestamptz + interval '${SEEN_BEFORE_SLACK_DAYS} day'
                 OFFSET 0) scored
                WHERE d <= r
                ORDER BY 0.25 * (1 - 0.5 * d / r)
                       + CASE WHEN $10::float8 IS NULL THEN 0.08 ELSE 0.2 * greatest(0, 1 - abs($10::float8 - age) / (2 * (2 + 0.15 * greatest(age, 0)))) END DESC,
                         id
                LIMIT ${PREFILTER_LIMIT}) best
         JOIN cases c ON c.id = best.id`,
      params,
    );
    let lookalikes: CaseRow[] = [];
    if (sighting.phashes.length) {
      lookalikes = await manager.query(
        `SELECT c.id, c.last_seen_at, c.last_seen_lat, c.last_seen_lng, to_char(c.child_birth_date_estimate, 'YYYY-MM-DD') AS birth_date,
                c.child_sex, concat_ws(' ', c.child_distinguishing_marks, c.child_disabilities) AS marks,
                (coalesce(c.child_disabilities, '') <> '') AS has_disabilities
           FROM cases c
          WHERE c.deleted_at IS NULL AND c.status = ANY($2)
            AND c.id IN (SELECT a.entity_id FROM attachments a, unnest($1::text[]) AS h
                          WHERE a.entity_type = 'case' AND a.deleted_at IS NULL
                            AND bit_count(('x' || a.phash)::bit(64) # ('x' || h)::bit(64)) <= ${PHOTO_PREFILTER_DISTANCE})`,
        [sighting.phashes, MATCHABLE_CASE_STATUSES],
      );
    }
    const rows = new Map<string, CaseRow>();
    for (const r of [...nearby, ...lookalikes]) rows.set(r.id, r);
    if (!rows.size) return [];
    const phashes = await this.phashesOf('case', [...rows.keys()], manager);
    const scored = [...rows.values()].map((r) => ({ caseId: r.id, ...scoreCandidate(sighting, this.caseFacts(r, phashes.get(r.id) ?? [])) }));
    scored.sort((a, b) => b.score - a.score || (a.caseId < b.caseId ? -1 : 1));
    return scored.slice(0, TOP_CANDIDATES);
  }

  /** The stored suggestion for a pair, if matching made one. */
  async candidate(sightingId: string, caseId: string, manager: EntityManager = this.dataSource.manager): Promise<{ score: number; reasons: MatchReason[] } | null> {
    const [row]: { score: number; reasons: MatchReason[] }[] = await manager.query(
      'SELECT score, reasons FROM sighting_candidates WHERE sighting_id = $1 AND case_id = $2',
      [sightingId, caseId],
    );
    return row ? { score: Number(row.score), reasons: row.reasons } : null;
  }

  /** Scores one pair directly (for a link to a file that matching did not suggest). */
  async scorePair(sightingId: string, caseId: string, manager: EntityManager = this.dataSource.manager): Promise<ScoredCandidate | null> {
    const sighting = await this.sightingFacts(sightingId, manager);
    const [row]: CaseRow[] = await manager.query(
      `SELECT c.id, c.last_seen_at, c.last_seen_lat, c.last_seen_lng, to_char(c.child_birth_date_estimate, 'YYYY-MM-DD') AS birth_date,
              c.child_sex, concat_ws(' ', c.child_distinguishing_marks, c.child_disabilities) AS marks,
              (coalesce(c.child_disabilities, '') <> '') AS has_disabilities
         FROM cases c WHERE c.id = $1`,
      [caseId],
    );
    if (!sighting || !row) return null;
    const phashes = await this.phashesOf('case', [caseId], manager);
    return scoreCandidate(sighting, this.caseFacts(row, phashes.get(caseId) ?? []));
  }

  /** The suggestions for the triage screen: full detail for files the reader may see, number and owner for the rest. */
  async candidatesFor(access: AccessContext, sightingId: string): Promise<SightingCandidateDto[]> {
    const rows: {
      rank: number;
      score: number;
      reasons: MatchReason[];
      id: string;
      case_number: string;
      jurisdiction_path: string;
      jurisdiction_code: string;
      shared_with_organisation_id: string | null;
      shared_until: Date | null;
      status: string;
      child_full_name: string;
      child_sex: string;
      birth_date: string;
      child_distinguishing_marks: string | null;
      last_seen_place: string;
      last_seen_at: Date;
      last_seen_lat: number | null;
      last_seen_lng: number | null;
      photo_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT sc.rank, sc.score, sc.reasons, c.id, c.case_number, c.jurisdiction_path, j.code AS jurisdiction_code,
              c.shared_with_organisation_id, c.shared_until, c.status, c.child_full_name, c.child_sex,
              to_char(c.child_birth_date_estimate, 'YYYY-MM-DD') AS birth_date, c.child_distinguishing_marks,
              c.last_seen_place, c.last_seen_at, c.last_seen_lat, c.last_seen_lng,
              (SELECT a.id FROM attachments a WHERE a.entity_type = 'case' AND a.entity_id = c.id AND a.deleted_at IS NULL ORDER BY a.created_at, a.id LIMIT 1) AS photo_id
         FROM sighting_candidates sc JOIN cases c ON c.id = sc.case_id JOIN jurisdictions j ON j.id = c.jurisdiction_id
        WHERE sc.sighting_id = $1 AND c.deleted_at IS NULL
        ORDER BY sc.rank`,
      [sightingId],
    );
    return rows.map((r) => {
      const inScope = access.ability.can(
        'read',
        caseRecord({ id: r.id, jurisdictionPath: r.jurisdiction_path, sharedWithOrganisationId: r.shared_with_organisation_id, sharedUntil: r.shared_until }),
      );
      return {
        rank: r.rank,
        score: Number(r.score),
        reasons: r.reasons,
        case: {
          id: r.id,
          caseNumber: r.case_number,
          jurisdictionCode: r.jurisdiction_code,
          status: r.status,
          inScope,
          childFullName: inScope ? r.child_full_name : null,
          childSex: inScope ? r.child_sex : null,
          childBirthDate: inScope ? r.birth_date : null,
          childDistinguishingMarks: inScope ? r.child_distinguishing_marks : null,
          lastSeenPlace: inScope ? r.last_seen_place : null,
          lastSeenAt: inScope ? r.last_seen_at.toISOString() : null,
          lastSeenLat: inScope ? r.last_seen_lat : null,
          lastSeenLng: inScope ? r.last_seen_lng : null,
          photoId: inScope ? r.photo_id : null,
        },
      };
    });
  }

  /**
   * Puts the sighting in the same group as every sighting with a near-duplicate photo (the same
   * child photographed again), merging groups when it bridges several.
   */
  async group(sightingId: string): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const mine = await this.phashesOf('sighting', [sightingId], manager);
      const hashes = mine.get(sightingId) ?? [];
      if (!hashes.length) return null;
      const similar: { id: string; group_id: string | null }[] = await manager.query(
        `SELECT DISTINCT s.id, s.group_id FROM attachments a JOIN sightings s ON s.id = a.entity_id, unnest($2::text[]) AS h
          WHERE a.entity_type = 'sighting' AND a.deleted_at IS NULL AND a.entity_id <> $1
            AND bit_count(('x' || a.phash)::bit(64) # ('x' || h)::bit(64)) <= ${NEAR_DUPLICATE_PHASH_DISTANCE}`,
        [sightingId, hashes],
      );
      if (!similar.length) return null;
      const groups = [...new Set(similar.map((s) => s.group_id).filter((g): g is string => !!g))].sort();
      const groupId = groups[0] ?? randomUUID();
      const members = [sightingId, ...similar.map((s) => s.id)];
      await manager.query(
        `UPDATE sightings SET group_id = $1 WHERE id = ANY($2::uuid[]) OR group_id = ANY($3::uuid[])`,
        [groupId, members, groups],
      );
      return groupId;
    });
  }

  private async alertOnStrongCandidate(sightingId: string): Promise<void> {
    const [best]: { case_id: string; score: number; case_number: string; assigned_officer_id: string | null }[] = await this.dataSource.query(
      `SELECT sc.case_id, sc.score, c.case_number, c.assigned_officer_id FROM sighting_candidates sc JOIN cases c ON c.id = sc.case_id
        WHERE sc.sighting_id = $1 ORDER BY sc.rank LIMIT 1`,
      [sightingId],
    );
    if (!best || Number(best.score) < ALERT_SCORE || !best.assigned_officer_id) return;
    await this.notifications.notify({
      recipientIds: [best.assigned_officer_id],
      kind: 'sighting_match',
      titleKey: 'notifications.sightingMatch.title',
      bodyKey: 'notifications.sightingMatch.body',
      params: { caseNumber: best.case_number, caseId: best.case_id, sightingId, score: Number(best.score) },
      link: `/sightings/${sightingId}`,
      dedupeKey: `sighting-match:${sightingId}:${best.case_id}`,
    });
  }

  private async sightingFacts(sightingId: string, manager: EntityManager = this.dataSource.manager): Promise<SightingFacts | null> {
    const [s]: {
      seen_at: Date;
      latitude: number;
      longitude: number;
      estimated_age_years: number | null;
      sex: SightingFacts['sex'];
      description: string;
      visible_injury_or_disability: boolean;
    }[] = await manager.query(
      'SELECT seen_at, latitude, longitude, estimated_age_years, sex, description, visible_injury_or_disability FROM sightings WHERE id = $1',
      [sightingId],
    );
    if (!s) return null;
    const phashes = await this.phashesOf('sighting', [sightingId], manager);
    return {
      seenAt: new Date(s.seen_at),
      latitude: s.latitude,
      longitude: s.longitude,
      estimatedAgeYears: s.estimated_age_years,
      sex: s.sex,
      description: s.description,
      visibleInjuryOrDisability: s.visible_injury_or_disability,
      phashes: phashes.get(sightingId) ?? [],
    };
  }

  private caseFacts(r: CaseRow, phashes: string[]): CaseFacts {
    return {
      lastSeenAt: new Date(r.last_seen_at),
      latitude: r.last_seen_lat,
      longitude: r.last_seen_lng,
      birthDate: r.birth_date,
      sex: r.child_sex,
      marks: r.marks ?? '',
      hasDisabilities: r.has_disabilities,
      phashes,
    };
  }

  private async phashesOf(entityType: 'case' | 'sighting', ids: string[], manager: EntityManager): Promise<Map<string, string[]>> {
    const rows: { entity_id: string; phash: string }[] = await manager.query(
      `SELECT entity_id, phash FROM attachments WHERE entity_type = $1 AND entity_id = ANY($2::uuid[]) AND deleted_at IS NULL`,
      [entityType, ids],
    );
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.entity_id, [...(map.get(r.entity_id) ?? []), r.phash.trim()]);
    return map;
  }
}

/** Degrees of longitude spanning the widest radius at a latitude (whole globe near the poles). */
function lngSpan(latitude: number): number {
  const cos = Math.cos((Math.min(85, Math.abs(latitude)) * Math.PI) / 180);
  return Math.min(180, MAX_RADIUS_KM / (KM_PER_DEGREE * cos));
}
