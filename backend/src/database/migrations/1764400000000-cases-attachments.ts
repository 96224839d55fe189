import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Missing-child files (cases), their per-year number counters, their domain events (the timeline),
 * and photo attachments. Name search uses pg_trgm over a romanised (pinyin) search column, so that
 * it works whatever the database's character-classification locale is.
 */
export class CasesAttachments1764400000000 implements MigrationInterface {
  name = 'CasesAttachments1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE case_number_counters (
        year        integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
        last_value  integer NOT NULL CHECK (last_value BETWEEN 0 AND 999999)
      );

      CREATE TABLE cases (
        id                           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_number                  text NOT NULL UNIQUE CHECK (case_number ~ '^MC-[0-9]{4}-[0-9]{6}$'),
        child_full_name              text NOT NULL CHECK (length(child_full_name) BETWEEN 1 AND 100),
        child_other_names            text,
        -- 'zhang xiao ming zhangxiaoming zxm …' for the child's names: written by the service (pinyin-pro).
        search_pinyin                text NOT NULL DEFAULT '',
        child_sex                    text NOT NULL CHECK (child_sex IN ('male', 'female', 'unknown')),
        child_date_of_birth          date,
        child_estimated_age_years    numeric(4, 1) CHECK (child_estimated_age_years BETWEEN 0 AND 25),
        -- The date of birth, or one estimated from the age at creation: age filters compare against it.
        child_birth_date_estimate    date NOT NULL,
        child_height_cm              integer CHECK (child_height_cm BETWEEN 30 AND 220),
        child_distinguishing_marks   text,
        child_disabilities           text,
        child_dialect                text,
        last_seen_at                 timestamptz NOT NULL,
        last_seen_place              text NOT NULL,
        last_seen_lat                double precision CHECK (last_seen_lat BETWEEN -90 AND 90),
        last_seen_lng                double precision CHECK (last_seen_lng BETWEEN -180 AND 180),
        -- Sensitive: the reporting family (never in a reduced view).
        reporter                     jsonb,
        family_contacts              jsonb NOT NULL DEFAULT '[]',
        circumstances                text,
        priority                     text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        status                       text NOT NULL DEFAULT 'open'
                                     CHECK (status IN ('open', 'sighted', 'located', 'rescued', 'reunited', 'closed')),
        closure_reason               text,
        jurisdiction_id              uuid NOT NULL REFERENCES jurisdictions(id) ON DELETE RESTRICT,
        jurisdiction_path            text NOT NULL,
        assigned_officer_id          uuid REFERENCES users(id) ON DELETE SET NULL,
        shared_with_organisation_id  uuid REFERENCES organisations(id) ON DELETE SET NULL,
        shared_until                 timestamptz,
        created_by_id                uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at                   timestamptz NOT NULL DEFAULT now(),
        updated_at                   timestamptz NOT NULL DEFAULT now(),
        deleted_at                   timestamptz,
        version                      integer NOT NULL DEFAULT 1,
        CHECK (status <> 'closed' OR closure_reason IS NOT NULL),
        CHECK ((shared_with_organisation_id IS NULL) = (shared_until IS NULL))
      );
      CREATE INDEX cases_jurisdiction_path_idx ON cases (jurisdiction_path text_pattern_ops) WHERE deleted_at IS NULL;
      CREATE INDEX cases_case_number_prefix_idx ON cases (case_number text_pattern_ops);
      CREATE INDEX cases_status_idx ON cases (status, created_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX cases_created_idx ON cases (created_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX cases_assigned_officer_idx ON cases (assigned_officer_id) WHERE assigned_officer_id IS NOT NULL;
      CREATE INDEX cases_shared_idx ON cases (shared_with_organisation_id, shared_until) WHERE shared_with_organisation_id IS NOT NULL;
      CREATE INDEX cases_last_seen_idx ON cases (last_seen_at);
      CREATE INDEX cases_search_pinyin_trgm_idx ON cases USING gin (search_pinyin gin_trgm_ops);
      CREATE INDEX cases_child_name_trgm_idx ON cases USING gin (child_full_name gin_trgm_ops);

      CREATE TABLE case_events (
        id           bigserial PRIMARY KEY,
        case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        occurred_at  timestamptz NOT NULL,
        type         text NOT NULL CHECK (type ~ '^[a-z_.]{2,64}$'),
        actor_id     uuid REFERENCES users(id) ON DELETE SET NULL,
        details      jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX case_events_case_idx ON case_events (case_id, occurred_at, id);

      CREATE TABLE attachments (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type        text NOT NULL CHECK (entity_type IN ('case', 'sighting', 'rescued_child')),
        entity_id          uuid NOT NULL,
        kind               text NOT NULL DEFAULT 'photo' CHECK (kind IN ('photo')),
        original_type      text NOT NULL,
        original_bytes     integer NOT NULL,
        original_width     integer NOT NULL,
        original_height    integer NOT NULL,
        sha256             char(64) NOT NULL,
        phash              char(16) NOT NULL,
        display_key        text NOT NULL,
        display_type       text NOT NULL,
        display_width      integer NOT NULL,
        display_height     integer NOT NULL,
        display_bytes      integer NOT NULL,
        thumbnail_key      text NOT NULL,
        thumbnail_type     text NOT NULL,
        thumbnail_bytes    integer NOT NULL,
        file_name          text,
        exif_lat           double precision,
        exif_lng           double precision,
        exif_taken_at      timestamptz,
        uploaded_by_id     uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        deleted_at         timestamptz
      );
      CREATE INDEX attachments_entity_idx ON attachments (entity_type, entity_id) WHERE deleted_at IS NULL;
      CREATE INDEX attachments_sha256_idx ON attachments (sha256);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE attachments;
      DROP TABLE case_events;
      DROP TABLE cases;
      DROP TABLE case_number_counters;
    `);
  }
}
