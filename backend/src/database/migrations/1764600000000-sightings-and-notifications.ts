import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen and officer sightings, idempotency keys for submissions from phones on bad networks,
 * in-app notifications and the widening-radius alert roll-outs of high-priority files.
 */
export class SightingsAndNotifications1764600000000 implements MigrationInterface {
  name = 'SightingsAndNotifications1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sightings (
        id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Crockford base32, 28 characters (140 random bits), without the HW- prefix and dashes.
        receipt_code                  text NOT NULL UNIQUE CHECK (receipt_code ~ '^[0-9A-HJKMNP-TV-Z]{28}$'),
        source                        text NOT NULL CHECK (source IN ('public', 'officer')),
        status                        text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'triaged', 'linked', 'dismissed', 'duplicate')),
        seen_at                       timestamptz NOT NULL,
        seen_at_source                text NOT NULL CHECK (seen_at_source IN ('reporter', 'photo', 'received')),
        latitude                      double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude                     double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        location_source               text NOT NULL CHECK (location_source IN ('reporter', 'photo')),
        place_text                    text CHECK (char_length(place_text) <= 500),
        jurisdiction_id               uuid NOT NULL REFERENCES jurisdictions(id) ON DELETE RESTRICT,
        jurisdiction_path             text NOT NULL,
        begging                       boolean NOT NULL DEFAULT false,
        with_adult                    boolean NOT NULL DEFAULT false,
        visible_injury_or_disability  boolean NOT NULL DEFAULT false,
        distressed                    boolean NOT NULL DEFAULT false,
        estimated_age_years           smallint CHECK (estimated_age_years BETWEEN 0 AND 25),
        sex                           text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('male', 'female', 'unknown')),
        description                   text NOT NULL DEFAULT '' CHECK (char_length(description) <= 4000),
        -- SecretBox-sealed; shown only to police of the sighting's jurisdiction, each view audited.
        reporter_contact_sealed       text,
        reported_by_user_id           uuid REFERENCES users(id) ON DELETE RESTRICT,
        group_id                      uuid,
        duplicate_of_id               uuid REFERENCES sightings(id) ON DELETE RESTRICT,
        dismissed_reason              text,
        linked_case_id                uuid,
        triaged_by_user_id            uuid REFERENCES users(id) ON DELETE RESTRICT,
        triaged_at                    timestamptz,
        matched_at                    timestamptz,
        created_at                    timestamptz NOT NULL,
        updated_at                    timestamptz NOT NULL,
        version                       integer NOT NULL DEFAULT 1
      );
      CREATE INDEX sightings_queue_idx ON sightings (jurisdiction_path text_pattern_ops, status, created_at DESC);
      CREATE INDEX sightings_created_idx ON sightings (created_at DESC);
      CREATE INDEX sightings_group_idx ON sightings (group_id) WHERE group_id IS NOT NULL;

      CREATE TABLE idempotency_keys (
        scope            text NOT NULL,
        key              text NOT NULL,
        request_hash     text NOT NULL,
        response_status  integer,
        response_body    jsonb,
        created_at       timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

      CREATE TABLE notifications (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind          text NOT NULL,
        title_key     text NOT NULL,
        body_key      text NOT NULL,
        params        jsonb NOT NULL DEFAULT '{}',
        link          text,
        -- One notification per recipient and cause, e.g. 'case-alert:<caseId>'.
        dedupe_key    text,
        created_at    timestamptz NOT NULL,
        read_at       timestamptz
      );
      CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC);
      CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;
      CREATE UNIQUE INDEX notifications_dedupe_key ON notifications (recipient_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

      CREATE TABLE case_alert_rollouts (
        case_id            uuid PRIMARY KEY,
        latitude           double precision NOT NULL,
        longitude          double precision NOT NULL,
        started_at         timestamptz NOT NULL,
        radius_km_reached  integer NOT NULL DEFAULT 0,
        completed_at       timestamptz
      );
      -- How far each background consumer has read an append-only event table (e.g. case_events).
      CREATE TABLE event_feed_cursors (
        consumer       text PRIMARY KEY,
        last_event_id  bigint NOT NULL DEFAULT 0
      );

      CREATE INDEX case_alert_rollouts_active_idx ON case_alert_rollouts (started_at) WHERE completed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE event_feed_cursors;
      DROP TABLE case_alert_rollouts;
      DROP TABLE notifications;
      DROP TABLE idempotency_keys;
      DROP TABLE sightings;
    `);
  }
}
