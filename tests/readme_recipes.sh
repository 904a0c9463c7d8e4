#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's recipes stay true: every fenced block after a line
# "<!-- recipe: NAME -->" holds a command ("$ " line, continued by lines
# ending in "\") and the output it printed. The command is run again as
# from the project root (a stand-in with copies of the captures it reads),
# its tshark being the plugin under test (tests/lib.sh), with
# LC_ALL=C.UTF-8, and must print that output.
# The recipes read the public captures of ../shared/captures/real; without
# them the test is skipped (exit 77).
#   tests/readme_recipes.sh [--show]   (--show: print what each command prints now)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
readme=$root/README.md
if [ ! -d "$root/../shared/captures/real" ]; then
    echo "SKIPPED: no public captures at $root/../shared/captures/real (the README's recipes read them)"
    exit 77
fi
. "$here/lib.sh"
sipcodes_sandbox
require_plugin

work=$sipcodes_home/recipes
mkdir -p "$work"
# README -> $work/NAME.cmd and $work/NAME.out
awk -v dir="$work" '
    /^<!-- recipe: [a-z0-9_-]+ -->$/ { name = $3; want = 1; next }
    want && /^```/ { want = 0; inblock = 1; incmd = 0; n++; next }
    inblock && /^```$/ { inblock = 0; close(dir "/" name ".cmd"); close(dir "/" name ".out"); next }
    inblock {
        if (incmd == 0 && /^\$ /) { sub(/^\$ /, ""); incmd = 1 }
        if (incmd == 1) { print > (dir "/" name ".cmd"); if (!/\\$/) incmd = 2; next }
        print > (dir "/" name ".out")
    }
    END { print n + 0 > (dir "/count") }' "$readme"

# The commands run from a stand-in project root whose ../shared/captures/real
# holds readable copies of the captures they name: the tshark user may not
# enter the folders above the real checkout.
proj=$sipcodes_home/project
mkdir -p "$proj" "$sipcodes_home/shared/captures/real"
for f in $(cat "$work"/*.cmd 2>/dev/null | grep -o '\.\./shared/captures/real/[^ ]*' | sort -u); do
    cp "$root/$f" "$sipcodes_home/shared/captures/real/" || fail "recipe capture $f missing"
done
chmod -R a+rX "$sipcodes_home/shared"

# The commands' tshark: the plugin under test, as the tshark user.
tshark() { tshark_sipcodes -- "$@"; }
export LC_ALL=C.UTF-8

recipes=0
for cmd in "$work"/*.cmd; do
    [ -e "$cmd" ] || continue
    name=$(basename "$cmd" .cmd)
    recipes=$((recipes + 1))
    [ -e "$work/$name.out" ] || : > "$work/$name.out"
    (cd "$proj" && eval "$(cat "$cmd")") > "$work/$name.actual" 2> "$work/$name.err"
    rc=$?
    if [ "${1:-}" = "--show" ]; then
        echo "== $name (exit $rc)"; cat "$work/$name.actual"; continue
    fi
    expect_equal "recipe $name: exit status" 0 "$rc"
    [ -s "$work/$name.out" ] || fail "recipe $name: the README shows no output"
    expect_same_file "recipe $name: output as in the README" "$work/$name.out" "$work/$name.actual"
done
expect_equal "recipes with a command" "$(cat "$work/count")" "$recipes"
[ "$recipes" -ge 5 ] || fail "only $recipes recipes in README.md"
finish
