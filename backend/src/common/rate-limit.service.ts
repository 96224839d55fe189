import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from './clock';
import { Problem } from './problem';

/**
 * Fixed-window counters kept in PostgreSQL, so that every API replica counts against the same
 * limits. One statement per hit: it starts a new window when the old one has ended.
 */
@Injectable()
export class RateLimitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit on `key`; over `limit` hits in `windowSeconds` → 429 with Retry-After. */
  async consume(key: string, limit: number, windowSeconds: number, what: string): Promise<void> {
    const now = this.clock.now();
    const [row]: { hits: number; window_start: Date }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_windows AS w (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN w.window_start <= $2::timestamptz - make_interval(secs => $3) THEN 1 ELSE w.hits + 1 END,
         window_start = CASE WHEN w.window_start <= $2::timestamptz - make_interval(secs => $3) THEN $2 ELSE w.window_start END
       RETURNING hits, window_start`,
      [key, now, windowSeconds],
    );
    if (row.hits > limit) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((new Date(row.window_start).getTime() + windowSeconds * 1000 - now.getTime()) / 1000),
      );
      throw new Problem(HttpStatus.TOO_MANY_REQUESTS, `Too many ${what}. Try again in ${retryAfterSeconds} seconds.`, {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
      });
    }
  }
}
