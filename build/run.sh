#!/usr/bin/env bash
# Starts the Veza API on http://127.0.0.1:8080 (VEZA_PORT to change) with a local PostgreSQL under
# .data/postgres, created on first run. `build/run.sh stop` stops that database.
# With ConnectionStrings__Veza set, that database is used instead and nothing local is started.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"

DATA="$ROOT/.data"
PGDATA="$DATA/postgres"
PORT=${VEZA_PORT:-8080}

if [ "${1:-}" = "stop" ]; then
  pg_stop "$PGDATA"
  echo "local PostgreSQL stopped"
  exit 0
fi

mkdir -p "$DATA"
if [ -z "${ConnectionStrings__Veza:-}" ]; then
  ensure_postgres_installed
  chmod 755 "$DATA"
  PGPORT=$(pg_port "$PGDATA" || true)
  [ -n "$PGPORT" ] || PGPORT=${VEZA_PG_PORT:-55432}
  pg_start "$PGDATA" "$PGPORT"
  PGPORT=$(pg_port "$PGDATA")
  pg_create_database "$PGPORT" veza
  export ConnectionStrings__Veza="Host=127.0.0.1;Port=$PGPORT;Database=veza;Username=veza"
  echo "PostgreSQL: 127.0.0.1:$PGPORT (data in $PGDATA; 'build/run.sh stop' stops it)"
fi

# A signing key of this checkout's own, generated once and never committed (.data/ is ignored).
if [ -z "${Jwt__SigningKey:-}" ]; then
  if [ ! -s "$DATA/jwt-signing-key" ]; then
    (umask 077; head -c 48 /dev/urandom | base64 -w0 > "$DATA/jwt-signing-key")
  fi
  Jwt__SigningKey=$(cat "$DATA/jwt-signing-key")
  export Jwt__SigningKey
fi

# The key TOTP secrets are encrypted under (32 random bytes, base64), generated once like the JWT key.
if [ -z "${Mfa__EncryptionKey:-}" ]; then
  if [ ! -s "$DATA/mfa-encryption-key" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 -w0 > "$DATA/mfa-encryption-key")
  fi
  Mfa__EncryptionKey=$(cat "$DATA/mfa-encryption-key")
  export Mfa__EncryptionKey
fi

# Stored files (avatars, later tracks) beside the database, unless set.
export Storage__Root=${Storage__Root:-$DATA/storage}

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
dotnet build "$ROOT/src/Api/Veza.Api.csproj" -c Release -v q -nologo -clp:ErrorsOnly
echo "Swagger UI: http://127.0.0.1:$PORT/swagger  (Ctrl-C stops the API)"
exec dotnet "$ROOT/src/Api/bin/Release/net10.0/Veza.Api.dll" --urls "http://127.0.0.1:$PORT" --contentRoot "$ROOT/src/Api"
