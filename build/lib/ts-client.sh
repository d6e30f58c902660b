#!/usr/bin/env bash
# Helpers for the TypeScript client's scripts (build/ts-client.sh, build/client-e2e.sh): its npm
# dependencies, and a throw-away Veza API (its own PostgreSQL cluster, storage and keys under a work
# directory, on free loopback ports). Needs build/lib/services.sh sourced first, and ROOT set.

CLIENT="$ROOT/clients/typescript"

# ts_client_install: the client's npm dependencies from its lock file, into clients/typescript/node_modules (ignored).
ts_client_install() {
  if [ ! -f "$CLIENT/node_modules/.installed" ] || [ "$CLIENT/package-lock.json" -nt "$CLIENT/node_modules/.installed" ]; then
    echo "installing the TypeScript client's dependencies (npm ci)..." >&2
    (cd "$CLIENT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    touch "$CLIENT/node_modules/.installed"
  fi
}

# api_start_throwaway WORKDIR: builds the API (Release), starts it against a fresh database and waits
# until /ready answers; exports VEZA_API_URL, sets API_PID (not exported: a child script must not stop it).
# The API's log is WORKDIR/api.log.
api_start_throwaway() {
  local work=$1 pgport port
  mkdir -p "$work" && chmod 755 "$work"
  ensure_postgres_installed
  pg_start_throwaway "$work/postgres" || return 1
  pgport=${VEZA_TEST_PG#*Port=}; pgport=${pgport%%;*}
  pg_create_database "$pgport" veza
  dotnet build "$ROOT/src/Api/Veza.Api.csproj" -c Release -v q -nologo -clp:ErrorsOnly || return 1
  port=$(free_port)
  ConnectionStrings__Veza="Host=127.0.0.1;Port=$pgport;Database=veza;Username=veza" \
  Jwt__SigningKey=$(head -c 48 /dev/urandom | base64 -w0) \
  Mfa__EncryptionKey=$(head -c 32 /dev/urandom | base64 -w0) \
  Storage__Root="$work/storage" \
  ASPNETCORE_ENVIRONMENT=Development \
    dotnet "$ROOT/src/Api/bin/Release/net10.0/Veza.Api.dll" --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/Api" \
    >"$work/api.log" 2>&1 &
  API_PID=$!
  export VEZA_API_URL="http://127.0.0.1:$port"
  for _ in $(seq 600); do
    if curl -fs -o /dev/null "$VEZA_API_URL/ready"; then return 0; fi
    if ! kill -0 "$API_PID" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "the API did not start (log: $work/api.log)" >&2
  tail -n 30 "$work/api.log" >&2
  return 1
}

# api_stop_throwaway WORKDIR: stops the API started above and its database.
api_stop_throwaway() {
  local work=$1
  if [ -n "${API_PID:-}" ]; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
    API_PID=
  fi
  pg_stop "$work/postgres"
}
