#!/usr/bin/env bash
# Builds the project with -DSIPCODES_SANITIZE=ON (AddressSanitizer +
# UndefinedBehaviorSanitizer) in its own build folder and runs real tshark
# with the sanitized plugin: LD_PRELOAD of gcc's libasan and libubsan,
# reports written to a log folder. Runs
#   1. the end-to-end tests (tests/*.sh that source lib.sh), unchanged;
#   2. tshark -V with the stats tree, a user table and each language over
#      tests/captures/*.pcap (generated when not committed) and over
#      ../shared/captures/real/*.pcap* when that folder exists.
# Fails when tshark dies by a signal, when an end-to-end test fails, or when
# any ASan/UBSan report mentions sipcodes. Reports that do not mention
# sipcodes (tshark's own) are shown but do not fail the run.
#
#   tests/sanitize.sh [--no-build] [--no-e2e] [--no-real]
# Environment: SIPCODES_SANITIZE_BUILD (build folder, default
# /tmp/sipcodes-sanitize-build), SIPCODES_SOURCE_DIR (default: this
# checkout), SIPCODES_REAL_CAPTURES (default ../shared/captures/real).
# Last line: "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=${SIPCODES_SOURCE_DIR:-"$(cd "$here/.." && pwd)"}
build=${SIPCODES_SANITIZE_BUILD:-/tmp/sipcodes-sanitize-build}
real=${SIPCODES_REAL_CAPTURES:-"$here/../../shared/captures/real"}
do_build=1 do_e2e=1 do_real=1
for arg in "$@"; do
    case $arg in
        --no-build) do_build=0 ;;
        --no-e2e) do_e2e=0 ;;
        --no-real) do_real=0 ;;
        *) echo "usage: $0 [--no-build] [--no-e2e] [--no-real]" >&2; exit 2 ;;
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
export SIPCODES_TSHARK_PREFIX="env LD_PRELOAD=$libasan:$libubsan ASAN_OPTIONS=$asan_common:detect_leaks=0 UBSAN_OPTIONS=$ubsan_opts WIRESHARK_DEBUG_WMEM_OVERRIDE=simple G_SLICE=always-malloc"

. "$here/lib.sh"
trap 'rm -rf "$sipcodes_home"' EXIT
require_plugin
echo "plugin: $plugin (ASan + UBSan), reports to $logs"

# ---- 1. end-to-end tests, unchanged, with the sanitized plugin
if [ $do_e2e = 1 ]; then
    for script in "$here"/*.sh; do
        name=$(basename "$script" .sh)
        case $name in lib|sanitize|mutated_captures|make-captures|run) continue ;; esac
        grep -q 'lib\.sh' "$script" || continue
        t0=$(date +%s)
        timeout 900 bash "$script" > "$logs/e2e-$name.out" 2>&1
        rc=$?
        summary=$(tail -n 1 "$logs/e2e-$name.out")
        echo "e2e $name: exit $rc, $summary ($(( $(date +%s) - t0 ))s)"
        if [ $rc -eq 0 ]; then
            pass
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

captures=()
for f in "$here"/captures/*.pcap; do [ -e "$f" ] && captures+=("$f"); done
if [ ${#captures[@]} -eq 0 ]; then
    mkdir -p "$sipcodes_home/captures"
    if bash "$here/make-captures.sh" "$sipcodes_home/captures" > "$logs/make-captures.out" 2>&1; then
        for f in "$sipcodes_home"/captures/*.pcap; do [ -e "$f" ] && captures+=("$f"); done
    else
        fail "tests/make-captures.sh failed: $(tail -n 3 "$logs/make-captures.out")"
    fi
fi
if [ $do_real = 1 ] && [ -d "$real" ]; then
    for f in "$real"/*.pcap "$real"/*.pcapng; do [ -e "$f" ] && captures+=("$f"); done
fi

langs=(en ru de)
n=0
t0=$(date +%s)
for cap in "${captures[@]}"; do
    if ! runuser -u nobody -- test -r "$cap" 2>/dev/null && [ "$(id -u)" = 0 ]; then
        cap=$(readable_copy "$cap")
    fi
    lang=${langs[$((n % 3))]}
    n=$((n + 1))
    tshark_sipcodes -- -r "$cap" -V -z sipcodes,tree -o "sipcodes.language:$lang" > /dev/null 2> "$logs/tshark.err"
    rc=$?
    if [ $rc -ge 128 ]; then
        fail "$(basename "$cap"): tshark died with signal $((rc - 128)): $(grep -v '^$' "$logs/tshark.err" | head -n 3)"
    else
        pass
    fi
    # two passes and a filter on the plugin's fields, on the small captures
    if [ "$(stat -c %s "$cap")" -lt 300000 ]; then
        tshark_sipcodes -- -r "$cap" -2 -Y 'sipcodes.code >= 0 || sipcodes.malformed' -T fields -e sipcodes.code \
            -e sipcodes.phrase -e sipcodes.device > /dev/null 2> "$logs/tshark.err"
        rc=$?
        if [ $rc -ge 128 ]; then fail "$(basename "$cap") (-2 -Y): tshark died with signal $((rc - 128))"; else pass; fi
    fi
done
echo "tshark -V over ${#captures[@]} captures: $(( $(date +%s) - t0 ))s"

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
