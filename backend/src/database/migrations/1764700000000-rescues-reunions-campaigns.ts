import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rescue operations and the children recovered in them, family reunions with their follow-up visits,
 * crackdown campaigns with the records tagged to them, and report jobs. Files gain the times their
 * lifecycle reached "found" and "reunited", so statistics (medians over a million files) read columns
 * instead of replaying timelines.
 */
export class RescuesReunionsCampaigns1764700000000 implements MigrationInterface {
  name = 'RescuesReunionsCampaigns1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN found_at     timestamptz,
        ADD COLUMN reunited_at  timestamptz,
        ADD COLUMN closed_at    timestamptz;
      -- Files already past "found" keep their history: take the time from the timeline.
      UPDATE cases c SET found_at = e.occurred_at
        FROM (SELECT case_id, min(occurred_at) AS occurred_at FROM case_events
               WHERE type = 'status_changed' AND details->>'to' IN ('located', 'rescued', 'reunited')
               GROUP BY case_id) e
       WHERE e.case_id = c.id;
      UPDATE cases c SET reunited_at = e.occurred_at
        FROM (SELECT case_id, min(occurred_at) AS occurred_at FROM case_events
               WHERE type = 'status_changed' AND details->>'to' = 'reunited' GROUP BY case_id) e
       WHERE e.case_id = c.id;
      UPDATE cases SET closed_at = updated_at WHERE status = 'closed';

      CREATE TABLE campaigns (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name               text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        goals              text CHECK (char_length(goals) <= 4000),
        jurisdiction_id    uuid NOT NULL REFERENCES jurisdictions(id) ON DELETE RESTRICT,
        jurisdiction_path  text NOT NULL,
        starts_on          date NOT NULL,
        ends_on            date NOT NULL,
        created_by         uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        version            integer NOT NULL DEFAULT 1,
        CHECK (ends_on >= starts_on)
      );
      CREATE INDEX campaigns_path_idx ON campaigns (jurisdiction_path text_pattern_ops);
      CREATE INDEX campaigns_period_idx ON campaigns (starts_on, ends_on);

      CREATE TABLE rescues (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at        timestamptz NOT NULL,
        place              text NOT NULL CHECK (char_length(place) BETWEEN 1 AND 500),
        lat                double precision CHECK (lat BETWEEN -90 AND 90),
        lng                double precision CHECK (lng BETWEEN -180 AND 180),
        jurisdiction_id    uuid NOT NULL REFERENCES jurisdictions(id) ON DELETE RESTRICT,
        jurisdiction_path  text NOT NULL,
        agencies           text[] NOT NULL DEFAULT '{}',
        suspects_detained  integer NOT NULL DEFAULT 0 CHECK (suspects_detained BETWEEN 0 AND 10000),
        -- Police notes: never printed in a report or exported.
        notes              text CHECK (char_length(notes) <= 8000),
        created_by         uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        version            integer NOT NULL DEFAULT 1
      );
      CREATE INDEX rescues_path_idx ON rescues (jurisdiction_path text_pattern_ops, occurred_at DESC);
      CREATE INDEX rescues_occurred_idx ON rescues (occurred_at);

      CREATE TABLE rescued_children (
        id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rescue_id                  uuid NOT NULL REFERENCES rescues(id) ON DELETE RESTRICT,
        -- Identified: the missing-child file. Unidentified children have none until a match or a reunion.
        case_id                    uuid REFERENCES cases(id) ON DELETE RESTRICT,
        -- A name the child gave, if any (identified children take the file's name).
        name                       text CHECK (char_length(name) <= 100),
        sex                        text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('male', 'female', 'unknown')),
        estimated_age_years        numeric(4, 1) CHECK (estimated_age_years BETWEEN 0 AND 25),
        condition                  text CHECK (char_length(condition) <= 2000),
        injuries_or_disabilities   text CHECK (char_length(injuries_or_disabilities) <= 2000),
        dialect                    text CHECK (char_length(dialect) <= 100),
        status                     text NOT NULL DEFAULT 'in_care' CHECK (status IN ('in_care', 'reunited', 'transferred')),
        placement_kind             text CHECK (placement_kind IN ('shelter', 'ngo')),
        placement_organisation_id  uuid REFERENCES organisations(id) ON DELETE RESTRICT,
        placement_shelter          text CHECK (char_length(placement_shelter) <= 200),
        placed_at                  timestamptz,
        jurisdiction_path          text NOT NULL,
        created_by                 uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now(),
        version                    integer NOT NULL DEFAULT 1,
        CHECK (placement_kind IS DISTINCT FROM 'ngo' OR placement_organisation_id IS NOT NULL),
        CHECK (placement_kind IS DISTINCT FROM 'shelter' OR placement_shelter IS NOT NULL)
      );
      CREATE INDEX rescued_children_rescue_idx ON rescued_children (rescue_id);
      CREATE INDEX rescued_children_case_idx ON rescued_children (case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX rescued_children_path_idx ON rescued_children (jurisdiction_path text_pattern_ops);
      CREATE INDEX rescued_children_placement_idx ON rescued_children (placement_organisation_id) WHERE placement_organisation_id IS NOT NULL;
      ALTER TABLE dna_samples
        ADD CONSTRAINT dna_samples_rescued_child_fk FOREIGN KEY (rescued_child_id) REFERENCES rescued_children(id) ON DELETE RESTRICT;

      CREATE TABLE reunions (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id                 uuid NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        rescued_child_id        uuid REFERENCES rescued_children(id) ON DELETE RESTRICT,
        reunited_on             date NOT NULL,
        place                   text NOT NULL CHECK (char_length(place) BETWEEN 1 AND 500),
        -- [{ "name": "...", "relationship": "mother" }]: family members present (sensitive).
        family_present          jsonb NOT NULL DEFAULT '[]',
        evidence_kind           text NOT NULL CHECK (evidence_kind IN ('dna_match', 'other')),
        dna_match_id            uuid REFERENCES kinship_matches(id) ON DELETE RESTRICT,
        other_verification      text CHECK (char_length(other_verification) <= 4000),
        -- 'verified' only with a confirmed DNA match or a supervisor's sign-off (the verification gate).
        verification_status     text NOT NULL CHECK (verification_status IN ('pending_sign_off', 'verified', 'rejected')),
        signed_off_by           uuid REFERENCES users(id) ON DELETE RESTRICT,
        signed_off_at           timestamptz,
        sign_off_note           text,
        organisation_id         uuid REFERENCES organisations(id) ON DELETE RESTRICT,
        jurisdiction_path       text NOT NULL,
        logged_by               uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        version                 integer NOT NULL DEFAULT 1,
        CHECK ((evidence_kind = 'dna_match') = (dna_match_id IS NOT NULL)),
        CHECK (evidence_kind <> 'other' OR other_verification IS NOT NULL)
      );
      -- One verified or pending reunion per file.
      CREATE UNIQUE INDEX reunions_one_per_case ON reunions (case_id) WHERE verification_status <> 'rejected';
      CREATE INDEX reunions_path_idx ON reunions (jurisdiction_path text_pattern_ops, reunited_on DESC);
      CREATE INDEX reunions_organisation_idx ON reunions (organisation_id) WHERE organisation_id IS NOT NULL;

      CREATE TABLE reunion_follow_ups (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reunion_id      uuid NOT NULL REFERENCES reunions(id) ON DELETE RESTRICT,
        months_after    integer NOT NULL CHECK (months_after BETWEEN 1 AND 120),
        due_on          date NOT NULL,
        visited_on      date,
        visitor         text CHECK (char_length(visitor) <= 200),
        wellbeing       text CHECK (wellbeing IN ('good', 'fair', 'poor', 'at_risk')),
        attending_school boolean,
        risk_flags      text[] NOT NULL DEFAULT '{}',
        notes           text CHECK (char_length(notes) <= 4000),
        recorded_by     uuid REFERENCES users(id) ON DELETE RESTRICT,
        recorded_at     timestamptz,
        UNIQUE (reunion_id, months_after),
        CHECK ((visited_on IS NULL) = (recorded_at IS NULL))
      );
      CREATE INDEX reunion_follow_ups_due_idx ON reunion_follow_ups (due_on) WHERE visited_on IS NULL;

      -- Records inside a campaign's place and time (origin auto) or added by hand (manual); a record a
      -- person took out stays here with excluded = true so that re-tagging does not put it back.
      CREATE TABLE campaign_records (
        campaign_id  uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        record_type  text NOT NULL CHECK (record_type IN ('case', 'sighting', 'rescue')),
        record_id    uuid NOT NULL,
        origin       text NOT NULL CHECK (origin IN ('auto', 'manual')),
        excluded     boolean NOT NULL DEFAULT false,
        tagged_by    uuid REFERENCES users(id) ON DELETE SET NULL,
        tagged_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, record_type, record_id)
      );
      CREATE INDEX campaign_records_record_idx ON campaign_records (record_type, record_id);

      CREATE TABLE report_jobs (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type               text NOT NULL CHECK (type IN ('campaign', 'monthly')),
        campaign_id        uuid REFERENCES campaigns(id) ON DELETE RESTRICT,
        month              text CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        language           text NOT NULL CHECK (language IN ('zh-CN', 'en')),
        child_names        text NOT NULL DEFAULT 'initials' CHECK (child_names IN ('initials', 'full')),
        status             text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress           integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error              text,
        file_key           text,
        file_bytes         integer,
        pages              integer,
        requested_by       uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        -- The requester's scope when asked: the report covers only what they may see.
        jurisdiction_path  text NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        started_at         timestamptz,
        finished_at        timestamptz,
        CHECK ((type = 'campaign') = (campaign_id IS NOT NULL)),
        CHECK ((type = 'monthly') = (month IS NOT NULL))
      );
      CREATE INDEX report_jobs_requester_idx ON report_jobs (requested_by, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE report_jobs;
      DROP TABLE campaign_records;
      DROP TABLE reunion_follow_ups;
      DROP TABLE reunions;
      ALTER TABLE dna_samples DROP CONSTRAINT dna_samples_rescued_child_fk;
      DROP TABLE rescued_children;
      DROP TABLE rescues;
      DROP TABLE campaigns;
      ALTER TABLE cases DROP COLUMN found_at, DROP COLUMN reunited_at, DROP COLUMN closed_at;
    `);
  }
}
