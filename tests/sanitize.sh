#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the project with -DSIPCODES_SANITIZE=ON (AddressSanitizer +
# UndefinedBehaviorSanitizer) in its own build folder and runs real tshark
# with the sanitized plugin: LD_PRELOAD of gcc's libasan and libubsan,
# reports written to a log folder. Runs
#   1. the end-to-end tests (tests/*.sh that use lib.sh, SIPCODES_PLUGIN,
#      SIPCODES_LOOKUP or SIPCODES_GEN: tshark with the sanitized plugin and
#      the sanitized sipcodes-lookup and sipcodes_gen, which keep leak
#      checking), unchanged, except real_captures.sh (slow; --all-e2e runs
#      it too);
#   2. tshark -V with the stats tree and a user table, tshark -2 and JSON
#      output, over each test capture (written by tests/make-captures.sh
#      into a temporary folder), and over ../shared/captures/real/*.pcap* merged into one
#      file when that folder exists.
# Fails when tshark dies by a signal, when an end-to-end test fails, or when
# any ASan/UBSan report mentions sipcodes. Reports that do not mention
# sipcodes (tshark's own) are shown but do not fail the run.
#
#   tests/sanitize.sh [--no-build] [--no-e2e] [--all-e2e] [--no-real]
# Environment: SIPCODES_SANITIZE_BUILD (build folder, default
# build-sanitize in this checkout), SIPCODES_SOURCE_DIR (default: this
# checkout), SIPCODES_REAL_CAPTURES (default ../shared/captures/real).
# Last line: "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=${SIPCODES_SOURCE_DIR:-"$(cd "$here/.." && pwd)"}
build=${SIPCODES_SANITIZE_BUILD:-"$src/build-sanitize"}
real=${SIPCODES_REAL_CAPTURES:-"$here/../../shared/captures/real"}
do_build=1 do_e2e=1 do_real=1 all_e2e=0
for arg in "$@"; do
    case $arg in
        --no-build) do_build=0 ;;
        --no-e2e) do_e2e=0 ;;
        --no-real) do_real=0 ;;
        --all-e2e) all_e2e=1 ;;
        *) echo "usage: $0 [--no-build] [--no-e2e] [--all-e2e] [--no-real]" >&2; exit 2 ;;
    esac
done
start=$(date +%s)

# ---- build
if [ $do_build = 1 ]; then
    echo "== build with SIPCODES_SANITIZE=ON in $build"
    mkdir -p "$build"
    if ! cmake -S "$src" -B "$build" -DSIPCODES_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$build/configure.log" 2>&1 \
        || ! cmake --build "$build" -j2 > "$build/build.log" 2>&1; then
        tail -n 30 "$build/configure.log" "$build/build.log" 2>/dev/null
        echo "FATAL: sanitized build failed"
        echo "0 passed, 1 failed"
        exit 1
    fi
fi
plugin=$(find "$build/plugins" -name sipcodes.so 2>/dev/null | head -n 1)
if [ -z "$plugin" ]; then
    echo "FATAL: no sipcodes.so under $build/plugins"
    echo "0 passed, 1 failed"
    exit 1
fi
if ! nm -D "$plugin" 2>/dev/null | grep -q __asan_init; then
    echo "FATAL: $plugin is not built with AddressSanitizer (stale build folder without SIPCODES_SANITIZE=ON?)"
    echo "0 passed, 1 failed"
    exit 1
fi

libasan=$(readlink -f "$(gcc -print-file-name=libasan.so)")
libubsan=$(readlink -f "$(gcc -print-file-name=libubsan.so)")
for lib in "$libasan" "$libubsan"; do
    if [ ! -f "$lib" ]; then
        echo "FATAL: sanitizer runtime $lib not found (gcc -print-file-name)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

# ---- tshark with the sanitized plugin
export SIPCODES_PLUGIN=$plugin
export SIPCODES_LOOKUP=$build/sipcodes-lookup
export SIPCODES_GEN=$build/sipcodes_gen
export SIPCODES_DATA_DIR=${SIPCODES_DATA_DIR:-"$src/data"}
export SIPCODES_WS_VERSION=${SIPCODES_WS_VERSION:-4.0}
logs=$(mktemp -d /tmp/sipcodes-sanitize-logs.XXXXXX)
chmod 1777 "$logs"
# extcap helpers started under the preloaded ASan runtime hang (tshark -G
# plugins waits for androiddump forever): give tshark an empty extcap folder.
mkdir -p "$logs/no-extcap"
chmod 755 "$logs/no-extcap"
symbolizer=$(command -v llvm-symbolizer || true)
# tshark leaks at exit by design: no leak check there. The sanitized tools
# (sipcodes-lookup, sipcodes_gen) keep leak checking.
asan_common="halt_on_error=1:abort_on_error=1:log_path=$logs/asan:detect_odr_violation=0"
ubsan_opts="halt_on_error=1:abort_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"
export ASAN_OPTIONS="$asan_common:detect_leaks=1"
export UBSAN_OPTIONS=$ubsan_opts
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer
# lib.sh puts this before "tshark" (word-split, so no blanks in values).
# wmem "simple" and G_SLICE=always-malloc: every allocation goes through
# malloc, so ASan sees overflows of packet-scope buffers too.
export SIPCODES_TSHARK_PREFIX="env LD_PRELOAD=$libasan:$libubsan ASAN_OPTIONS=$asan_common:detect_leaks=0 UBSAN_OPTIONS=$ubsan_opts WIRESHARK_DEBUG_WMEM_OVERRIDE=simple G_SLICE=always-malloc WIRESHARK_EXTCAP_DIR=$logs/no-extcap"

. "$here/lib.sh"
sipcodes_sandbox
trap 'rm -rf "$sipcodes_home"' EXIT
require_plugin
echo "plugin: $plugin (ASan + UBSan), reports to $logs"

# ---- the test captures, written fresh for this run
export SIPCODES_CAPTURES=$sipcodes_home/captures
mkdir -p "$SIPCODES_CAPTURES"
captures=()
if bash "$here/make-captures.sh" "$SIPCODES_CAPTURES" > "$logs/make-captures.out" 2>&1; then
    for f in "$SIPCODES_CAPTURES"/*.pcap; do [ -e "$f" ] && captures+=("$f"); done
else
    fail "tests/make-captures.sh failed: $(tail -n 3 "$logs/make-captures.out")"
fi

# ---- 1. end-to-end tests, unchanged, with the sanitized plugin
if [ $do_e2e = 1 ]; then
    for script in "$here"/*.sh; do
        name=$(basename "$script" .sh)
        case $name in lib|sanitize|mutated_captures|make-captures|run|snapshot) continue ;; esac
        # real_captures runs tshark 148 times (~5 min under ASan); the merged
        # real-capture runs below cover the same files
        [ $name = real_captures ] && [ $all_e2e = 0 ] && continue
        grep -q -E 'lib\.sh|SIPCODES_(PLUGIN|LOOKUP|GEN)' "$script" || continue
        t0=$(date +%s)
        timeout 900 bash "$script" > "$logs/e2e-$name.out" 2>&1
        rc=$?
        summary=$(tail -n 1 "$logs/e2e-$name.out")
        echo "e2e $name: exit $rc, $summary ($(( $(date +%s) - t0 ))s)"
        if [ $rc -eq 0 ]; then
            pass
        elif [ $rc -eq 77 ]; then
            echo "e2e $name: skipped"
        else
            fail "e2e $name exited $rc; its failures:"
            grep -E '^(FAIL|FATAL)' "$logs/e2e-$name.out" | head -n 10 >&2
        fi
    done
fi

# ---- 2. tshark -V over the captures
table=$sipcodes_home/.config/wireshark/sipcodes_variants
cat > "$table" <<'EOF'
"480","No money left","billing","Out of credit (user table)","Нет денег (таблица)","Kein Guthaben (Tabelle)"
"480","Gone   FISHING","other","Gone fishing","","Angeln"
"603","Declined 0x814 by policy","policy","","Отклонено",""
"486","Busy Here","other","the standard phrase as a user row","x","y"
"999","Too Big","other","rejected row","x","x"
"480","Tab\x09inside","other","rejected row","x","x"
"480","caf\xc3\xa9 \xf5\x80\x80\x80","other","odd bytes","x","x"
EOF
chmod a+r "$table"


# run_tshark NAME ARGS... : a death by signal fails, any other exit passes
run_tshark() {
    local name=$1
    shift
    tshark_sipcodes -- "$@" > /dev/null 2> "$logs/tshark.err"
    local rc=$?
    if [ $rc -ge 128 ]; then
        fail "$name: tshark died with signal $((rc - 128)): $(grep -v '^$' "$logs/tshark.err" | head -n 3)"
    else
        pass
    fi
}

t0=$(date +%s)
langs=(en ru de)
n=0
for cap in "${captures[@]}"; do
    cap=$(readable_copy "$cap")
    lang=${langs[$((n % 3))]}
    n=$((n + 1))
    name=$(basename "$cap")
    # full tree (labels, expert info), the stats tree, the user table
    run_tshark "$name -V" -r "$cap" -V -z sipcodes,tree -o "sipcodes.language:$lang"
    # two passes, a filter on the plugin's fields, JSON of its fields
    run_tshark "$name -2 -V" -r "$cap" -2 -V -Y 'sipcodes || sip'
    run_tshark "$name -T json" -r "$cap" -T json -j sipcodes -Y sipcodes
done
echo "tshark over ${#captures[@]} test captures: $(( $(date +%s) - t0 ))s"

# The real captures, merged into one file (one tshark start instead of 74).
if [ $do_real = 1 ] && [ -d "$real" ]; then
    t0=$(date +%s)
    reals=()
    for f in "$real"/*.pcap "$real"/*.pcapng; do [ -e "$f" ] && reals+=("$f"); done
    merged=$sipcodes_home/real-merged.pcapng
    if [ ${#reals[@]} -gt 0 ] && mergecap -a -F pcapng -w "$merged" "${reals[@]}" 2> "$logs/mergecap.err"; then
        chmod a+r "$merged"
        run_tshark "real captures (${#reals[@]} merged) -V" -r "$merged" -V -Y sip -z sipcodes,tree -o sipcodes.language:ru
        run_tshark "real captures (${#reals[@]} merged) -2" -r "$merged" -2 -T fields -e sipcodes.code -e sipcodes.device \
            -Y 'sipcodes.class == "client" || sipcodes.variant'
        echo "tshark over ${#reals[@]} real captures: $(( $(date +%s) - t0 ))s"
    else
        fail "mergecap of the real captures failed: $(head -n 3 "$logs/mergecap.err")"
    fi
elif [ $do_real = 1 ]; then
    echo "note: no real captures at $real"
fi

# ---- sanitizer reports
reports=0
for report in "$logs"/asan.* "$logs"/ubsan.*; do
    [ -e "$report" ] || continue
    reports=$((reports + 1))
    if grep -q -i 'sipcodes' "$report"; then
        fail "sanitizer report mentioning sipcodes: $report"
        head -n 40 "$report" >&2
    else
        echo "note: sanitizer report without sipcodes frames (not counted): $report"
        head -n 12 "$report"
    fi
done
echo "sanitizer reports: $reports (logs in $logs), $(( $(date +%s) - start ))s in all"
finish
