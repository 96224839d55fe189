import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AccessContext } from '../access/actor';
import { scopeCondition } from '../access/scope-query';
import { Clock } from '../common/clock';
import { RecordNotFound } from '../common/problem';
import { NOTIFICATION_CHANNEL } from './notification-bus';
import { NotificationEntity } from './notification.entity';
import {
  mapNotification,
  type NotificationDto,
  type NotificationKind,
  type NotificationPageDto,
  type NotificationQueryDto,
  type ReadAllResultDto,
} from './notifications.dto';

export interface NewNotification {
  recipientIds: string[];
  kind: NotificationKind;
  titleKey: string;
  bodyKey: string;
  params?: Record<string, unknown>;
  link?: string | null;
  /** Each recipient gets at most one notification with this key (e.g. 'case-alert:<caseId>'). */
  dedupeKey?: string | null;
}

const SCOPE_COLUMNS = { recipientId: 'n.recipient_id' };

@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates notifications (skipping recipients who already have one with the same dedupe key) and
   * signals them to every replica when the transaction commits. Returns the recipients notified now.
   */
  async notify(input: NewNotification, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const recipients = [...new Set(input.recipientIds)];
    if (!recipients.length) return [];
    const rows: { id: string; recipient_id: string }[] = await manager.query(
      `INSERT INTO notifications (recipient_id, kind, title_key, body_key, params, link, dedupe_key, created_at)
       SELECT r, $2, $3, $4, $5::jsonb, $6, $7, $8 FROM unnest($1::uuid[]) AS r
       ON CONFLICT (recipient_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id, recipient_id`,
      [recipients, input.kind, input.titleKey, input.bodyKey, JSON.stringify(input.params ?? {}), input.link ?? null, input.dedupeKey ?? null, this.clock.now()],
    );
    if (rows.length) {
      await manager.query(`SELECT pg_notify($1, s) FROM unnest($2::text[]) AS s`, [
        NOTIFICATION_CHANNEL,
        rows.map((r) => JSON.stringify({ id: r.id, recipientId: r.recipient_id })),
      ]);
    }
    return rows.map((r) => r.recipient_id);
  }

  async list(access: AccessContext, query: NotificationQueryDto): Promise<NotificationPageDto> {
    const scope = scopeCondition(access.ability, 'read', 'Notification', SCOPE_COLUMNS);
    const qb = this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where(scope.sql, scope.params);
    // Own notifications only, even for a role whose rules might one day reach further.
    qb.andWhere('n.recipient_id = :me', { me: access.actor.id });
    if (query.unread === true) qb.andWhere('n.read_at IS NULL');
    if (query.unread === false) qb.andWhere('n.read_at IS NOT NULL');
    const [items, total] = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').skip(query.offset).take(query.pageSize).getManyAndCount();
    return { items: items.map(mapNotification), total, page: query.page, pageSize: query.pageSize, unread: await this.unreadCount(access.actor.id) };
  }

  async unreadCount(recipientId: string): Promise<number> {
    const [row]: { n: string }[] = await this.dataSource.query(
      'SELECT count(*)::text AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL',
      [recipientId],
    );
    return Number(row.n);
  }

  /** One of the user's own notifications, or null (used by the live stream). */
  async findOwn(recipientId: string, id: string): Promise<NotificationDto | null> {
    const n = await this.dataSource.getRepository(NotificationEntity).findOneBy({ id, recipientId });
    return n ? mapNotification(n) : null;
  }

  async markRead(access: AccessContext, id: string): Promise<NotificationDto> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const n = await repo.findOneBy({ id, recipientId: access.actor.id });
    if (!n) throw new RecordNotFound('notification');
    if (!n.readAt) {
      n.readAt = this.clock.now();
      await repo.update({ id, recipientId: access.actor.id }, { readAt: n.readAt });
    }
    return mapNotification(n);
  }

  async markAllRead(access: AccessContext): Promise<ReadAllResultDto> {
    const result = await this.dataSource.query(
      'UPDATE notifications SET read_at = $2 WHERE recipient_id = $1 AND read_at IS NULL',
      [access.actor.id, this.clock.now()],
    );
    return { marked: Number(result?.[1] ?? 0) };
  }
}
