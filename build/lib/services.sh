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
