#!/usr/bin/env bash
# Regenerates the TypeScript client's types (clients/typescript/src/schema.d.ts) from the OpenAPI document
# and type-checks the client. Where the document comes from:
#   build/ts-client.sh http://127.0.0.1:8080     a running API (its /swagger/v1/swagger.json)
#   build/ts-client.sh path/to/openapi.json      a file
#   build/ts-client.sh                           starts a throw-away API (own PostgreSQL), reads it, stops it
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"
# shellcheck source=lib/ts-client.sh
source "$ROOT/build/lib/ts-client.sh"

WORK=$(mktemp -d)
STARTED=0  # stop only what this script started (a caller's API is left alone)
trap '[ "$STARTED" = 0 ] || api_stop_throwaway "$WORK"; rm -rf "$WORK"' EXIT
SOURCE=${1:-}
if [ -z "$SOURCE" ]; then
  STARTED=1
  api_start_throwaway "$WORK"
  SOURCE=$VEZA_API_URL
fi
case "$SOURCE" in
  http://*|https://*)
    URL=$SOURCE
    [[ "$URL" == *.json ]] || URL="${URL%/}/swagger/v1/swagger.json"
    curl -fsS "$URL" -o "$WORK/openapi.json"
    DOC="$WORK/openapi.json" ;;
  *) DOC=$(cd "$(dirname "$SOURCE")" && pwd)/$(basename "$SOURCE") ;;
esac

ts_client_install
cd "$CLIENT"
node generate.mjs "$DOC"
node_modules/.bin/tsc --noEmit
echo "clients/typescript: src/schema.d.ts regenerated from $SOURCE and type-checked"
