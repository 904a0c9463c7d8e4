#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sipcodes benchmark, in one run, of three tshark modes:
#   filter  tshark -n -r CAP -Y FILTER -w OUT
#           (fa) no plugin, SIP filter   'sip.Status-Code >= 600 && sip.Status-Code < 700'
#           (fb0) sipcodes installed, the same SIP filter (plugin unused)
#           (fb) sipcodes used:          'sipcodes.class == "global"'
#           (fbn) as (fb) with -o sipcodes.remember:FALSE (memory only)
#           (fc) Lua post-dissector bench/sipcodes.lua: 'sipcodes_lua.class == "global"'
#   fields  tshark -n -r CAP -T fields -e ... (8 fields) >/dev/null
#           (xax) no plugin, 8 SIP header fields; (xb) 8 sipcodes fields;
#           (xc) the same 8 fields from the Lua script
#   gui     the Wireshark GUI's first pass with the colouring rules on:
#           tshark -n -r CAP -Y '(rule 1) || (rule 2) || ...' -w OUT, the rules
#           being the enabled ones of the default colorfilters file
#           (ga) no plugin, (gb0) sipcodes installed
# Figures: callgrind instructions per SIP response (run on BENCH_CALLGRIND_N
# responses minus a run on 1 response of the same configuration: exact, start-up
# removed), CPU (user+sys) medians of interleaved runs (start-up removed the
# same way), and peak RSS growth between two capture sizes.
#
# Usage: bench/run.sh                 full size (about 15-20 min on 2 cores)
#        BENCH_QUICK=1 bench/run.sh   small sizes, 2 runs (about 7 min, mostly callgrind start-up)
# Env:
#   BENCH_N=100000           responses in the timed capture (quick: 5000)
#   BENCH_RSS_N=20000        second, smaller capture for peak RSS (quick: 1000)
#   BENCH_RUNS=5             timed runs per configuration, interleaved (quick: 2)
#   BENCH_CALLGRIND=1        run callgrind (0: skip)
#   BENCH_CALLGRIND_N=3000   responses in the callgrind runs (quick: 300)
#   BENCH_JOBS=2             callgrind runs in parallel (counts stay exact)
#   SIPCODES_PLUGIN=...      a built sipcodes.so; unset: built with cmake
#   BENCH_BUILD_DIR=build    where it is built (relative to the source tree)
#   SIPCODES_WS_VERSION=X.Y  plugin folder version (default: from tshark -v)
#   BENCH_COLORFILTERS=...   colouring rules file (default: the global one)
#   BENCH_KEEP=0             1: keep the temporary folder
#   BENCH_REUSE=DIR          write the report from a kept folder, running nothing
#                            (same sizes and settings as the run that filled it)
# Uses whatever tshark is on PATH, so it runs unchanged in other Wireshark
# versions' roots given SIPCODES_PLUGIN built for them.
# Writes bench/out/report.md (and prints it); raw figures in bench/out/raw/.
#
# Needs: tshark, capinfos, /usr/bin/time, a C compiler, valgrind and
# callgrind_annotate (when BENCH_CALLGRIND=1), runuser when run as root, and
# cmake + the Wireshark development files to build the plugin.
set -euo pipefail
export LC_ALL=C.UTF-8

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${SIPCODES_DATA_DIR:-"$root/data"}
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    d_n=5000; d_rss=1000; d_runs=2; d_cg=300
else
    d_n=100000; d_rss=20000; d_runs=5; d_cg=3000
fi
N=${BENCH_N:-$d_n}
RSS_N=${BENCH_RSS_N:-$d_rss}
RUNS=${BENCH_RUNS:-$d_runs}
CALLGRIND=${BENCH_CALLGRIND:-1}
CG_N=${BENCH_CALLGRIND_N:-$d_cg}
JOBS=${BENCH_JOBS:-2}
BUILD_DIR=${BENCH_BUILD_DIR:-build}
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$root/$BUILD_DIR ;; esac
outdir="$here/out"
report="$outdir/report.md"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

# ---- prerequisites ----
missing=()
command -v tshark >/dev/null || missing+=("tshark")
command -v capinfos >/dev/null || missing+=("capinfos")
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt: time)")
command -v "${CC:-cc}" >/dev/null || missing+=("cc")
if [ "$CALLGRIND" = 1 ]; then
    command -v valgrind >/dev/null || missing+=("valgrind")
    command -v callgrind_annotate >/dev/null || missing+=("callgrind_annotate (apt: valgrind)")
fi
if [ "$(id -u)" = 0 ]; then command -v runuser >/dev/null || missing+=("runuser (apt: util-linux)"); fi
[ ${#missing[@]} -eq 0 ] || die "missing: ${missing[*]}"
[ "$RUNS" -ge 1 ] || die "BENCH_RUNS must be >= 1"
[ "$N" -gt "$RSS_N" ] || die "BENCH_N must be larger than BENCH_RSS_N"
[ "$CG_N" -gt 1 ] || die "BENCH_CALLGRIND_N must be > 1"

ts_version=$(tshark -v 2>/dev/null | head -n 1 | sed 's/\.$//')
WS_VERSION=${SIPCODES_WS_VERSION:-$(printf '%s\n' "$ts_version" | sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')}
[ -n "$WS_VERSION" ] || die "cannot read the Wireshark version from: $ts_version"

# ---- plugin ----
if [ -z "${SIPCODES_PLUGIN:-}" ]; then
    log "building the plugin in $BUILD_DIR"
    mkdir -p "$BUILD_DIR"
    { cmake -S "$root" -B "$BUILD_DIR" && cmake --build "$BUILD_DIR" -j2 --target sipcodes; } >"$BUILD_DIR/bench-build.log" 2>&1 \
        || { tail -20 "$BUILD_DIR/bench-build.log" >&2; die "build failed (log: $BUILD_DIR/bench-build.log)"; }
    SIPCODES_PLUGIN="$BUILD_DIR/plugins/$WS_VERSION/epan/sipcodes.so"
fi
[ -r "$SIPCODES_PLUGIN" ] || die "no plugin at $SIPCODES_PLUGIN"

# ---- temporary homes: tshark as root ignores the personal plugin folder, so
# as root it runs as "nobody" with HOME set to one of these ----
REUSE=${BENCH_REUSE:-}
if [ -n "$REUSE" ]; then
    work=$REUSE; [ -d "$work/t" ] && [ -d "$work/cg" ] || die "BENCH_REUSE=$REUSE is not a kept benchmark folder"
    log "reporting from the runs kept in $work"
else
    work=$(mktemp -d /tmp/sipcodes-bench.XXXXXX)
    if [ "${BENCH_KEEP:-0}" = 1 ]; then log "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
fi
for h in a b c; do mkdir -p "$work/home-$h/.config/wireshark"; done
mkdir -p "$work/home-b/.local/lib/wireshark/plugins/$WS_VERSION/epan" "$work/home-c/data" "$work/logs" "$work/cg" "$work/t" "$work/w"
cp "$SIPCODES_PLUGIN" "$work/home-b/.local/lib/wireshark/plugins/$WS_VERSION/epan/"
cp "$here/sipcodes.lua" "$work/home-c/"
cp "$data"/*.tsv "$work/home-c/data/"
# A copy of the global plugin folder without any sipcodes.so (a global copy
# would be loaded in (a) too); tshark honours WIRESHARK_PLUGIN_DIR unless root.
global_plugins=$(tshark -G folders 2>/dev/null | awk -F'\t' '$1 ~ /^Global Plugins:/ {print $2}')
[ -d "$global_plugins" ] || die "cannot find the global plugin folder (tshark -G folders)"
global_plugins=$(dirname "$global_plugins")
mkdir -p "$work/plugins"
(cd "$global_plugins" && find . -mindepth 1 -type d) | while read -r d; do mkdir -p "$work/plugins/$d"; done
(cd "$global_plugins" && find . -mindepth 1 ! -type d) | while read -r f; do
    case $f in */sipcodes.so) log "not using the globally installed $global_plugins/${f#./}"; continue ;; esac
    ln -sfn "$global_plugins/${f#./}" "$work/plugins/$f"
done

# ---- captures ----
mkdir -p "$outdir" "$outdir/raw"
capture() { # N -> path
    local f="$outdir/sip-$1.pcap"
    if [ ! -s "$f" ] || [ "$here/gen-capture.c" -nt "$f" ] || [ -n "$(find "$data" -name '*.tsv' -newer "$f" 2>/dev/null)" ]; then
        "$here/make-capture.sh" "$1" "$f" >/dev/null 2>"$work/logs/gen-$1.txt" || { cat "$work/logs/gen-$1.txt" >&2; die "capture generation failed"; }
    fi
    cp "$f" "$work/sip-$1.pcap"
    printf '%s\n' "$work/sip-$1.pcap"
}
sizes=$(printf '%s\n' "$N" "$RSS_N" 1 $([ "$CALLGRIND" = 1 ] && echo "$CG_N") | sort -un)
declare -A pcap frames
for n in $sizes; do
    pcap[$n]=$(capture "$n")
    frames[$n]=$(capinfos -M -c -r -T "${pcap[$n]}" | awk -F'\t' 'NR==1{print $2}')
done
chmod -R a+rwX "$work"

runner=()
[ "$(id -u)" = 0 ] && runner=(runuser -u nobody --)
# as_user HOME CMD... : runs CMD as the tshark user with that HOME
as_user() {
    local h=$1; shift
    "${runner[@]}" env -u XDG_CONFIG_HOME WIRESHARK_PLUGIN_DIR="$work/plugins" HOME="$h" LC_ALL=C.UTF-8 \
        SIPCODES_DATA_DIR="$work/home-c/data" "$@"
}

# ---- the colouring rules of the GUI's first pass ----
colorfilters=${BENCH_COLORFILTERS:-}
if [ -z "$colorfilters" ]; then
    gconf=$(tshark -G folders 2>/dev/null | awk -F'\t' '$1 ~ /^Global configuration:/ {print $2}')
    colorfilters="$gconf/colorfilters"
fi
[ -r "$colorfilters" ] || die "no colouring rules file at $colorfilters"
# enabled rules are "@name@filter@[colours]"; disabled ones start with "!@".
# The GUI drops a rule that does not compile; so does this.
gui_filter=""; rules_ok=0; rules_bad=0
while IFS= read -r rule; do
    if as_user "$work/home-a" tshark -n -r "${pcap[1]}" -Y "$rule" >/dev/null 2>&1; then
        gui_filter+="${gui_filter:+ || }($rule)"; rules_ok=$((rules_ok + 1))
    else
        rules_bad=$((rules_bad + 1))
    fi
done < <(awk -F'@' '/^@/ {print $3}' "$colorfilters")
[ -n "$gui_filter" ] || die "no usable colouring rule in $colorfilters"
log "GUI first pass: $rules_ok colouring rules from $colorfilters ($rules_bad do not compile here)"

# ---- configurations ----
F_SIP='sip.Status-Code >= 600 && sip.Status-Code < 700'
F_B='sipcodes.class == "global"'
F_C='sipcodes_lua.class == "global"'
fields_x=(-e sip.Status-Line -e sip.Via -e sip.From -e sip.To -e sip.Call-ID -e sip.CSeq -e sip.Server -e sip.Content-Length)
fields_b=(-e sipcodes.class -e sipcodes.standard_phrase -e sipcodes.rfc -e sipcodes.registry
          -e sipcodes.description -e sipcodes.variant -e sipcodes.variant.category -e sipcodes.variant.description)
fields_c=("${fields_b[@]//sipcodes./sipcodes_lua.}")
lua_opt=(-X "lua_script:$work/home-c/sipcodes.lua")
CFGS=(fa fb0 fb fbn fc xax xb xc ga gb0)
CG_CFGS=(fa fb0 fb fc xax xb xc ga gb0)
MEM_CFGS=(fa fb0 fb fbn)

# args_for CONFIG OUT -> sets HOME_DIR and ARGS (after -n -r CAP)
args_for() {
    local o=$2
    case $1 in
    fa)  HOME_DIR=$work/home-a; ARGS=(-Y "$F_SIP" -w "$o") ;;
    fb0) HOME_DIR=$work/home-b; ARGS=(-Y "$F_SIP" -w "$o") ;;
    fb)  HOME_DIR=$work/home-b; ARGS=(-Y "$F_B" -w "$o") ;;
    fbn) HOME_DIR=$work/home-b; ARGS=(-o sipcodes.remember:FALSE -Y "$F_B" -w "$o") ;;
    fc)  HOME_DIR=$work/home-c; ARGS=("${lua_opt[@]}" -Y "$F_C" -w "$o") ;;
    xax) HOME_DIR=$work/home-a; ARGS=(-T fields "${fields_x[@]}") ;;
    xb)  HOME_DIR=$work/home-b; ARGS=(-T fields "${fields_b[@]}") ;;
    xc)  HOME_DIR=$work/home-c; ARGS=("${lua_opt[@]}" -T fields "${fields_c[@]}") ;;
    ga)  HOME_DIR=$work/home-a; ARGS=(-Y "$gui_filter" -w "$o") ;;
    gb0) HOME_DIR=$work/home-b; ARGS=(-Y "$gui_filter" -w "$o") ;;
    *)   die "unknown configuration $1" ;;
    esac
}
describe() {
    case $1 in
    fa)  echo "filter: no plugin, \`$F_SIP\`" ;;
    fb0) echo "filter: sipcodes installed, unused, the same SIP filter" ;;
    fb)  echo "filter: sipcodes used, \`$F_B\`" ;;
    fbn) echo "filter: as (fb), \`-o sipcodes.remember:FALSE\`" ;;
    fc)  echo "filter: Lua script, \`$F_C\`" ;;
    xax) echo "fields: no plugin, 8 SIP header fields" ;;
    xb)  echo "fields: 8 sipcodes fields" ;;
    xc)  echo "fields: the 8 Lua fields" ;;
    ga)  echo "GUI first pass: no plugin, colouring rules" ;;
    gb0) echo "GUI first pass: sipcodes installed" ;;
    esac
}

# ---- sanity: what is loaded where; configurations agree ----
as_user "$work/home-a" tshark -G protocols 2>/dev/null | grep -q $'\tsipcodes\t' && die "tshark (a) still loads a sipcodes plugin"
as_user "$work/home-b" tshark -G plugins 2>/dev/null | grep -q "$work/home-b/.*/sipcodes.so" \
    || die "tshark does not load $work/home-b/.../sipcodes.so (-G plugins)"
as_user "$work/home-c" tshark -G protocols "${lua_opt[@]}" 2>"$work/logs/lua-load.txt" | grep -q $'\tsipcodes_lua$' \
    || { cat "$work/logs/lua-load.txt" >&2; die "the Lua script does not load"; }
as_user "$work/home-b" tshark -G defaultprefs 2>/dev/null | grep -q 'sipcodes\.remember:' || die "the plugin has no preference sipcodes.remember"

check_n=$RSS_N
declare -A matched
for c in fa fb fc ga gb0; do
    args_for $c "$work/w/check-$c.pcap"
    as_user "$HOME_DIR" tshark -n -r "${pcap[$check_n]}" "${ARGS[@]}" 2>"$work/logs/check-$c.txt"
    [ -s "$work/logs/check-$c.txt" ] && { cat "$work/logs/check-$c.txt" >&2; die "tshark ($c) wrote errors"; }
    matched[$c]=$(capinfos -M -c -r -T "$work/w/check-$c.pcap" | awk -F'\t' 'NR==1{print $2}')
done
# The SIP filter can match a few more frames: with several responses in one
# TCP segment each comparison may hold for a different response.
[ "${matched[fb]}" = "${matched[fc]}" ] && [ "${matched[fb]}" -gt 0 ] \
    || die "filters disagree on $check_n responses: sipcodes ${matched[fb]}, Lua ${matched[fc]} frames"
[ "${matched[ga]}" = "${matched[gb0]}" ] || die "the colouring filter matches differently with the plugin"
for c in xb xc; do
    args_for $c -
    as_user "$HOME_DIR" tshark -n -r "${pcap[$check_n]}" "${ARGS[@]}" >"$work/w/check-$c.txt" 2>"$work/logs/check-$c.txt"
    [ -s "$work/logs/check-$c.txt" ] && { cat "$work/logs/check-$c.txt" >&2; die "tshark ($c) wrote errors"; }
done
check_lines=$(wc -l <"$work/w/check-xb.txt")
check_diff=$(diff "$work/w/check-xb.txt" "$work/w/check-xc.txt" | grep -c '^>' || true)
log "check on $check_n responses (${frames[$check_n]} frames): filters match SIP ${matched[fa]}, sipcodes ${matched[fb]}, Lua ${matched[fc]} frames; GUI filter ${matched[ga]}; Lua fields differ on $check_diff of $check_lines lines"

# ---- timed runs, interleaved, rotating the order each round ----
# time_one CONFIG N TAG -> appends "user+sys maxrss_kb" to $work/t/CONFIG-N
time_one() {
    args_for "$1" "$work/w/out-$1.pcap"
    local tf="$work/logs/time-$1-$2-$3.txt"
    as_user "$HOME_DIR" /usr/bin/time -f '%U %S %M' -o "$tf" tshark -n -r "${pcap[$2]}" "${ARGS[@]}" >/dev/null 2>"$work/logs/err-$1-$2-$3.txt" \
        || { cat "$work/logs/err-$1-$2-$3.txt" >&2; die "tshark ($1, $2) failed"; }
    tail -n 1 "$tf" | awk '{printf "%.3f %d\n", $1 + $2, $3}' >>"$work/t/$1-$2"
}
median() { sort -g | awk '{v[NR]=$1} END{if (NR==0) {print "nan"; exit} if (NR%2) print v[(NR+1)/2]; else printf "%.4f\n", (v[NR/2]+v[NR/2+1])/2}'; }
rotate() { # ROUND CONFIG... -> the configurations rotated by ROUND
    local r=$1; shift; local a=("$@") n=$# k
    for k in $(seq 0 $((n - 1))); do printf '%s ' "${a[$(((k + r) % n))]}"; done
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average at start: $load_start"
if [ -z "$REUSE" ]; then
log "start-up: 3 runs each on a 1-response capture"
for r in 1 2 3; do for c in $(rotate $r "${CFGS[@]}"); do time_one "$c" 1 "s$r"; done; done
log "warm-up: one run each on $N responses, not counted"
for c in "${CFGS[@]}"; do time_one "$c" "$N" warm; mv "$work/t/$c-$N" "$work/t/warm-$c-$N"; done
for r in $(seq 1 "$RUNS"); do
    order=$(rotate "$r" "${CFGS[@]}")
    log "round $r/$RUNS on $N responses: $order"
    for c in $order; do time_one "$c" "$N" "r$r"; done
done
log "peak RSS on $RSS_N responses: 3 runs each of ${MEM_CFGS[*]}"
for r in 1 2 3; do for c in $(rotate $r "${MEM_CFGS[@]}"); do time_one "$c" "$RSS_N" "m$r"; done; done
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A cpu cpu1 cpur rss rss_small
for c in "${CFGS[@]}"; do
    cpu[$c]=$(awk '{print $1}' "$work/t/$c-$N" | median)
    cpu1[$c]=$(awk '{print $1}' "$work/t/$c-1" | median)
    cpur[$c]=$(awk -v x="${cpu[$c]}" -v y="${cpu1[$c]}" -v n="$N" 'BEGIN { printf "%.3f", 1e6 * (x - y) / (n - 1) }') # us per response
    rss[$c]=$(awk '{print $2}' "$work/t/$c-$N" | median)
done
for c in "${MEM_CFGS[@]}"; do rss_small[$c]=$(awk '{print $2}' "$work/t/$c-$RSS_N" | median); done

# ---- callgrind ----
declare -A ir
if [ "$CALLGRIND" = 1 ]; then
    cg_one() { # CONFIG N
        args_for "$1" "$work/w/cg-$1-$2.pcap"
        as_user "$HOME_DIR" valgrind --tool=callgrind --callgrind-out-file="$work/cg/$1-$2.out" \
            tshark -n -r "${pcap[$2]}" "${ARGS[@]}" >/dev/null 2>"$work/logs/cg-$1-$2.txt" && echo ok >"$work/cg/$1-$2.rc"
    }
    [ -n "$REUSE" ] || {
    log "callgrind: ${#CG_CFGS[@]} configurations on 1 and $CG_N responses (${frames[$CG_N]} frames), $JOBS at a time"
    for c in "${CG_CFGS[@]}"; do
        for n in 1 "$CG_N"; do
            while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
            cg_one "$c" "$n" &
        done
    done
    wait
    }
    for c in "${CG_CFGS[@]}"; do
        for n in 1 "$CG_N"; do
            [ -f "$work/cg/$c-$n.rc" ] || { tail -20 "$work/logs/cg-$c-$n.txt" >&2; die "callgrind ($c, $n) failed"; }
        done
        t1=$(awk '/^(summary|totals):/ {print $2; exit}' "$work/cg/$c-1.out")
        tn=$(awk '/^(summary|totals):/ {print $2; exit}' "$work/cg/$c-$CG_N.out")
        ir[$c]=$(( (tn - t1) / (CG_N - 1) ))
    done
    # Where the unused plugin's cost goes: self Ir per function of (fb0)
    # minus that of (fa), each with its 1-response run subtracted (an exact
    # partition of the difference); unnamed code grouped per library.
    self_ir() { # CONFIG N -> "function<TAB>self Ir"
        callgrind_annotate --auto=no --threshold=100 "$work/cg/$1-$2.out" 2>/dev/null | tee "$outdir/raw/cg-$1-$2.self.txt" | awk '
            /^ *[0-9,]+ +(\([ 0-9.]+%\) +)?[^ ]/ {
                v = $1; gsub(",", "", v)
                f = $0; sub(/^ *[0-9,]+ +(\([ 0-9.]+%\) +)?/, "", f); o = ""
                if (match(f, / \[[^]]*\]$/)) { o = substr(f, RSTART + 2, RLENGTH - 3); f = substr(f, 1, RSTART - 1) }
                sub(/^.*:/, "", f); sub(/^.*\//, "", o)
                if (f ~ /^0x/) f = "(unnamed code in " o ")"
                if (f !~ /PROGRAM TOTALS/) m[f] += v
            }
            END { for (f in m) printf "%s\t%d\n", f, m[f] }'
    }
    for k in "fa 1" "fa $CG_N" "fb0 1" "fb0 $CG_N"; do set -- $k; self_ir "$1" "$2" >"$work/cg/$1-$2.self"; done
    cg_where=$(awk -F'\t' -v n="$CG_N" '
        FILENAME ~ /fa-1\.self$/ { v[$1] += $2; next }
        FILENAME ~ /fa-[0-9]+\.self$/ { v[$1] -= $2; next }
        FILENAME ~ /fb0-1\.self$/ { v[$1] -= $2; next }
        { v[$1] += $2 }
        END { for (f in v) if (v[f] / (n - 1) >= 30) printf "%d\t%s\n", v[f] / (n - 1), f }' \
        "$work/cg/fa-1.self" "$work/cg/fa-$CG_N.self" "$work/cg/fb0-1.self" "$work/cg/fb0-$CG_N.self" | sort -rn | head -n 20)
    for k in "fb0 1" "fb0 $CG_N"; do
        set -- $k
        callgrind_annotate --auto=no --inclusive=yes --threshold=100 "$work/cg/$1-$2.out" 2>/dev/null >"$outdir/raw/cg-$1-$2.incl.txt"
    done
    incl_ds() { awk '/:dissect_sipcodes( |$)/ { v = $1; gsub(",", "", v); if (v + 0 > m) m = v + 0 } END { print m + 0 }' "$outdir/raw/cg-fb0-$1.incl.txt"; }
    cg_ds=$(( ($(incl_ds "$CG_N") - $(incl_ds 1)) / (CG_N - 1) ))
fi

# ---- report ----
pct() { awk -v x="$1" -v y="$2" 'BEGIN { if (y <= 0) print "n/a"; else printf "%+.1f %%", 100 * (x - y) / y }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { if (y <= 0) print "n/a"; else printf "%.3f", x / y }'; }
lua_times() { awk -v c="$1" -v b="$2" -v a="$3" 'BEGIN { if (b - a <= 0) print "inf"; else printf "%.1f", (c - a) / (b - a) }'; }
ok() { if awk "BEGIN{exit !($1)}"; then echo "met"; else echo "**missed**"; fi; }
fmt() { printf "%'d" "$1"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# bytes kept per extra response: RSS growth of CONFIG minus that of (fa)
per_resp() { awk -v b1="${rss_small[$1]}" -v a1="${rss_small[fa]}" -v b2="${rss[$1]}" -v a2="${rss[fa]}" -v n1="$RSS_N" -v n2="$N" \
    'BEGIN { printf "%.1f", 1024 * ((b2 - a2) - (b1 - a1)) / (n2 - n1) }'; }
# target line: NAME IR-VALUE CPU-VALUE TEST-ON-$v
target() {
    local name=$1 vi=$2 vc=$3 test=$4 res v
    v=$(echo "$vi" | tr -d ' %+'); res="Ir $( [ "$CALLGRIND" = 1 ] && ok "${test//\$v/$v}" || echo -)"
    v=$(echo "$vc" | tr -d ' %+'); res+=", CPU $(ok "${test//\$v/$v}")"
    echo "| $name | $vi | $vc | $res |"
}
irv() { [ "$CALLGRIND" = 1 ] && echo "${ir[$1]}" || echo 0; }

{
    echo "## sipcodes benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $ts_version; plugin from $(git -C "$root" describe --always --dirty 2>/dev/null || echo "an unknown revision"); $(nproc) CPUs; load average $load_start at start, $load_end at end."
    echo
    echo "Captures from \`bench/make-capture.sh\` (SIP responses only, no requests): $N responses (${frames[$N]} frames) timed, $RSS_N (${frames[$RSS_N]} frames) for peak RSS, $CG_N (${frames[$CG_N]:-?} frames) under callgrind, and 1 response for the start-up runs. tshark runs as user nobody with a temporary HOME. $RUNS timed runs per configuration, interleaved in rotating order after one warm-up run."
    echo "Ir: instructions per response, (total on $CG_N - total on 1) / $((CG_N - 1)). CPU: user+sys median on $N minus the median on 1 response, per response."
    echo "GUI first pass: \`tshark -n -r CAP -Y '(rule) || ...' -w OUT\` with the $rules_ok enabled, compiling rules of \`$colorfilters\`."
    echo "Checks on $RSS_N responses: the filters match ${matched[fa]} (SIP), ${matched[fb]} (sipcodes), ${matched[fc]} (Lua) frames (the SIP filter also takes a TCP segment holding a 401 and a 705); the Lua fields differ from the plugin's on $check_diff of $check_lines lines."
    echo
    echo "| config | what | Ir per response | CPU per response (us) | CPU median, $N (s) | peak RSS $N (MiB) |"
    echo "|---|---|---|---|---|---|"
    for c in "${CFGS[@]}"; do
        irc="-"; [ "$CALLGRIND" = 1 ] && [ -n "${ir[$c]:-}" ] && irc=$(fmt "${ir[$c]}")
        echo "| $c | $(describe "$c") | $irc | ${cpur[$c]} | ${cpu[$c]} | $(mib "${rss[$c]}") |"
    done
    echo
    spread=$(awk '{print $1}' "$work/t/fa-$N" | sort -g | awk 'NR==1{lo=$1} {hi=$1} END { printf "%.0f", (lo > 0 ? 100 * (hi - lo) / lo : 0) }')
    if [ "$spread" -gt 3 ]; then
        echo "**CPU timings are noisy**: the $RUNS runs of (fa) alone spread by $spread %; the CPU verdicts below cannot resolve a few per cent, the instruction counts (Ir) are exact."
        echo
    fi
    echo "| target | Ir | CPU | result |"
    echo "|---|---|---|---|"
    target "installed, unused, filter mode: (fb0-fa)/fa <= 2 %" "$(pct "$(irv fb0)" "$(irv fa)")" "$(pct "${cpur[fb0]}" "${cpur[fa]}")" '$v <= 2'
    target "installed, unused, GUI first pass: (gb0-ga)/ga <= 2 %" "$(pct "$(irv gb0)" "$(irv ga)")" "$(pct "${cpur[gb0]}" "${cpur[ga]}")" '$v <= 2'
    target "used as a filter: (fb-fa)/fa <= 5 %" "$(pct "$(irv fb)" "$(irv fa)")" "$(pct "${cpur[fb]}" "${cpur[fa]}")" '$v <= 5'
    target "Lua overhead / sipcodes overhead, filter mode: (fc-fa)/(fb-fa) >= 20" "$(lua_times "$(irv fc)" "$(irv fb)" "$(irv fa)")" "$(lua_times "${cpur[fc]}" "${cpur[fb]}" "${cpur[fa]}")" '"$v" == "inf" || $v >= 20'
    target "8 sipcodes fields / 8 SIP header fields: xb/xax <= 1.05" "$(ratio "$(irv xb)" "$(irv xax)")" "$(ratio "${cpur[xb]}" "${cpur[xax]}")" '$v <= 1.05'
    for c in fb0 fb; do
        echo "| memory kept per response, ($c) minus (fa), $RSS_N to $N responses: <= 16 bytes | | | $(per_resp $c) bytes: $(ok "$(per_resp $c) <= 16") |"
    done
    echo "| memory with \`-o sipcodes.remember:FALSE\` (fbn) minus (fa): flat (\|x\| <= 4 bytes/response) | | | $(per_resp fbn) bytes: $(ok "$(per_resp fbn) <= 4 && $(per_resp fbn) >= -4") |"
    echo
    echo "Informational: used filter vs the same SIP filter with the plugin installed, (fb-fb0)/fb0: Ir $(pct "$(irv fb)" "$(irv fb0)"), CPU $(pct "${cpur[fb]}" "${cpur[fb0]}"); Lua fields vs sipcodes fields, xc/xb: Ir $(ratio "$(irv xc)" "$(irv xb)"), CPU $(ratio "${cpur[xc]}" "${cpur[xb]}")."
    if [ "$CALLGRIND" = 1 ] && [ -n "${cg_where:-}" ]; then
        echo
        echo "Where the unused plugin's $(fmt $((ir[fb0] - ir[fa]))) Ir per response go: self Ir per response of (fb0) minus (fa), by function (30 or more); \`dissect_sipcodes\` inclusive (callgrind_annotate --inclusive=yes): $(fmt "$cg_ds") Ir per response."
        echo
        echo "| function | Ir per response |"
        echo "|---|---|"
        while IFS=$'\t' read -r v f; do echo "| \`$f\` | $(fmt "$v") |"; done <<<"$cg_where"
    fi
} >"$report"

cp "$work"/t/* "$outdir/raw/" 2>/dev/null || true
log "report: $report (raw figures: $outdir/raw/)"
cat "$report"
