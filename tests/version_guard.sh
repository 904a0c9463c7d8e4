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

refusal='sipcodes builds against Wireshark 4.0, 4.2, 4.4 or 4.6; found Wireshark'

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
typedef struct { int x; } fvalue_t;
EOF
cat > "$work/inc/wsutil/plugins.h" <<'EOF'
#define WS_PLUGIN_DESC_DISSECTOR    (1UL << 0)
#define WS_PLUGIN_DESC_TAP_LISTENER (1UL << 4)
EOF
# expected per release: uat bool, pref bool, field value is a pointer, menu separator
expect() {
    case $1 in
        4.0) echo "gboolean gboolean inline /" ;;
        4.2) echo "bool gboolean pointer /" ;;
        4.4|4.6) echo "bool bool pointer //" ;;
    esac
}
for v in 3.6 4.1 4.3 4.5 4.7 5.0 4.0 4.2 4.4 4.6; do
    IFS=. read -r major minor <<< "$v"
    mkdir -p "$work/inc-$v"
    printf '#define WIRESHARK_VERSION_MAJOR %s\n#define WIRESHARK_VERSION_MINOR %s\n' "$major" "$minor" > "$work/inc-$v/ws_version.h"
    cat > "$work/probe-$v.c" <<'EOF'
#include "sipcodes-compat.h"
#include <stdio.h>
struct fi_inline { fvalue_t value; };
struct fi_pointer { fvalue_t *value; };
#define TYPE_NAME(x) _Generic((x), bool: "bool", gboolean: "gboolean", default: "other")
SIPCODES_PLUGIN_DESCRIBE();
int main(void)
{
    sipcodes_uat_bool u = 0;
    sipcodes_pref_bool p = 0;
#if SIPCODES_WS_AT_LEAST(4, 2)
    struct fi_pointer f; fvalue_t v; f.value = &v;
    fvalue_t *got = SIPCODES_FVALUE(&f);
    const char *kind = got == &v ? "pointer" : "?";
#else
    struct fi_inline f;
    fvalue_t *got = SIPCODES_FVALUE(&f);
    const char *kind = got == &f.value ? "inline" : "?";
#endif
    printf("%s %s %s %s\n", TYPE_NAME(u), TYPE_NAME(p), kind, SIPCODES_STATS_MENU_SEP);
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
        if [ -z "$(expect "$v")" ] && grep -q 'sipcodes supports Wireshark 4.0, 4.2, 4.4 and 4.6 only' "$work/gcc-$v.log"; then
            pass
        else
            fail "Wireshark $v: sipcodes-compat.h did not compile:"; cat "$work/gcc-$v.log" >&2
        fi
    fi
done

echo "$pass_count passed, $fail_count failed"
[ "$fail_count" -eq 0 ]
