#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fuzzes the sipcodes core with libFuzzer (clang, ASan + UBSan). The targets
# are CMake targets (fuzz/CMakeLists.txt) built from the same source lists
# as the plugin (cmake/Sources.cmake).
#
#   fuzz/run.sh [SECONDS]        build, replay corpus + regressions, then fuzz
#                                every target in turn; SECONDS is the total
#                                budget (default 600), split evenly
#   fuzz/run.sh --replay         the standalone driver only, under ASan + UBSan:
#                                replays fuzz/corpus and fuzz/regressions
#   options: --targets "status loader"   fuzz only these
#            --no-coverage               skip the llvm-cov line coverage report
#            --strict                    also the strict oracles (SC_FUZZ_STRICT_UTF8,
#                                        SC_FUZZ_STRICT_DATA; see fuzz/README.md)
#
# Environment: SC_FUZZ_WORK (work folder, default a new /tmp/sipcodes-fuzz.XXXXXX,
# kept for its artifacts), CLANG (default clang), SIPCODES_DATA_DIR.
#
# Exit status 0 when no target crashed; crashing inputs are left in
# $SC_FUZZ_WORK/artifacts/<target>/ - reproduce with
#   $SC_FUZZ_WORK/build/fuzz/sipcodes_fuzz_replay -t <target> <file>
# and, once fixed, keep the input as fuzz/regressions/<target>/<what-it-caught>.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${SIPCODES_DATA_DIR:-"$root/data"}
all_targets=($(sed -n 's/^set(SIPCODES_FUZZ_TARGETS \(.*\))$/\1/p' "$here/CMakeLists.txt"))

budget=600
replay_only=0
coverage=1
targets=("${all_targets[@]}")
while [ $# -gt 0 ]; do
    case $1 in
        --replay) replay_only=1 ;;
        --no-coverage) coverage=0 ;;
        --strict) export SC_FUZZ_STRICT_UTF8=1 SC_FUZZ_STRICT_DATA=1 ;;
        --targets) read -r -a targets <<< "$2"; shift ;;
        -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        ''|*[!0-9]*) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
        *) budget=$1 ;;
    esac
    shift
done

clang=${CLANG:-clang}
if ! $clang --version >/dev/null 2>&1; then
    echo "run.sh: $clang not found (apt-get install -y clang)" >&2
    exit 2
fi
work=${SC_FUZZ_WORK:-$(mktemp -d /tmp/sipcodes-fuzz.XXXXXX)}
mkdir -p "$work"
echo "work folder: $work"

configure() { # BUILD-DIR OPTION...
    local dir=$1
    shift
    CC=$clang cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIPCODES_DATA_DIR="$data" "$@" \
        > "$dir.configure.log" 2>&1 || { tail -n 20 "$dir.configure.log"; exit 1; }
}
build=$work/build
configure "$build" -DSIPCODES_SANITIZE=ON -DSIPCODES_FUZZ=$([ $replay_only = 1 ] && echo OFF || echo ON)
make_targets=(sipcodes_fuzz_replay)
[ $replay_only = 1 ] || make_targets+=("${targets[@]/#/fuzz_}")
cmake --build "$build" -j"$(nproc)" --target "${make_targets[@]}" > "$work/build.log" 2>&1 \
    || { tail -n 30 "$work/build.log"; exit 1; }
replay=$build/fuzz/sipcodes_fuzz_replay

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "== replay (standalone driver): fuzz/corpus fuzz/regressions"
"$replay" "$here/corpus" "$here/regressions"
# the real data files as one loader input (bigger than the fuzzer makes them)
for t in codes variants device_codes q850 sip_to_q850 q850_to_sip outcomes sets hints; do
    [ $t = codes ] || printf '\0'
    [ $t != hints ] || [ -f "$data/hints.tsv" ] || break
    cat "$data/$t.tsv"
done > "$work/real-data.loader"
"$replay" -t loader "$work/real-data.loader" | tail -n 1
[ $replay_only = 1 ] && exit 0

per=$(( budget / ${#targets[@]} ))
[ "$per" -ge 1 ] || per=1
crashed=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "$work/corpus/$t" "$work/artifacts/$t"
    cp -n "$here/corpus/$t/"* "$work/corpus/$t/" 2>/dev/null || true
    dict=$here/sip.dict max_len=4096
    [ "$t" = loader ] && dict=$here/loader.dict max_len=16384
    [ "$t" = calls ] && max_len=16384
    echo "== fuzz $t for ${per}s"
    set +e
    "$build/fuzz/fuzz_$t" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 -max_len=$max_len \
        -use_value_profile=1 -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$t/" "$work/corpus/$t" > "$work/fuzz_$t.log" 2>&1
    rc=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz_$t.log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/fuzz_$t.log" | tail -1)
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$work/fuzz_$t.log" | tail -1)
    ncorp=$(find "$work/corpus/$t" -type f | wc -l)
    nart=$(find "$work/artifacts/$t" -type f | wc -l)
    if [ $rc -ne 0 ] || [ "$nart" -ne 0 ]; then
        crashed=$((crashed + 1))
        echo "!! $t: libFuzzer exit $rc, $nart artifact(s) in $work/artifacts/$t/ (log $work/fuzz_$t.log)"
        grep -E 'ERROR:|SUMMARY|invariant failed|runtime error' "$work/fuzz_$t.log" | head -5 || true
    fi
    summary+=("$(printf '%-10s execs %10s  exec/s %7s  %-22s corpus %5s  crashes %s' \
        "$t" "${execs:-?}" "${speed:-?}" "${cov:-cov: ?}" "$ncorp" "$nart")")
done

if [ $coverage = 1 ] && command -v llvm-profdata >/dev/null && command -v llvm-cov >/dev/null; then
    echo "== line coverage of the final corpora over every core and generator source (llvm-cov)"
    cov_build=$work/build-coverage
    configure "$cov_build" -DSIPCODES_COVERAGE=ON
    cmake --build "$cov_build" -j"$(nproc)" --target sipcodes_fuzz_replay > "$work/build-coverage.log" 2>&1 \
        || { tail -n 30 "$work/build-coverage.log"; exit 1; }
    rm -f "$work"/cov-*.profraw
    for t in "${targets[@]}"; do
        LLVM_PROFILE_FILE="$work/cov-$t.profraw" "$cov_build/fuzz/sipcodes_fuzz_replay" -t "$t" \
            "$work/corpus/$t" "$work/artifacts/$t" >/dev/null 2>&1 || true
    done
    llvm-profdata merge -o "$work/cov.profdata" "$work"/cov-*.profraw
    mapfile -t covered < "$cov_build/coverage-sources.txt"
    llvm-cov report "$cov_build/fuzz/sipcodes_fuzz_replay" -instr-profile="$work/cov.profdata" "${covered[@]}" \
        | sed 's#'"$root"'/##' | tee "$work/coverage.txt"
fi

echo "== summary (${per}s per target, work folder $work)"
printf '%s\n' "${summary[@]}"
if [ $crashed -ne 0 ]; then
    echo "FAILED: $crashed target(s) crashed"
    exit 1
fi
echo "no crashes"
