#!/usr/bin/env bash
# Shared helpers for run.sh, test.sh and bench.sh: install and start throw-away servers on loopback.
# PostgreSQL refuses to run as root, so as root its tools run as the 'postgres' system user.

APT_UPDATED=0
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: $* (run as root, or install them with apt-get)" >&2
    return 1
  fi
  if [ "$APT_UPDATED" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres_installed() {
  if [ -z "$(pg_bin)" ] || ! command -v psql >/dev/null; then
    echo "installing postgresql..." >&2
    apt_install postgresql postgresql-contrib
  fi
}

# Runs a PostgreSQL tool as the right user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The npm servers tests talk to (build/test-servers: maildev, oauth2-mock-server), installed from the
# committed lock file; reinstalled when the lock file changes.
ensure_test_servers_installed() {
  local dir="$ROOT/build/test-servers"
  if [ ! -f "$dir/node_modules/.installed" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.installed" ]; then
    echo "installing test servers (npm ci)..." >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || return 1
    touch "$dir/node_modules/.installed"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pg_start DATADIR PORT: initdb on first use, start unless already running. Superuser 'veza', trust on loopback.
pg_start() {
  local dir=$1 port=$2 bin
  bin=$(pg_bin)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      echo "PostgreSQL cannot run as root and user 'postgres' cannot reach $dir: move the checkout to a path it can traverse" >&2
      return 1
    fi
  fi
  chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$dir" -U veza --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    return 0
  fi
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-on} -c max_connections=200" start >/dev/null
}

# pg_start_throwaway DIR: a disposable cluster in DIR on a free port (fsync off: nothing here must
# survive a crash); exports VEZA_TEST_PG, the admin connection string tests and benchmarks use.
pg_start_throwaway() {
  local dir=$1 port
  port=$(free_port)
  PG_FSYNC=off pg_start "$dir" "$port" || { cat "$dir/server.log" 2>/dev/null; return 1; }
  export VEZA_TEST_PG="Host=127.0.0.1;Port=$port;Username=veza;Database=postgres"
}

pg_stop() {
  local dir=$1 bin
  bin=$(pg_bin)
  if [ -f "$dir/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# pg_port DATADIR: the port a running cluster listens on.
pg_port() {
  sed -n 4p "$1/postmaster.pid" 2>/dev/null
}

pg_create_database() {
  local port=$1 name=$2
  if ! psql -h 127.0.0.1 -p "$port" -U veza -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U veza -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

wait_for_port() {
  local port=$1 tries=${2:-100}
  for _ in $(seq "$tries"); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$port" >&2
  return 1
}

# api_start WORKDIR ADMIN_CONNECTION_STRING: runs the built API (src/Api/bin/Release, build it first) in
# Development on a free loopback port against a new database 'veza_api' of the given PostgreSQL, with
# the in-process adapters (no Redis, NATS or SMTP), fresh keys and storage under WORKDIR; waits for
# /health and exports VEZA_API_URL and VEZA_API_PID. api_stop stops it (call it from an EXIT trap).
api_start() {
  local work=$1 admin=$2 port pg_port
  port=$(free_port)
  pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
  pg_create_database "$pg_port" veza_api || return 1
  mkdir -p "$work/api-storage"
  (
    export ASPNETCORE_ENVIRONMENT=Development
    export ConnectionStrings__Veza="Host=127.0.0.1;Port=$pg_port;Username=veza;Database=veza_api"
    export Jwt__SigningKey=$(head -c 48 /dev/urandom | base64 -w0)
    export Mfa__EncryptionKey=$(head -c 32 /dev/urandom | base64 -w0)
    export Storage__Root="$work/api-storage" Redis__Configuration='' Nats__Url='' Email__Transport=log
    exec dotnet "$ROOT/src/Api/bin/Release/net10.0/Veza.Api.dll" --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/Api"
  ) >"$work/api.log" 2>&1 &
  VEZA_API_PID=$!
  export VEZA_API_PID VEZA_API_URL="http://127.0.0.1:$port"
  for _ in $(seq 600); do
    if curl -fsS -o /dev/null "$VEZA_API_URL/health" 2>/dev/null; then return 0; fi
    if ! kill -0 "$VEZA_API_PID" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "the API did not answer on $VEZA_API_URL/health; its log:" >&2
  tail -n 40 "$work/api.log" >&2
  api_stop
  return 1
}

api_stop() {
  if [ -n "${VEZA_API_PID:-}" ]; then
    kill "$VEZA_API_PID" 2>/dev/null || true
    wait "$VEZA_API_PID" 2>/dev/null || true
    VEZA_API_PID=
  fi
}

# pg_env_from_connection_string "Host=...;Port=...;Database=...;Username=...;Password=..." exports the libpq
# variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE) that pg_dump, pg_restore and psql read,
# so a password never appears on a command line. Npgsql's synonyms (Server, User ID, Userid, ...) are understood.
pg_env_from_connection_string() {
  local part key value
  local IFS=';'
  for part in $1; do
    [ -n "${part//[[:space:]]/}" ] || continue
    key=$(printf '%s' "${part%%=*}" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')
    value=${part#*=}
    value=${value#"${value%%[![:space:]]*}"}
    value=${value%"${value##*[![:space:]]}"}
    case "$key" in
      host | server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      database | db) export PGDATABASE=$value ;;
      username | userid | user) export PGUSER=$value ;;
      password | pwd) export PGPASSWORD=$value ;;
      sslmode) PGSSLMODE=$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]'); PGSSLMODE=${PGSSLMODE/verify/verify-}; export PGSSLMODE ;;
    esac
  done
  [ -n "${PGDATABASE:-}" ] || { echo "the connection string names no Database" >&2; return 1; }
}

# backup_target: the database and storage the backup and restore scripts work on, from the environment as the API
# reads it (ConnectionStrings__Veza, Storage__Root, Storage__S3__*), else build/run.sh's local database and storage.
# Sets STORAGE_KIND (filesystem|s3) and STORAGE_ROOT or the S3 settings, and the libpq variables.
backup_target() {
  local conn=${ConnectionStrings__Veza:-} port
  if [ -z "$conn" ]; then
    port=$(pg_port "$ROOT/.data/postgres")
    [ -n "$port" ] || { echo "set ConnectionStrings__Veza (or start build/run.sh's local database)" >&2; return 1; }
    conn="Host=127.0.0.1;Port=$port;Database=veza;Username=veza"
  fi
  pg_env_from_connection_string "$conn" || return 1
  if [ -n "${Storage__S3__Bucket:-}" ]; then
    STORAGE_KIND=s3
    command -v aws >/dev/null || { echo "S3 storage needs the aws CLI (pip install awscli)" >&2; return 1; }
    export AWS_ACCESS_KEY_ID=${Storage__S3__AccessKey:-} AWS_SECRET_ACCESS_KEY=${Storage__S3__SecretKey:-}
    export AWS_DEFAULT_REGION=${Storage__S3__Region:-us-east-1}
    S3_ARGS=()
    [ -z "${Storage__S3__ServiceUrl:-}" ] || S3_ARGS=(--endpoint-url "$Storage__S3__ServiceUrl")
    # Path-style addressing (bucket in the path, as most S3-compatible servers want) has no variable of its own.
    if [ "${Storage__S3__ForcePathStyle:-false}" = true ] && [ -z "${AWS_CONFIG_FILE:-}" ]; then
      AWS_CONFIG_FILE=${TMPDIR:-/tmp}/veza-aws-path-style.cfg
      printf '[default]\ns3 =\n    addressing_style = path\n' > "$AWS_CONFIG_FILE"
      export AWS_CONFIG_FILE
    fi
  else
    STORAGE_KIND=filesystem
    STORAGE_ROOT=${Storage__Root:-$ROOT/.data/storage}
  fi
}
