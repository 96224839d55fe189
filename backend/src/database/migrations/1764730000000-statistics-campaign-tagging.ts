import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics over a million files (issue 5 §4, ≤ 500 ms): covering indexes so each figure is an
 * index-only range scan on the time it counts by, filtered by the jurisdiction path inside the index.
 *
 * Campaign tagging (issue 5 §3): a file (created_at), a sighting (seen_at) or a rescue (occurred_at)
 * inside a campaign's jurisdiction subtree and dates (Asia/Shanghai calendar days, both ends
 * included) is tagged to it automatically, by triggers on insert and when its time or place
 * changes, and by `campaign_retag` when a campaign is created or moved. Manual tags and tags a
 * person took out (excluded) are never touched.
 */
export class StatisticsCampaignTagging1764730000000 implements MigrationInterface {
  name = 'StatisticsCampaignTagging1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX cases_stats_created_idx ON cases (created_at) INCLUDE (jurisdiction_path, status) WHERE deleted_at IS NULL;
      CREATE INDEX cases_stats_path_created_idx ON cases (jurisdiction_path text_pattern_ops, created_at) INCLUDE (status) WHERE deleted_at IS NULL;
      CREATE INDEX cases_stats_closed_idx ON cases (closed_at) INCLUDE (jurisdiction_path) WHERE closed_at IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX cases_stats_found_idx ON cases (found_at) INCLUDE (jurisdiction_path, last_seen_at) WHERE found_at IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX cases_stats_reunited_idx ON cases (reunited_at) INCLUDE (jurisdiction_path, found_at) WHERE reunited_at IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX sightings_stats_created_idx ON sightings (created_at) INCLUDE (jurisdiction_path, status);
      CREATE INDEX sightings_path_seen_idx ON sightings (jurisdiction_path text_pattern_ops, seen_at);
      CREATE INDEX rescues_stats_occurred_idx ON rescues (occurred_at) INCLUDE (jurisdiction_path, suspects_detained);
      CREATE INDEX reunions_stats_verified_idx ON reunions (reunited_on) INCLUDE (jurisdiction_path) WHERE verification_status = 'verified';
      CREATE INDEX kinship_matches_confirmed_idx ON kinship_matches (decided_at) INCLUDE (jurisdiction_path) WHERE status = 'confirmed';
      CREATE INDEX campaign_records_list_idx ON campaign_records (campaign_id, tagged_at DESC);

      -- Is a record at this place and time inside the campaign? Dates are whole days in Shanghai.
      CREATE FUNCTION campaign_contains(c campaigns, path text, at timestamptz) RETURNS boolean
        LANGUAGE sql STABLE AS $$
          SELECT path LIKE c.jurisdiction_path || '%'
             AND at >= (c.starts_on::timestamp AT TIME ZONE 'Asia/Shanghai')
             AND at < ((c.ends_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        $$;

      -- AFTER INSERT / UPDATE OF <time>, jurisdiction_path on cases, sightings, rescues.
      -- TG_ARGV: the record type and the name of its time column.
      CREATE FUNCTION campaign_tag_record() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          at timestamptz := (to_jsonb(NEW) ->> TG_ARGV[1])::timestamptz;
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            DELETE FROM campaign_records cr USING campaigns c
             WHERE cr.record_type = TG_ARGV[0] AND cr.record_id = NEW.id AND cr.origin = 'auto' AND NOT cr.excluded
               AND c.id = cr.campaign_id AND NOT campaign_contains(c, NEW.jurisdiction_path, at);
          END IF;
          INSERT INTO campaign_records (campaign_id, record_type, record_id, origin)
          SELECT c.id, TG_ARGV[0], NEW.id, 'auto' FROM campaigns c WHERE campaign_contains(c, NEW.jurisdiction_path, at)
          ON CONFLICT DO NOTHING;
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER cases_campaign_tag AFTER INSERT OR UPDATE OF created_at, jurisdiction_path ON cases
        FOR EACH ROW EXECUTE FUNCTION campaign_tag_record('case', 'created_at');
      CREATE TRIGGER sightings_campaign_tag AFTER INSERT OR UPDATE OF seen_at, jurisdiction_path ON sightings
        FOR EACH ROW EXECUTE FUNCTION campaign_tag_record('sighting', 'seen_at');
      CREATE TRIGGER rescues_campaign_tag AFTER INSERT OR UPDATE OF occurred_at, jurisdiction_path ON rescues
        FOR EACH ROW EXECUTE FUNCTION campaign_tag_record('rescue', 'occurred_at');

      -- After a campaign is created or its place or dates change: tag what is now inside, untag
      -- automatic tags now outside. Returns nothing; manual and excluded rows stay as they are.
      CREATE FUNCTION campaign_retag(campaign uuid) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
          c campaigns;
          first_at timestamptz;
          end_at timestamptz;
        BEGIN
          SELECT * INTO c FROM campaigns WHERE id = campaign;
          first_at := c.starts_on::timestamp AT TIME ZONE 'Asia/Shanghai';
          end_at := (c.ends_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai';
          DELETE FROM campaign_records cr
           WHERE cr.campaign_id = campaign AND cr.origin = 'auto' AND NOT cr.excluded
             AND NOT CASE cr.record_type
               WHEN 'case' THEN EXISTS (SELECT 1 FROM cases x WHERE x.id = cr.record_id AND campaign_contains(c, x.jurisdiction_path, x.created_at))
               WHEN 'sighting' THEN EXISTS (SELECT 1 FROM sightings x WHERE x.id = cr.record_id AND campaign_contains(c, x.jurisdiction_path, x.seen_at))
               ELSE EXISTS (SELECT 1 FROM rescues x WHERE x.id = cr.record_id AND campaign_contains(c, x.jurisdiction_path, x.occurred_at))
             END;
          INSERT INTO campaign_records (campaign_id, record_type, record_id, origin)
          SELECT campaign, 'case', x.id, 'auto' FROM cases x
           WHERE x.jurisdiction_path LIKE c.jurisdiction_path || '%' AND x.created_at >= first_at AND x.created_at < end_at AND x.deleted_at IS NULL
          ON CONFLICT DO NOTHING;
          INSERT INTO campaign_records (campaign_id, record_type, record_id, origin)
          SELECT campaign, 'sighting', x.id, 'auto' FROM sightings x
           WHERE x.jurisdiction_path LIKE c.jurisdiction_path || '%' AND x.seen_at >= first_at AND x.seen_at < end_at
          ON CONFLICT DO NOTHING;
          INSERT INTO campaign_records (campaign_id, record_type, record_id, origin)
          SELECT campaign, 'rescue', x.id, 'auto' FROM rescues x
           WHERE x.jurisdiction_path LIKE c.jurisdiction_path || '%' AND x.occurred_at >= first_at AND x.occurred_at < end_at
          ON CONFLICT DO NOTHING;
        END
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION campaign_retag(uuid);
      DROP TRIGGER rescues_campaign_tag ON rescues;
      DROP TRIGGER sightings_campaign_tag ON sightings;
      DROP TRIGGER cases_campaign_tag ON cases;
      DROP FUNCTION campaign_tag_record();
      DROP FUNCTION campaign_contains(campaigns, text, timestamptz);
      DROP INDEX campaign_records_list_idx, kinship_matches_confirmed_idx, reunions_stats_verified_idx, rescues_stats_occurred_idx,
        sightings_path_seen_idx, sightings_stats_created_idx, cases_stats_reunited_idx, cases_stats_found_idx, cases_stats_closed_idx,
        cases_stats_path_created_idx, cases_stats_created_idx;
    `);
  }
}
