import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jurisdictions, organisations, users, sign-in state, rate limits and the hash-chained audit log.
 */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdictions (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code        varchar(12) NOT NULL UNIQUE,
        name        text NOT NULL,
        name_en     text NOT NULL,
        level       text NOT NULL CHECK (level IN ('nation', 'province', 'prefecture', 'county')),
        parent_id   uuid REFERENCES jurisdictions(id) ON DELETE RESTRICT,
        -- Materialised path of codes, e.g. 'CN/340000/341200/341222/': a subtree is a prefix match.
        path        text NOT NULL UNIQUE CHECK (path ~ '^([A-Za-z0-9]+/)+$'),
        latitude    double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude   double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        created_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX jurisdictions_path_prefix_idx ON jurisdictions (path text_pattern_ops);
      CREATE INDEX jurisdictions_parent_idx ON jurisdictions (parent_id);

      CREATE TABLE organisations (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name             text NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('police', 'ngo', 'lab', 'government')),
        jurisdiction_id  uuid NOT NULL REFERENCES jurisdictions(id) ON DELETE RESTRICT,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        version          integer NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));
      CREATE INDEX organisations_jurisdiction_idx ON organisations (jurisdiction_id);

      CREATE TABLE users (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username              text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
        display_name          text NOT NULL,
        password_hash         text NOT NULL,
        role                  text NOT NULL CHECK (role IN ('admin', 'supervisor', 'officer', 'lab_technician', 'ngo_caseworker')),
        organisation_id       uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        jurisdiction_id       uuid NOT NULL REFERENCES jurisdictions(id) ON DELETE RESTRICT,
        must_change_password  boolean NOT NULL DEFAULT false,
        mfa_secret_encrypted  text,
        mfa_enabled_at        timestamptz,
        -- The last TOTP time step accepted, so that a code cannot be used twice.
        mfa_last_used_step    bigint,
        -- Demo accounts only: lets the published demo users sign in without a second factor.
        mfa_exempt            boolean NOT NULL DEFAULT false,
        disabled_at           timestamptz,
        locked_at             timestamptz,
        password_changed_at   timestamptz,
        last_sign_in_at       timestamptz,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        version               integer NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX users_username_key ON users (username);
      CREATE INDEX users_organisation_idx ON users (organisation_id);
      CREATE INDEX users_jurisdiction_idx ON users (jurisdiction_id);

      CREATE TABLE sign_in_failures (
        id           bigserial PRIMARY KEY,
        user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        occurred_at  timestamptz NOT NULL
      );
      CREATE INDEX sign_in_failures_user_time_idx ON sign_in_failures (user_id, occurred_at);

      CREATE TABLE mfa_recovery_codes (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash  text NOT NULL,
        used_at    timestamptz
      );
      CREATE INDEX mfa_recovery_codes_user_idx ON mfa_recovery_codes (user_id);

      -- A session is one sign-in; its refresh tokens form the rotation family.
      CREATE TABLE auth_sessions (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id           uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at        timestamptz NOT NULL,
        last_activity_at  timestamptz NOT NULL,
        expires_at        timestamptz NOT NULL,
        revoked_at        timestamptz,
        revoked_reason    text,
        ip                text,
        user_agent        text
      );
      CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL;

      CREATE TABLE refresh_tokens (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id  uuid NOT NULL REFERENCES auth_sessions(id) ON DELETE CASCADE,
        token_hash  text NOT NULL UNIQUE,
        issued_at   timestamptz NOT NULL,
        used_at     timestamptz
      );
      CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

      -- Fixed-window counters shared by every API replica.
      CREATE TABLE rate_limit_windows (
        key            text PRIMARY KEY,
        window_start   timestamptz NOT NULL,
        hits           integer NOT NULL
      );

      CREATE TABLE audit_events (
        id                 bigint PRIMARY KEY,
        occurred_at        timestamptz NOT NULL,
        actor_id           uuid,
        actor_username     text,
        action             text NOT NULL,
        entity_type        text,
        entity_id          text,
        jurisdiction_path  text,
        ip                 text,
        request_id         text,
        outcome            text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        details            jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash          text NOT NULL,
        hash               text NOT NULL
      );
      CREATE SEQUENCE audit_events_id_seq OWNED BY audit_events.id;
      CREATE INDEX audit_events_time_idx ON audit_events (occurred_at);
      CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at);
      CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id);
      CREATE INDEX audit_events_jurisdiction_idx ON audit_events (jurisdiction_path text_pattern_ops);

      -- The text that a row's hash covers. Used by the insert trigger and by the chain check.
      CREATE FUNCTION audit_event_canonical(e audit_events) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
          SELECT concat_ws('|', e.id::text,
            to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            coalesce(e.actor_id::text, ''), coalesce(e.actor_username, ''), e.action,
            coalesce(e.entity_type, ''), coalesce(e.entity_id, ''), coalesce(e.jurisdiction_path, ''),
            coalesce(e.ip, ''), coalesce(e.request_id, ''), e.outcome, e.details::text)
        $$;

      CREATE FUNCTION audit_event_hash(prev_hash text, e audit_events) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
          SELECT encode(sha256(convert_to(prev_hash || '|' || audit_event_canonical(e), 'UTF8')), 'hex')
        $$;

      -- Chains each new row to the previous one. The advisory lock serialises appenders, and the id is
      -- drawn only after it is held, so id order is chain order even under concurrent inserts.
      CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock(hashtext('audit_events_chain'));
          NEW.id := nextval('audit_events_id_seq');
          NEW.occurred_at := coalesce(NEW.occurred_at, now());
          SELECT hash INTO NEW.prev_hash FROM audit_events ORDER BY id DESC LIMIT 1;
          NEW.prev_hash := coalesce(NEW.prev_hash, repeat('0', 64));
          NEW.hash := audit_event_hash(NEW.prev_hash, NEW);
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
      $$;
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
    `);

    // Reference data: the jurisdictions every deployment starts with (GB/T 2260 codes, centroids).
    const rows: [string, string, string, string, string | null, string, number, number][] = [
      ['CN', '中国', 'China', 'nation', null, 'CN/', 35.8617, 104.1954],
      ['340000', '安徽省', 'Anhui', 'province', 'CN', 'CN/340000/', 31.8257, 117.2264],
      ['341200', '阜阳市', 'Fuyang', 'prefecture', '340000', 'CN/340000/341200/', 32.8901, 115.8142],
      ['341222', '太和县', 'Taihe County', 'county', '341200', 'CN/340000/341200/341222/', 33.1602, 115.622],
      ['341221', '临泉县', 'Linquan County', 'county', '341200', 'CN/340000/341200/341221/', 33.04, 115.261],
      ['310000', '上海市', 'Shanghai', 'province', 'CN', 'CN/310000/', 31.2304, 121.4737],
      ['310115', '浦东新区', 'Pudong New Area', 'county', '310000', 'CN/310000/310115/', 31.2213, 121.544],
      ['440000', '广东省', 'Guangdong', 'province', 'CN', 'CN/440000/', 23.379, 113.7633],
      ['440100', '广州市', 'Guangzhou', 'prefecture', '440000', 'CN/440000/440100/', 23.1291, 113.2644],
      ['440300', '深圳市', 'Shenzhen', 'prefecture', '440000', 'CN/440000/440300/', 22.5431, 114.0579],
    ];
    for (const [code, name, nameEn, level, parentCode, path, lat, lng] of rows) {
      await q.query(
        `INSERT INTO jurisdictions (code, name, name_en, level, parent_id, path, latitude, longitude)
         VALUES ($1, $2, $3, $4, (SELECT id FROM jurisdictions WHERE code = $5), $6, $7, $8)`,
        [code, name, nameEn, level, parentCode, path, lat, lng],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_events;
      DROP FUNCTION audit_events_refuse_change();
      DROP FUNCTION audit_events_chain();
      DROP FUNCTION audit_event_hash(text, audit_events);
      DROP FUNCTION audit_event_canonical(audit_events);
      DROP TABLE rate_limit_windows;
      DROP TABLE refresh_tokens;
      DROP TABLE auth_sessions;
      DROP TABLE mfa_recovery_codes;
      DROP TABLE sign_in_failures;
      DROP TABLE users;
      DROP TABLE organisations;
      DROP TABLE jurisdictions;
    `);
  }
}
