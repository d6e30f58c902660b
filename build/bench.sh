#!/usr/bin/env bash
# Load benchmark: GET /api/v1/auth/me (JWT validation + revocation check + one indexed read) against
# a constant-JSON endpoint in the same process, driven by wrk; prints ratios and logins/s per core.
#   build/bench.sh [seconds] [connections]     (default 10 s, 32 connections)
#   build/bench.sh micro [BenchmarkDotNet args] (e.g. micro --filter '*Token*')
#   build/bench.sh search [seconds] [connections]  (user search over 100,000 seeded users against a raw Npgsql query; ratio and plan)
#   build/bench.sh searchall [seconds] [connections] [term] [types]  (GET /api/v1/search?q=synthwaev, one typo, every kind (or types), over
#                                   100,000 tracks, 100,000 users and 50,000 listings against the same SQL through raw Npgsql (default 16
#                                   connections); ratio, p99, each kind's plan; then autocomplete (q=syn) p99 against its raw SQL
#   build/bench.sh market [seconds] [connections]  (GET /api/v1/listings, Studio and its children, 100-400 EUR, price_asc, over 100,000
#                                   seeded listings against the same count and page through raw Npgsql; ratio, p99 and the plans)
#   build/bench.sh products [seconds] [connections] [term]  (GET /api/v1/products/search?q=focusrit, a misspelt brand, over 50,000
#                                   seeded catalog products against the same trigram word-similarity query through raw Npgsql; ratio, p99, plan)
#   build/bench.sh processing [runs]  (a 5-minute WAV into every track variant by the job against the same ffmpeg commands run sequentially; ratio)
#   build/bench.sh stream [seconds] [listeners] [listen-seconds]  (the signed byte route against nginx (sendfile) on one 10 MB MP3, whole
#                                   and 256 KB ranges, ratios; then 1,000 listeners paced at 128 kbps for 60 s: every byte, API peak memory)
#   build/bench.sh chat [seconds] [clients] [senders]  (one room of 100 hub clients, 10 sending at full speed: delivered/s and p99 through the
#                                   real hub against a bare hub broadcasting without storing, ratio; then p99 at 1,000 msg/s offered)
#   build/bench.sh radio [listeners] [seconds]  (1,000 listeners of one station for 60 s: the API and its encoder's CPU and memory,
#                                   then icecast2 fed the same stream serving as many listeners; listeners per core, ratio)
#   build/bench.sh upload [runs]   (POST /api/v1/tracks of 100 MB against a copy on the same disk, best of runs (default 3);
#                                   the API process's memory growth during a 200 MB upload; the API runs as its own process)
#   build/bench.sh telemetry [seconds] [connections]  (GET /api/v1/auth/me with metrics scraped every 5 s and every span exported over
#                                   OTLP to a local sink, against both off; hosts alternate without/with twice; ratio, goal >= 0.95)
#   build/bench.sh audio           (the audio library's three measures in one run: processing ratio, upload ratio, upload memory growth)
#   build/bench.sh cluster [seconds] [connections]  (GET /api/v1/auth/me through nginx to two nodes (build/cluster.sh, round robin)
#                                   against nginx to one of them and against that node directly, rounds alternating twice;
#                                   ratios of requests/s; every process shares the machine's cores)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"

command -v wrk >/dev/null || apt_install wrk
command -v nginx >/dev/null || apt_install nginx
command -v ffmpeg >/dev/null || apt_install ffmpeg
command -v python3 >/dev/null || apt_install python3
command -v icecast2 >/dev/null || apt_install icecast2
ensure_postgres_installed

WORK=$(mktemp -d /tmp/veza-bench.XXXXXX)
chmod 755 "$WORK"
trap 'pg_stop "$WORK/postgres"; rm -rf "$WORK"' EXIT
pg_start_throwaway "$WORK/postgres"
export ASPNETCORE_TEST_CONTENTROOT_VEZA_API="$ROOT/src/Api"

cd "$ROOT"
if [ "${1:-}" = "cluster" ]; then
  # shellcheck source=lib/bench-cluster.sh
  source "$ROOT/build/lib/bench-cluster.sh"
  bench_cluster "${2:-10}" "${3:-32}"
  exit $?
fi
dotnet build tests/Veza.Benchmarks -c Release -v q -nologo -clp:ErrorsOnly
dotnet tests/Veza.Benchmarks/bin/Release/net10.0/Veza.Benchmarks.dll "$@"
