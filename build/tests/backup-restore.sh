#!/usr/bin/env bash
# Backs up a database with Veza's schema (the migrations in src/Infrastructure/Persistence/Migrations, applied as
# the API applies them) and rows, plus a filesystem storage with files, using build/backup.sh; restores it with
# build/restore.sh into a fresh database and a fresh storage folder; reads the rows and the files' bytes back.
# Also checks that restore.sh refuses a database that is not fresh and a backup that does not match its MANIFEST.
# Needs VEZA_TEST_PG (build/test.sh sets it: an admin connection to a throw-away PostgreSQL). Exits non-zero on failure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/services.sh
source "$ROOT/build/lib/services.sh"
: "${VEZA_TEST_PG:?run through build/test.sh, or set VEZA_TEST_PG}"

pg_env_from_connection_string "$VEZA_TEST_PG"
BASE="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER${PGPASSWORD:+;Password=$PGPASSWORD}"
SUFFIX=$$_$RANDOM
SRC_DB=backup_src_$SUFFIX DST_DB=backup_dst_$SUFFIX
TMP=$(mktemp -d /tmp/veza-backup-test.XXXXXX)
cleanup() {
  for db in "$SRC_DB" "$DST_DB" "${DST_DB}_2" "${DST_DB}_s3"; do PGDATABASE=postgres psql -X -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL backup-restore: $*" >&2; exit 1; }

# The source: Veza's schema, one user, one avatar file and a 1 MiB track original.
PGDATABASE=postgres psql -X -qc "CREATE DATABASE $SRC_DB" >/dev/null
export PGDATABASE=$SRC_DB
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null
for f in "$ROOT"/src/Infrastructure/Persistence/Migrations/*.sql; do
  { echo "BEGIN;"; cat "$f"; echo ";"; echo "INSERT INTO schema_migrations (version) VALUES ('$(basename "$f" .sql)');"; echo "COMMIT;"; } \
    | psql -X -q -v ON_ERROR_STOP=1 >/dev/null || fail "migration $(basename "$f") did not apply"
done
USER_ID=$(python3 -c 'import uuid; print(uuid.uuid4())')
psql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO users (id, username, normalized_username, email, normalized_email, password_hash, created_at, updated_at)
  VALUES ('$USER_ID', 'Backup_Ada', 'BACKUP_ADA', 'ada@example.test', 'ADA@EXAMPLE.TEST', 'pbkdf2\$x', now(), now())" >/dev/null
mkdir -p "$TMP/storage/avatars/$USER_ID" "$TMP/storage/tracks/$USER_ID"
head -c 4096 /dev/urandom > "$TMP/storage/avatars/$USER_ID/avatar.webp"
head -c 1048576 /dev/urandom > "$TMP/storage/tracks/$USER_ID/original.bin"
echo "unfinished" > "$TMP/storage/tracks/$USER_ID/partial.tmp"

BACKUP=$(ConnectionStrings__Veza="$BASE;Database=$SRC_DB" Storage__Root="$TMP/storage" "$ROOT/build/backup.sh" "$TMP/backups") \
  || fail "backup.sh failed"
[ -f "$BACKUP/database.dump" ] && [ -f "$BACKUP/storage.tar.gz" ] && [ -f "$BACKUP/MANIFEST" ] || fail "backup is incomplete: $(ls "$BACKUP")"
[ ! -e "$BACKUP.partial" ] || fail "the partial folder was left behind"

# Into a fresh database (created by restore.sh) and a fresh storage folder.
ConnectionStrings__Veza="$BASE;Database=$DST_DB" Storage__Root="$TMP/restored" "$ROOT/build/restore.sh" "$BACKUP" >/dev/null \
  || fail "restore.sh failed"
export PGDATABASE=$DST_DB
[ "$(psql -X -tAc "SELECT username || ' ' || email FROM users WHERE id = '$USER_ID'")" = "Backup_Ada ada@example.test" ] \
  || fail "the user row did not come back"
migrations=$(ls "$ROOT"/src/Infrastructure/Persistence/Migrations/*.sql | wc -l)
[ "$(psql -X -tAc "SELECT count(*) FROM schema_migrations")" = "$migrations" ] || fail "schema_migrations did not come back whole"
cmp -s "$TMP/storage/avatars/$USER_ID/avatar.webp" "$TMP/restored/avatars/$USER_ID/avatar.webp" || fail "the avatar's bytes differ"
cmp -s "$TMP/storage/tracks/$USER_ID/original.bin" "$TMP/restored/tracks/$USER_ID/original.bin" || fail "the track's bytes differ"
[ ! -e "$TMP/restored/tracks/$USER_ID/partial.tmp" ] || fail "an unfinished save (.tmp) was backed up"

# A second restore onto the same, no longer fresh, targets is refused; so is a backup whose dump was altered.
if ConnectionStrings__Veza="$BASE;Database=$DST_DB" Storage__Root="$TMP/other" "$ROOT/build/restore.sh" "$BACKUP" >/dev/null 2>&1; then
  fail "restore.sh restored into a database that already has tables"
fi
printf 'x' >> "$BACKUP/database.dump"
if ConnectionStrings__Veza="$BASE;Database=${DST_DB}_2" Storage__Root="$TMP/other" "$ROOT/build/restore.sh" "$BACKUP" >/dev/null 2>&1; then
  PGDATABASE=postgres psql -X -qc "DROP DATABASE IF EXISTS ${DST_DB}_2" >/dev/null 2>&1 || true
  fail "restore.sh restored a backup that does not match its MANIFEST"
fi

# S3 storage, when build/test.sh started an S3-protocol server (VEZA_TEST_S3; s3rver's keys): the bucket is copied
# after the dump and restored into a fresh bucket.
if [ -n "${VEZA_TEST_S3:-}" ] && command -v aws >/dev/null; then
  export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE="$TMP/aws-config"
  printf '[default]\ns3 =\n    addressing_style = path\n' > "$AWS_CONFIG_FILE"
  s3() { aws --endpoint-url "$VEZA_TEST_S3" s3 "$@"; }
  SRC_BUCKET=backup-src-${SUFFIX//_/-} DST_BUCKET=backup-dst-${SUFFIX//_/-}
  s3 mb "s3://$SRC_BUCKET" >/dev/null && s3 mb "s3://$DST_BUCKET" >/dev/null || fail "could not make the test buckets"
  s3 cp --only-show-errors "$TMP/storage/tracks/$USER_ID/original.bin" "s3://$SRC_BUCKET/tracks/$USER_ID/original.bin" || fail "could not upload"
  s3_env=(Storage__S3__Bucket="$SRC_BUCKET" Storage__S3__ServiceUrl="$VEZA_TEST_S3" Storage__S3__AccessKey=S3RVER
    Storage__S3__SecretKey=S3RVER Storage__S3__ForcePathStyle=true)
  S3_BACKUP=$(env "${s3_env[@]}" ConnectionStrings__Veza="$BASE;Database=$SRC_DB" "$ROOT/build/backup.sh" "$TMP/s3-backups") \
    || fail "backup.sh failed on S3"
  env "${s3_env[@]}" Storage__S3__Bucket="$DST_BUCKET" ConnectionStrings__Veza="$BASE;Database=${DST_DB}_s3" \
    "$ROOT/build/restore.sh" "$S3_BACKUP" >/dev/null || { PGDATABASE=postgres psql -X -qc "DROP DATABASE IF EXISTS ${DST_DB}_s3" >/dev/null; fail "restore.sh failed on S3"; }
  PGDATABASE=postgres psql -X -qc "DROP DATABASE IF EXISTS ${DST_DB}_s3" >/dev/null
  s3 cp --only-show-errors "s3://$DST_BUCKET/tracks/$USER_ID/original.bin" "$TMP/from-s3.bin" || fail "the restored bucket lacks the object"
  cmp -s "$TMP/storage/tracks/$USER_ID/original.bin" "$TMP/from-s3.bin" || fail "the object's bytes differ after the S3 restore"
  s3 rb --force "s3://$SRC_BUCKET" >/dev/null 2>&1 || true
  s3 rb --force "s3://$DST_BUCKET" >/dev/null 2>&1 || true
  echo "ok backup-restore: S3 bucket restored into a fresh bucket"
fi
echo "ok backup-restore: rows and files restored into a fresh database and storage"
