#!/usr/bin/env bash
# build/backup.sh [DEST]: one backup of Veza's PostgreSQL database and its stored files, as they were at one
# point in time, in a new folder DEST/veza-YYYYMMDDTHHMMSSZ (DEST defaults to .data/backups):
#   database.dump   pg_dump's custom format (pg_restore reads it; build/restore.sh restores it)
#   storage.tar.gz  the filesystem storage (Storage__Root), or storage/ (a copy of the S3 bucket, Storage__S3__*)
#   MANIFEST        when, from where, and the sha256 of each part (restore.sh checks them)
# The database comes from ConnectionStrings__Veza and the storage from Storage__Root / Storage__S3__* (as the API
# reads them); without ConnectionStrings__Veza, build/run.sh's local database and .data/storage.
#
# Why this is consistent although the API keeps running:
# - pg_dump reads the whole database in one transaction snapshot: every row is as it was at the moment it started,
#   committed transactions in, uncommitted ones out, whatever is written meanwhile.
# - The storage is copied after the dump has finished. The API writes a file before the row that names it commits
#   (uploads, avatars, versions, renditions), so every row in the dump names files that already existed when the
#   copy started: a row in the backup always has its files. The copy may also hold files written after the
#   snapshot whose rows are not in the dump (or whose rows were deleted after it); those are orphans, and orphans
#   are harmless: the orphan sweep (Storage__Sweep__*) removes, after its grace, every stored file no row names.
# - The one gap: a row deleted after the snapshot whose files are removed before the copy reaches them (a user deleting
#   a track during the backup). Its row is in the dump but its files are not in the copy; the API answers for such a
#   row as for any file gone missing. The window is as long as the dump; stop the API for a strictly exact copy.
# S3: the bucket is copied with `aws s3 sync` (the aws CLI; set Storage__S3__ServiceUrl for a non-AWS server).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"

DEST=${1:-$ROOT/.data/backups}
backup_target
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$DEST/veza-$STAMP"
PARTIAL="$OUT.partial"
mkdir -p "$PARTIAL"
chmod 700 "$PARTIAL"  # a backup holds password hashes and sealed secrets
trap 'rm -rf "$PARTIAL"' EXIT

pg_dump --format=custom --compress=6 --no-password --file="$PARTIAL/database.dump"
case "$STORAGE_KIND" in
  filesystem)
    [ -d "$STORAGE_ROOT" ] || mkdir -p "$STORAGE_ROOT"
    # Unfinished saves (*.tmp) are never named by a row: leave them out.
    # A file written or deleted while tar reads (the API keeps running) is a warning, exit status 1, not a failure.
    tar -C "$STORAGE_ROOT" --exclude='*.tmp' --ignore-failed-read --warning=no-file-changed --warning=no-file-removed \
      -czf "$PARTIAL/storage.tar.gz" . || [ $? -eq 1 ] ;;
  s3)
    aws s3 sync "${S3_ARGS[@]}" --only-show-errors "s3://$Storage__S3__Bucket" "$PARTIAL/storage" ;;
esac

{
  echo "created $STAMP"
  echo "database $PGDATABASE on ${PGHOST:-local}:${PGPORT:-5432}"
  echo "storage $STORAGE_KIND"
  echo "pg_dump $(pg_dump --version | awk '{print $NF}')"
  (cd "$PARTIAL" && find . -type f ! -name MANIFEST -printf '%P\n' | sort | xargs -d '\n' -r sha256sum)
} > "$PARTIAL/MANIFEST"
mv "$PARTIAL" "$OUT"
trap - EXIT
echo "$OUT"
