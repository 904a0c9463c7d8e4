#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The test table of docs/development.md names exactly the tests ctest has.
#   tests/docs_catalogue.sh   (needs SIPCODES_BUILD_DIR, set by ctest)
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${SIPCODES_BUILD_DIR:?set SIPCODES_BUILD_DIR to the build folder}
doc=$here/../docs/development.md
fails=0
ctest --test-dir "$build" -N 2>/dev/null | sed -n 's/^ *Test *#[0-9]*: //p' | sort > /tmp/sipcodes-ctest.$$
awk -F'|' '/^\| `[a-z0-9_]+` \| (fast|slow) \|/ { gsub(/[ `]/, "", $2); print $2 }' "$doc" | sort > /tmp/sipcodes-doc.$$
if [ ! -s /tmp/sipcodes-ctest.$$ ]; then
    echo "FAIL: ctest -N listed no test in $build"
    fails=1
fi
missing=$(comm -23 /tmp/sipcodes-ctest.$$ /tmp/sipcodes-doc.$$)
extra=$(comm -13 /tmp/sipcodes-ctest.$$ /tmp/sipcodes-doc.$$)
[ -z "$missing" ] || { echo "FAIL: tests not in docs/development.md: $missing"; fails=1; }
[ -z "$extra" ] || { echo "FAIL: docs/development.md names tests ctest does not have: $extra"; fails=1; }
echo "$(wc -l < /tmp/sipcodes-ctest.$$) tests in ctest, $(wc -l < /tmp/sipcodes-doc.$$) in the document"
rm -f /tmp/sipcodes-ctest.$$ /tmp/sipcodes-doc.$$
exit $fails
