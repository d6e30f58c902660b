#!/usr/bin/env bash
# build/bench.sh cluster: the REST benchmark (GET /api/v1/auth/me, wrk) against two API nodes behind nginx, against
# nginx in front of one of them, and against that node directly, on one machine. The three targets run side by side
# (one cluster, a second nginx balancing node 1 only) and are measured in turn, twice, so drift on the shared cores
# falls on every side. Sourced by build/bench.sh, which has started PostgreSQL (VEZA_TEST_PG) and set WORK and ROOT.

bench_cluster() {
  local seconds=$1 connections=$2 token
  # Global: the EXIT trap runs after this function has returned.
  CLUSTER_DIR="$WORK/cluster"
  local dir=$CLUSTER_DIR
  mkdir -p "$dir"
  # The load comes from one address and one user: the general limits are lifted; per-request logs are off, as in
  # the other benchmarks.
  printf '%s\n' "RateLimiting__PerIp__PermitLimit='1000000'" "RateLimiting__PerUser__PermitLimit='1000000'" \
    "Logging__LogLevel__Veza='Warning'" >"$dir/settings.env"
  trap 'bash "$ROOT/build/cluster.sh" down "$CLUSTER_DIR"; pg_stop "$WORK/postgres"; rm -rf "$WORK"' EXIT
  bash "$ROOT/build/cluster.sh" up "$dir" 2 || return 1
  bash "$ROOT/build/cluster.sh" balancer "$dir" one 1 || return 1
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
  token=$(curl -fsS -H 'content-type: application/json' \
    -d '{"username":"bench_user","email":"bench@example.com","password":"violet-tape-deck-42"}' \
    "$URL/api/v1/auth/register" | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["access_token"])') || return 1

  # wrk_rps URL SECONDS: requests/s of GET /api/v1/auth/me; a run with any non-2xx answer is not a measurement.
  wrk_rps() {
    local out
    out=$(wrk -t2 -c"$connections" -d"$2"s -H "Authorization: Bearer $token" "$1/api/v1/auth/me")
    if grep -q 'Non-2xx' <<<"$out"; then
      echo "non-2xx answers from $1:" >&2
      echo "$out" >&2
      return 1
    fi
    awk '/Requests\/sec/ {print $2}' <<<"$out"
  }

  local -A total=()
  local targets=(direct one two) target rps
  echo "# wrk -t2 -c$connections -d${seconds}s per round after a 3 s warm-up each; rounds: node 1 directly, nginx -> node 1, nginx -> nodes 1 and 2, twice"
  # The address each measured target is reached at.
  local -A url_of=([direct]=$NODE1_URL [one]=$ONE_URL [two]=$URL)
  for target in "${targets[@]}"; do
    wrk_rps "${url_of[$target]}" 3 >/dev/null || return 1
  done
  for round in 1 2; do
    for target in "${targets[@]}"; do
      rps=$(wrk_rps "${url_of[$target]}" "$seconds") || return 1
      printf '%-30s %10.0f req/s   (round %d)\n' "$target" "$rps" "$round"
      total[$target]=$(python3 -c "print(${total[$target]:-0} + $rps)")
    done
  done
  python3 - "${total[direct]}" "${total[one]}" "${total[two]}" <<'PY'
import sys
direct, one, two = (float(v) / 2 for v in sys.argv[1:])
print(f"mean requests/s: node directly {direct:.0f}, nginx -> one node {one:.0f}, nginx -> two nodes {two:.0f}")
print(f"ratio requests/s two nodes / one node (both behind nginx): {two / one:.2f}")
print(f"ratio requests/s nginx -> one node / node directly: {one / direct:.2f}")
PY
}
