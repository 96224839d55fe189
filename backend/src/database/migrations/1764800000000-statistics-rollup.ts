import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the statistics count, each with the function giving one row's contributions. */
const SOURCES = [
  ['cases', 'statistics_case_rows'],
  ['sightings', 'statistics_sighting_rows'],
  ['rescues', 'statistics_rescue_rows'],
  ['rescued_children', 'statistics_rescued_child_rows'],
  ['reunions', 'statistics_reunion_rows'],
  ['kinship_matches', 'statistics_match_rows'],
] as const;
const TRIGGER_EVENTS = [
  ['INSERT', 'NEW TABLE AS new_rows'],
  ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
  ['DELETE', 'OLD TABLE AS old_rows'],
] as const;

/**
 * Fills statistics_daily from the tables (records that exist when the migration runs). A rescue's
 * rows include its children's, so rescued_children is not read on its own here.
 */
export const STATISTICS_BACKFILL = `
  INSERT INTO statistics_daily (day, jurisdiction_path, metric, value, n)
  SELECT day, jurisdiction_path, metric, value, sum(n) FROM (
    ${SOURCES.filter(([table]) => table !== 'rescued_children')
      .map(([table, rows]) => `SELECT f.* FROM ${table} t, LATERAL ${rows}(t) f`)
      .join('\n    UNION ALL ')}
  ) rows
  GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`;

/**
 * All-time statistics from counters the database keeps instead of scanning every row (issue 5 §8).
 * statistics_daily holds counts per Shanghai calendar day, jurisdiction and metric; `value` is the
 * exact duration in microseconds for the two median histograms and 0 otherwise. Triggers append
 * each write's difference (+n for new rows, −n for old ones) to statistics_changes, so that intake
 * never waits on a shared counter row; a job folds the changes in every minute (StatisticsRollup),
 * and readers read both tables in one statement. The metrics mirror StatisticsService's live SQL;
 * one function per table defines a row's contributions, for the triggers and the backfill alike.
 */
export class StatisticsRollup1764800000000 implements MigrationInterface {
  name = 'StatisticsRollup1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statistics_daily (
        day                date NOT NULL,
        jurisdiction_path  text NOT NULL,
        metric             text NOT NULL,
        value              bigint NOT NULL DEFAULT 0,
        n                  bigint NOT NULL,
        -- Metric first: each figure reads its own metrics over a range of days.
        PRIMARY KEY (metric, day, jurisdiction_path, value)
      );
      CREATE TABLE statistics_changes (
        day                date NOT NULL,
        jurisdiction_path  text NOT NULL,
        metric             text NOT NULL,
        value              bigint NOT NULL DEFAULT 0,
        n                  integer NOT NULL
      );

      CREATE FUNCTION statistics_day(at timestamptz) RETURNS date
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (at AT TIME ZONE 'Asia/Shanghai')::date $$;
      -- Exact to the microsecond, so that the medians equal percentile_cont over the rows themselves.
      CREATE FUNCTION statistics_duration(since timestamptz, until timestamptz) RETURNS bigint
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (extract(epoch FROM until - since) * 1000000)::bigint $$;
      CREATE FUNCTION statistics_child_metric(case_id uuid) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN case_id IS NULL THEN 'children_unidentified' ELSE 'children_identified' END $$;

      -- Files (not deleted): opened by current status, closed, and the two durations whose medians are shown.
      CREATE FUNCTION statistics_case_rows(c cases)
        RETURNS TABLE (day date, jurisdiction_path text, metric text, value bigint, n bigint)
        LANGUAGE sql STABLE AS $$
          SELECT statistics_day(r.at), c.jurisdiction_path, r.metric, r.value, 1::bigint
            FROM (VALUES (c.created_at, 'files_opened:' || c.status, 0::bigint),
                         (c.closed_at, 'files_closed', 0::bigint),
                         (c.found_at, 'days_missing_to_found', statistics_duration(c.last_seen_at, c.found_at)),
                         (c.reunited_at, 'days_found_to_reunited', statistics_duration(c.found_at, c.reunited_at))) r (at, metric, value)
           WHERE c.deleted_at IS NULL AND r.at IS NOT NULL AND r.value IS NOT NULL
        $$;
      CREATE FUNCTION statistics_sighting_rows(s sightings)
        RETURNS TABLE (day date, jurisdiction_path text, metric text, value bigint, n bigint)
        LANGUAGE sql STABLE AS $$
          SELECT statistics_day(s.created_at), s.jurisdiction_path, m.metric, 0::bigint, 1::bigint
            FROM (VALUES ('sightings_received'), ('sightings_' || s.status)) m (metric)
           WHERE s.created_at IS NOT NULL AND m.metric IN ('sightings_received', 'sightings_linked', 'sightings_dismissed')
        $$;
      -- A rescue, its detained suspects, and the children recovered in it (counted on the rescue's day and jurisdiction).
      CREATE FUNCTION statistics_rescue_rows(r rescues)
        RETURNS TABLE (day date, jurisdiction_path text, metric text, value bigint, n bigint)
        LANGUAGE sql STABLE AS $$
          SELECT statistics_day(r.occurred_at), r.jurisdiction_path, m.metric, 0::bigint, m.n
            FROM (VALUES ('rescues', 1::bigint), ('suspects_detained', r.suspects_detained::bigint)) m (metric, n)
           WHERE r.id IS NOT NULL AND m.n <> 0
          UNION ALL
          SELECT statistics_day(r.occurred_at), r.jurisdiction_path, statistics_child_metric(rc.case_id), 0::bigint, 1::bigint
            FROM rescued_children rc WHERE rc.rescue_id = r.id
        $$;
      CREATE FUNCTION statistics_rescued_child_rows(rc rescued_children)
        RETURNS TABLE (day date, jurisdiction_path text, metric text, value bigint, n bigint)
        LANGUAGE sql STABLE AS $$
          SELECT statistics_day(r.occurred_at), r.jurisdiction_path, statistics_child_metric(rc.case_id), 0::bigint, 1::bigint
            FROM rescues r WHERE r.id = rc.rescue_id
        $$;
      CREATE FUNCTION statistics_reunion_rows(u reunions)
        RETURNS TABLE (day date, jurisdiction_path text, metric text, value bigint, n bigint)
        LANGUAGE sql STABLE AS $$
          SELECT u.reunited_on, u.jurisdiction_path, 'reunited', 0::bigint, 1::bigint
           WHERE u.verification_status = 'verified' AND u.reunited_on IS NOT NULL
        $$;
      CREATE FUNCTION statistics_match_rows(m kinship_matches)
        RETURNS TABLE (day date, jurisdiction_path text, metric text, value bigint, n bigint)
        LANGUAGE sql STABLE AS $$
          SELECT statistics_day(m.decided_at), m.jurisdiction_path, 'dna_matches_confirmed', 0::bigint, 1::bigint
           WHERE m.status = 'confirmed' AND m.decided_at IS NOT NULL
        $$;

      -- Appends the difference a statement makes (TG_ARGV[0]: the table's function): −n for each old row's
      -- contributions, +n for each new row's, summed, so that rows whose figures did not change add nothing.
      CREATE FUNCTION statistics_record_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parts text[] := '{}';
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          parts := parts || format('SELECT f.day, f.jurisdiction_path, f.metric, f.value, -f.n AS n FROM old_rows o, LATERAL %I(o) f', TG_ARGV[0]);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          parts := parts || format('SELECT f.day, f.jurisdiction_path, f.metric, f.value, f.n FROM new_rows o, LATERAL %I(o) f', TG_ARGV[0]);
        END IF;
        EXECUTE 'INSERT INTO statistics_changes (day, jurisdiction_path, metric, value, n)
                 SELECT day, jurisdiction_path, metric, value, sum(n) FROM (' || array_to_string(parts, ' UNION ALL ') || ') d
                  GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0';
        RETURN NULL;
      END $$;
    `);
    // Statement triggers with transition tables: a bulk write appends its summed difference once, not a row per row.
    // (PostgreSQL allows transition tables only on single-event triggers, hence three per table.)
    for (const [table, rows] of SOURCES) {
      for (const [event, tables] of TRIGGER_EVENTS) {
        await q.query(`CREATE TRIGGER ${table}_statistics_${event.toLowerCase()} AFTER ${event} ON ${table}
                         REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION statistics_record_changes('${rows}')`);
      }
    }
    await q.query(STATISTICS_BACKFILL);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of SOURCES) {
      for (const [event] of TRIGGER_EVENTS) await q.query(`DROP TRIGGER ${table}_statistics_${event.toLowerCase()} ON ${table}`);
    }
    await q.query(`
      DROP FUNCTION statistics_record_changes();
      DROP FUNCTION statistics_case_rows(cases), statistics_sighting_rows(sightings), statistics_rescue_rows(rescues),
                    statistics_rescued_child_rows(rescued_children), statistics_reunion_rows(reunions), statistics_match_rows(kinship_matches);
      DROP FUNCTION statistics_day(timestamptz), statistics_duration(timestamptz, timestamptz), statistics_child_metric(uuid);
      DROP TABLE statistics_changes, statistics_daily;
    `);
  }
}
