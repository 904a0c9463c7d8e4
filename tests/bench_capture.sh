#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The benchmark's whole-call captures (bench/make-capture.sh --calls) are
# what tshark expects: the same bytes for the same seed, no malformed or
# warned-about frame, timestamps that increase, every call opened by an
# INVITE, about 6 messages a call, proxy hops that share Call-ID and CSeq.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export SIPCODES_DATA_DIR=${SIPCODES_DATA_DIR:-$root/data}
tmp=$(mktemp -d /tmp/sipcodes-benchcap.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

opts=(--calls --proxy=30 --fork=30 --fork200=50 --challenge=30)
bash "$root/bench/make-capture.sh" "${opts[@]}" 300 "$tmp/a.pcap" 7 >/dev/null 2>"$tmp/gen.txt" || { cat "$tmp/gen.txt"; fail "generator"; }
bash "$root/bench/make-capture.sh" "${opts[@]}" 300 "$tmp/b.pcap" 7 >/dev/null 2>/dev/null
cmp -s "$tmp/a.pcap" "$tmp/b.pcap" || fail "two captures with the same seed differ"
bash "$root/bench/make-capture.sh" "${opts[@]}" 300 "$tmp/c.pcap" 8 >/dev/null 2>/dev/null
cmp -s "$tmp/a.pcap" "$tmp/c.pcap" && fail "another seed gives the same capture"

bad=$(tshark -n -r "$tmp/a.pcap" -Y '_ws.malformed || _ws.expert.severity >= "warning" || !sip' 2>/dev/null | wc -l)
[ "$bad" = 0 ] || fail "$bad frames malformed, warned about or not SIP"

tshark -n -r "$tmp/a.pcap" -T fields -E separator='|' -e frame.time_epoch -e ip.src -e ip.dst \
    -e sip.Method -e sip.Status-Code -e sip.Call-ID -e sip.CSeq.seq -e sip.CSeq.method >"$tmp/f.txt" 2>/dev/null
awk -F'|' '
    $1 <= last { fail = "timestamps do not increase at frame " NR; exit }
    { last = $1 }
    !($6 in first) { first[$6] = $4; calls++ }
    { hops[$6 "|" $7 "|" $8 "|" $4 $5] = hops[$6 "|" $7 "|" $8 "|" $4 $5] " " $2 ">" $3 }
    END {
        if (fail != "") { print fail; exit 1 }
        for (c in first) if (first[c] != "INVITE") { print "call " c " opens with " first[c]; exit 1 }
        if (calls != 300) { print calls " calls, not 300"; exit 1 }
        if (NR / calls < 4 || NR / calls > 10) { print NR / calls " frames per call"; exit 1 }
        for (k in hops) if (split(hops[k], h, " ") == 2 && h[1] != h[2]) two++
        if (two < 100) { print "only " two " messages seen on two hops"; exit 1 }
    }' "$tmp/f.txt" || fail "capture content"
grep -q ' 486 ' "$tmp/gen.txt" || grep -q ' 603 ' "$tmp/gen.txt" || fail "no busy or declined call in the mix: $(cat "$tmp/gen.txt")"
echo "bench capture: $(tail -n 1 "$tmp/gen.txt")"
