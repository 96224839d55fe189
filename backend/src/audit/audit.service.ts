import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AccessContext, SystemContext } from '../access/actor';
import { scopeCondition } from '../access/scope-query';
import { Clock } from '../common/clock';
import { type Page, toPage } from '../common/pagination';
import { AuditEventEntity, type AuditOutcome } from './audit-event.entity';
import type { AuditQueryDto, AuditVerificationDto } from './audit.dto';

export interface AuditEntry {
  /** e.g. 'auth.sign_in', 'user.create', 'case.read'. */
  action: string;
  entityType?: string;
  entityId?: string;
  /** Whose scope the event belongs to: supervisors of this jurisdiction can read it. */
  jurisdictionPath?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  /** For events without a signed-in actor, e.g. a failed sign-in, the username that was tried. */
  actorUsername?: string;
  actorId?: string;
}

const VERIFY_BATCH = 5000;
const GENESIS_HASH = '0'.repeat(64);

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one event. Pass the transaction's EntityManager when the event belongs to a change, so
   * that the change and its audit row commit or fail together.
   */
  async record(context: AccessContext | SystemContext, entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const actor = context.actor;
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(AuditEventEntity)
      .values({
        // id, prev_hash and hash are set by the chaining trigger.
        id: () => '0',
        prevHash: '',
        hash: '',
        occurredAt: this.clock.now(),
        actorId: entry.actorId ?? actor?.id ?? null,
        actorUsername: entry.actorUsername ?? actor?.username ?? null,
        action: entry.action,
        entityType: entry.entityType ?? null,
        entityId: entry.entityId ?? null,
        jurisdictionPath: entry.jurisdictionPath ?? null,
        ip: context.ip,
        requestId: context.requestId,
        outcome: entry.outcome ?? 'success',
        details: entry.details ?? {},
      } as QueryDeepPartialEntity<AuditEventEntity>)
      .updateEntity(false)
      .execute();
  }

  async list(access: AccessContext, query: AuditQueryDto): Promise<Page<AuditEventEntity>> {
    const scope = scopeCondition(access.ability, 'read', 'AuditEvent', { jurisdictionPath: 'event.jurisdiction_path' });
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .where(scope.sql, scope.params);
    if (query.actor) qb.andWhere('event.actor_username = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('event.action = :action', { action: query.action });
    if (query.entityType) qb.andWhere('event.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('event.entity_id = :entityId', { entityId: query.entityId });
    if (query.outcome) qb.andWhere('event.outcome = :outcome', { outcome: query.outcome });
    if (query.from) qb.andWhere('event.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('event.occurred_at < :to', { to: query.to });
    const [items, total] = await qb.orderBy('event.id', 'DESC').skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(items, total, query);
  }

  /**
   * Walks the whole chain in id order: each row's hash must be the hash of its own content and of
   * the previous row's hash. Reports the first row where that fails.
   */
  async verify(): Promise<AuditVerificationDto> {
    let previousHash = GENESIS_HASH;
    let lastId = '0';
    let checked = 0;
    for (;;) {
      const rows: { id: string; prev_hash: string; hash: string; recomputed: string }[] = await this.dataSource.query(
        `SELECT e.id::text AS id, e.prev_hash, e.hash, audit_event_hash(e.prev_hash, e) AS recomputed
           FROM audit_events e WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
        [lastId, VERIFY_BATCH],
      );
      for (const row of rows) {
        if (row.prev_hash !== previousHash || row.recomputed !== row.hash) {
          return { ok: false, checked, firstBrokenId: row.id };
        }
        previousHash = row.hash;
        lastId = row.id;
        checked++;
      }
      if (rows.length < VERIFY_BATCH) return { ok: true, checked, firstBrokenId: null };
    }
  }
}
