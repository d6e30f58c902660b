#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL, Redis, NATS, ffmpeg, poppler-utils, Chromium, prometheus's promtool from Debian; maildev,
# oauth2-mock-server, s3rver, hls.js, playwright-core and @microsoft/signalr from npm), starts throw-away
# servers on free loopback ports in a temporary directory, runs every test in Veza.sln and the samples/
# suites (outside suites written against the test kit), then the contract checks (below), stops what it
# started (also on failure and Ctrl-C) and ends with one line: "N passed, M failed", each contract check
# counting as one test.
# Script tests (build/tests/*, each one test: exit 0 passes): backups restored into a fresh database and
# storage, the deployment manifests. They run on an unfiltered run, and on a filtered one whose arguments
# mention Backup or Deploy.
# Contract checks (build/contract, tools from build/test-servers): docs/openapi.json is what the built
# API serves, it lints clean with @redocly/cli (redocly.yaml), nothing of docs/openapi.release.json
# is gone without a note in docs/API-CHANGELOG.md (and that check's self-test), and newman runs
# docs/veza.happy-path.postman_collection.json against the API started with api_start, and the TypeScript
# client (clients/typescript) is regenerated from it unchanged, type-checks and runs its end-to-end script. They run on an
# unfiltered run, and on a filtered one whose arguments mention Contract or Swagger.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nats-server >/dev/null || missing+=(nats-server)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v exiftool >/dev/null || missing+=(libimage-exiftool-perl)  # avatar tests check EXIF/GPS is gone
command -v pdfinfo >/dev/null || missing+=(poppler-utils)  # gear files: a PDF's page count
command -v python3 >/dev/null || missing+=(python3)
command -v curl >/dev/null || missing+=(curl)  # api_start waits for /health; the contract checks fetch the document
command -v npm >/dev/null || missing+=(nodejs npm)  # maildev (SMTP), oauth2-mock-server, hls.js and playwright-core, from build/test-servers
command -v chromium >/dev/null || missing+=(chromium)  # hls.js plays the signed HLS in headless Chromium
command -v icecast2 >/dev/null || missing+=(icecast2)  # radio stations push to a real Icecast when configured
command -v promtool >/dev/null || missing+=(prometheus)  # promtool checks /metrics output and docker/prometheus-alerts.yml
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt_install "${missing[@]}" || exit 1
fi
ensure_postgres_installed || exit 1
ensure_test_servers_installed || exit 1

WORK=$(mktemp -d /tmp/veza-test.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  api_stop
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  pg_stop "$WORK/postgres"
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_start_throwaway "$WORK/postgres" || exit 1

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" --daemonize no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
NATS_PORT=$(free_port)
nats-server -a 127.0.0.1 -p "$NATS_PORT" >"$WORK/nats.log" 2>&1 &
PIDS+=($!)
SMTP_PORT=$(free_port)
MAILDEV_PORT=$(free_port)
"$ROOT/build/test-servers/node_modules/.bin/maildev" --smtp "$SMTP_PORT" --ip 127.0.0.1 --web "$MAILDEV_PORT" --web-ip 127.0.0.1 \
  --mail-directory "$WORK/mail" >"$WORK/maildev.log" 2>&1 &
PIDS+=($!)
# One OAuth provider acting as Google, GitHub and Discord (oauth2-mock-server; see the script's header).
OAUTH_PORT=$(free_port)
node "$ROOT/build/test-servers/oauth-provider.mjs" "$OAUTH_PORT" >"$WORK/oauth-provider.log" 2>&1 &
PIDS+=($!)
# An S3-protocol server (s3rver; path-style, its default keys S3RVER/S3RVER); tests create their own buckets.
# Its listing continuation tokens use DES, which OpenSSL 3 keeps in the legacy provider.
S3_PORT=$(free_port)
NODE_OPTIONS=--openssl-legacy-provider "$ROOT/build/test-servers/node_modules/.bin/s3rver" -d "$WORK/s3" -a 127.0.0.1 -p "$S3_PORT" --silent --no-vhost-buckets >"$WORK/s3rver.log" 2>&1 &
PIDS+=($!)
wait_for_port "$REDIS_PORT" && wait_for_port "$NATS_PORT" && wait_for_port "$SMTP_PORT" 600 && wait_for_port "$MAILDEV_PORT" 600 \
  && wait_for_port "$OAUTH_PORT" 600 && wait_for_port "$S3_PORT" 600 || exit 1

export VEZA_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export VEZA_TEST_NATS="nats://127.0.0.1:$NATS_PORT"
export VEZA_REDIS_SERVER=$(command -v redis-server)
export VEZA_NATS_SERVER=$(command -v nats-server)
export VEZA_TEST_SMTP="127.0.0.1:$SMTP_PORT"
export VEZA_TEST_MAILDEV="http://127.0.0.1:$MAILDEV_PORT"
export VEZA_TEST_OAUTH="http://127.0.0.1:$OAUTH_PORT"
export VEZA_TEST_S3="http://127.0.0.1:$S3_PORT"
export VEZA_CHROMIUM=$(command -v chromium)
export VEZA_TEST_SERVERS="$ROOT/build/test-servers"
export VEZA_CLUSTER_NO_BUILD=1  # build/cluster.sh (the cluster tests) runs the API this script builds below
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "services: postgres :$(pg_port "$WORK/postgres"), redis :$REDIS_PORT, nats :$NATS_PORT, smtp :$SMTP_PORT (maildev api :$MAILDEV_PORT), oauth :$OAUTH_PORT, s3 :$S3_PORT"

cd "$ROOT"
dotnet build Veza.sln -c Release -v q -nologo -clp:ErrorsOnly
build_status=$?
# The samples are outside suites (not in Veza.sln): built and run here too, so the README's example never rots.
SAMPLES=(samples/Veza.Samples.Tests/Veza.Samples.Tests.csproj)
if [ $build_status -eq 0 ]; then
  for sample in "${SAMPLES[@]}"; do
    dotnet build "$sample" -c Release -v q -nologo -clp:ErrorsOnly || build_status=$?
  done
fi
if [ $build_status -ne 0 ]; then
  echo "0 passed, 1 failed"
  exit $build_status
fi

dotnet test Veza.sln -c Release --no-build -v q -nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$WORK/test.log"
status=${PIPESTATUS[0]}
for sample in "${SAMPLES[@]}"; do
  dotnet test "$sample" -c Release --no-build -v q -nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee -a "$WORK/test.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

checks_passed=0
checks_failed=0
# counted_check KIND NAME COMMAND...: one check outside dotnet test (a contract check, a script test), counted as
# one test; its output is shown when it fails.
counted_check() {
  local kind=$1 name=$2
  shift 2
  if "$@" >"$WORK/check.log" 2>&1; then
    echo "  Passed $kind: $name"
    checks_passed=$((checks_passed + 1))
  else
    echo "  Failed $kind: $name"
    tail -n 40 "$WORK/check.log" | sed 's/^/    /'
    checks_failed=$((checks_failed + 1))
  fi
}
contract_check() { counted_check contract "$@"; }
api_start_failed() {
  cat "$WORK/api-start.log"
  return 1
}
served_document_is_committed() {
  curl -fsS "$VEZA_API_URL/swagger/v1/swagger.json" -o "$WORK/served.json" \
    && node -e 'const fs = require("fs"); const [served, committed] = process.argv.slice(1);
      if (JSON.stringify(JSON.parse(fs.readFileSync(served)), null, 2) + "\n" !== fs.readFileSync(committed, "utf8")) {
        console.error("docs/openapi.json differs from what the API serves: run build/openapi.sh and commit the result"); process.exit(1); }' \
      "$WORK/served.json" "$ROOT/docs/openapi.json"
}
# The client's types regenerated from the running API must be the committed ones (a contract change regenerates them).
typescript_client_is_current() {
  bash "$ROOT/build/ts-client.sh" "$VEZA_API_URL" && git -C "$ROOT" diff --exit-code -- clients/typescript/src/schema.d.ts
}
if [ $# -eq 0 ] || [[ "$*" == *Contract* ]] || [[ "$*" == *Swagger* ]]; then
  echo "contract checks:"
  tools="$ROOT/build/test-servers/node_modules/.bin"
  export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
  contract_check "the removal check's self-test" node "$ROOT/build/contract/check-removals.test.mjs"
  contract_check "nothing released is gone without a changelog note" \
    node "$ROOT/build/contract/check-removals.mjs" "$ROOT/docs/openapi.release.json" "$ROOT/docs/openapi.json" "$ROOT/docs/API-CHANGELOG.md"
  contract_check "docs/openapi.json lints clean (redocly recommended-strict)" \
    "$tools/redocly" lint "$ROOT/docs/openapi.json" --config "$ROOT/redocly.yaml" --format stylish
  if api_start "$WORK/api" "$VEZA_TEST_PG" >"$WORK/api-start.log" 2>&1; then
    contract_check "docs/openapi.json is what the API serves" served_document_is_committed
    contract_check "newman: the happy path (register, login, me, refresh)" \
      "$tools/newman" run "$ROOT/docs/veza.happy-path.postman_collection.json" --env-var "baseUrl=$VEZA_API_URL" \
      --bail --color off --disable-unicode
    contract_check "TypeScript client: types from the served document, committed and type-checked" typescript_client_is_current
    contract_check "TypeScript client: end to end (register to offer, chat over SignalR)" bash "$ROOT/build/client-e2e.sh" "$VEZA_API_URL"
    api_stop
  else
    contract_check "the API starts for the contract checks" api_start_failed
  fi
fi

if [ $# -eq 0 ] || [[ "$*" == *Backup* ]] || [[ "$*" == *Deploy* ]]; then
  echo "script tests:"
  for t in "$ROOT"/build/tests/*; do
    [ -x "$t" ] && counted_check script "build/tests/${t##*/}" "$t"
  done
fi

# Sum the per-assembly summaries ("Failed: 0, Passed: 31, Skipped: 0, Total: 31").
read -r passed failed skipped < <(grep -E 'Failed: *[0-9]+, Passed: *[0-9]+' "$WORK/test.log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
# The alert rules, and the Grafana dashboard's queries (as recording rules, so promtool parses them), are
# checked like tests: each failure counts in the final line.
python3 - "$ROOT/docker/grafana-dashboard.json" >"$WORK/dashboard-rules.yml" <<'PY'
import json, sys
exprs = [t["expr"] for p in json.load(open(sys.argv[1]))["panels"] for t in p.get("targets", [])]
print("groups:\n  - name: grafana-dashboard\n    rules:")
for i, e in enumerate(exprs):
    print(f"      - record: dashboard:query_{i}\n        expr: {json.dumps(e)}")
PY
for rules in "$ROOT/docker/prometheus-alerts.yml" "$WORK/dashboard-rules.yml"; do
  if promtool check rules "$rules" >"$WORK/promtool.log" 2>&1; then
    passed=$((passed + 1))
  else
    cat "$WORK/promtool.log"
    failed=$((failed + 1))
    status=1
  fi
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # a test host crashed or a project failed before reporting
fi
passed=$((passed + checks_passed))
failed=$((failed + checks_failed))
if [ "$checks_failed" -gt 0 ] && [ "$status" -eq 0 ]; then
  status=1
fi
# The totals are the last line, always in the one shape; skipped tests (each says why) are told just before it.
if [ "$skipped" -gt 0 ]; then
  echo "$skipped skipped"
fi
echo "$passed passed, $failed failed"
exit "$status"
