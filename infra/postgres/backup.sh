#!/usr/bin/env bash
# Backs up the Homeward database with pg_dump's custom format (compressed, restorable with
# pg_restore, including the audit log and its hash chain).
#
#   DATABASE_URL=postgres://homeward@db.example:5432/homeward infra/postgres/backup.sh /srv/backups/homeward
#
# Connection: DATABASE_URL, or the usual libpq variables (PGHOST, PGPORT, PGUSER, PGDATABASE) when
# DATABASE_URL is unset. Keep the password in ~/.pgpass (or PGPASSFILE) rather than in the URL, so
# that it does not show in the process list.
# BACKUP_KEEP_DAYS (default 14): older homeward-*.dump files in the folder are deleted; 0 keeps all.
#
# Writes, with permissions 0600:
#   homeward-<database>-<UTC time>.dump         the dump
#   homeward-<database>-<UTC time>.dump.sha256  its checksum
#   homeward-<database>-<UTC time>.dump.meta    the head of the audit chain at backup time
# pg_dump must be of the server's major version or newer.
set -euo pipefail
umask 077

dir="${1:-${BACKUP_DIR:-./backups}}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
target="${DATABASE_URL:-${PGDATABASE:-homeward}}"

for tool in pg_dump pg_restore psql sha256sum; do
  command -v "$tool" >/dev/null || { echo "backup: $tool not found (install postgresql-client)" >&2; exit 1; }
done

mkdir -p "$dir"
database="$(psql --no-psqlrc --no-password --tuples-only --no-align --dbname="$target" -c 'SELECT current_database()')"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
name="homeward-${database}-${stamp}.dump"
file="${dir%/}/${name}"

# The audit chain head: after a restore, restore.sh checks that the chain still ends here.
head="$(psql --no-psqlrc --no-password --tuples-only --no-align --field-separator=' ' --dbname="$target" -c \
  "SELECT count(*), coalesce(max(id), 0), coalesce((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), '') FROM audit_events" \
  2>/dev/null || echo '0 0 ')"

echo "backup: dumping database ${database} to ${file}"
pg_dump --no-password --format=custom --compress=6 --file="${file}.partial" --dbname="$target"
# A dump that pg_restore cannot read is not a backup.
pg_restore --list "${file}.partial" >/dev/null
mv "${file}.partial" "$file"
(cd "$(dirname "$file")" && sha256sum "$name" > "${name}.sha256")
read -r events last_id last_hash <<<"$head"
cat > "${file}.meta" <<META
database=${database}
created_at=${stamp}
pg_dump_version=$(pg_dump --version | sed -E 's/^pg_dump \(PostgreSQL\) ([^ ]+).*/\1/')
audit_events=${events}
audit_last_id=${last_id}
audit_last_hash=${last_hash}
META

if [ "$keep_days" -gt 0 ] 2>/dev/null; then
  find "$dir" -maxdepth 1 -type f -name 'homeward-*.dump*' -mtime "+${keep_days}" -print -delete | sed 's/^/backup: deleted old /'
fi
echo "backup: done, $(du -h "$file" | cut -f1), ${events} audit events, chain head ${last_id} ${last_hash:0:16}…"
echo "backup: copy it off this machine, encrypted (the dump holds personal data of children and families)."
