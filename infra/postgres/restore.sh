#!/usr/bin/env bash
# Restores a dump made by backup.sh (pg_dump -Fc) into an EMPTY database, then checks the audit
# log's hash chain.
#
#   createdb -h db.example -U postgres -O homeward homeward_restored
#   DATABASE_URL=postgres://homeward@db.example:5432/homeward_restored \
#     infra/postgres/restore.sh /srv/backups/homeward/homeward-homeward-20260101T020000Z.dump
#
# Why an empty database: audit_events is append-only. Its triggers refuse UPDATE, DELETE and TRUNCATE,
# so the rows of an existing log cannot be replaced. Into an empty database the restore works: the
# table is created, its rows loaded with COPY, and only then (pg_dump's post-data section) are the
# triggers created, so the restored rows keep their ids and hashes and the chain stays intact.
#
# Restore as the role the API uses (the owner of the new database): objects are created owned by the
# connecting role (--no-owner) and grants are not restored (--no-privileges).
# Connection: DATABASE_URL, or PGHOST/PGPORT/PGUSER/PGDATABASE when it is unset.
set -euo pipefail

file="${1:?usage: restore.sh <file.dump>  (target database in DATABASE_URL)}"
target="${DATABASE_URL:-${PGDATABASE:-}}"
[ -n "$target" ] || { echo "restore: set DATABASE_URL to the (empty) database to restore into" >&2; exit 1; }
[ -r "$file" ] || { echo "restore: cannot read $file" >&2; exit 1; }

psql_q() { psql --no-psqlrc --no-password --tuples-only --no-align --set=ON_ERROR_STOP=1 --dbname="$target" -c "$1"; }

if [ -f "${file}.sha256" ]; then
  (cd "$(dirname "$file")" && sha256sum --check --quiet "$(basename "$file").sha256") \
    || { echo "restore: checksum mismatch for $file" >&2; exit 1; }
  echo "restore: checksum ok"
fi
pg_restore --list "$file" >/dev/null

database="$(psql_q 'SELECT current_database()')"
existing="$(psql_q "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                      AND c.relkind IN ('r', 'p', 'v', 'm', 'S')")"
if [ "$existing" != "0" ]; then
  echo "restore: database ${database} is not empty (${existing} tables/sequences). Restore into a new, empty" >&2
  echo "         database (createdb -O <api role> <name>), check it, then point DATABASE_URL at it." >&2
  exit 1
fi

echo "restore: restoring $file into ${database}"
pg_restore --no-password --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$target" "$file"

# The same check as GET /api/v1/audit/verify: every row's hash covers its content and the previous hash.
read -r total broken first_broken last_id last_hash <<<"$(psql_q "
  WITH chain AS (
    SELECT id, hash, prev_hash = coalesce(lag(hash) OVER (ORDER BY id), repeat('0', 64))
                     AND hash = audit_event_hash(prev_hash, e) AS ok
      FROM audit_events e)
  SELECT count(*), count(*) FILTER (WHERE NOT ok), coalesce(min(id) FILTER (WHERE NOT ok)::text, '-'),
         coalesce(max(id), 0), coalesce((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), '-')
    FROM chain" | tr '|' ' ')"
if [ "$broken" != "0" ]; then
  echo "restore: AUDIT CHAIN BROKEN: ${broken} of ${total} events fail the check, first at id ${first_broken}" >&2
  exit 2
fi
echo "restore: audit chain intact (${total} events)"

if [ -f "${file}.meta" ]; then
  expected_hash="$(sed -n 's/^audit_last_hash=//p' "${file}.meta")"
  expected_id="$(sed -n 's/^audit_last_id=//p' "${file}.meta")"
  if [ -n "$expected_hash" ] && { [ "$expected_id" != "$last_id" ] || [ "$expected_hash" != "$last_hash" ]; }; then
    echo "restore: the chain ends at ${last_id} ${last_hash}, the backup recorded ${expected_id} ${expected_hash}" >&2
    exit 2
  fi
  [ -n "$expected_hash" ] && echo "restore: chain head matches the backup's record (${last_id})"
fi
echo "restore: applied migrations:"
psql_q 'SELECT name FROM schema_migrations ORDER BY id' | sed 's/^/  /'
echo "restore: done. Start the API against ${database}; it applies any newer migrations at start."
