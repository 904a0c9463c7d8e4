#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sipcodes benchmark. Two sets of captures from bench/make-capture.sh:
#
# responses: SIP responses only (no requests), three tshark modes:
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
# calls: whole calls (INVITE to BYE, forks, challenges, proxy hops, many
#   calls open at once), figures per message and per call:
#           (ca) no plugin, the SIP filter; (cb0) sipcodes installed, the SIP filter;
#           (cbg) 'sipcodes.class == "global"'; (cbb) 'sipcodes.call.outcome == "busy"';
#           (cbn) as (cbb) with -o sipcodes.remember:FALSE (memory only);
#           (cc) the Lua filter; (cga)/(cgb0) the GUI first pass without/with the plugin;
#           (ctt) -q -z sipcodes,calls (text tap); (ctz) -q -z sipcodes_calls,tree (stats tree)
#   and the cost per message of (ca) and (cbb) at growing sizes (BENCH_CURVE).
# Figures: callgrind instructions (a run on many messages minus a run on 1
# response or 1 call of the same configuration: exact, start-up removed), CPU
# (user+sys) medians of interleaved runs (start-up removed the same way), heap
# bytes kept: the growth of the peak heap between two capture sizes, counted
# by bench/memcount.c (an LD_PRELOAD malloc counter: exact, no page or
# allocator rounding; one run each as it repeats to the byte), minus that of
# tshark alone; and peak RSS growth as a cross-check.
#
# Usage: bench/run.sh                 both sets, full size (whole calls took 54 min on 2
#                                     shared cores, the responses take about 20 more)
#        BENCH_QUICK=1 bench/run.sh   whole calls only, small sizes, 2 runs (under 10 min)
# Env:
#   BENCH_SETS="responses calls"  which sets (quick: calls)
#   responses:
#   BENCH_N=100000           responses in the timed capture (quick: 5000)
#   BENCH_RSS_N=20000        second, smaller capture for memory (quick: 1000)
#   BENCH_CALLGRIND_N=3000   responses in the callgrind runs (quick: 300)
#   calls:
#   BENCH_CALLS_N=10000      calls in the timed capture (quick: 1000)
#   BENCH_CALLS_MEM_N=100000 second, larger capture for memory (quick: 5000)
#   BENCH_CALLS_CG_N=1000    calls in the callgrind runs (quick: 100)
#   BENCH_CURVE="10000 100000 1000000"  sizes for the cost curve (quick: "1000 5000")
#   BENCH_CURVE_RUNS=3       runs per size of the curve, 1 from 1 000 000 calls on (quick: 2)
#   BENCH_CALLS_CG_CURVE=10000  also callgrind (ca) and (cbb) at these sizes (quick: none)
#   BENCH_CAPTURE_OPTS=...   options for gen-capture --calls (e.g. "--proxy=50")
#   both:
#   BENCH_RUNS=5             timed runs per configuration, interleaved (quick: 2)
#   BENCH_CALLGRIND=1        run callgrind (0: skip)
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
    d_sets="calls"; d_n=5000; d_rss=1000; d_runs=2; d_cg=300
    d_cn=1000; d_cmem=5000; d_ccg=100; d_curve="1000 5000"; d_curve_runs=2; d_cg_curve=""
else
    d_sets="responses calls"; d_n=100000; d_rss=20000; d_runs=5; d_cg=3000
    d_cn=10000; d_cmem=100000; d_ccg=1000; d_curve="10000 100000 1000000"; d_curve_runs=3; d_cg_curve="10000"
fi
SETS=${BENCH_SETS:-$d_sets}
N=${BENCH_N:-$d_n}
RSS_N=${BENCH_RSS_N:-$d_rss}
RUNS=${BENCH_RUNS:-$d_runs}
CALLGRIND=${BENCH_CALLGRIND:-1}
CG_N=${BENCH_CALLGRIND_N:-$d_cg}
CN=${BENCH_CALLS_N:-$d_cn}
CMEM_N=${BENCH_CALLS_MEM_N:-$d_cmem}
CCG_N=${BENCH_CALLS_CG_N:-$d_ccg}
CURVE=${BENCH_CURVE-$d_curve}
CURVE_RUNS=${BENCH_CURVE_RUNS:-$d_curve_runs}
CG_CURVE=${BENCH_CALLS_CG_CURVE-$d_cg_curve}
read -r -a CAP_OPTS <<<"${BENCH_CAPTURE_OPTS:-}"
JOBS=${BENCH_JOBS:-2}
BUILD_DIR=${BENCH_BUILD_DIR:-build}
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$root/$BUILD_DIR ;; esac
outdir="$here/out"
report="$outdir/report.md"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }
has_set() { case " $SETS " in *" $1 "*) return 0 ;; esac; return 1; }

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
for s in $SETS; do case $s in responses | calls) ;; *) die "BENCH_SETS: unknown set $s (responses, calls)" ;; esac; done
[ "$RUNS" -ge 1 ] || die "BENCH_RUNS must be >= 1"
if has_set responses; then
    [ "$N" -gt "$RSS_N" ] || die "BENCH_N must be larger than BENCH_RSS_N"
    [ "$CG_N" -gt 1 ] || die "BENCH_CALLGRIND_N must be > 1"
fi
if has_set calls; then
    [ "$CMEM_N" -gt "$CN" ] || die "BENCH_CALLS_MEM_N must be larger than BENCH_CALLS_N"
    [ "$CCG_N" -gt 1 ] && [ "$CN" -gt 1 ] || die "BENCH_CALLS_CG_N and BENCH_CALLS_N must be > 1"
    for s in $CURVE $CG_CURVE; do [ "$s" -gt 1 ] 2>/dev/null || die "BENCH_CURVE/BENCH_CALLS_CG_CURVE: bad size $s"; done
fi

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
mkdir -p "$work/home-b/.local/lib/wireshark/plugins/$WS_VERSION/epan" "$work/home-c/data" "$work/logs" "$work/cg" "$work/t" "$work/m" "$work/w"
cp "$SIPCODES_PLUGIN" "$work/home-b/.local/lib/wireshark/plugins/$WS_VERSION/epan/"
cp "$here/sipcodes.lua" "$work/home-c/"
cp "$data"/*.tsv "$work/home-c/data/"
"${CC:-cc}" -O2 -shared -fPIC -o "$work/memcount.so" "$here/memcount.c" || die "cannot build bench/memcount.c"
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

# ---- captures: key N for N responses, cN for N calls ----
mkdir -p "$outdir" "$outdir/raw"
declare -A pcap frames gen_line
capture() { # KEY -> pcap[KEY], frames[KEY]
    local key=$1 f n opts=()
    case $key in
    c*) n=${key#c}; f="$outdir/calls-$n.pcap"; opts=(--calls ${CAP_OPTS[@]+"${CAP_OPTS[@]}"}) ;;
    *) n=$key; f="$outdir/sip-$n.pcap" ;;
    esac
    # the options a calls capture was written with are kept beside it
    if [ ! -s "$f" ] || [ "$here/gen-capture.c" -nt "$f" ] || [ -n "$(find "$data" -name '*.tsv' -newer "$f" 2>/dev/null)" ] \
        || [ "$(cat "$f.opts" 2>/dev/null)" != "${opts[*]}" ] || [ ! -s "$f.info" ]; then
        log "writing $f"
        "$here/make-capture.sh" ${opts[@]+"${opts[@]}"} "$n" "$f" >/dev/null 2>"$work/logs/gen-$key.txt" \
            || { cat "$work/logs/gen-$key.txt" >&2; die "capture generation failed"; }
        printf '%s\n' "${opts[*]}" >"$f.opts"
        { capinfos -M -c -r -T "$f" | awk -F'\t' 'NR==1{print $2}'; tail -n 1 "$work/logs/gen-$key.txt"; } >"$f.info"
    fi
    [ -z "$REUSE" ] || [ -e "$work/$key.pcap" ] || die "BENCH_REUSE: $work/$key.pcap is missing"
    [ -e "$work/$key.pcap" ] || ln "$f" "$work/$key.pcap" 2>/dev/null || cp "$f" "$work/$key.pcap"
    pcap[$key]="$work/$key.pcap"
    frames[$key]=$(head -n 1 "$f.info")
    gen_line[$key]=$(sed -n 2p "$f.info")
}
keys=()
if has_set responses; then keys+=(1 "$RSS_N" "$N"); [ "$CALLGRIND" = 1 ] && keys+=("$CG_N"); fi
if has_set calls; then
    keys+=(c1 "c$CN" "c$CMEM_N")
    for s in $CURVE; do keys+=("c$s"); done
    if [ "$CALLGRIND" = 1 ]; then keys+=("c$CCG_N"); for s in $CG_CURVE; do keys+=("c$s"); done; fi
fi
mapfile -t keys < <(printf '%s\n' "${keys[@]}" | awk '!seen[$0]++')
for k in "${keys[@]}"; do capture "$k"; done
chmod a+rwx "$work"
chmod -R a+rwX "$work/home-a" "$work/home-b" "$work/home-c" "$work/logs" "$work/cg" "$work/t" "$work/m" "$work/w"
chmod a+rx "$work/memcount.so"
chmod a+r "$work"/*.pcap
probe=${pcap[1]:-${pcap[c1]}}

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
    if as_user "$work/home-a" tshark -n -r "$probe" -Y "$rule" >/dev/null 2>&1; then
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
F_BUSY='sipcodes.call.outcome == "busy"'
F_C='sipcodes_lua.class == "global"'
fields_x=(-e sip.Status-Line -e sip.Via -e sip.From -e sip.To -e sip.Call-ID -e sip.CSeq -e sip.Server -e sip.Content-Length)
fields_b=(-e sipcodes.class -e sipcodes.standard_phrase -e sipcodes.rfc -e sipcodes.registry
          -e sipcodes.description -e sipcodes.variant -e sipcodes.variant.category -e sipcodes.variant.description)
fields_c=("${fields_b[@]//sipcodes./sipcodes_lua.}")
lua_opt=(-X "lua_script:$work/home-c/sipcodes.lua")
CFGS=(fa fb0 fb fbn fc xax xb xc ga gb0)
CG_CFGS=(fa fb0 fb fc xax xb xc ga gb0)
MEM_CFGS=(fa fb0 fb fbn)
C_CFGS=(ca cb0 cbg cbb cc cga cgb0 ctt ctz)
C_CG_CFGS=("${C_CFGS[@]}")
C_MEM_CFGS=(ca cb0 cbg cbb cbn ctt)
C_CURVE_CFGS=(ca cbb)

# args_for CONFIG OUT -> sets HOME_DIR and ARGS (after -n -r CAP)
args_for() {
    local o=$2
    case $1 in
    fa | ca)  HOME_DIR=$work/home-a; ARGS=(-Y "$F_SIP" -w "$o") ;;
    fb0 | cb0) HOME_DIR=$work/home-b; ARGS=(-Y "$F_SIP" -w "$o") ;;
    fb | cbg) HOME_DIR=$work/home-b; ARGS=(-Y "$F_B" -w "$o") ;;
    fbn) HOME_DIR=$work/home-b; ARGS=(-o sipcodes.remember:FALSE -Y "$F_B" -w "$o") ;;
    cbb) HOME_DIR=$work/home-b; ARGS=(-Y "$F_BUSY" -w "$o") ;;
    cbn) HOME_DIR=$work/home-b; ARGS=(-o sipcodes.remember:FALSE -Y "$F_BUSY" -w "$o") ;;
    fc | cc)  HOME_DIR=$work/home-c; ARGS=("${lua_opt[@]}" -Y "$F_C" -w "$o") ;;
    xax) HOME_DIR=$work/home-a; ARGS=(-T fields "${fields_x[@]}") ;;
    xb)  HOME_DIR=$work/home-b; ARGS=(-T fields "${fields_b[@]}") ;;
    xc)  HOME_DIR=$work/home-c; ARGS=("${lua_opt[@]}" -T fields "${fields_c[@]}") ;;
    ga | cga) HOME_DIR=$work/home-a; ARGS=(-Y "$gui_filter" -w "$o") ;;
    gb0 | cgb0) HOME_DIR=$work/home-b; ARGS=(-Y "$gui_filter" -w "$o") ;;
    ctt) HOME_DIR=$work/home-b; ARGS=(-q -z sipcodes,calls) ;;
    ctz) HOME_DIR=$work/home-b; ARGS=(-q -z sipcodes_calls,tree) ;;
    *)   die "unknown configuration $1" ;;
    esac
}
describe() {
    case $1 in
    fa | ca)  echo "filter: no plugin, \`$F_SIP\`" ;;
    fb0 | cb0) echo "filter: sipcodes installed, unused, the same SIP filter" ;;
    fb | cbg) echo "filter: sipcodes used, \`$F_B\`" ;;
    fbn) echo "filter: as (fb), \`-o sipcodes.remember:FALSE\`" ;;
    cbb) echo "filter: sipcodes used, \`$F_BUSY\`" ;;
    cbn) echo "filter: as (cbb), \`-o sipcodes.remember:FALSE\`" ;;
    fc | cc)  echo "filter: Lua script, \`$F_C\`" ;;
    xax) echo "fields: no plugin, 8 SIP header fields" ;;
    xb)  echo "fields: 8 sipcodes fields" ;;
    xc)  echo "fields: the 8 Lua fields" ;;
    ga | cga) echo "GUI first pass: no plugin, colouring rules" ;;
    gb0 | cgb0) echo "GUI first pass: sipcodes installed" ;;
    ctt) echo "text tap: \`-q -z sipcodes,calls\`" ;;
    ctz) echo "stats tree: \`-q -z sipcodes_calls,tree\`" ;;
    esac
}

# ---- sanity: what is loaded where; configurations agree ----
as_user "$work/home-a" tshark -G protocols 2>/dev/null | grep -q $'\tsipcodes\t' && die "tshark (a) still loads a sipcodes plugin"
as_user "$work/home-b" tshark -G plugins 2>/dev/null | grep -q "$work/home-b/.*/sipcodes.so" \
    || die "tshark does not load $work/home-b/.../sipcodes.so (-G plugins)"
as_user "$work/home-c" tshark -G protocols "${lua_opt[@]}" 2>"$work/logs/lua-load.txt" | grep -q $'\tsipcodes_lua$' \
    || { cat "$work/logs/lua-load.txt" >&2; die "the Lua script does not load"; }
as_user "$work/home-b" tshark -G defaultprefs 2>/dev/null | grep -q 'sipcodes\.remember:' || die "the plugin has no preference sipcodes.remember"

declare -A matched
# check_run CONFIG KEY: one run, no error output allowed; frames matched (filters) or output lines
check_run() {
    local c=$1 k=$2 out="$work/w/check-$1.pcap"
    args_for "$c" "$out"
    rm -f "$out"
    as_user "$HOME_DIR" tshark -n -r "${pcap[$k]}" "${ARGS[@]}" >"$work/w/check-$c.txt" 2>"$work/logs/check-$c.txt" \
        || { cat "$work/logs/check-$c.txt" >&2; die "tshark ($c) failed"; }
    [ -s "$work/logs/check-$c.txt" ] && { cat "$work/logs/check-$c.txt" >&2; die "tshark ($c) wrote errors"; }
    if [ -e "$out" ]; then
        matched[$c]=$(capinfos -M -c -r -T "$out" | awk -F'\t' 'NR==1{print $2}')
    else
        matched[$c]=$(wc -l <"$work/w/check-$c.txt")
    fi
}
if has_set responses; then
    check_n=$RSS_N
    for c in fa fb fc ga gb0; do check_run "$c" "$check_n"; done
    # The SIP filter can match a few more frames: with several responses in one
    # TCP segment each comparison may hold for a different response.
    [ "${matched[fb]}" = "${matched[fc]}" ] && [ "${matched[fb]}" -gt 0 ] \
        || die "filters disagree on $check_n responses: sipcodes ${matched[fb]}, Lua ${matched[fc]} frames"
    [ "${matched[ga]}" = "${matched[gb0]}" ] || die "the colouring filter matches differently with the plugin"
    for c in xb xc; do check_run "$c" "$check_n"; done
    check_lines=$(wc -l <"$work/w/check-xb.txt")
    check_diff=$(diff "$work/w/check-xb.txt" "$work/w/check-xc.txt" | grep -c '^>' || true)
    log "check on $check_n responses (${frames[$check_n]} frames): filters match SIP ${matched[fa]}, sipcodes ${matched[fb]}, Lua ${matched[fc]} frames; GUI filter ${matched[ga]}; Lua fields differ on $check_diff of $check_lines lines"
fi
if has_set calls; then
    for c in ca cbg cbb cc cga cgb0 ctt ctz; do check_run "$c" "c$CN"; done
    [ "${matched[cbg]}" = "${matched[cc]}" ] && [ "${matched[cbg]}" -gt 0 ] \
        || die "filters disagree on $CN calls: sipcodes ${matched[cbg]}, Lua ${matched[cc]} frames"
    [ "${matched[cga]}" = "${matched[cgb0]}" ] || die "the colouring filter matches differently with the plugin on calls"
    [ "${matched[ctt]}" -gt 0 ] && [ "${matched[ctz]}" -gt 0 ] || die "a calls statistic printed nothing"
    log "check on $CN calls (${frames[c$CN]} frames): filters match SIP ${matched[ca]}, sipcodes class ${matched[cbg]}, Lua ${matched[cc]}, call outcome busy ${matched[cbb]} frames; GUI filter ${matched[cga]}"
fi

# ---- timed runs, interleaved, rotating the order each round ----
# time_one CONFIG KEY TAG -> appends "user+sys maxrss_kb" to $work/t/CONFIG-KEY
time_one() {
    args_for "$1" "$work/w/out-$1.pcap"
    local tf="$work/logs/time-$1-$2-$3.txt"
    as_user "$HOME_DIR" /usr/bin/time -f '%U %S %M' -o "$tf" tshark -n -r "${pcap[$2]}" "${ARGS[@]}" >/dev/null 2>"$work/logs/err-$1-$2-$3.txt" \
        || { cat "$work/logs/err-$1-$2-$3.txt" >&2; die "tshark ($1, $2) failed"; }
    tail -n 1 "$tf" | awk '{printf "%.3f %d\n", $1 + $2, $3}' >>"$work/t/$1-$2"
}
# mem_one CONFIG KEY -> "peak_heap live_heap allocations maxrss_kb" in $work/m/CONFIG-KEY
mem_one() {
    args_for "$1" "$work/w/mem-$1.pcap"
    local tf="$work/logs/mem-$1-$2.txt" mf="$work/m/$1-$2.heap"
    rm -f "$mf"
    as_user "$HOME_DIR" env LD_PRELOAD="$work/memcount.so" MEMCOUNT_OUT="$mf" /usr/bin/time -f '%M' -o "$tf" \
        tshark -n -r "${pcap[$2]}" "${ARGS[@]}" >/dev/null 2>"$work/logs/err-mem-$1-$2.txt" \
        || { cat "$work/logs/err-mem-$1-$2.txt" >&2; die "tshark ($1, $2, heap count) failed"; }
    [ -s "$mf" ] || die "no heap count from tshark ($1, $2)"
    echo "$(head -n 1 "$mf") $(tail -n 1 "$tf")" >"$work/m/$1-$2"
}
median() { sort -g | awk '{v[NR]=$1} END{if (NR==0) {print "nan"; exit} if (NR%2) print v[(NR+1)/2]; else printf "%.4f\n", (v[NR/2]+v[NR/2+1])/2}'; }
rotate() { # ROUND CONFIG... -> the configurations rotated by ROUND
    local r=$1; shift; local a=("$@") n=$# k
    for k in $(seq 0 $((n - 1))); do printf '%s ' "${a[$(((k + r) % n))]}"; done
}
# timed_set ONE BIG CONFIG... : start-up runs on ONE, warm-up and rounds on BIG
timed_set() {
    local one=$1 big=$2 c r order; shift 2
    log "start-up: 3 runs each on $one"
    for r in 1 2 3; do for c in $(rotate $r "$@"); do time_one "$c" "$one" "s$r"; done; done
    log "warm-up: one run each on $big, not counted"
    for c in "$@"; do time_one "$c" "$big" warm; mv "$work/t/$c-$big" "$work/t/warm-$c-$big"; done
    for r in $(seq 1 "$RUNS"); do
        order=$(rotate "$r" "$@")
        log "round $r/$RUNS on $big: $order"
        for c in $order; do time_one "$c" "$big" "r$r"; done
    done
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average at start: $load_start"
if [ -z "$REUSE" ]; then
    if has_set responses; then
        log "responses: timed runs"
        timed_set 1 "$N" "${CFGS[@]}"
        log "peak RSS on $RSS_N responses: 3 runs each of ${MEM_CFGS[*]}"
        for r in 1 2 3; do for c in $(rotate $r "${MEM_CFGS[@]}"); do time_one "$c" "$RSS_N" "m$r"; done; done
        log "heap counts on $RSS_N and $N responses: ${MEM_CFGS[*]}"
        for k in "$RSS_N" "$N"; do for c in "${MEM_CFGS[@]}"; do mem_one "$c" "$k"; done; done
    fi
    if has_set calls; then
        log "calls: timed runs"
        timed_set c1 "c$CN" "${C_CFGS[@]}"
        log "heap counts on $CN and $CMEM_N calls: ${C_MEM_CFGS[*]}"
        for k in "c$CN" "c$CMEM_N"; do for c in "${C_MEM_CFGS[@]}"; do mem_one "$c" "$k"; done; done
        for s in $CURVE; do
            [ "$s" = "$CN" ] && continue
            runs=$CURVE_RUNS; [ "$s" -ge 1000000 ] && runs=1
            for r in $(seq 1 "$runs"); do
                order=$(rotate "$r" "${C_CURVE_CFGS[@]}")
                log "curve: $s calls, run $r/$runs: $order"
                for c in $order; do time_one "$c" "c$s" "r$r"; done
            done
        done
    fi
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A cpu cpu1 cpur rss rss_small heap
# cpu_of CONFIG KEY ONE UNITS -> microseconds per unit, start-up removed
cpu_of() {
    local x y
    x=$(awk '{print $1}' "$work/t/$1-$2" | median)
    y=$(awk '{print $1}' "$work/t/$1-$3" | median)
    awk -v x="$x" -v y="$y" -v n="$4" 'BEGIN { printf "%.3f", 1e6 * (x - y) / n }'
}
if has_set responses; then
    for c in "${CFGS[@]}"; do
        cpu[$c]=$(awk '{print $1}' "$work/t/$c-$N" | median)
        cpu1[$c]=$(awk '{print $1}' "$work/t/$c-1" | median)
        cpur[$c]=$(cpu_of "$c" "$N" 1 $((N - 1))) # us per response
        rss[$c]=$(awk '{print $2}' "$work/t/$c-$N" | median)
    done
    for c in "${MEM_CFGS[@]}"; do
        rss_small[$c]=$(awk '{print $2}' "$work/t/$c-$RSS_N" | median)
        for k in "$RSS_N" "$N"; do heap[$c-$k]=$(awk '{print $1}' "$work/m/$c-$k"); done
    done
fi
declare -A ccpu ccpum ccpuc crss
if has_set calls; then
    cdm=$((frames[c$CN] - frames[c1])); cdc=$((CN - 1))
    for c in "${C_CFGS[@]}"; do
        ccpu[$c]=$(awk '{print $1}' "$work/t/$c-c$CN" | median)
        ccpum[$c]=$(cpu_of "$c" "c$CN" c1 "$cdm")  # us per message
        ccpuc[$c]=$(cpu_of "$c" "c$CN" c1 "$cdc")  # us per call
        crss[$c]=$(awk '{print $2}' "$work/t/$c-c$CN" | median)
    done
    for c in "${C_MEM_CFGS[@]}"; do
        for k in "c$CN" "c$CMEM_N"; do heap[$c-$k]=$(awk '{print $1}' "$work/m/$c-$k"); done
    done
fi

# ---- callgrind ----
declare -A ir irm irc
if [ "$CALLGRIND" = 1 ]; then
    cg_one() { # CONFIG KEY
        args_for "$1" "$work/w/cg-$1-$2.pcap"
        as_user "$HOME_DIR" valgrind --tool=callgrind --callgrind-out-file="$work/cg/$1-$2.out" \
            tshark -n -r "${pcap[$2]}" "${ARGS[@]}" >/dev/null 2>"$work/logs/cg-$1-$2.txt" && echo ok >"$work/cg/$1-$2.rc"
    }
    cg_jobs=()
    if has_set responses; then for c in "${CG_CFGS[@]}"; do cg_jobs+=("$c 1" "$c $CG_N"); done; fi
    if has_set calls; then
        for s in $CG_CURVE; do for c in "${C_CURVE_CFGS[@]}"; do cg_jobs+=("$c c$s"); done; done
        for c in "${C_CG_CFGS[@]}"; do cg_jobs+=("$c c1" "$c c$CCG_N"); done
    fi
    mapfile -t cg_jobs < <(printf '%s\n' "${cg_jobs[@]}" | awk '!seen[$0]++')
    [ -n "$REUSE" ] || {
    log "callgrind: ${#cg_jobs[@]} runs, $JOBS at a time"
    for j in "${cg_jobs[@]}"; do
        while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
        cg_one $j &
    done
    wait
    }
    for j in "${cg_jobs[@]}"; do
        set -- $j
        [ -f "$work/cg/$1-$2.rc" ] || { tail -20 "$work/logs/cg-$1-$2.txt" >&2; die "callgrind ($1, $2) failed"; }
    done
    cg_total() { awk '/^(summary|totals):/ {print $2; exit}' "$work/cg/$1-$2.out"; }
    if has_set responses; then
        for c in "${CG_CFGS[@]}"; do ir[$c]=$(( ($(cg_total "$c" "$CG_N") - $(cg_total "$c" 1)) / (CG_N - 1) )); done
    fi
    if has_set calls; then
        for c in "${C_CG_CFGS[@]}"; do
            d=$(( $(cg_total "$c" "c$CCG_N") - $(cg_total "$c" c1) ))
            irm[$c]=$(( d / (frames[c$CCG_N] - frames[c1]) ))
            irc[$c]=$(( d / (CCG_N - 1) ))
        done
        for s in $CG_CURVE; do for c in "${C_CURVE_CFGS[@]}"; do
            irm[$c-$s]=$(( ($(cg_total "$c" "c$s") - $(cg_total "$c" c1)) / (frames[c$s] - frames[c1]) ))
        done; done
    fi
    # self Ir per function ("function<TAB>Ir"); unnamed code grouped per library
    self_ir() { # CONFIG KEY
        callgrind_annotate --auto=no --threshold=100 "$work/cg/$1-$2.out" 2>/dev/null | tee "$outdir/raw/cg-$1-$2.self.txt" | awk -v q="'" '
            /^ *[0-9,]+ +(\([ 0-9.]+%\) +)?[^ ]/ {
                v = $1; gsub(",", "", v)
                f = $0; sub(/^ *[0-9,]+ +(\([ 0-9.]+%\) +)?/, "", f); o = ""
                if (match(f, / \[[^]]*\]$/)) { o = substr(f, RSTART + 2, RLENGTH - 3); f = substr(f, 1, RSTART - 1) }
                sub(/^.*:/, "", f); sub(/^.*\//, "", o)
                sub(q "[0-9]+$", "", f) # recursion depth suffix
                if (f ~ /^0x/) f = "(unnamed code in " o ")"
                if (f !~ /PROGRAM TOTALS/) m[f] += v
            }
            END { for (f in m) printf "%s\t%d\n", f, m[f] }'
    }
    # where_diff A KEY_A1 KEY_A B KEY_B1 KEY_B UNITS: self Ir per unit of B minus A,
    # each with its start-up run subtracted (an exact partition of the difference)
    where_diff() {
        local a=$1 a1=$2 an=$3 b=$4 b1=$5 bn=$6 n=$7 k
        for k in "$a $a1" "$a $an" "$b $b1" "$b $bn"; do set -- $k; self_ir "$1" "$2" >"$work/cg/$1-$2.self"; done
        awk -F'\t' -v n="$n" -v fa1="$work/cg/$a-$a1.self" -v fan="$work/cg/$a-$an.self" -v fb1="$work/cg/$b-$b1.self" '
            FILENAME == fa1 { v[$1] += $2; next }
            FILENAME == fan { v[$1] -= $2; next }
            FILENAME == fb1 { v[$1] -= $2; next }
            { v[$1] += $2 }
            END { for (f in v) if (v[f] / n >= 30) printf "%d\t%s\n", v[f] / n, f }' \
            "$work/cg/$a-$a1.self" "$work/cg/$a-$an.self" "$work/cg/$b-$b1.self" "$work/cg/$b-$bn.self" | sort -rn | head -n 20
    }
    if has_set responses; then
        cg_where=$(where_diff fa 1 "$CG_N" fb0 1 "$CG_N" $((CG_N - 1)))
        for k in "fb0 1" "fb0 $CG_N"; do
            set -- $k
            callgrind_annotate --auto=no --inclusive=yes --threshold=100 "$work/cg/$1-$2.out" 2>/dev/null >"$outdir/raw/cg-$1-$2.incl.txt"
        done
        incl_ds() { awk '/:dissect_sipcodes( |$)/ { v = $1; gsub(",", "", v); if (v + 0 > m) m = v + 0 } END { print m + 0 }' "$outdir/raw/cg-fb0-$1.incl.txt"; }
        cg_ds=$(( ($(incl_ds "$CG_N") - $(incl_ds 1)) / (CG_N - 1) ))
    fi
    if has_set calls; then
        c_cg_dm=$((frames[c$CCG_N] - frames[c1]))
        c_where_unused=$(where_diff ca c1 "c$CCG_N" cb0 c1 "c$CCG_N" "$c_cg_dm")
        c_where_used=$(where_diff ca c1 "c$CCG_N" cbb c1 "c$CCG_N" "$c_cg_dm")
        # the plugin's own functions in the used filter run, by self cost: the
        # names its symbol table defines (callgrind_annotate does not always
        # name the object)
        { nm --defined-only "$SIPCODES_PLUGIN" 2>/dev/null; nm -D --defined-only "$SIPCODES_PLUGIN" 2>/dev/null; } \
            | awk '$2 ~ /^[tT]$/ {print $3}' | sort -u >"$work/cg/plugin-functions.txt"
        c_plugin_fns=$(awk -F'\t' -v n="$c_cg_dm" -v fl="$work/cg/plugin-functions.txt" -v f1="$work/cg/cbb-c1.self" '
            FILENAME == fl { mine[$1] = 1; next }
            !($1 in mine) { next }
            FILENAME == f1 { v[$1] -= $2; next }
            { v[$1] += $2 }
            END { for (f in v) if (v[f] / n >= 1) printf "%.0f\t%s\n", v[f] / n, f }' \
            "$work/cg/plugin-functions.txt" "$work/cg/cbb-c1.self" "$work/cg/cbb-c$CCG_N.self" | sort -rn | head -n 15)
        c_plugin_total=$(awk -F'\t' -v n="$c_cg_dm" -v fl="$work/cg/plugin-functions.txt" -v f1="$work/cg/cbb-c1.self" '
            FILENAME == fl { mine[$1] = 1; next }
            !($1 in mine) { next }
            FILENAME == f1 { t -= $2; next }
            { t += $2 }
            END { printf "%.0f", t / n }' "$work/cg/plugin-functions.txt" "$work/cg/cbb-c1.self" "$work/cg/cbb-c$CCG_N.self")
    fi
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
# heap_kept CONFIG BASE SMALL BIG UNITS: peak heap growth of CONFIG minus BASE's, per unit
heap_kept() { awk -v b1="${heap[$1-$3]}" -v a1="${heap[$2-$3]}" -v b2="${heap[$1-$4]}" -v a2="${heap[$2-$4]}" -v n="$5" \
    'BEGIN { printf "%.1f", ((b2 - a2) - (b1 - a1)) / n }'; }
# rss_kept CONFIG SMALL BIG UNITS: RSS growth (heap-count runs) of CONFIG minus (ca), per unit
rss_kept() { awk -v b1="$(awk '{print $4}' "$work/m/$1-$2")" -v a1="$(awk '{print $4}' "$work/m/ca-$2")" \
    -v b2="$(awk '{print $4}' "$work/m/$1-$3")" -v a2="$(awk '{print $4}' "$work/m/ca-$3")" -v n="$4" \
    'BEGIN { printf "%.1f", 1024 * ((b2 - a2) - (b1 - a1)) / n }'; }
# target line: NAME IR-VALUE CPU-VALUE TEST-ON-$v
target() {
    local name=$1 vi=$2 vc=$3 test=$4 res v
    verdict() { case $1 in n/a | "" | -) echo "-" ;; *) ok "${test//\$v/$1}" ;; esac; }
    v=$(echo "$vi" | tr -d ' %+'); res="Ir $( [ "$CALLGRIND" = 1 ] && verdict "$v" || echo -)"
    v=$(echo "$vc" | tr -d ' %+'); res+=", CPU $(verdict "$v")"
    echo "| $name | $vi | $vc | $res |"
}
irv() { [ "$CALLGRIND" = 1 ] && echo "${ir[$1]}" || echo 0; }
irmv() { [ "$CALLGRIND" = 1 ] && echo "${irm[$1]}" || echo 0; }
noisy() { # CONFIG KEY: a warning line when its runs spread by more than 3 %
    local spread
    spread=$(awk '{print $1}' "$work/t/$1-$2" | sort -g | awk 'NR==1{lo=$1} {hi=$1} END { printf "%.0f", (lo > 0 ? 100 * (hi - lo) / lo : 0) }')
    if [ "$spread" -gt 3 ]; then
        echo "**CPU timings are noisy**: the $RUNS runs of ($1) alone spread by $spread %; the CPU verdicts below cannot resolve a few per cent, the instruction counts (Ir) are exact."
        echo
    fi
}

report_responses() {
    echo "### SIP responses"
    echo
    echo "Captures from \`bench/make-capture.sh\` (SIP responses only, no requests): $N responses (${frames[$N]} frames) timed, $RSS_N (${frames[$RSS_N]} frames) for memory, $CG_N (${frames[$CG_N]:-?} frames) under callgrind, and 1 response for the start-up runs."
    echo "Ir: instructions per response, (total on $CG_N - total on 1) / $((CG_N - 1)). CPU: user+sys median on $N minus the median on 1 response, per response."
    echo "Checks on $RSS_N responses: the filters match ${matched[fa]} (SIP), ${matched[fb]} (sipcodes), ${matched[fc]} (Lua) frames (the SIP filter also takes a TCP segment holding a 401 and a 705); the Lua fields differ from the plugin's on $check_diff of $check_lines lines."
    echo
    echo "| config | what | Ir per response | CPU per response (us) | CPU median, $N (s) | peak RSS $N (MiB) |"
    echo "|---|---|---|---|---|---|"
    for c in "${CFGS[@]}"; do
        irc="-"; [ "$CALLGRIND" = 1 ] && [ -n "${ir[$c]:-}" ] && irc=$(fmt "${ir[$c]}")
        echo "| $c | $(describe "$c") | $irc | ${cpur[$c]} | ${cpu[$c]} | $(mib "${rss[$c]}") |"
    done
    echo
    noisy fa "$N"
    echo "| target | Ir | CPU | result |"
    echo "|---|---|---|---|"
    target "installed, unused, filter mode: (fb0-fa)/fa <= 2 %" "$(pct "$(irv fb0)" "$(irv fa)")" "$(pct "${cpur[fb0]}" "${cpur[fa]}")" '$v <= 2'
    target "installed, unused, GUI first pass: (gb0-ga)/ga <= 2 %" "$(pct "$(irv gb0)" "$(irv ga)")" "$(pct "${cpur[gb0]}" "${cpur[ga]}")" '$v <= 2'
    target "used as a filter: (fb-fa)/fa <= 5 %" "$(pct "$(irv fb)" "$(irv fa)")" "$(pct "${cpur[fb]}" "${cpur[fa]}")" '$v <= 5'
    target "Lua overhead / sipcodes overhead, filter mode: (fc-fa)/(fb-fa) >= 20" "$(lua_times "$(irv fc)" "$(irv fb)" "$(irv fa)")" "$(lua_times "${cpur[fc]}" "${cpur[fb]}" "${cpur[fa]}")" '"$v" == "inf" || $v >= 20'
    target "8 sipcodes fields / 8 SIP header fields: xb/xax <= 1.05" "$(ratio "$(irv xb)" "$(irv xax)")" "$(ratio "${cpur[xb]}" "${cpur[xax]}")" '$v <= 1.05'
    local dn=$((frames[$N] - frames[$RSS_N])) c v
    for c in fb0 fb; do
        v=$(heap_kept "$c" fa "$RSS_N" "$N" $((N - RSS_N)))
        echo "| heap kept per response, ($c) minus (fa), $RSS_N to $N responses: <= 16 bytes | | | $v bytes (RSS: $(per_resp $c)): $(ok "$v <= 16") |"
    done
    v=$(heap_kept fbn fa "$RSS_N" "$N" $((N - RSS_N)))
    echo "| heap with \`-o sipcodes.remember:FALSE\` (fbn) minus (fa): flat (\|x\| <= 1 byte/response) | | | $v bytes (RSS: $(per_resp fbn)): $(ok "$v <= 1 && $v >= -1") |"
    echo
    echo "Informational: used filter vs the same SIP filter with the plugin installed, (fb-fb0)/fb0: Ir $(pct "$(irv fb)" "$(irv fb0)"), CPU $(pct "${cpur[fb]}" "${cpur[fb0]}"); Lua fields vs sipcodes fields, xc/xb: Ir $(ratio "$(irv xc)" "$(irv xb)"), CPU $(ratio "${cpur[xc]}" "${cpur[xb]}"). Heap per frame: ${dn} more frames than responses are TCP ACKs."
    if [ "$CALLGRIND" = 1 ] && [ -n "${cg_where:-}" ]; then
        echo
        echo "Where the unused plugin's $(fmt $((ir[fb0] - ir[fa]))) Ir per response go: self Ir per response of (fb0) minus (fa), by function (30 or more); \`dissect_sipcodes\` inclusive (callgrind_annotate --inclusive=yes): $(fmt "$cg_ds") Ir per response."
        echo
        echo "| function | Ir per response |"
        echo "|---|---|"
        while IFS=$'\t' read -r v f; do echo "| \`$f\` | $(fmt "$v") |"; done <<<"$cg_where"
    fi
    echo
}

report_calls() {
    local dmm=$((frames[c$CMEM_N] - frames[c$CN])) dmc=$((CMEM_N - CN)) c v vm vc irmc ircc
    echo "### Whole calls"
    echo
    echo "Captures from \`bench/make-capture.sh --calls${CAP_OPTS[*]:+ ${CAP_OPTS[*]}}\`: $CN calls (${frames[c$CN]} SIP messages, one per frame) timed, $CMEM_N calls (${frames[c$CMEM_N]} messages) for memory, $CCG_N calls (${frames[c$CCG_N]:-?} messages) under callgrind, and 1 call (${frames[c1]} messages) for the start-up runs. The timed capture: ${gen_line[c$CN]#gen-capture: }."
    echo "Ir: instructions, (total on $CCG_N calls - total on 1 call) per message and per call. CPU: user+sys median on $CN calls minus the median on 1 call, per message and per call. Heap kept: peak heap (bench/memcount.c) on $CMEM_N calls minus that on $CN, minus the same growth of (ca), per message and per call; RSS: the same with peak RSS."
    echo "Checks on $CN calls: the filters match ${matched[ca]} (SIP), ${matched[cbg]} (sipcodes class), ${matched[cc]} (Lua), ${matched[cbb]} (call outcome busy) frames; the colouring filter ${matched[cga]} frames with and without the plugin."
    echo
    echo "| config | what | Ir per message | Ir per call | CPU per message (us) | CPU per call (us) | heap kept per message / per call (bytes) | peak RSS $CN calls (MiB) |"
    echo "|---|---|---|---|---|---|---|---|"
    for c in "${C_CFGS[@]}" cbn; do
        irmc="-"; ircc="-"
        if [ "$CALLGRIND" = 1 ] && [ -n "${irm[$c]:-}" ]; then irmc=$(fmt "${irm[$c]}"); ircc=$(fmt "${irc[$c]}"); fi
        v="-"
        if [ -n "${heap[$c-c$CN]:-}" ] && [ "$c" != ca ]; then
            v="$(heap_kept "$c" ca "c$CN" "c$CMEM_N" "$dmm") / $(heap_kept "$c" ca "c$CN" "c$CMEM_N" "$dmc")"
        fi
        if [ -n "${ccpum[$c]:-}" ]; then
            echo "| $c | $(describe "$c") | $irmc | $ircc | ${ccpum[$c]} | ${ccpuc[$c]} | $v | $(mib "${crss[$c]}") |"
        else
            echo "| $c | $(describe "$c") | - | - | - | - | $v | - |"
        fi
    done
    echo
    noisy ca "c$CN"
    echo "| target | Ir | CPU | result |"
    echo "|---|---|---|---|"
    target "installed, unused, filter mode: (cb0-ca)/ca <= 2 %" "$(pct "$(irmv cb0)" "$(irmv ca)")" "$(pct "${ccpum[cb0]}" "${ccpum[ca]}")" '$v <= 2'
    target "installed, unused, GUI first pass: (cgb0-cga)/cga <= 2 %" "$(pct "$(irmv cgb0)" "$(irmv cga)")" "$(pct "${ccpum[cgb0]}" "${ccpum[cga]}")" '$v <= 2'
    target "used as a filter, class: (cbg-ca)/ca <= 5 %" "$(pct "$(irmv cbg)" "$(irmv ca)")" "$(pct "${ccpum[cbg]}" "${ccpum[ca]}")" '$v <= 5'
    target "used as a filter, call outcome: (cbb-ca)/ca <= 5 %" "$(pct "$(irmv cbb)" "$(irmv ca)")" "$(pct "${ccpum[cbb]}" "${ccpum[ca]}")" '$v <= 5'
    target "Lua overhead / sipcodes overhead: (cc-ca)/(cbg-ca) >= 20" "$(lua_times "$(irmv cc)" "$(irmv cbg)" "$(irmv ca)")" "$(lua_times "${ccpum[cc]}" "${ccpum[cbg]}" "${ccpum[ca]}")" '"$v" == "inf" || $v >= 20'
    target "stats tree / text tap: ctz/ctt <= 1.5" "$(ratio "$(irmv ctz)" "$(irmv ctt)")" "$(ratio "${ccpum[ctz]}" "${ccpum[ctt]}")" '$v <= 1.5'
    for c in cb0 cbb ctt; do
        vm=$(heap_kept "$c" ca "c$CN" "c$CMEM_N" "$dmm"); vc=$(heap_kept "$c" ca "c$CN" "c$CMEM_N" "$dmc")
        echo "| heap kept, ($c) minus (ca), $CN to $CMEM_N calls: <= 16 bytes per message, <= 64 per call | | | $vm per message, $vc per call (RSS: $(rss_kept "$c" "c$CN" "c$CMEM_N" "$dmm"), $(rss_kept "$c" "c$CN" "c$CMEM_N" "$dmc")): $(ok "$vm <= 16 && $vc <= 64") |"
    done
    vm=$(heap_kept cbn ca "c$CN" "c$CMEM_N" "$dmm"); vc=$(heap_kept cbn ca "c$CN" "c$CMEM_N" "$dmc")
    echo "| heap with \`-o sipcodes.remember:FALSE\` (cbn) minus (ca): flat (\|x\| <= 1 byte per message) | | | $vm per message, $vc per call (RSS: $(rss_kept cbn "c$CN" "c$CMEM_N" "$dmm"), $(rss_kept cbn "c$CN" "c$CMEM_N" "$dmc")): $(ok "$vm <= 1 && $vm >= -1") |"
    # the curve: cost per message at each size, start-up removed
    local sizes s first="" last="" f0 fl
    sizes=$(printf '%s\n' $CURVE "$CN" | sort -un)
    echo
    echo "Cost per message as the capture grows (CPU: median of the runs at each size minus the 1-call median; Ir: callgrind at that size minus the 1-call run):"
    echo
    echo "| calls | messages | runs | (ca) CPU us/message | (cbb) CPU us/message | (cbb)-(ca) us/message | (ca) Ir/message | (cbb) Ir/message |"
    echo "|---|---|---|---|---|---|---|---|"
    declare -A ov
    for s in $sizes; do
        [ -s "$work/t/ca-c$s" ] && [ -s "$work/t/cbb-c$s" ] || continue
        local dm=$((frames[c$s] - frames[c1])) a b ia="-" ib="-"
        a=$(cpu_of ca "c$s" c1 "$dm"); b=$(cpu_of cbb "c$s" c1 "$dm")
        ov[$s]=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b - a }')
        if [ "$CALLGRIND" = 1 ]; then
            if [ -n "${irm[ca-$s]:-}" ]; then ia=$(fmt "${irm[ca-$s]}"); ib=$(fmt "${irm[cbb-$s]}"); fi
            if [ "$s" = "$CCG_N" ]; then ia=$(fmt "${irm[ca]}"); ib=$(fmt "${irm[cbb]}"); fi
        fi
        echo "| $(fmt "$s") | $(fmt "${frames[c$s]}") | $(wc -l <"$work/t/ca-c$s") | $a | $b | ${ov[$s]} | $ia | $ib |"
        [ -n "$first" ] || first=$s
        last=$s
    done
    if [ "$CALLGRIND" = 1 ] && [ -z "$(printf '%s\n' $sizes | grep -x "$CCG_N")" ]; then
        echo "| $(fmt "$CCG_N") | $(fmt "${frames[c$CCG_N]}") | callgrind | | | | $(fmt "${irm[ca]}") | $(fmt "${irm[cbb]}") |"
    fi
    echo
    if [ -n "$first" ] && [ "$first" != "$last" ]; then
        f0=$(cpu_of cbb "c$first" c1 $((frames[c$first] - frames[c1]))); fl=$(cpu_of cbb "c$last" c1 $((frames[c$last] - frames[c1])))
        echo "| target | measured | result |"
        echo "|---|---|---|"
        echo "| cost per message flat from $(fmt "$first") to $(fmt "$last") calls: (cbb) CPU per message at $(fmt "$last") within 10 % of $(fmt "$first") | $f0 -> $fl us ($(pct "$fl" "$f0")); plugin share $(printf '%s' "${ov[$first]}") -> ${ov[$last]} us | $(ok "$(echo "$(pct "$fl" "$f0")" | tr -d ' %+') <= 10") |"
        if [ "$CALLGRIND" = 1 ]; then
            for s in $CG_CURVE; do
                echo "| Ir per message flat from $(fmt "$CCG_N") to $(fmt "$s") calls: (cbb) | $(fmt "${irm[cbb]}") -> $(fmt "${irm[cbb-$s]}") ($(pct "${irm[cbb-$s]}" "${irm[cbb]}")); (ca) $(pct "${irm[ca-$s]}" "${irm[ca]}") | $(ok "$(echo "$(pct "${irm[cbb-$s]}" "${irm[cbb]}")" | tr -d ' %+') <= 5") |"
            done
        fi
        echo
    fi
    echo "Informational: used as a filter vs the same SIP filter with the plugin installed, (cbb-cb0)/cb0: Ir $(pct "$(irmv cbb)" "$(irmv cb0)"), CPU $(pct "${ccpum[cbb]}" "${ccpum[cb0]}"); text tap and stats tree against tshark alone with the SIP filter: (ctt) Ir $(pct "$(irmv ctt)" "$(irmv ca)"), (ctz) Ir $(pct "$(irmv ctz)" "$(irmv ca)")."
    if [ "$CALLGRIND" = 1 ]; then
        echo
        echo "Where the unused plugin's $(fmt $((irm[cb0] - irm[ca]))) Ir per message go, (cb0) minus (ca), self Ir per message by function (30 or more):"
        echo
        echo "| function | Ir per message |"
        echo "|---|---|"
        while IFS=$'\t' read -r v f; do [ -n "$v" ] && echo "| \`$f\` | $(fmt "$v") |"; done <<<"$c_where_unused"
        echo
        echo "Where the used filter's $(fmt $((irm[cbb] - irm[ca]))) Ir per message go, (cbb) minus (ca):"
        echo
        echo "| function | Ir per message |"
        echo "|---|---|"
        while IFS=$'\t' read -r v f; do [ -n "$v" ] && echo "| \`$f\` | $(fmt "$v") |"; done <<<"$c_where_used"
        echo
        echo "The plugin's own functions in (cbb), self Ir per message (callgrind_annotate; functions that sipcodes.so defines, $(fmt "$c_plugin_total") Ir per message in all):"
        echo
        echo "| function | Ir per message |"
        echo "|---|---|"
        while IFS=$'\t' read -r v f; do [ -n "$v" ] && echo "| \`$f\` | $(fmt "$v") |"; done <<<"$c_plugin_fns"
    fi
    echo
}

{
    echo "## sipcodes benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $ts_version; plugin from $(git -C "$root" describe --always --dirty 2>/dev/null || echo "an unknown revision"); $(nproc) CPUs; load average $load_start at start, $load_end at end."
    echo
    echo "tshark runs as user nobody with a temporary HOME. $RUNS timed runs per configuration, interleaved in rotating order after one warm-up run."
    echo "GUI first pass: \`tshark -n -r CAP -Y '(rule) || ...' -w OUT\` with the $rules_ok enabled, compiling rules of \`$colorfilters\`."
    echo
    if has_set calls; then report_calls; fi
    if has_set responses; then report_responses; fi
} >"$report"

cp "$work"/t/* "$outdir/raw/" 2>/dev/null || true
for f in "$work"/m/*; do [ -f "$f" ] && case $f in *.heap) ;; *) cp "$f" "$outdir/raw/mem-$(basename "$f")" ;; esac; done
log "report: $report (raw figures: $outdir/raw/)"
cat "$report"
