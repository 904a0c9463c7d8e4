#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes a benchmark capture of N SIP responses (default 200000).
# Usage: bench/make-capture.sh [N] [OUT.pcap] [SEED]
#   default OUT: bench/out/sip-N.pcap
# Env: SIPCODES_DATA_DIR (default data/), CC (default cc).
# Needs only a C compiler (the generator is bench/gen-capture.c with the data
# loader of plugin/gen/, built into bench/out/ on first use); the output is
# deterministic for N, data and SEED.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-200000}
out=${2:-"$here/out/sip-$n.pcap"}
seed=${3:-1}
data=${SIPCODES_DATA_DIR:-"$here/../data"}
gen="$here/out/gen-capture"

mkdir -p "$here/out" "$(dirname "$out")"
root=$(cd "$here/.." && pwd)
srcs=("$here/gen-capture.c" "$root/plugin/gen/sc_tsv.c" "$root/plugin/gen/sc_data.c" "$root/plugin/core/sipcodes_text.c")
stale=0
[ -x "$gen" ] || stale=1
for f in "${srcs[@]}" "$root"/plugin/gen/*.h "$root/plugin/core/sc_text.h"; do
    if [ "$f" -nt "$gen" ]; then stale=1; fi
done
if [ $stale = 1 ]; then
    ${CC:-cc} -O2 -Wall -Wextra -I"$root/plugin/gen" -I"$root/plugin/core" -o "$gen.tmp" "${srcs[@]}"
    mv "$gen.tmp" "$gen"
fi
"$gen" "$n" "$out.tmp" "$data" "$seed"
mv "$out.tmp" "$out"
printf '%s\n' "$out"
