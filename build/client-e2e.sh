#!/usr/bin/env bash
# The TypeScript client against a running API: installs its npm dependencies (clients/typescript/node_modules,
# from the lock file), type-checks it and runs its end-to-end script (clients/typescript/e2e/run.ts), which
# prints one summary line and fails on the first broken step.
#   build/client-e2e.sh http://127.0.0.1:8080
# To check the client still matches the API's document first: build/ts-client.sh <api-url> (regenerates the types).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/services.sh
source "$ROOT/build/lib/services.sh"
# shellcheck source=lib/ts-client.sh
source "$ROOT/build/lib/ts-client.sh"

[ $# -eq 1 ] || { echo "usage: build/client-e2e.sh <api-url>" >&2; exit 2; }
ts_client_install
cd "$CLIENT"
node_modules/.bin/tsc --noEmit
VEZA_API_URL=${1%/} node_modules/.bin/tsx e2e/run.ts
