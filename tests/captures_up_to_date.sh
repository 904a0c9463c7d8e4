#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The committed captures must be what tests/make-captures.sh writes from
# the current data/ and tests/captures/*.txt.
set -u
here=$(cd "$(dirname "$0")" && pwd)
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
"$here/make-captures.sh" "$fresh" || { echo "make-captures.sh failed"; echo "0 passed, 1 failed"; exit 1; }
passed=0 failed=0
for f in "$fresh"/*.pcap; do
    name=$(basename "$f")
    if cmp -s "$f" "$here/captures/$name"; then
        passed=$((passed + 1))
    else
        echo "FAIL: tests/captures/$name is stale or missing: run tests/make-captures.sh and commit"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
