import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ranking's prefilter reads every file still searched for inside a wide box (up to 1,500 km): an
 * index holding exactly the columns it scores (sex, position, last-seen time, birth date) lets it run
 * as an index-only scan instead of reading whole file rows. Replaces the plain position index.
 */
export class MatchingCoveringIndex1764750000000 implements MigrationInterface {
  name = 'MatchingCoveringIndex1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX cases_matching_position_idx;
      CREATE INDEX cases_matching_prefilter_idx ON cases (child_sex, last_seen_lat)
        INCLUDE (last_seen_lng, last_seen_at, child_birth_date_estimate, id)
        WHERE deleted_at IS NULL AND status IN ('open', 'sighted');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX cases_matching_prefilter_idx;
      CREATE INDEX cases_matching_position_idx ON cases (last_seen_lat, last_seen_lng)
        WHERE deleted_at IS NULL AND status IN ('open', 'sighted');
    `);
  }
}
