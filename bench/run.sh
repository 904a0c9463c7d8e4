#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sipcodes benchmark: tshark without plugin (a), with the sipcodes plugin and
# its fields exported (b), with the Lua post-dissector bench/sipcodes.lua and
# its fields exported (c). Also (b0) plugin loaded but no sipcodes field
# exported, (c0) Lua script loaded but none of its fields exported, and (ax)
# no plugin but 8 SIP header fields exported instead: what exporting 8 text
# fields costs tshark by itself, whoever computes them; (bn) is (b) with
# -o sipcodes.remember:FALSE (no per-frame record kept for later passes).
#
# Usage: bench/run.sh   (full size: about 20-30 min on 2 cores, a third of it callgrind)
#        BENCH_N=20000 BENCH_RSS_N=5000 BENCH_RUNS=3 BENCH_CALLGRIND=0 bench/run.sh   (quick, ~2 min)
# Keep the machine otherwise idle: wall and CPU times of a shared machine
# cannot resolve a few per cent (the report says when the runs were noisy);
# the callgrind instruction counts are exact whatever else runs.
#
# Env:
#   BENCH_N=200000            responses in the timed capture
#   BENCH_RSS_N=50000         second, smaller capture for the peak RSS comparison
#   BENCH_RUNS=5              timed runs per configuration (interleaved)
#   BENCH_CONFIGS="a ax b0 b bn c0 c"  configurations timed ("a b c" at least)
#   BENCH_CALLGRIND=1         run callgrind (0: skip)
#   BENCH_CALLGRIND_N=20000   responses in the callgrind slice
#   BENCH_CALLGRIND_CONFIGS="a ax b0 b c0 c"  configurations run under callgrind
#                             ("a b" at least; each takes 3-5 min)
#   SIPCODES_PLUGIN=...       a built sipcodes.so; unset: built here with cmake
#   BENCH_BUILD_DIR=/tmp/build-bench   where it is built
#   BENCH_KEEP=0              1: keep the temporary folder (homes, captures, logs)
# Writes bench/out/results.md (and prints it).
#
# Needs (Debian 12): tshark and capinfos (tshark, wireshark-common),
# /usr/bin/time (time), valgrind + callgrind_annotate (valgrind), nm
# (binutils), runuser (util-linux) when run as root, a C compiler (gcc), and
# to build the plugin cmake + libwireshark-dev.
set -euo pipefail
export LC_ALL=C.UTF-8

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${SIPCODES_DATA_DIR:-"$root/data"}
N=${BENCH_N:-200000}
RSS_N=${BENCH_RSS_N:-50000}
RUNS=${BENCH_RUNS:-5}
CONFIGS=${BENCH_CONFIGS:-"a ax b0 b bn c0 c"}
CALLGRIND=${BENCH_CALLGRIND:-1}
CG_N=${BENCH_CALLGRIND_N:-20000}
CG_CONFIGS=${BENCH_CALLGRIND_CONFIGS:-"a ax b0 b c0 c"}
BUILD_DIR=${BENCH_BUILD_DIR:-/tmp/build-bench}
WS_VERSION=${SIPCODES_WS_VERSION:-4.0}
outdir="$here/out"
results="$outdir/results.md"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

# ---- prerequisites ----
missing=()
command -v tshark >/dev/null || missing+=("tshark (apt: tshark)")
command -v capinfos >/dev/null || missing+=("capinfos (apt: wireshark-common)")
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt: time)")
command -v ${CC:-cc} >/dev/null || missing+=("cc (apt: gcc)")
if [ "$CALLGRIND" = 1 ]; then
    command -v valgrind >/dev/null || missing+=("valgrind (apt: valgrind)")
    command -v callgrind_annotate >/dev/null || missing+=("callgrind_annotate (apt: valgrind)")
    command -v nm >/dev/null || missing+=("nm (apt: binutils)")
fi
if [ "$(id -u)" = 0 ]; then command -v runuser >/dev/null || missing+=("runuser (apt: util-linux)"); fi
[ ${#missing[@]} -eq 0 ] || die "missing: ${missing[*]}"
for c in a b c; do
    case " $CONFIGS " in *" $c "*) ;; *) die "BENCH_CONFIGS must contain a, b and c" ;; esac
done
[ "$RUNS" -ge 1 ] || die "BENCH_RUNS must be >= 1"
if [ "$CALLGRIND" = 1 ]; then
    for c in a b; do
        case " $CG_CONFIGS " in *" $c "*) ;; *) die "BENCH_CALLGRIND_CONFIGS must contain a and b" ;; esac
    done
fi

# ---- plugin ----
if [ -z "${SIPCODES_PLUGIN:-}" ]; then
    log "building the plugin in $BUILD_DIR"
    cmake -S "$root" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$BUILD_DIR.log" 2>&1 \
        || { tail -20 "$BUILD_DIR.log" >&2; die "cmake configure failed (log: $BUILD_DIR.log)"; }
    cmake --build "$BUILD_DIR" -j2 --target sipcodes >>"$BUILD_DIR.log" 2>&1 \
        || { tail -20 "$BUILD_DIR.log" >&2; die "build failed (log: $BUILD_DIR.log)"; }
    SIPCODES_PLUGIN="$BUILD_DIR/plugins/$WS_VERSION/epan/sipcodes.so"
fi
[ -r "$SIPCODES_PLUGIN" ] || die "no plugin at $SIPCODES_PLUGIN"

# ---- temporary homes: tshark as root ignores the personal plugin folder, so
# as root it runs as "nobody" with HOME set to one of these ----
work=$(mktemp -d /tmp/sipcodes-bench.XXXXXX)
if [ "${BENCH_KEEP:-0}" = 1 ]; then log "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
for c in a b c; do mkdir -p "$work/home-$c/.config/wireshark"; done
mkdir -p "$work/home-b/.local/lib/wireshark/plugins/$WS_VERSION/epan" "$work/home-c/data" "$work/logs" "$work/cg"
cp "$SIPCODES_PLUGIN" "$work/home-b/.local/lib/wireshark/plugins/$WS_VERSION/epan/"
cp "$here/sipcodes.lua" "$work/home-c/"
cp "$data"/*.tsv "$work/home-c/data/"
# Wireshark's global plugin folder without any sipcodes.so installed there (a
# global copy would be loaded instead of the personal one, and in (a) too);
# tshark honours WIRESHARK_PLUGIN_DIR when not run as root.
global_plugins=$(tshark -G folders 2>/dev/null | awk -F'\t' '$1 ~ /^Global Plugins:/ {print $2}')
[ -d "$global_plugins" ] || die "cannot find the global plugin folder (tshark -G folders)"
global_plugins=$(dirname "$global_plugins") # .../plugins, without the version
mkdir -p "$work/plugins"
(cd "$global_plugins" && find . -mindepth 1 -type d) | while read -r d; do mkdir -p "$work/plugins/$d"; done
(cd "$global_plugins" && find . -mindepth 1 ! -type d) | while read -r f; do
    case $f in */sipcodes.so) log "not using the globally installed $global_plugins/${f#./}"; continue ;; esac
    ln -s "$global_plugins/${f#./}" "$work/plugins/$f"
done

# ---- captures ----
mkdir -p "$outdir"
capture() { # N -> path
    local f="$outdir/sip-$1.pcap"
    if [ ! -s "$f" ] || [ "$here/gen-capture.c" -nt "$f" ] || [ -n "$(find "$data" -name '*.tsv' -newer "$f" 2>/dev/null)" ]; then
        "$here/make-capture.sh" "$1" "$f" >/dev/null 2>"$work/logs/gen-$1.txt" || { cat "$work/logs/gen-$1.txt" >&2; die "capture generation failed"; }
        log "$(cat "$work/logs/gen-$1.txt")"
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

# ---- how each configuration runs ----
base_fields=(-e frame.number -e sip.Status-Code)
fields_b=(-e sipcodes.class -e sipcodes.standard_phrase -e sipcodes.rfc -e sipcodes.registry
          -e sipcodes.description -e sipcodes.variant -e sipcodes.variant.category -e sipcodes.variant.description)
fields_c=("${fields_b[@]//sipcodes./sipcodes_lua.}")
fields_x=(-e sip.Status-Line -e sip.Via -e sip.From -e sip.To -e sip.Call-ID -e sip.CSeq -e sip.Server -e sip.Content-Length)
lua_opt=(-X "lua_script:$work/home-c/sipcodes.lua")

# args_for CONFIG -> sets HOME_DIR and ARGS (tshark arguments after -r FILE)
args_for() {
    case $1 in
    a)  HOME_DIR=$work/home-a; ARGS=(-T fields "${base_fields[@]}") ;;
    ax) HOME_DIR=$work/home-a; ARGS=(-T fields "${base_fields[@]}" "${fields_x[@]}") ;;
    b0) HOME_DIR=$work/home-b; ARGS=(-T fields "${base_fields[@]}") ;;
    b)  HOME_DIR=$work/home-b; ARGS=(-T fields "${base_fields[@]}" "${fields_b[@]}") ;;
    bn) HOME_DIR=$work/home-b; ARGS=(-o sipcodes.remember:FALSE -T fields "${base_fields[@]}" "${fields_b[@]}") ;;
    c0) HOME_DIR=$work/home-c; ARGS=("${lua_opt[@]}" -T fields "${base_fields[@]}") ;;
    c)  HOME_DIR=$work/home-c; ARGS=("${lua_opt[@]}" -T fields "${base_fields[@]}" "${fields_c[@]}") ;;
    *)  die "unknown configuration $1" ;;
    esac
}
describe() {
    case $1 in
    a)  echo "no plugin" ;;
    ax) echo "no plugin, 8 SIP header fields exported instead (export cost alone)" ;;
    b0) echo "sipcodes.so loaded, no sipcodes field exported" ;;
    b)  echo "sipcodes.so, 8 sipcodes fields exported" ;;
    bn) echo "as (b), with -o sipcodes.remember:FALSE" ;;
    c0) echo "sipcodes.lua loaded, no Lua field exported" ;;
    c)  echo "sipcodes.lua, the same 8 fields exported" ;;
    esac
}

runner=()
[ "$(id -u)" = 0 ] && runner=(runuser -u nobody --)
# as_user CMD... : runs CMD as the tshark user with the configuration's HOME
as_user() {
    "${runner[@]}" env -u XDG_CONFIG_HOME WIRESHARK_PLUGIN_DIR="$work/plugins" HOME="$HOME_DIR" LC_ALL=C.UTF-8 \
        SIPCODES_DATA_DIR="$work/home-c/data" "$@"
}

# ---- sanity: what is loaded where, and the Lua script agrees with the plugin ----
HOME_DIR=$work/home-a as_user tshark -G protocols 2>/dev/null | grep -q $'\tsipcodes\t' \
    && die "tshark (a) still loads a sipcodes plugin"
HOME_DIR=$work/home-b as_user tshark -G plugins 2>/dev/null | grep -q "$work/home-b/.*/sipcodes.so" \
    || die "tshark (b) does not load $work/home-b/.../sipcodes.so (-G plugins)"
HOME_DIR=$work/home-b as_user tshark -G protocols 2>/dev/null | grep -q $'^SIP Response Codes\tsipcodes\tsipcodes$' \
    || die "the plugin does not register the sipcodes protocol"
HOME_DIR=$work/home-c as_user tshark -G protocols "${lua_opt[@]}" 2>"$work/logs/lua-load.txt" | grep -q $'\tsipcodes_lua$' \
    || { cat "$work/logs/lua-load.txt" >&2; die "the Lua script does not load"; }

if ! HOME_DIR=$work/home-b as_user tshark -G defaultprefs 2>/dev/null | grep -q 'sipcodes\.remember:'; then
    case " $CONFIGS " in *" bn "*) log "the plugin has no preference sipcodes.remember: leaving out (bn)"; CONFIGS=$(echo " $CONFIGS " | sed 's/ bn / /') ;; esac
    CG_CONFIGS=$(echo " $CG_CONFIGS " | sed 's/ bn / /')
fi

check_n=$([ "$CALLGRIND" = 1 ] && echo "$CG_N" || echo "$RSS_N")
for c in b c; do
    args_for $c
    as_user tshark -r "${pcap[$check_n]}" "${ARGS[@]}" >"$work/check-$c.txt" 2>"$work/logs/check-$c.txt"
    if [ -s "$work/logs/check-$c.txt" ]; then cat "$work/logs/check-$c.txt" >&2; die "tshark ($c) wrote errors"; fi
done
check_lines=$(wc -l <"$work/check-b.txt")
check_diff=$(diff "$work/check-b.txt" "$work/check-c.txt" | grep -c '^>' || true)
check_classes=$(cut -f3 "$work/check-b.txt" | tr ',' '\n' | grep -c . || true)
check_variants=$(cut -f8 "$work/check-b.txt" | tr ',' '\n' | grep -c . || true)
log "check on $check_n responses: $check_lines frames, $check_classes sipcodes.class values, $check_variants variants; Lua output differs on $check_diff lines"

# ---- timed runs, interleaved, rotating the order each round ----
# time_one CONFIG N TAG -> appends "wall user sys maxrss_kb" to $work/t-CONFIG-N
time_one() {
    args_for "$1"
    local t0 t1 tf="$work/logs/time-$1-$2-$3.txt"
    t0=$EPOCHREALTIME
    as_user /usr/bin/time -f '%U %S %M' -o "$tf" tshark -r "${pcap[$2]}" "${ARGS[@]}" >/dev/null 2>"$work/logs/err-$1-$2-$3.txt" \
        || { cat "$work/logs/err-$1-$2-$3.txt" >&2; die "tshark ($1, $2) failed"; }
    t1=$EPOCHREALTIME
    printf '%s %s\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b - a}')" "$(tail -n 1 "$tf")" >>"$work/t-$1-$2"
}
median() { sort -g | awk '{v[NR]=$1} END{if (NR==0) {print "nan"; exit} if (NR%2) print v[(NR+1)/2]; else printf "%.4f\n", (v[NR/2]+v[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$1"; }
cpu_col() { awk '{printf "%.3f\n", $2 + $3}' "$1"; }

read -r -a cfgs <<<"$CONFIGS"
ncfg=${#cfgs[@]}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average at start: $load_start"

log "startup: 3 runs each on a 1-response capture"
for r in 1 2 3; do for c in "${cfgs[@]}"; do time_one "$c" 1 "s$r"; done; done

log "warm-up run of each configuration on $N responses (${frames[$N]} frames), not counted"
for c in "${cfgs[@]}"; do time_one "$c" "$N" warm; done
for c in "${cfgs[@]}"; do mv "$work/t-$c-$N" "$work/warm-$c-$N"; done

for r in $(seq 1 "$RUNS"); do
    order=()
    for k in $(seq 0 $((ncfg - 1))); do order+=("${cfgs[$(((k + r - 1) % ncfg))]}"); done
    log "round $r/$RUNS: ${order[*]}"
    for c in "${order[@]}"; do time_one "$c" "$N" "r$r"; done
done

if [ "$RSS_N" != "$N" ]; then
    log "peak RSS on $RSS_N responses: 3 runs each"
    for r in 1 2 3; do for c in "${cfgs[@]}"; do time_one "$c" "$RSS_N" "m$r"; done; done
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A wall cpu cpu_min rss rss_small wall_min wall_max start_wall
for c in "${cfgs[@]}"; do
    wall[$c]=$(col "$work/t-$c-$N" 1 | median)
    wall_min[$c]=$(col "$work/t-$c-$N" 1 | sort -g | head -n 1)
    wall_max[$c]=$(col "$work/t-$c-$N" 1 | sort -g | tail -n 1)
    cpu[$c]=$(cpu_col "$work/t-$c-$N" | median)
    cpu_min[$c]=$(cpu_col "$work/t-$c-$N" | sort -g | head -n 1)
    rss[$c]=$(col "$work/t-$c-$N" 4 | median)
    rss_small[$c]=$(col "$work/t-$c-$RSS_N" 4 | median)
    start_wall[$c]=$(col "$work/t-$c-1" 1 | median)
done

# ---- callgrind ----
declare -A cg_total cg_incl cg_self
cg_top=""
cg_start=0
if [ "$CALLGRIND" = 1 ]; then
    nm --defined-only "$SIPCODES_PLUGIN" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u >"$work/plugin-symbols.txt"
    # cg_run NAME CONFIG N
    cg_run() {
        args_for "$2"
        as_user valgrind --tool=callgrind --callgrind-out-file="$work/cg/$1.out" \
            tshark -r "${pcap[$3]}" "${ARGS[@]}" >/dev/null 2>"$work/logs/cg-$1.txt" \
            || { tail -20 "$work/logs/cg-$1.txt" >&2; die "callgrind ($1) failed"; }
        awk '/^(summary|totals):/ {print $2; exit}' "$work/cg/$1.out"
    }
    log "callgrind (a) on a 1-response capture: the fixed startup cost"
    cg_start=$(cg_run start a 1)
    for c in $CG_CONFIGS; do
        log "callgrind ($c) on $CG_N responses (${frames[$CG_N]} frames); a few minutes"
        cg_total[$c]=$(cg_run "$c" "$c" "$CG_N")
        callgrind_annotate --threshold=100 "$work/cg/$c.out" >"$work/cg/$c.self.txt" 2>/dev/null
        callgrind_annotate --inclusive=yes --threshold=100 "$work/cg/$c.out" >"$work/cg/$c.incl.txt" 2>/dev/null
        # self Ir of the plugin's functions: lines tagged with sipcodes.so, or
        # untagged lines (inlined parts) naming one of its symbols
        cg_self[$c]=$(awk -v symf="$work/plugin-symbols.txt" '
            BEGIN { while ((getline s < symf) > 0) sym[s] = 1 }
            /^ *[0-9,]+ +\([ 0-9.]+%\) +[^ ]/ {
                ir = $1; gsub(",", "", ir)
                rest = $0; sub(/^ *[0-9,]+ +\([ 0-9.]+%\) +/, "", rest)
                obj = ""; if (match(rest, / \[[^]]*\]$/)) { obj = substr(rest, RSTART + 2, RLENGTH - 3); rest = substr(rest, 1, RSTART - 1) }
                fn = rest; sub(/^.*:/, "", fn)
                if (obj ~ /sipcodes\.so$/ || (obj == "" && (fn in sym))) total += ir
            }
            END { printf "%d\n", total }' "$work/cg/$c.self.txt")
        # callgrind_annotate splits a function whose lines come from several
        # files; the largest inclusive figure is the whole function
        cg_incl[$c]=$(awk '/dissect_sipcodes/ { ir = $1; gsub(",", "", ir); if (ir + 0 > max) max = ir + 0 } END { printf "%d\n", max }' "$work/cg/$c.incl.txt")
    done
    # Where the plugin's instructions go: the self cost of its functions plus
    # the inclusive cost of every call they make into Wireshark, GLib or libc
    # (a flat partition of dissect_sipcodes' inclusive cost).
    callgrind_annotate --inclusive=yes --tree=calling --threshold=100 "$work/cg/b.out" 2>/dev/null >"$work/cg/b.tree.txt"
    cg_top=$(awk -v symf="$work/plugin-symbols.txt" '
        function fname(line,   f) {
            f = line
            sub(/^ *[0-9,]+ +\([ 0-9.]+%\) +[*>] +/, "", f); sub(/ \[[^]]*\]$/, "", f)
            sub(/ \([0-9,]+x\)$/, "", f); sub(/^.*:/, "", f); sub(/'"'"'[0-9]+$/, "", f)
            return f
        }
        function plugin_line(line) { return line ~ /sipcodes\.so\]$/ || (line !~ /\]$/ && (fname(line) in sym)) }
        BEGIN { while ((getline x < symf) > 0) sym[x] = 1; RS = ""; FS = "\n" }
        {
            star = 0
            for (i = 1; i <= NF; i++) if ($i ~ /^ *[0-9,]+ +\([ 0-9.]+%\) +\* /) star = i
            if (!star || !plugin_line($star)) next
            for (i = star + 1; i <= NF; i++) {
                if ($i !~ /^ *[0-9,]+ +\([ 0-9.]+%\) +> /) continue
                if (plugin_line($i)) continue
                ir = $i; sub(/^ */, "", ir); sub(/ .*/, "", ir); gsub(",", "", ir)
                n = 0; if (match($i, / \([0-9,]+x\)/)) { n = substr($i, RSTART + 2, RLENGTH - 4); gsub(",", "", n) }
                f = fname($i); cost[f] += ir; calls[f] += n
            }
        }
        END { for (k in cost) printf "%d\t%d\t%s\n", cost[k], calls[k], k }' "$work/cg/b.tree.txt" | sort -rn | head -n 14)
    cg_top=$(printf '%s\t-\t%s\n%s' "${cg_self[b]}" "(sipcodes.so's own code, self)" "$cg_top" | sort -rn)
fi

# ---- report ----
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }
pct() { awk -v x="$1" -v y="$2" 'BEGIN { if (y == 0) print "n/a"; else printf "%+.1f %%", 100 * (x - y) / y }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
dmib() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%+.1f", (x - y) / 1024 }'; }
fmt_int() { printf "%'d" "$1" 2>/dev/null || printf '%s' "$1"; }
# over X A: (X-A)/A as a percentage; times X1 X0 A: (X1-A)/(X0-A)
over() { awk -v x="$1" -v a="$2" 'BEGIN { printf "%+.1f %%", 100 * (x - a) / a }'; }
times() { awk -v x="$1" -v y="$2" -v a="$3" 'BEGIN { if (y - a <= 0) print "inf"; else printf "%.1f", (x - a) / (y - a) }'; }
pass() { if awk "BEGIN{exit !($1)}"; then echo "PASS"; else echo "**MISS**"; fi; }
num() { awk -v x="$1" 'BEGIN { gsub(/[ %+|]/, "", x); print x }'; }

# growth() X: how much RSS(X)-RSS(a) grows, in MiB, from RSS_N to N responses
growth() { awk -v b1="${rss_small[$1]}" -v a1="${rss_small[a]}" -v b2="${rss[$1]}" -v a2="${rss[a]}" 'BEGIN{printf "%.1f", ((b2 - a2) - (b1 - a1)) / 1024}'; }
flat() { pass "$(growth "$1") < 2 && $(growth "$1") > -2"; }
# growth in bytes per response of RSS(X)-RSS(a) between the two sizes
per_resp() { awk -v b1="${rss_small[$1]}" -v a1="${rss_small[a]}" -v b2="${rss[$1]}" -v a2="${rss[a]}" -v n1="$RSS_N" -v n2="$N" 'BEGIN{ if (n2 == n1) print "n/a"; else printf "%.0f", 1024 * ((b2 - a2) - (b1 - a1)) / (n2 - n1)}'; }
if [ "$CALLGRIND" = 1 ]; then
    # per-response instructions, startup removed
    declare -A cg_per
    for c in $CG_CONFIGS; do cg_per[$c]=$(( (${cg_total[$c]} - cg_start) / CG_N )); done
fi

{
    echo "## sipcodes benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(tshark -v 2>/dev/null | head -n 1 | sed 's/\.$//'); plugin from $(git -C "$root" describe --always --dirty 2>/dev/null || echo "an unknown revision"); $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')); load average at start $load_start, at end $load_end."
    echo
    echo "Capture: \`bench/make-capture.sh $N\`: $N SIP responses in ${frames[$N]} frames (about 70 % UDP, 30 % TCP with client ACKs). $RUNS timed runs per configuration, interleaved in rotating order, after one warm-up run each. tshark runs as user nobody with a temporary HOME; \`WIRESHARK_PLUGIN_DIR\` points to a copy of the global plugin folder without any \`sipcodes.so\`."
    echo "Command: \`tshark -r sip-$N.pcap -T fields -e frame.number -e sip.Status-Code [more fields] >/dev/null\`; (b) adds \`${fields_b[*]}\`; (c) adds \`-X lua_script:sipcodes.lua\` and the same fields named \`sipcodes_lua.*\`; (ax) adds \`${fields_x[*]}\`."
    echo "Check on $check_n responses: $check_classes sipcodes.class values; the Lua script's output equals the plugin's on $((check_lines - check_diff)) of $check_lines frames."
    echo
    echo "| config | what | wall median (s) | wall min-max (s) | CPU user+sys median (s) | CPU min (s) | wall vs (a) | CPU vs (a) | startup, 1 response (s) | peak RSS $RSS_N (MiB) | peak RSS $N (MiB) | RSS - RSS(a) at $RSS_N / $N (MiB) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    for c in "${cfgs[@]}"; do
        echo "| ($c) | $(describe "$c") | ${wall[$c]} | ${wall_min[$c]}-${wall_max[$c]} | ${cpu[$c]} | ${cpu_min[$c]} | $(pct "${wall[$c]}" "${wall[a]}") | $(pct "${cpu[$c]}" "${cpu[a]}") | ${start_wall[$c]} | $(mib "${rss_small[$c]}") | $(mib "${rss[$c]}") | $(dmib "${rss_small[$c]}" "${rss_small[a]}") / $(dmib "${rss[$c]}" "${rss[a]}") |"
    done
    echo
    spread=$(awk -v lo="${wall_min[a]}" -v hi="${wall_max[a]}" 'BEGIN { printf "%.0f", 100 * (hi - lo) / lo }')
    if [ "$spread" -gt 5 ]; then
        echo "**Timings are noisy**: the runs of (a) alone spread by $spread % (other work on the machine; load average $load_start at start, $load_end at end). Medians of $RUNS runs cannot resolve a 2 % difference here; the minimum CPU time is the less disturbed estimate, and the instruction counts (callgrind) are exact."
        echo
    fi
    # cells KIND X Y [Z]: the four measurements of a ratio, as table cells
    #   KIND over: (X-Y)/Y    KIND times: (X-Z)/(Y-Z)
    cells() {
        local kind=$1 x=$2 y=$3 z=${4:-}
        local -n W=wall C=cpu M=cpu_min
        printf ' %s | %s | %s |' "$($kind "${W[$x]}" "${W[$y]}" ${z:+"${W[$z]}"})" "$($kind "${C[$x]}" "${C[$y]}" ${z:+"${C[$z]}"})" "$($kind "${M[$x]}" "${M[$y]}" ${z:+"${M[$z]}"})"
        if [ "$CALLGRIND" = 1 ]; then
            local k; for k in "$x" "$y" $z; do has "$CG_CONFIGS" "$k" || { printf ' n/a |'; return 0; }; done
            printf ' %s |' "$($kind "${cg_per[$x]}" "${cg_per[$y]}" ${z:+"${cg_per[$z]}"})"
        fi
    }
    # verdicts TEST CELLS: PASS/MISS per measurement; TEST uses $v
    verdicts() {
        local test=$1 out="" v name i=0
        IFS='|' read -r -a vals <<<"$2"
        for name in wall CPU CPU-min Ir; do
            [ $i -lt ${#vals[@]} ] || break
            v=$(num "${vals[$i]}"); i=$((i + 1))
            [ -n "$v" ] || continue
            if [ "$v" = n/a ]; then continue; fi
            out+="${out:+, }$name $(eval "pass \"$test\"")"
        done
        printf '%s' "$out"
    }
    irh=""; [ "$CALLGRIND" = 1 ] && irh=" instructions per response (callgrind, startup removed) |"
    echo "| target | wall, medians | CPU, medians | CPU, minimum |$irh result |"
    echo "|---|---|---|---|$([ "$CALLGRIND" = 1 ] && echo '---|')---|"
    c1=$(cells over b a)
    echo "| (b) <= 1.02 x (a): (b-a)/a |$c1 $(verdicts '$v <= 2' "$c1") |"
    c2=$(cells times c b a)
    echo "| sipcodes overhead <= 1/20 of Lua's: (c-a)/(b-a) >= 20 |$c2 $(verdicts '"$v" == "inf" || $v >= 20' "$c2") |"
    bn_note=""; has "$CONFIGS" bn && bn_note="; (bn) with sipcodes.remember:FALSE: $(growth bn) MiB, $(per_resp bn) bytes/response: $(flat bn)"
    echo "| no per-packet heap growth: RSS(b)-RSS(a) from $RSS_N to $N responses | | | |$([ "$CALLGRIND" = 1 ] && echo ' |') (b): $(growth b) MiB, $(per_resp b) bytes/response: $(flat b) (within +-2 MiB)$bn_note; Lua (c): $(growth c) MiB |"
    echo
    echo "Other ratios (informational):"
    echo
    echo "| ratio | wall, medians | CPU, medians | CPU, minimum |$([ "$CALLGRIND" = 1 ] && echo ' instructions per response |')"
    echo "|---|---|---|---|$([ "$CALLGRIND" = 1 ] && echo '---|')"
    has "$CONFIGS" b0 && echo "| (b0-a)/a: plugin analysing, no sipcodes field exported |$(cells over b0 a)"
    has "$CONFIGS" ax && echo "| (ax-a)/a: exporting 8 SIP header fields, no plugin |$(cells over ax a)"
    has "$CONFIGS" bn && echo "| (bn-a)/a: (b) with sipcodes.remember:FALSE |$(cells over bn a)"
    has "$CONFIGS" b0 && has "$CONFIGS" c0 && echo "| (c0-a)/(b0-a): Lua vs plugin, nothing exported |$(cells times c0 b0 a)"
    if [ "$CALLGRIND" = 1 ]; then
        echo
        echo "Callgrind on $CG_N responses (${frames[$CG_N]} frames); startup (a, 1 response): $(fmt_int "$cg_start") Ir; (a) per response: $(fmt_int "${cg_per[a]}") Ir."
        echo
        echo "| config | total Ir | per response (startup removed) | per response vs (a) | dissect_sipcodes inclusive, per response | self Ir in sipcodes.so, per response |"
        echo "|---|---|---|---|---|---|"
        for c in $CG_CONFIGS; do
            echo "| ($c) | $(fmt_int "${cg_total[$c]}") | $(fmt_int "${cg_per[$c]}") | $(fmt_int $((cg_per[$c] - cg_per[a]))) ($(over "${cg_per[$c]}" "${cg_per[a]}")) | $(fmt_int $((cg_incl[$c] / CG_N))) | $(fmt_int $((cg_self[$c] / CG_N))) |"
        done
        if [ -n "$cg_top" ]; then
            echo
            echo "Where the plugin's instructions go in (b): its own code, and each Wireshark/GLib/libc function it calls (inclusive):"
            echo
            echo "| callee | calls | Ir | Ir per call | Ir per response |"
            echo "|---|---|---|---|---|"
            while IFS=$'\t' read -r ir calls name; do
                if [ "$calls" = - ]; then per_call=-; else per_call=$(fmt_int $((calls ? ir / calls : 0))); calls=$(fmt_int "$calls"); fi
                echo "| \`$name\` | $calls | $(fmt_int "$ir") | $per_call | $(fmt_int $((ir / CG_N))) |"
            done <<<"$cg_top"
        fi
    fi
} >"$results"

mkdir -p "$outdir/raw"
cp "$work"/t-* "$work"/warm-* "$outdir/raw/" 2>/dev/null || true
if [ "$CALLGRIND" = 1 ]; then cp "$work"/cg/*.txt "$outdir/raw/" 2>/dev/null || true; fi
log "results: $results (raw timings and callgrind_annotate outputs: $outdir/raw/)"
cat "$results"
