#!/usr/bin/env bash
# Regenerates the committed contract: docs/openapi.json (the OpenAPI document the built API serves at
# /swagger/v1/swagger.json, keys kept in the API's order, indented) and docs/veza.postman_collection.json
# (generated from it by openapi-to-postmanv2, with fixed ids so the same document gives the same file).
# Boots the API once against a throw-away PostgreSQL; nothing else is needed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"

ensure_postgres_installed
ensure_test_servers_installed
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$ROOT/src/Api/Veza.Api.csproj" -c Release -v q -nologo -clp:ErrorsOnly

WORK=$(mktemp -d /tmp/veza-openapi.XXXXXX)
chmod 755 "$WORK"
trap 'api_stop; pg_stop "$WORK/postgres"; rm -rf "$WORK"' EXIT
pg_start_throwaway "$WORK/postgres"
api_start "$WORK" "$VEZA_TEST_PG"
curl -fsS "$VEZA_API_URL/swagger/v1/swagger.json" -o "$WORK/openapi.json"
node "$ROOT/build/contract/write-contract.mjs" "$WORK/openapi.json" "$ROOT/docs"
echo "wrote docs/openapi.json and docs/veza.postman_collection.json"
