#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Robustness: tshark with the plugin over mutated and hand-made nasty SIP
# traffic must never crash, and valgrind memcheck must find no error with a
# sipcodes frame in its stack.
#
#  1. Nasty responses written here from text with text2pcap: codes 000, 099,
#     1000, an 8 KB phrase, non-UTF-8 bytes, a NUL in the phrase, 100
#     responses in one TCP segment, folded headers, a status line with tabs,
#     no phrase, huge Reason causes, many device tokens, a sipfrag body, ...
#  2. The SIP frames of the test captures (SIPCODES_CAPTURES), of the
#     nasty captures and of ../shared/captures/real/*.pcap* (read from
#     there, never copied into the project) are merged into one file and mutated with editcap -E at
#     several rates and seeds (one round in three keeps the first 42 bytes,
#     Ethernet + IPv4 + UDP, so more of the damage lands in SIP), until the
#     number of mutated SIP frames reaches the target. Each round: tshark -V
#     with the stats tree; a crash is a death by signal.
#  3. valgrind memcheck (--error-exitcode) on a subset: tshark's own errors
#     are suppressed with suppressions generated from a run with the
#     sipcodes protocol disabled, and only errors with a sipcodes frame in
#     their stack count (leaks: only those of 2 or more blocks, see below).
#
#   tests/mutated_captures.sh [--long]
#     default: >= 40 000 mutated SIP frames (~1.5 min); valgrind on the
#              nasty captures and 300 mutated frames
#     --long:  >= 100 000 mutated SIP frames (~2.5 min); valgrind on 3000
# Needs SIPCODES_PLUGIN (set by ctest). A crashing mutated file is kept
# under /tmp/sipcodes-mutated-crash.*/ with the editcap command that made it.
# Last line: "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
sipcodes_sandbox
require_plugin
real=${SIPCODES_REAL_CAPTURES:-"$here/../../shared/captures/real"}

long=0
case ${1:-} in
    --long) long=1 ;;
    '') ;;
    *) echo "usage: $0 [--long]" >&2; exit 2 ;;
esac
if [ $long = 1 ]; then target=${SIPCODES_MUTATED_PACKETS:-100000}; else target=${SIPCODES_MUTATED_PACKETS:-40000}; fi
for tool in editcap mergecap text2pcap capinfos; do
    command -v $tool >/dev/null || { echo "FATAL: $tool not found"; exit 1; }
done

work=$sipcodes_home/mutated
mkdir -p "$work/nasty" "$work/sip"
chmod -R a+rwX "$work"
started=$(date +%s)

# ---- 1. nasty responses ---------------------------------------------------
crlf() { printf '%s\r\n' "$@"; }
hdrs() { # CALL-ID [METHOD]
    crlf "Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-$1" "From: <sip:alice@example.com>;tag=a1" \
         "To: <sip:bob@example.com>;tag=b2" "Call-ID: $1@example.com" "CSeq: 1 ${2:-INVITE}"
}
end() { crlf "Content-Length: 0" ""; }
msg() { # CAPTURE; message bytes on stdin (runs in a pipeline's subshell)
    mkdir -p "$work/nasty/$1"
    local n
    n=$(find "$work/nasty/$1" -type f | wc -l)
    cat > "$work/nasty/$1/$(printf %04d $((n + 1)))"
}
resp() { # CAPTURE CALL-ID STATUS-LINE-BYTES (printf %b escapes)
    { printf '%b\r\n' "$3"; hdrs "$2"; end; } | msg "$1" 
}
long_phrase=$(for i in $(seq 1 600); do printf 'No money left '; done)   # 8400 bytes
many_tokens=$(for d in 31 33 34 480 486 810 814 815 816 817 818 819; do printf '0x%s ' $d; done)

resp udp c000 'SIP/2.0 000 Zero'
resp udp c099 'SIP/2.0 099 Too Early'
resp udp c1000 'SIP/2.0 1000 Thousand'
resp udp c4800 'SIP/2.0 4800 No money left'
resp udp c48 'SIP/2.0 48 Short'
resp udp long "SIP/2.0 480 $long_phrase"
resp udp utf8 'SIP/2.0 480 \xff\xfe\xc3\x28 caf\xc3\xa9 \xed\xa0\x80 \xf5\x80\x80\x80 \xc0\xaf end'
resp udp nul 'SIP/2.0 480 No\x00money\x00left'
resp udp nul2 'SIP/2.0 4\x0080 Nul in code'
resp udp tabs 'SIP/2.0\t480\tTemporarily\t\tUnavailable\t'
resp udp nophrase 'SIP/2.0 480'
resp udp blankphrase 'SIP/2.0 480 \t '
resp udp nospace 'SIP/2.0 480No space'
resp udp lower 'sip/2.0 200 ok'
resp udp device 'SIP/2.0 701 0x814 0X480 0x0480 x0x31 0x31_ 0x'
resp udp tokens "SIP/2.0 500 $many_tokens"
resp udp zeroxs "SIP/2.0 503 $(for i in $(seq 1 2000); do printf '0x'; done)"
resp udp blanks "SIP/2.0 486 $(printf '%*s' 4000 '')Busy$(printf '%*s' 3000 '')Here"
{ crlf 'SIP/2.0 486 Busy Here'; hdrs fold1; crlf 'Reason: Q.850' '  ;cause=17' '	;text="User busy 0x814"' \
    'Warning: 399 gw.example.com' ' "socket error 0x810"'; end; } | msg udp
{ crlf 'SIP/2.0 486 Busy Here'; hdrs q1; crlf 'Reason: Q.850;cause=4294967295;text="0x814"' 'Reason: Q.850;cause=300' \
    'Reason: Q.850;cause=0' 'Reason: SIP;cause=99999999999'; end; } | msg udp
{ crlf 'SIP/2.0 603 Decline'; hdrs q2; crlf 'Reason: Q.850;cause=-1' "Warning: 399 h \"$many_tokens$many_tokens\""; end; } | msg udp
{ crlf 'SIP/2.0 200 OK'; hdrs nocseq | grep -v CSeq; end; } | msg udp
{ crlf 'SIP/2.0 200 OK'; hdrs cseq2 INVITE; crlf 'CSeq: 2 BYE'; end; } | msg udp
{ printf 'SIP/2.0 480 CR only\r'; printf 'Via: SIP/2.0/UDP 192.0.2.20\rCall-ID: cr@x\rCSeq: 1 INVITE\r\r'; } | msg udp
{ printf 'SIP/2.0 480 LF only\n'; printf 'Via: SIP/2.0/UDP 192.0.2.20\nCall-ID: lf@x\nCSeq: 1 INVITE\nContent-Length: 0\n\n'; } | msg udp
body=$(printf 'SIP/2.0 503 Service Unavailable\r\nReason: Q.850;cause=41\r\n\r\n')
{ crlf 'NOTIFY sip:alice@example.com SIP/2.0'; hdrs frag NOTIFY; crlf 'Event: refer' 'Content-Type: message/sipfrag;version=2.0' \
    "Content-Length: $(( ${#body} + 4 ))" ''; printf '%s\r\n\r\n' "$body"; } | msg udp
{ crlf 'SIP/2.0 200 OK'; hdrs frag2 NOTIFY; crlf 'Content-Type: message/sipfrag' "Content-Length: $(( ${#body} + 4 ))" ''
  printf '%s\r\n\r\n' "$body"; } | msg udp
{ for i in $(seq 1 100); do
      case $((i % 5)) in
          0) crlf "SIP/2.0 480 No money left $i" ;; 1) crlf "SIP/2.0 100 Trying" ;; 2) crlf "SIP/2.0 486 Busy Here" ;;
          3) crlf "SIP/2.0 701 0x814" ;; 4) crlf "SIP/2.0 099 Early" ;;
      esac
      hdrs "seg$i"; crlf 'Reason: Q.850;cause=17'; end
  done; } | msg tcp
resp tcp tlong "SIP/2.0 480 $long_phrase"
{ printf 'SIP/2.0 48'; } | msg tcp
{ printf '6 Busy Here\r\n'; hdrs split; end; } | msg tcp
resp tcp tnul 'SIP/2.0 480 No\x00money'

hexdump_dir() { # folder of message files -> text2pcap input
    for f in "$1"/*; do
        od -An -tx1 -v -w16 "$f" | awk '{ printf "%06x %s\n", (NR - 1) * 16, $0 }'
        echo
    done
}
hexdump_dir "$work/nasty/udp" > "$work/nasty_udp.hex"
hexdump_dir "$work/nasty/tcp" > "$work/nasty_tcp.hex"
text2pcap -q -F pcap -4 192.0.2.20,192.0.2.10 -u 5060,5060 "$work/nasty_udp.hex" "$work/nasty_udp.pcap" > /dev/null 2>&1 \
    || fail "text2pcap nasty_udp"
text2pcap -q -F pcap -4 192.0.2.20,192.0.2.10 -T 5060,5060 "$work/nasty_tcp.hex" "$work/nasty_tcp.pcap" > /dev/null 2>&1 \
    || fail "text2pcap nasty_tcp"
chmod a+r "$work"/*.pcap

tsv_out=$work/nasty.tsv
nasty_frames=0
for cap in "$work/nasty_udp.pcap" "$work/nasty_tcp.pcap"; do
    tshark_sipcodes -- -r "$cap" -V -z sipcodes,tree > "$work/nasty.V" 2>&1
    rc=$?
    frames=$(capinfos -c -M "$cap" 2>/dev/null | awk '/Number of packets/ { print $NF }')
    nasty_frames=$((nasty_frames + ${frames:-0}))
    if [ $rc -ge 128 ]; then fail "$(basename "$cap"): tshark died with signal $((rc - 128))"; else pass; fi
    tshark_sipcodes -- -r "$cap" -T fields -E occurrence=a -E aggregator=, -e frame.number -e sip.Status-Code \
        -e sipcodes.code -e sipcodes.class >> "$tsv_out" 2>/dev/null
    rc=$?
    if [ $rc -ge 128 ]; then fail "$(basename "$cap") -T fields: tshark died with signal $((rc - 128))"; else pass; fi
done
responses=$(cut -f3 "$tsv_out" | tr ',' '\n' | grep -c .)
echo "nasty captures: $nasty_frames frames, $responses sipcodes.code values, $(( $(date +%s) - started ))s"
# the 100 responses of the one TCP segment each get their subtree
in_segment=$(awk -F'\t' '{ n = split($3, a, ","); if (n > max) max = n } END { print max + 0 }' "$tsv_out")
expect_equal "100 responses in one TCP segment: 100 sipcodes.code values in one frame" 100 "$in_segment"

# ---- 2. mutated SIP frames ------------------------------------------------
bases=()
for f in "$SIPCODES_CAPTURES"/*.pcap; do [ -e "$f" ] && bases+=("$f"); done
[ ${#bases[@]} -gt 0 ] || fail "no test captures in $SIPCODES_CAPTURES (tests/make-captures.sh writes them)"
bases+=("$work/nasty_udp.pcap" "$work/nasty_tcp.pcap")
if [ -d "$real" ]; then
    for f in "$real"/*.pcap "$real"/*.pcapng; do [ -e "$f" ] && bases+=("$f"); done
else
    echo "note: no real captures at $real"
fi
i=0
for f in "${bases[@]}"; do
    i=$((i + 1))
    # tshark runs as nobody when we are root: a copy in the temp home when
    # it cannot read the file where it is
    if [ "$(id -u)" = 0 ] && ! runuser -u nobody -- test -r "$f"; then f=$(readable_copy "$f"); fi
    # only the SIP frames (and the TCP segments a SIP message is reassembled from)
    tshark_sipcodes -- -r "$f" -2 -R 'sip || tcp.reassembled_in' -w "$work/sip/$(printf %03d $i).pcapng" -F pcapng \
        > /dev/null 2>&1
done
mergecap -a -F pcapng -w "$work/all_sip.pcapng" "$work"/sip/*.pcapng 2>/dev/null || fail "mergecap"
chmod a+r "$work/all_sip.pcapng"
per_round=$(capinfos -c -M "$work/all_sip.pcapng" 2>/dev/null | awk '/Number of packets/ { print $NF }')
per_round=${per_round:-0}
echo "base: ${#bases[@]} captures, $per_round SIP frames per mutated copy"
if [ "$per_round" -eq 0 ]; then
    fail "no SIP frames to mutate"
    finish
    exit
fi

rates=(0.02 0.05 0.005 0.1)
mutated=0 round=0 crashes=0
while [ $mutated -lt "$target" ]; do
    rate=${rates[$((round % ${#rates[@]}))]}
    seed=$((1000 + round))
    offset=()
    [ $((round % 3)) = 1 ] && offset=(-o 42)
    mut=$work/mut.pcapng
    editcap -E "$rate" --seed "$seed" "${offset[@]}" "$work/all_sip.pcapng" "$mut" 2>/dev/null
    chmod a+r "$mut"
    tshark_sipcodes -- -r "$mut" -V -z sipcodes,tree > /dev/null 2> "$work/err"
    rc=$?
    round=$((round + 1))
    mutated=$((mutated + per_round))
    if [ $rc -ge 128 ]; then
        crashes=$((crashes + 1))
        keep=$(mktemp -d /tmp/sipcodes-mutated-crash.XXXXXX)
        cp "$work/all_sip.pcapng" "$mut" "$keep/"
        echo "editcap -E $rate --seed $seed ${offset[*]} all_sip.pcapng mut.pcapng" > "$keep/README"
        tail -n 20 "$work/err" >> "$keep/README"
        fail "round $round (editcap -E $rate --seed $seed ${offset[*]}): tshark died with signal $((rc - 128)); kept in $keep"
    else
        pass
    fi
done
echo "mutated SIP packets through tshark: $mutated in $round rounds ($per_round per round), crashes: $crashes, $(( $(date +%s) - started ))s"

# ---- 3. valgrind memcheck on a subset --------------------------------------
if ! command -v valgrind > /dev/null; then
    echo "note: valgrind not installed, memcheck skipped"
else
    vg=$(mktemp -d /tmp/sipcodes-valgrind.XXXXXX)   # kept: the logs
    chmod a+rwx "$vg"
    cp "$work/nasty_udp.pcap" "$work/nasty_tcp.pcap" "$vg/"
    subset=("$vg/nasty_udp.pcap" "$vg/nasty_tcp.pcap")
    frames=300
    [ $long = 1 ] && frames=3000
    editcap -E 0.02 --seed 4242 -o 42 -r "$work/all_sip.pcapng" "$vg/mutated_subset.pcapng" "1-$frames" 2>/dev/null \
        && subset+=("$vg/mutated_subset.pcapng")
    chmod a+r "$vg"/*.pcapng 2>/dev/null
    # --keep-debuginfo: tshark unloads its plugins before the leak check,
    # which would leave the plugin's frames as "???"; wmem "simple" and
    # G_SLICE=always-malloc: every allocation is a malloc memcheck can see
    vg_opts="env WIRESHARK_DEBUG_WMEM_OVERRIDE=simple G_SLICE=always-malloc valgrind --tool=memcheck --num-callers=40 --keep-debuginfo=yes --leak-check=full --show-leak-kinds=definite"
    sipcodes_errors=0 other_errors=0
    j=0
    for cap in "${subset[@]}"; do
        j=$((j + 1))
        # tshark's own errors on this file, with the sipcodes protocol off
        SIPCODES_TSHARK_PREFIX="$vg_opts --gen-suppressions=all --log-file=$vg/base$j.log" \
            tshark_sipcodes -- -r "$cap" -V --disable-protocol sipcodes > /dev/null 2>&1
        awk '/^\{/ { s = 1 } s { print } /^\}/ { s = 0 }' "$vg/base$j.log" > "$vg/tshark$j.supp"
        chmod a+r "$vg/tshark$j.supp"
        SIPCODES_TSHARK_PREFIX="$vg_opts --error-exitcode=99 --suppressions=$vg/tshark$j.supp --log-file=$vg/run$j.log" \
            tshark_sipcodes -- -r "$cap" -V -z sipcodes,tree > /dev/null 2>&1
        rc=$?
        # Records run from "==PID== <what>" to the blank "==PID== " line.
        # Counted: every error with a sipcodes frame, and every leak with a
        # sipcodes frame of 2 or more blocks (a leak that repeats per packet
        # or per call). A leak of 1 block is noted only: what is still held
        # at exit once tshark has unloaded the plugin (the user-table index)
        # or never frees itself (its stats trees).
        awk -v out="$vg/run$j" '
            function flush() {
                if (rec ~ /sipcodes/ && rec ~ /(at|by) 0x/) {
                    blocks = 0
                    if (match(rec, /in [0-9,]+ blocks are/)) { b = substr(rec, RSTART + 3, RLENGTH - 14); gsub(",", "", b); blocks = b + 0 }
                    if (rec ~ /lost in loss record/ && blocks < 2) print rec > (out ".noted")
                    else print rec > (out ".counted")
                }
                rec = ""
            }
            /^==[0-9]+== $/ { flush(); next }
            /^==[0-9]+== / { rec = rec "\n" $0 }
            END { flush() }' "$vg/run$j.log"
        found=$(grep -c -E '^==[0-9]+== [^ ]' "$vg/run$j.counted" 2>/dev/null)
        noted=$(grep -c 'lost in loss record' "$vg/run$j.noted" 2>/dev/null)
        total=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$vg/run$j.log" | tail -n 1)
        echo "valgrind $(basename "$cap"): exit $rc, ${total:-?} error(s) after suppressions; with sipcodes frames: ${found:-0} counted, ${noted:-0} one-block leak(s) at exit noted"
        if [ -z "$total" ]; then
            fail "valgrind run on $(basename "$cap") left no error summary (exit $rc; see $vg/run$j.log)"
        elif [ $rc -ge 128 ]; then
            fail "valgrind run on $(basename "$cap"): tshark died with signal $((rc - 128))"
        elif [ "${found:-0}" -gt 0 ]; then
            sipcodes_errors=$((sipcodes_errors + found))
            fail "valgrind: error(s) with sipcodes frames on $(basename "$cap"):"
            grep -E -v 'by 0x[0-9A-F]+: \?\?\?' "$vg/run$j.counted" | head -n 60 >&2
        else
            pass
            other_errors=$((other_errors + ${total:-0} - ${noted:-0}))
        fi
    done
    echo "valgrind: $sipcodes_errors counted error(s) with sipcodes frames, $other_errors other unsuppressed (not counted); logs in $vg"
fi
echo "$(( $(date +%s) - started ))s in all"
finish
