#!/usr/bin/env bash
# build/restore.sh BACKUP: restores a folder made by build/backup.sh into a fresh database and a fresh storage:
# the database of ConnectionStrings__Veza (created when it does not exist; refused when it already has tables) and
# Storage__Root (refused when it holds any file) or the S3 bucket of Storage__S3__* (refused when it holds any
# object). Without ConnectionStrings__Veza, build/run.sh's local database and .data/storage. The API must not run
# against them meanwhile. Each part is checked against the MANIFEST's sha256 first. Objects and tables keep no
# owner or grants from the source (--no-owner --no-acl): they belong to the user of the connection string.
# After a restore, start the API as usual: migrations newer than the backup apply at start-up, and the orphan
# sweep removes the stored files no restored row names (see build/backup.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"

BACKUP=${1:?usage: build/restore.sh BACKUP_FOLDER}
[ -f "$BACKUP/MANIFEST" ] && [ -f "$BACKUP/database.dump" ] || { echo "$BACKUP is not a backup made by build/backup.sh" >&2; exit 1; }
backup_target

(cd "$BACKUP" && sed -n '/^[0-9a-f]\{64\}  /p' MANIFEST | sha256sum --check --quiet --strict) \
  || { echo "$BACKUP does not match its MANIFEST: not restored" >&2; exit 1; }

TARGET_DB=$PGDATABASE
exists=$(PGDATABASE=postgres psql -X -tAc "SELECT 1 FROM pg_database WHERE datname = '${TARGET_DB//\'/\'\'}'")
if [ "$exists" = 1 ]; then
  tables=$(psql -X -tAc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
  [ "$tables" = 0 ] || { echo "database $TARGET_DB already has $tables tables: restore into a fresh database" >&2; exit 1; }
fi
case "$STORAGE_KIND" in
  filesystem)
    if [ -d "$STORAGE_ROOT" ] && [ -n "$(find "$STORAGE_ROOT" -mindepth 1 -print -quit)" ]; then
      echo "$STORAGE_ROOT is not empty: restore into a fresh storage" >&2; exit 1
    fi ;;
  s3)
    if [ -n "$(aws s3 ls "${S3_ARGS[@]}" "s3://$Storage__S3__Bucket/" | head -n 1)" ]; then
      echo "bucket $Storage__S3__Bucket is not empty: restore into a fresh bucket" >&2; exit 1
    fi ;;
esac

if [ "$exists" != 1 ]; then
  PGDATABASE=postgres psql -X -qc "CREATE DATABASE \"${TARGET_DB//\"/\"\"}\"" >/dev/null
fi
pg_restore --no-owner --no-acl --exit-on-error --single-transaction --no-password --dbname="$TARGET_DB" "$BACKUP/database.dump"

case "$STORAGE_KIND" in
  filesystem)
    mkdir -p "$STORAGE_ROOT"
    tar -C "$STORAGE_ROOT" -xzf "$BACKUP/storage.tar.gz" ;;
  s3)
    [ ! -d "$BACKUP/storage" ] || aws s3 sync "${S3_ARGS[@]}" --only-show-errors "$BACKUP/storage" "s3://$Storage__S3__Bucket" ;;
esac
echo "restored $(sed -n 's/^created //p' "$BACKUP/MANIFEST") into database $TARGET_DB and $STORAGE_KIND storage ${STORAGE_ROOT:-s3://${Storage__S3__Bucket:-}}"
