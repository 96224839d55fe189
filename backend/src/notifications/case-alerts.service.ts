import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, HOUR } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { consumeCaseEvents, type FeedEvent } from '../jobs/event-feed';
import { JobQueue } from '../jobs/job-queue.service';
import { NotificationsService } from './notifications.service';

/**
 * Like the Tuanyuan platform: officers ever farther from where the child was last seen are alerted
 * as time passes — 100 km in the first hour, 200 km from the second, 300 km from the third, then
 * 500 km. Each officer once per file.
 */
export const ALERT_RADIUS_SCHEDULE: { fromMs: number; radiusKm: number }[] = [
  { fromMs: 0, radiusKm: 100 },
  { fromMs: 1 * HOUR, radiusKm: 200 },
  { fromMs: 2 * HOUR, radiusKm: 300 },
  { fromMs: 3 * HOUR, radiusKm: 500 },
];
export const ALERT_PRIORITIES = ['high', 'urgent'];
export const CASE_ALERTS_JOB = 'notifications.case-alerts';
const POLL_MS = 5000;

export function alertRadiusKm(elapsedMs: number): number {
  let radius = ALERT_RADIUS_SCHEDULE[0].radiusKm;
  for (const step of ALERT_RADIUS_SCHEDULE) if (elapsedMs >= step.fromMs) radius = step.radiusKm;
  return radius;
}

const FINAL_RADIUS = ALERT_RADIUS_SCHEDULE[ALERT_RADIUS_SCHEDULE.length - 1].radiusKm;

/**
 * Reads the files' timeline (case_events) for new high-priority files and for files shared with an
 * NGO, and widens each file's alert on schedule. Durable: the roll-outs and the feed cursor are
 * tables, the sweep runs every 5 s in each replica and every minute as a pg-boss job, and every
 * effect is idempotent (one notification per officer and file).
 */
@Injectable()
export class CaseAlertsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CaseAlerts');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(CASE_ALERTS_JOB, () => this.sweep().then(() => undefined), { cron: '* * * * *', retryLimit: 0 });
    // Tests call sweep() themselves, after moving the clock.
    if (this.config.nodeEnv !== 'test') {
      this.timer = setInterval(() => void this.sweep().catch((e) => this.logger.error(`sweep: ${String(e)}`)), POLL_MS);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Takes in new events, then widens every roll-out that is due. Returns how many officers were alerted. */
  async sweep(): Promise<number> {
    const run = (async () => {
      await consumeCaseEvents(this.dataSource, 'case-alerts', ['created', 'shared'], (e, _isNew, manager) => this.onEvent(e, manager));
      return this.widen();
    })();
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  private async onEvent(e: FeedEvent, manager: EntityManager): Promise<void> {
    if (e.type === 'created') {
      await manager.query(
        `INSERT INTO case_alert_rollouts (case_id, latitude, longitude, started_at)
         SELECT c.id, c.last_seen_lat, c.last_seen_lng, $2 FROM cases c
          WHERE c.id = $1 AND c.priority = ANY($3) AND c.last_seen_lat IS NOT NULL AND c.last_seen_lng IS NOT NULL AND c.deleted_at IS NULL
         ON CONFLICT (case_id) DO NOTHING`,
        [e.case_id, e.occurred_at, ALERT_PRIORITIES],
      );
    } else if (e.type === 'shared') {
      const organisationId = e.details['organisationId'];
      if (typeof organisationId !== 'string') return;
      const [c]: { case_number: string; shared_with_organisation_id: string | null }[] = await manager.query(
        'SELECT case_number, shared_with_organisation_id FROM cases WHERE id = $1',
        [e.case_id],
      );
      if (!c || c.shared_with_organisation_id !== organisationId) return;
      const caseworkers: { id: string }[] = await manager.query(
        `SELECT id FROM users WHERE organisation_id = $1 AND role = 'ngo_caseworker' AND disabled_at IS NULL`,
        [organisationId],
      );
      await this.notifications.notify(
        {
          recipientIds: caseworkers.map((u) => u.id),
          kind: 'case_shared',
          titleKey: 'notifications.caseShared.title',
          bodyKey: 'notifications.caseShared.body',
          params: { caseId: e.case_id, caseNumber: c.case_number, sharedUntil: e.details['sharedUntil'] ?? null },
          link: `/cases/${e.case_id}`,
          dedupeKey: `case-shared:${e.case_id}:${e.id}`,
        },
        manager,
      );
    }
  }

  /** Alerts the officers newly inside each active roll-out's radius; closes roll-outs at the last step. */
  private async widen(): Promise<number> {
    const now = this.clock.now();
    const rollouts: { case_id: string; latitude: number; longitude: number; started_at: Date; radius_km_reached: number }[] = await this.dataSource.query(
      'SELECT case_id, latitude, longitude, started_at, radius_km_reached FROM case_alert_rollouts WHERE completed_at IS NULL ORDER BY started_at',
    );
    let alerted = 0;
    for (const r of rollouts) {
      const radiusKm = alertRadiusKm(now.getTime() - new Date(r.started_at).getTime());
      if (radiusKm <= r.radius_km_reached) continue;
      alerted += await this.dataSource.transaction(async (manager) => {
        const [c]: { case_number: string; child_full_name: string; child_sex: string; last_seen_place: string; last_seen_at: Date; status: string; priority: string }[] =
          await manager.query('SELECT case_number, child_full_name, child_sex, last_seen_place, last_seen_at, status, priority FROM cases WHERE id = $1 AND deleted_at IS NULL', [r.case_id]);
        let count = 0;
        // A file no longer open (child found, closed) stops widening.
        if (c && (c.status === 'open' || c.status === 'sighted')) {
          const officers: { id: string; km: number }[] = await manager.query(
            `SELECT u.id, km FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id,
                    LATERAL (SELECT 2 * 6371.0088 * asin(least(1, sqrt(sin(radians(j.latitude - $1) / 2) ^ 2
                             + cos(radians($1)) * cos(radians(j.latitude)) * sin(radians(j.longitude - $2) / 2) ^ 2))) AS km) d
              WHERE u.role IN ('officer', 'supervisor') AND u.disabled_at IS NULL AND km <= $3`,
            [r.latitude, r.longitude, radiusKm],
          );
          const notified = await this.notifications.notify(
            {
              recipientIds: officers.map((o) => o.id),
              kind: 'case_alert',
              titleKey: 'notifications.caseAlert.title',
              bodyKey: 'notifications.caseAlert.body',
              params: {
                caseId: r.case_id,
                caseNumber: c.case_number,
                childFullName: c.child_full_name,
                childSex: c.child_sex,
                lastSeenPlace: c.last_seen_place,
                lastSeenAt: new Date(c.last_seen_at).toISOString(),
                priority: c.priority,
                radiusKm,
              },
              link: `/cases/${r.case_id}`,
              dedupeKey: `case-alert:${r.case_id}`,
            },
            manager,
          );
          count = notified.length;
        }
        const done = !c || radiusKm >= FINAL_RADIUS || !(c.status === 'open' || c.status === 'sighted');
        await manager.query('UPDATE case_alert_rollouts SET radius_km_reached = $2, completed_at = $3 WHERE case_id = $1', [r.case_id, radiusKm, done ? now : null]);
        return count;
      });
    }
    return alerted;
  }
}
