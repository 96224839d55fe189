import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';

/** How often pg-boss's offWork loop looks whether a stopped queue's workers have finished (its source: delay(1000)). */
const PG_BOSS_WORKER_POLL_MS = 1000;

export type JobHandler<T> = (data: T) => Promise<void>;

interface Registration {
  name: string;
  handler: JobHandler<unknown>;
  /** Cron expression (UTC) for a recurring job, e.g. '* * * * *'. */
  cron?: string;
  retryLimit: number;
}

/** The primary's connection URL: background work must never run on a read replica. */
export function primaryUrl(dataSource: DataSource): string {
  const options = dataSource.options as { url?: string; replication?: { master: { url?: string } } };
  const url = options.replication?.master.url ?? options.url;
  if (!url) throw new Error('The data source has no connection URL');
  return url;
}

/**
 * Background jobs in PostgreSQL (pg-boss, schema `pgboss` of the same database): a job sent by one
 * replica is taken by any replica, and a job that has not run when the process stops runs after the
 * next start. Features register handlers in `onModuleInit`; workers start once the app has booted.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly registrations = new Map<string, Registration>();
  private boss: PgBoss | null = null;
  private workersRunning = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Declares a queue and its handler. Call from a provider's constructor or onModuleInit. */
  register<T>(name: string, handler: JobHandler<T>, options: { cron?: string; retryLimit?: number } = {}): void {
    this.registrations.set(name, { name, handler: handler as JobHandler<unknown>, cron: options.cron, retryLimit: options.retryLimit ?? 3 });
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = new PgBoss({
      connectionString: primaryUrl(this.dataSource),
      schema: 'pgboss',
      max: 4,
      application_name: 'homeward-jobs',
      retentionDays: 7,
      deleteAfterDays: 7,
    });
    boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`));
    await boss.start();
    this.boss = boss;
    for (const r of this.registrations.values()) {
      await boss.createQueue(r.name, { name: r.name, retryLimit: r.retryLimit, retryDelay: 5, retryBackoff: true });
      if (r.cron) await boss.schedule(r.name, r.cron, {}, { tz: 'UTC' });
    }
    await this.startWorkers();
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    // stop() resolves before pg-boss's offWork loops, which poll once a second, have seen the workers
    // stop; let them take that last look, so that nothing of pg-boss still runs once the application
    // has closed (a test runner tears its module system down right after).
    await new Promise((resolve) => setTimeout(resolve, PG_BOSS_WORKER_POLL_MS + 100));
  }

  /** Enqueues a job; it survives restarts and runs on whichever replica takes it first. */
  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    if (!this.registrations.has(name)) throw new Error(`JobQueue: no handler registered for ${name}`);
    if (!this.boss) throw new Error('JobQueue: not started yet (send jobs after the application has booted)');
    return this.boss.send(name, data, options);
  }

  /** Starts taking jobs (done at boot). */
  async startWorkers(): Promise<void> {
    if (!this.boss || this.workersRunning) return;
    this.workersRunning = true;
    for (const r of this.registrations.values()) {
      await this.boss.work(r.name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await r.handler(job.data);
      });
    }
  }

  /** Stops taking jobs without stopping the queue (jobs can still be sent; they wait). For tests and maintenance. */
  async stopWorkers(): Promise<void> {
    if (!this.boss || !this.workersRunning) return;
    this.workersRunning = false;
    for (const r of this.registrations.values()) await this.boss.offWork(r.name);
  }

  /** Jobs of our queues that have not finished (waiting, retrying or running). */
  async pending(): Promise<number> {
    const names = [...this.registrations.keys()].filter((n) => !this.registrations.get(n)!.cron);
    if (!names.length) return 0;
    const [row]: { n: string }[] = await this.dataSource.query(
      `SELECT count(*)::text AS n FROM pgboss.job WHERE name = ANY($1) AND (state IN ('retry', 'active') OR (state = 'created' AND start_after <= now()))`,
      [names],
    );
    return Number(row.n);
  }

  /**
   * Waits until every due job has been processed (tests use it after an action that enqueues work).
   * Throws when the queue has not drained within `timeoutMs`.
   */
  async drain(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.pending()) > 0) {
      if (Date.now() > deadline) throw new Error(`JobQueue: still ${await this.pending()} jobs pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
