import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching between sightings and missing-child files: the ranked suggestions with their reasons, the
 * links people confirmed, and an index on the files' last-seen position for the ranking's prefilter.
 */
export class SightingMatching1764610000000 implements MigrationInterface {
  name = 'SightingMatching1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sighting_candidates (
        sighting_id  uuid NOT NULL REFERENCES sightings(id) ON DELETE CASCADE,
        case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        rank         smallint NOT NULL CHECK (rank >= 1),
        score        real NOT NULL CHECK (score BETWEEN 0 AND 1),
        reasons      jsonb NOT NULL,
        computed_at  timestamptz NOT NULL,
        PRIMARY KEY (sighting_id, case_id)
      );
      CREATE INDEX sighting_candidates_case_idx ON sighting_candidates (case_id);
      CREATE INDEX sighting_candidates_rank_idx ON sighting_candidates (sighting_id, rank);

      CREATE TABLE sighting_case_links (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sighting_id        uuid NOT NULL REFERENCES sightings(id) ON DELETE RESTRICT,
        case_id            uuid NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        score              real,
        reasons            jsonb NOT NULL DEFAULT '[]',
        note               text,
        linked_by_user_id  uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        linked_at          timestamptz NOT NULL,
        UNIQUE (sighting_id, case_id)
      );
      CREATE INDEX sighting_case_links_case_idx ON sighting_case_links (case_id, linked_at DESC);

      ALTER TABLE sightings ADD CONSTRAINT sightings_linked_case_fkey FOREIGN KEY (linked_case_id) REFERENCES cases(id) ON DELETE RESTRICT;
      CREATE INDEX sightings_linked_case_idx ON sightings (linked_case_id) WHERE linked_case_id IS NOT NULL;
      ALTER TABLE case_alert_rollouts ADD CONSTRAINT case_alert_rollouts_case_fkey FOREIGN KEY (case_id) REFERENCES cases(id) ON DELETE CASCADE;

      -- The ranking's prefilter: files still searched for, by last-seen position (bounding box).
      CREATE INDEX cases_matching_position_idx ON cases (last_seen_lat, last_seen_lng)
        WHERE deleted_at IS NULL AND status IN ('open', 'sighted');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX cases_matching_position_idx;
      ALTER TABLE case_alert_rollouts DROP CONSTRAINT case_alert_rollouts_case_fkey;
      DROP INDEX sightings_linked_case_idx;
      ALTER TABLE sightings DROP CONSTRAINT sightings_linked_case_fkey;
      DROP TABLE sighting_case_links;
      DROP TABLE sighting_candidates;
    `);
  }
}
