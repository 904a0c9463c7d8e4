#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes a benchmark capture: N SIP responses (default 200000), or with
# --calls N whole calls (INVITE to BYE; about 6 SIP messages a call).
# Usage: bench/make-capture.sh [N] [OUT.pcap] [SEED]
#        bench/make-capture.sh --calls [--NAME=VALUE...] [N] [OUT.pcap] [SEED]
#   default OUT: bench/out/sip-N.pcap, or bench/out/calls-N.pcap
#   call options (bench/gen-capture.c, "gen-capture --help" lists them):
#     --rate=50 (calls/s) --duration=30 (s) --mix=CODE:WEIGHT,...
#     --trying --ringing --early --challenge --challenge407 --fork --fork200
#     --proxy --late-offer --reason --variant (percentages)
# Env: SIPCODES_DATA_DIR (default data/), CC (default cc).
# Needs only a C compiler (the generator is bench/gen-capture.c with the data
# loader of plugin/gen/, built into bench/out/ on first use); the output is
# deterministic for N, options, data and SEED.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
opts=()
kind=sip
while [ $# -gt 0 ] && [ "${1#--}" != "$1" ]; do
    [ "$1" = --calls ] && kind=calls
    opts+=("$1"); shift
done
n=${1:-200000}
out=${2:-"$here/out/$kind-$n.pcap"}
seed=${3:-1}
data=${SIPCODES_DATA_DIR:-"$here/../data"}
gen="$here/out/gen-capture"

mkdir -p "$here/out" "$(dirname "$out")"
root=$(cd "$here/.." && pwd)
srcs=("$here/gen-capture.c" "$root/plugin/gen/sc_tsv.c" "$root/plugin/gen/sc_data.c" "$root/plugin/core/sc_text.c")
stale=0
[ -x "$gen" ] || stale=1
for f in "${srcs[@]}" "$root"/plugin/gen/*.h "$root/plugin/core/sc_text.h"; do
    if [ "$f" -nt "$gen" ]; then stale=1; fi
done
if [ $stale = 1 ]; then
    ${CC:-cc} -O2 -Wall -Wextra -I"$root/plugin/gen" -I"$root/plugin/core" -o "$gen.tmp" "${srcs[@]}" -lm
    mv "$gen.tmp" "$gen"
fi
"$gen" ${opts[@]+"${opts[@]}"} "$n" "$out.tmp" "$data" "$seed"
mv "$out.tmp" "$out"
printf '%s\n' "$out"
