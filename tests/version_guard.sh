#!/usr/bin/env bash
# The build refuses a Wireshark it does not know, and sipcodes-compat.h picks
# each release's types. Uses stand-ins for WiresharkConfig.cmake and for
# Wireshark's headers, so it runs without the Wireshark releases themselves.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$here/..
work=$(mktemp -d /tmp/sipcodes-guard.XXXXXX)
trap 'rm -rf "$work"' EXIT
pass_count=0 fail_count=0
pass() { pass_count=$((pass_count + 1)); }
fail() { echo "FAIL: $*" >&2; fail_count=$((fail_count + 1)); }

refusal='sipcodes builds against Wireshark 4.0, 4.2, 4.4, 4.6; found Wireshark'

# 1. CMake: a stand-in WiresharkConfig.cmake of each version.
for v in 3.6.2 4.1.0 4.5.1 4.7.0 5.0.0 4.0.17 4.2.9 4.4.19 4.6.9; do
    d=$work/cfg-$v
    mkdir -p "$d"
    IFS=. read -r major minor _ <<< "$v"
    printf 'set(Wireshark_MAJOR_VERSION %s)\nset(Wireshark_MINOR_VERSION %s)\nset(Wireshark_VERSION "%s")\n' \
        "$major" "$minor" "$v" > "$d/WiresharkConfig.cmake"
    printf 'set(PACKAGE_VERSION "%s")\nset(PACKAGE_VERSION_COMPATIBLE TRUE)\n' "$v" > "$d/WiresharkConfigVersion.cmake"
    cmake -S "$src" -B "$work/build-$v" -DWireshark_DIR="$d" > "$work/cmake-$v.log" 2>&1
    rc=$?
    refused=0
    tr '\n' ' ' < "$work/cmake-$v.log" | tr -s ' ' | grep -qF "$refusal $v" && refused=1
    case $v in
        4.0.*|4.2.*|4.4.*|4.6.*)
            # known: past the guard (the stand-in has no libraries, so it fails later)
            if [ $refused = 0 ]; then pass; else fail "cmake refused known Wireshark $v"; fi ;;
        *)
            if [ $rc -ne 0 ] && [ $refused = 1 ]; then pass; else fail "cmake did not refuse Wireshark $v (exit $rc)"; sed -n 1,15p "$work/cmake-$v.log" >&2; fi ;;
    esac
done

# 2. sipcodes-compat.h against stand-in headers: #error for unknown
#    releases; for known ones the types each release's API wants.
mkdir -p "$work/inc/wsutil"
cat > "$work/inc/wireshark.h" <<'EOF'
#include <stdbool.h>
#include <stdint.h>
typedef int gboolean;
#define WS_DLL_PUBLIC extern
EOF
cat > "$work/inc/wsutil/plugins.h" <<'EOF'
#define WS_PLUGIN_DESC_DISSECTOR    (1UL << 0)
#define WS_PLUGIN_DESC_TAP_LISTENER (1UL << 4)
EOF
# expected per release: uat bool, pref bool, stat init callback
expect() {
    case $1 in
        4.0) echo "gboolean gboolean void" ;;
        4.2) echo "bool gboolean void" ;;
        4.4) echo "bool bool void" ;;
        4.6) echo "bool bool bool" ;;
    esac
}
for v in 3.6 4.1 4.3 4.5 4.7 5.0 4.0 4.2 4.4 4.6; do
    IFS=. read -r major minor <<< "$v"
    mkdir -p "$work/inc-$v"
    printf '#define WIRESHARK_VERSION_MAJOR %s\n#define WIRESHARK_VERSION_MINOR %s\n' "$major" "$minor" > "$work/inc-$v/ws_version.h"
    cat > "$work/probe-$v.c" <<'EOF'
#include "sipcodes-compat.h"
#include <stdio.h>
#define TYPE_NAME(x) _Generic((x), bool: "bool", gboolean: "gboolean", default: "other")
SIPCODES_PLUGIN_DESCRIBE();
static sipcodes_stat_init init(void) { SIPCODES_STAT_INIT_DONE(1); }
#define INIT_KIND _Generic(&init, bool (*)(void): "bool", void (*)(void): "void", default: "other")
int main(void)
{
    sipcodes_uat_bool u = 0;
    sipcodes_pref_bool p = 0;
    printf("%s %s %s\n", TYPE_NAME(u), TYPE_NAME(p), INIT_KIND);
    return 0;
}
EOF
    if gcc -std=c11 -Werror=incompatible-pointer-types -I"$work/inc-$v" -I"$work/inc" -I"$src/plugin" \
            -o "$work/probe-$v" "$work/probe-$v.c" 2> "$work/gcc-$v.log"; then
        want=$(expect "$v")
        if [ -z "$want" ]; then fail "sipcodes-compat.h accepted Wireshark $v"; continue; fi
        got=$("$work/probe-$v")
        if [ "$got" = "$want" ]; then pass; else fail "Wireshark $v: compat types [$got], expected [$want]"; fi
    else
        if [ -z "$(expect "$v")" ] && grep -q 'sipcodes does not know this Wireshark release' "$work/gcc-$v.log"; then
            pass
        else
            fail "Wireshark $v: sipcodes-compat.h did not compile:"; cat "$work/gcc-$v.log" >&2
        fi
    fi
done

echo "$pass_count passed, $fail_count failed"
[ "$fail_count" -eq 0 ]
