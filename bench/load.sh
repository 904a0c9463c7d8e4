#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Load test: a capture of LOAD_CALLS whole calls (default 1 000 000, about
# 6.8 million SIP messages, 3.4 GB) through tshark with the plugin,
#     tshark -n -r CAP -q -z sipcodes,calls
# next to tshark alone, tshark -n -r CAP -q -Y sip, on the same capture, and
# both again on LOAD_BASE calls (default 10 000). The tap, like any filter,
# makes tshark build a tree, and with a tree tshark itself keeps about
# 16 KB per call; plain -q builds none, so the baseline has a filter.
# Checks: no error and the statistics printed; heap kept by the plugin
# (bench/memcount.c: peak heap growth between the two sizes minus tshark
# alone's) within LOAD_MAX_BYTES_PER_CALL
# and LOAD_MAX_BYTES_PER_MESSAGE; CPU per message with the plugin, relative to
# tshark alone, on the big capture within LOAD_TIME_TOLERANCE % of that on the
# small one (start-up removed with a 1-call capture; tshark alone itself gets
# slower per message at 1 000 000 calls). Prints the figures; exits 1 when a
# check fails.
#
# Usage: bench/load.sh   (40 minutes on 2 cores shared with other work: 1 minute
#                         to write the capture, two tshark runs of 6-18 minutes
#                         each; tshark alone holds about 15 GB at 1 000 000 calls)
# Env: LOAD_CALLS=1000000 LOAD_BASE=10000 LOAD_MAX_BYTES_PER_CALL=64
#      LOAD_MAX_BYTES_PER_MESSAGE=16 LOAD_TIME_TOLERANCE=15
#      SIPCODES_PLUGIN=... (unset: built with cmake in BENCH_BUILD_DIR=build)
#      BENCH_CAPTURE_OPTS="..." options for gen-capture --calls
# The capture is kept as bench/out/calls-N.pcap (bench/run.sh uses it too).
set -euo pipefail
export LC_ALL=C.UTF-8

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${SIPCODES_DATA_DIR:-"$root/data"}
BIG=${LOAD_CALLS:-1000000}
BASE=${LOAD_BASE:-10000}
MAX_CALL=${LOAD_MAX_BYTES_PER_CALL:-64}
MAX_MSG=${LOAD_MAX_BYTES_PER_MESSAGE:-16}
TOL=${LOAD_TIME_TOLERANCE:-15}
read -r -a CAP_OPTS <<<"${BENCH_CAPTURE_OPTS:-}"
BUILD_DIR=${BENCH_BUILD_DIR:-build}
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$root/$BUILD_DIR ;; esac
outdir="$here/out"

log() { printf '[load %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FATAL: $*"; exit 2; }

for t in tshark capinfos "${CC:-cc}"; do command -v "$t" >/dev/null || die "missing: $t"; done
[ -x /usr/bin/time ] || die "missing: /usr/bin/time (apt: time)"
[ "$(id -u)" != 0 ] || command -v runuser >/dev/null || die "missing: runuser (apt: util-linux)"
[ "$BIG" -gt "$BASE" ] && [ "$BASE" -gt 1 ] || die "LOAD_CALLS must be larger than LOAD_BASE, and LOAD_BASE > 1"
WS_VERSION=${SIPCODES_WS_VERSION:-$(tshark -v 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')}
[ -n "$WS_VERSION" ] || die "cannot read the Wireshark version"

if [ -z "${SIPCODES_PLUGIN:-}" ]; then
    log "building the plugin in $BUILD_DIR"
    mkdir -p "$BUILD_DIR"
    { cmake -S "$root" -B "$BUILD_DIR" && cmake --build "$BUILD_DIR" -j2 --target sipcodes; } >"$BUILD_DIR/load-build.log" 2>&1 \
        || { tail -20 "$BUILD_DIR/load-build.log" >&2; die "build failed"; }
    SIPCODES_PLUGIN="$BUILD_DIR/plugins/$WS_VERSION/epan/sipcodes.so"
fi
[ -r "$SIPCODES_PLUGIN" ] || die "no plugin at $SIPCODES_PLUGIN"

# tshark alone needs about 16 KB per call for itself
avail_kb=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
[ "$avail_kb" -ge $((BIG * 20)) ] || log "warning: $((avail_kb / 1024)) MiB available, tshark may need about $((BIG * 20 / 1024)) MiB"

work=$(mktemp -d /tmp/sipcodes-load.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home-a/.config/wireshark" "$work/home-b/.config/wireshark" \
    "$work/home-b/.local/lib/wireshark/plugins/$WS_VERSION/epan" "$work/plugins" "$work/logs"
cp "$SIPCODES_PLUGIN" "$work/home-b/.local/lib/wireshark/plugins/$WS_VERSION/epan/"
"${CC:-cc}" -O2 -shared -fPIC -o "$work/memcount.so" "$here/memcount.c" || die "cannot build bench/memcount.c"
# the global plugins without any sipcodes.so (tshark honours WIRESHARK_PLUGIN_DIR unless root)
global_plugins=$(dirname "$(tshark -G folders 2>/dev/null | awk -F'\t' '$1 ~ /^Global Plugins:/ {print $2}')")
(cd "$global_plugins" && find . -mindepth 1 -type d) | while read -r d; do mkdir -p "$work/plugins/$d"; done
(cd "$global_plugins" && find . -mindepth 1 ! -type d ! -name sipcodes.so) | while read -r f; do ln -sfn "$global_plugins/${f#./}" "$work/plugins/$f"; done

# captures, shared with bench/run.sh (same names, options and counts beside them)
declare -A pcap frames
capture() { # N
    local n=$1 f="$outdir/calls-$1.pcap" opts=(--calls ${CAP_OPTS[@]+"${CAP_OPTS[@]}"})
    mkdir -p "$outdir"
    if [ ! -s "$f" ] || [ "$here/gen-capture.c" -nt "$f" ] || [ -n "$(find "$data" -name '*.tsv' -newer "$f" 2>/dev/null)" ] \
        || [ "$(cat "$f.opts" 2>/dev/null)" != "${opts[*]}" ] || [ ! -s "$f.info" ]; then
        log "writing $f"
        local t0=$SECONDS
        "$here/make-capture.sh" "${opts[@]}" "$n" "$f" >/dev/null 2>"$work/logs/gen-$n.txt" \
            || { cat "$work/logs/gen-$n.txt" >&2; die "capture generation failed"; }
        printf '%s\n' "${opts[*]}" >"$f.opts"
        { capinfos -M -c -r -T "$f" | awk -F'\t' 'NR==1{print $2}'; tail -n 1 "$work/logs/gen-$n.txt"; } >"$f.info"
        log "written in $((SECONDS - t0)) s: $(du -h "$f" | cut -f1)"
    fi
    ln "$f" "$work/calls-$n.pcap" 2>/dev/null || ln -s "$f" "$work/calls-$n.pcap"
    pcap[$n]="$work/calls-$n.pcap"
    frames[$n]=$(head -n 1 "$f.info")
}
for n in 1 "$BASE" "$BIG"; do capture "$n"; done
chmod a+rwx "$work"; chmod -R a+rwX "$work/home-a" "$work/home-b" "$work/logs"; chmod a+rx "$work/memcount.so"

runner=()
[ "$(id -u)" = 0 ] && runner=(runuser -u nobody --)
# run CONFIG N TAG [heap]: one tshark run; appends "cpu_s maxrss_kb [peak_heap]" to $work/CONFIG-N
run() {
    local c=$1 n=$2 tag=$3 h args pre=()
    case $c in
    a) h=$work/home-a; args=(-q -Y sip) ;;
    b) h=$work/home-b; args=(-q -z sipcodes,calls) ;;
    esac
    [ "${4:-}" = heap ] && pre=(env LD_PRELOAD="$work/memcount.so" MEMCOUNT_OUT="$work/heap-$c-$n-$tag")
    local tf="$work/logs/time-$c-$n-$tag" out="$work/logs/out-$c-$n-$tag" err="$work/logs/err-$c-$n-$tag"
    "${runner[@]}" env -u XDG_CONFIG_HOME WIRESHARK_PLUGIN_DIR="$work/plugins" HOME="$h" LC_ALL=C.UTF-8 \
        ${pre[@]+"${pre[@]}"} /usr/bin/time -f '%U %S %M' -o "$tf" tshark -n -r "${pcap[$n]}" "${args[@]}" >"$out" 2>"$err" \
        || { tail -5 "$err" >&2; die "tshark ($c, $n calls) failed"; }
    if [ -s "$err" ]; then tail -5 "$err" >&2; die "tshark ($c, $n calls) wrote errors"; fi
    if [ "$c" = b ] && ! grep -q 'SIP calls' "$out"; then die "tshark ($c, $n calls) printed no call statistics"; fi
    local line
    line=$(tail -n 1 "$tf" | awk '{printf "%.3f %d", $1 + $2, $3}')
    [ "${4:-}" = heap ] && line+=" $(awk '{print $1}' "$work/heap-$c-$n-$tag")"
    echo "$line" >>"$work/$c-$n"
}
median() { sort -g | awk '{v[NR]=$1} END{if (NR%2) print v[(NR+1)/2]; else printf "%.4f\n", (v[NR/2]+v[NR/2+1])/2}'; }
col() { awk -v k="$2" '{print $k}' "$work/$1" | median; }

t_start=$SECONDS
log "start-up and $BASE calls: 3 runs each"
for r in 1 2 3; do for c in a b; do run $c 1 "r$r" heap; run $c "$BASE" "r$r" heap; done; done
for c in a b; do
    log "$BIG calls (${frames[$BIG]} messages), configuration $c: one run"
    run $c "$BIG" r1 heap
done

# per message and per call, start-up removed
declare -A us kept
for c in a b; do
    s=$(col "$c-1" 1)
    for n in "$BASE" "$BIG"; do
        us[$c-$n]=$(awk -v x="$(col "$c-$n" 1)" -v s="$s" -v m="$((frames[$n] - frames[1]))" 'BEGIN { printf "%.3f", 1e6 * (x - s) / m }')
    done
done
grow=$(awk -v b1="$(col "b-$BASE" 3)" -v a1="$(col "a-$BASE" 3)" -v b2="$(col "b-$BIG" 3)" -v a2="$(col "a-$BIG" 3)" 'BEGIN { printf "%.0f", (b2 - a2) - (b1 - a1) }')
kept[call]=$(awk -v g="$grow" -v n="$((BIG - BASE))" 'BEGIN { printf "%.1f", g / n }')
kept[msg]=$(awk -v g="$grow" -v n="$((frames[$BIG] - frames[$BASE]))" 'BEGIN { printf "%.2f", g / n }')
rss_call=$(awk -v b1="$(col "b-$BASE" 2)" -v a1="$(col "a-$BASE" 2)" -v b2="$(col "b-$BIG" 2)" -v a2="$(col "a-$BIG" 2)" -v n="$((BIG - BASE))" \
    'BEGIN { printf "%.1f", 1024 * ((b2 - a2) - (b1 - a1)) / n }')
# tshark alone slows down too on a big capture (its own tables): the check
# takes the plugin run relative to tshark alone at each size
slow_b=$(awk -v x="${us[b-$BIG]}" -v y="${us[b-$BASE]}" 'BEGIN { printf "%+.1f", 100 * (x - y) / y }')
slow_a=$(awk -v x="${us[a-$BIG]}" -v y="${us[a-$BASE]}" 'BEGIN { printf "%+.1f", 100 * (x - y) / y }')
slow=$(awk -v b2="${us[b-$BIG]}" -v a2="${us[a-$BIG]}" -v b1="${us[b-$BASE]}" -v a1="${us[a-$BASE]}" \
    'BEGIN { printf "%+.1f", 100 * ((b2 / a2) / (b1 / a1) - 1) }')
share1=$(awk -v b="${us[b-$BASE]}" -v a="${us[a-$BASE]}" 'BEGIN { printf "%.3f", b - a }')
share2=$(awk -v b="${us[b-$BIG]}" -v a="${us[a-$BIG]}" 'BEGIN { printf "%.3f", b - a }')
verdict() { if awk "BEGIN{exit !($1)}"; then echo ok; else echo FAILED; fi; }
v_call=$(verdict "${kept[call]} <= $MAX_CALL"); v_msg=$(verdict "${kept[msg]} <= $MAX_MSG"); v_time=$(verdict "$slow <= $TOL")

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
cat <<EOF
sipcodes load test: $(tshark -v 2>/dev/null | head -n 1 | sed "s/\\.$//"); plugin $SIPCODES_PLUGIN
capture: $BIG calls, ${frames[$BIG]} SIP messages ($(awk -v m="${frames[$BIG]}" -v n="$BIG" 'BEGIN { printf "%.2f", m / n }') per call), $(du -h "$outdir/calls-$BIG.pcap" | cut -f1)
                      tshark alone (-q -Y sip) with the plugin (-q -z sipcodes,calls)
CPU per message       $(printf '%-24s %s' "${us[a-$BASE]} us at $BASE" "${us[b-$BASE]} us at $BASE calls")
                      $(printf '%-24s %s' "${us[a-$BIG]} us at $BIG" "${us[b-$BIG]} us at $BIG calls")
CPU total at $BIG     $(printf '%-24s %s' "$(col "a-$BIG" 1) s" "$(col "b-$BIG" 1) s")
peak RSS at $BIG      $(printf '%-24s %s' "$(mib "$(col "a-$BIG" 2)") MiB" "$(mib "$(col "b-$BIG" 2)") MiB")
peak heap at $BIG     $(printf '%-24s %s' "$(mib "$(( $(col "a-$BIG" 3) / 1024 ))") MiB" "$(mib "$(( $(col "b-$BIG" 3) / 1024 ))") MiB")
checks:
  no error, statistics printed                                   ok
  heap kept by the plugin per call    ${kept[call]} bytes (<= $MAX_CALL)   $v_call   (RSS: $rss_call)
  heap kept by the plugin per message ${kept[msg]} bytes (<= $MAX_MSG)   $v_msg
  CPU per message with the plugin relative to tshark alone,
    $BIG vs $BASE calls               $slow % (<= $TOL %)   $v_time
    (with the plugin $slow_b %, tshark alone $slow_a %; the plugin's share $share1 -> $share2 us per message)
(heap counted with bench/memcount.c, CPU runs with it loaded; $((SECONDS - t_start)) s of tshark runs)
EOF
[ "$v_call$v_msg$v_time" = okokok ]
