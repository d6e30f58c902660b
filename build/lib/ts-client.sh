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

# api_start_throwaway WORKDIR: builds the API (Release) and starts it (api_start, services.sh) against a PostgreSQL
# cluster of its own under WORKDIR; exports VEZA_API_URL. The API's log is WORKDIR/api.log.
api_start_throwaway() {
  local work=$1
  mkdir -p "$work" && chmod 755 "$work"
  ensure_postgres_installed
  pg_start_throwaway "$work/postgres" || return 1
  dotnet build "$ROOT/src/Api/Veza.Api.csproj" -c Release -v q -nologo -clp:ErrorsOnly || return 1
  api_start "$work" "$VEZA_TEST_PG"
}

# api_stop_throwaway WORKDIR: stops the API started above and its database.
api_stop_throwaway() {
  api_stop
  pg_stop "$1/postgres"
}
