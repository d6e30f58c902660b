#!/usr/bin/env bash
# Several Veza API nodes on one PostgreSQL, Redis, NATS and storage, behind nginx (Debian) balancing round robin
# with no stickiness for HTTP (docker/nginx.conf, with the nodes' loopback addresses in place of Docker's). Every
# node runs the job worker, so any of them may take any job.
#
#   build/cluster.sh [NODES]                 start NODES nodes (default 2) in a temporary directory, print the
#                                            address, run until Ctrl-C, stop everything
#   build/cluster.sh up DIR [NODES]          start in DIR and return; DIR/cluster.env then holds URL (nginx),
#                                            NODE<n>_URL, NODES and the connection string (VEZA_CLUSTER_PG)
#   build/cluster.sh down DIR                stop everything `up` started (and drop the database it created)
#   build/cluster.sh stop-node DIR N         stop node N gracefully (SIGTERM: drain, finish in-flight work, hand
#                                            job leases back) and wait for it to exit
#   build/cluster.sh kill-node DIR N         kill node N (SIGKILL, a crash: its job leases run out on their own)
#   build/cluster.sh start-node DIR N        start node N (again) and wait until /ready answers 200
#   build/cluster.sh rolling-restart DIR     each node in turn: stop gracefully, start, wait until ready and back
#                                            in nginx's rotation
#   build/cluster.sh balancer DIR NAME N...  one more nginx, balancing only nodes N...; its address is NAME_URL
#
# Servers: VEZA_TEST_PG (an admin connection string), VEZA_TEST_REDIS and VEZA_TEST_NATS are used when set (build/test.sh
# sets them), with a database, a Redis key prefix and a NATS subject prefix of the cluster's own; otherwise a throw-away
# PostgreSQL, redis-server and nats-server start in DIR. Storage is DIR/storage, unless DIR/settings.env (written
# before `up`, KEY=VALUE lines in the API's environment-variable form, e.g. Storage__S3__Bucket=...) says otherwise:
# every line of it reaches every node, after the cluster's own settings. The API is src/Api's Release build, built
# here first (incrementally) unless VEZA_CLUSTER_NO_BUILD is set and it exists. Logs: DIR/node<N>.log, DIR/nginx-<NAME>.log.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"
API_DLL="$ROOT/src/Api/bin/Release/net10.0/Veza.Api.dll"

die() {
  echo "cluster: $*" >&2
  exit 1
}

# kv KEY VALUE: one line of a file the script sources (values never hold a single quote).
kv() {
  printf "%s='%s'\n" "$1" "$2"
}

# setting KEY VALUE: records one cluster-wide variable in cluster.env (read back by every later command).
setting() {
  kv "$1" "$2" >>"$DIR/cluster.env"
  printf -v "$1" '%s' "$2"
}

load() {
  [ -f "$DIR/cluster.env" ] || die "$DIR holds no cluster (run: build/cluster.sh up $DIR)"
  # shellcheck disable=SC1091
  source "$DIR/cluster.env"
}

pid_of() {
  cat "$DIR/$1.pid" 2>/dev/null
}

alive() {
  local pid
  pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# wait_gone NAME SECONDS: waits for the process to exit; false if it is still there.
wait_gone() {
  local name=$1 tries=$(($2 * 10))
  for _ in $(seq "$tries"); do
    alive "$name" || return 0
    sleep 0.1
  done
  return 1
}

node_url() {
  local var="NODE$1_URL"
  [ -n "${!var:-}" ] || die "there is no node $1 (NODES=$NODES)"
  printf '%s' "${!var}"
}

start_node() {
  local n=$1 url
  url=$(node_url "$n") || exit 1
  alive "node$n" && die "node $n is running already"
  (
    set -a
    # shellcheck disable=SC1091
    source "$DIR/node.env"
    # shellcheck disable=SC1091
    [ ! -f "$DIR/settings.env" ] || source "$DIR/settings.env"
    set +a
    export Node__Name="node$n"
    exec dotnet "$API_DLL" --urls "$url" --contentRoot "$ROOT/src/Api"
  ) </dev/null >>"$DIR/node$n.log" 2>&1 &
  echo $! >"$DIR/node$n.pid"
  for _ in $(seq 1200); do
    if curl -fsS -o /dev/null "$url/ready" 2>/dev/null; then return 0; fi
    alive "node$n" || break
    sleep 0.1
  done
  tail -n 40 "$DIR/node$n.log" >&2
  alive "node$n" && kill -KILL "$(pid_of "node$n")"
  die "node $n did not become ready on $url"
}

# settle: nginx keeps a node that refused connections out of rotation for fail_timeout (docker/nginx.conf) even once
# it is back; stopping another node sooner would leave nginx no node it believes alive, and it answers 502.
settle() {
  local seconds
  seconds=$(grep -o 'fail_timeout=[0-9]*s' "$ROOT/docker/nginx.conf" | head -n 1 | tr -dc '0-9')
  sleep "${seconds:-10}"
}

stop_node() {
  local n=$1 signal=$2
  alive "node$n" || return 0
  kill "-$signal" "$(pid_of "node$n")"
  # A graceful stop takes the drain delay plus in-flight work (Api:ShutdownDrainDelay + Api:ShutdownTimeout).
  wait_gone "node$n" 90 || { kill -KILL "$(pid_of "node$n")" 2>/dev/null; die "node $n did not stop within 90 s: killed"; }
  rm -f "$DIR/node$n.pid"
}

# balancer NAME N...: nginx on a free loopback port, configured as docker/nginx.conf with the nodes' addresses.
balancer() {
  local name=$1 port prefix
  shift
  port=$(free_port)
  prefix="$DIR/nginx-$name"
  mkdir -p "$prefix"
  local servers=()
  local url
  for n in "$@"; do
    url=$(node_url "$n") || exit 1
    servers+=("${url#http://}")
  done
  python3 - "$ROOT/docker/nginx.conf" "$prefix/nginx.conf" "$port" "${servers[@]}" <<'PY' || die "docker/nginx.conf has no upstream line to replace"
import re, sys
source, target, port, servers = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
conf = open(source, encoding="utf-8").read()
conf = re.sub(r"^\s*resolver\s[^;]*;\n", "", conf, flags=re.M)  # Docker's DNS: the nodes are addresses here
conf, upstreams = re.subn(r"^(\s*)server api:8080([^;]*);",
                          lambda m: "\n".join(f"{m.group(1)}server {s}{m.group(2)};" for s in servers), conf, flags=re.M)
conf = re.sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};", conf, flags=re.M)
# The package's own temporary directories (/var/lib/nginx) are not this nginx's: it keeps its files under its prefix
# (nginx creates them, owned by its worker user when started as root).
conf = re.sub(r"^([ \t]*)server \{", lambda m: "".join(f"{m.group(1)}{kind}_temp_path {kind}_temp;\n" for kind in
              ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) + m.group(0), conf, count=1, flags=re.M)
if upstreams == 0:
    sys.exit(1)
open(target, "w", encoding="utf-8").write(conf)
PY
  nginx -p "$prefix" -c "$prefix/nginx.conf" -g "pid $prefix/nginx.pid; daemon off;" </dev/null >"$DIR/nginx-$name.log" 2>&1 &
  echo $! >"$DIR/nginx-$name.pid"
  wait_for_port "$port" 100 || { cat "$DIR/nginx-$name.log" >&2; die "nginx ($name) did not start"; }
  setting "$(printf '%s' "$name" | tr '[:lower:]-' '[:upper:]_')_URL" "http://127.0.0.1:$port"
}

up() {
  local nodes=${1:-2}
  [[ "$nodes" =~ ^[1-9][0-9]*$ ]] || die "NODES must be a positive number, not '$nodes'"
  mkdir -p "$DIR" && chmod 755 "$DIR"
  [ ! -f "$DIR/cluster.env" ] || die "$DIR holds a cluster already (build/cluster.sh down $DIR)"
  command -v nginx >/dev/null || apt_install nginx || die "nginx is needed"
  command -v curl >/dev/null || apt_install curl || die "curl is needed"
  command -v python3 >/dev/null || apt_install python3 || die "python3 is needed"
  ensure_postgres_installed || die "PostgreSQL is needed"
  # Today's code, unless the caller has just built it (build/test.sh builds the solution first and says so).
  if [ -z "${VEZA_CLUSTER_NO_BUILD:-}" ] || [ ! -f "$API_DLL" ]; then
    dotnet build "$ROOT/src/Api/Veza.Api.csproj" -c Release -v q -nologo -clp:ErrorsOnly -nodeReuse:false -p:UseSharedCompilation=false </dev/null \
      || die "the API does not build"
  fi
  : >"$DIR/cluster.env"
  local id admin pg_port database
  id=c$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
  setting NODES "$nodes"

  if [ -n "${VEZA_TEST_PG:-}" ]; then
    admin=$VEZA_TEST_PG
  else
    pg_start_throwaway "$DIR/postgres" || die "PostgreSQL did not start"
    admin=$VEZA_TEST_PG
    setting OWN_POSTGRES 1
  fi
  pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$admin")
  database="veza_cluster_$id"
  pg_create_database "$pg_port" "$database" || die "cannot create database $database"
  setting PG_PORT "$pg_port"
  setting DATABASE "$database"
  setting VEZA_CLUSTER_PG "Host=127.0.0.1;Port=$pg_port;Username=veza;Database=$database"

  local redis=${VEZA_TEST_REDIS:-} nats=${VEZA_TEST_NATS:-} port
  if [ -z "$redis" ]; then
    command -v redis-server >/dev/null || apt_install redis-server || die "redis-server is needed"
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" </dev/null >"$DIR/redis.log" 2>&1 &
    echo $! >"$DIR/redis.pid"
    wait_for_port "$port" || die "redis-server did not start"
    redis="127.0.0.1:$port"
  fi
  if [ -z "$nats" ]; then
    command -v nats-server >/dev/null || apt_install nats-server || die "nats-server is needed"
    port=$(free_port)
    nats-server -a 127.0.0.1 -p "$port" </dev/null >"$DIR/nats.log" 2>&1 &
    echo $! >"$DIR/nats.pid"
    wait_for_port "$port" || die "nats-server did not start"
    nats="nats://127.0.0.1:$port"
  fi

  mkdir -p "$DIR/storage"
  # What every node shares: the database, Redis and NATS (with prefixes of this cluster's own, so a shared server's
  # other users are not disturbed), the storage, the signing keys. Short leases and presence lifetimes let a killed
  # node's jobs and connections lapse in seconds; the drain delay covers nginx noticing a stopping node.
  (
    umask 077
    {
      kv ASPNETCORE_ENVIRONMENT Production
      kv ConnectionStrings__Veza "$VEZA_CLUSTER_PG"
      kv Redis__Configuration "$redis"
      kv Redis__KeyPrefix "$id:"
      # Every node, PostgreSQL, Redis and nginx share one machine's cores (with a test suite beside them): the default
      # 500 ms would count a busy moment as an outage, and a node on its fallback keeps events to itself for a while.
      kv Redis__OperationTimeout 00:00:02
      kv Nats__Url "$nats"
      kv Nats__SubjectPrefix "$id"
      kv Storage__Root "$DIR/storage"
      kv Jwt__SigningKey "$(head -c 48 /dev/urandom | base64 -w0)"
      kv Mfa__EncryptionKey "$(head -c 32 /dev/urandom | base64 -w0)"
      kv Email__Transport log
      kv Api__TrustedProxies__0 127.0.0.1
      kv Api__ShutdownDrainDelay 00:00:02
      kv Jobs__LeaseDuration 00:00:05
      kv Presence__RenewInterval 00:00:02
      kv Presence__ConnectionLifetime 00:00:06
      kv Logging__LogLevel__Default Warning
      kv Logging__LogLevel__Veza Information
    } >"$DIR/node.env"
  )
  for n in $(seq "$nodes"); do
    setting "NODE${n}_URL" "http://127.0.0.1:$(free_port)"
  done
  # One node first: it migrates the new database, so the others do not all wait on the migration lock at once.
  start_node 1
  local starting=()
  for n in $(seq 2 "$nodes"); do
    start_node "$n" &
    starting+=($!)
  done
  # Only the starters: a bare `wait` would also wait for the servers and nodes running in the background.
  for pid in "${starting[@]}"; do
    wait "$pid" || die "a node did not become ready (its log is in $DIR)"
  done
  # shellcheck disable=SC2046
  balancer nginx $(seq "$nodes")
  setting URL "$NGINX_URL"
}

down() {
  [ -f "$DIR/cluster.env" ] || return 0
  load
  local name
  for pidfile in "$DIR"/nginx-*.pid "$DIR"/node*.pid; do
    [ -f "$pidfile" ] || continue
    name=$(basename "$pidfile" .pid)
    kill -TERM "$(pid_of "$name")" 2>/dev/null
  done
  for pidfile in "$DIR"/nginx-*.pid "$DIR"/node*.pid; do
    [ -f "$pidfile" ] || continue
    name=$(basename "$pidfile" .pid)
    wait_gone "$name" 60 || kill -KILL "$(pid_of "$name")" 2>/dev/null
    rm -f "$pidfile"
  done
  for name in redis nats; do
    if alive "$name"; then kill "$(pid_of "$name")"; wait_gone "$name" 10; fi
    rm -f "$DIR/$name.pid"
  done
  if [ -n "${OWN_POSTGRES:-}" ]; then
    pg_stop "$DIR/postgres"
  else
    psql -h 127.0.0.1 -p "$PG_PORT" -U veza -d postgres -qc "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)" >/dev/null
  fi
  rm -f "$DIR/cluster.env"
}

command=${1:-}
case "$command" in
  up | down | stop-node | kill-node | start-node | rolling-restart | balancer)
    [ $# -ge 2 ] || die "usage: build/cluster.sh $command DIR ..."
    DIR=$(mkdir -p "$2" && cd "$2" && pwd)
    shift 2
    ;;
esac
case "$command" in
  up) up "$@" ;;
  down) down ;;
  stop-node) load && stop_node "${1:?node number}" TERM ;;
  kill-node) load && stop_node "${1:?node number}" KILL ;;
  start-node)
    load
    start_node "${1:?node number}"
    # Callers may count on every node being in nginx's rotation once this returns.
    settle
    ;;
  rolling-restart)
    load
    for n in $(seq "$NODES"); do
      stop_node "$n" TERM
      start_node "$n"
      [ "$n" -eq "$NODES" ] || settle
    done
    ;;
  balancer) load && balancer "${1:?balancer name}" "${@:2}" ;;
  "" | [0-9]*)
    DIR=$(mktemp -d /tmp/veza-cluster.XXXXXX)
    trap 'down; rm -rf "$DIR"' EXIT
    trap 'exit 130' INT TERM
    up "${command:-2}" || exit 1
    load
    echo "Veza: $URL, balancing $NODES nodes ($(for n in $(seq "$NODES"); do node_url "$n"; printf ' '; done)); logs in $DIR. Ctrl-C stops everything."
    # In the background and waited for, so a TERM sent to this script runs its trap at once.
    while true; do
      sleep 3600 &
      wait $!
    done
    ;;
  *) sed -n '2,25p' "$0" >&2; exit 2 ;;
esac
