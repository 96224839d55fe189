import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.service';

export const STATISTICS_COMPACTION_JOB = 'statistics-compaction';

/**
 * Keeps the statistics roll-up small (migration 1764800000000-statistics-rollup): the triggers append
 * every change to statistics_changes; every minute this folds them into statistics_daily. Readers
 * read both tables in one statement, so they see the same figures before and after.
 */
@Injectable()
export class StatisticsRollup implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register(STATISTICS_COMPACTION_JOB, () => this.compact().then(() => undefined), { cron: '* * * * *', retryLimit: 0 });
  }

  /** Folds the pending changes into the daily counts and drops counts that reached zero; returns how many changes it folded. */
  async compact(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // One compaction at a time: two folding the same days in different orders could deadlock.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('statistics_compaction'))`);
      const [folded]: { changes: number; keys: string[][] }[] = await manager.query(
        `WITH moved AS (DELETE FROM statistics_changes RETURNING metric, day, jurisdiction_path, value, n),
              summed AS (SELECT metric, day, jurisdiction_path, value, sum(n) AS n FROM moved GROUP BY 1, 2, 3, 4),
              folded AS (INSERT INTO statistics_daily AS d (metric, day, jurisdiction_path, value, n)
                         SELECT * FROM summed WHERE n <> 0
                         ON CONFLICT (metric, day, jurisdiction_path, value) DO UPDATE SET n = d.n + EXCLUDED.n
                         RETURNING metric, day, jurisdiction_path, value, n)
         SELECT (SELECT count(*)::int FROM moved) AS changes,
                coalesce((SELECT array_agg(ARRAY[metric, day::text, jurisdiction_path, value::text]) FROM folded WHERE n = 0), '{}') AS keys`,
      );
      if (folded.keys.length > 0) {
        await manager.query(
          `DELETE FROM statistics_daily d
            USING unnest($1::text[], $2::date[], $3::text[], $4::bigint[]) AS z (metric, day, jurisdiction_path, value)
            WHERE (d.metric, d.day, d.jurisdiction_path, d.value) = (z.metric, z.day, z.jurisdiction_path, z.value) AND d.n = 0`,
          [0, 1, 2, 3].map((i) => folded.keys.map((key) => key[i])),
        );
      }
      return folded.changes;
    });
  }
}
