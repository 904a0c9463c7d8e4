#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes the test captures from text: tests/captures/*.txt (hand-written
# SIP messages) and data/*.tsv (one response per table row).
# Usage: tests/make-captures.sh [OUTPUT_DIR]   (default: build/tests/captures,
# where ctest writes them; no capture is committed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${SIPCODES_DATA_DIR:-"$here/../data"}
out=${1:-"$here/../build/tests/captures"}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One SIP message per block; blocks end with a line "====".
# The first line of the file may be "# transport: tcp" (default udp).
# Lines are sent with CRLF. Without "@" lines (see capture_timed) every
# message goes from 192.0.2.10:5060 to 192.0.2.20:5060, one a second.
to_hexdump() {
    awk -v hex="$work/hex" '
        function flush() {
            if (msg == "") return
            n++
            printf "2026-01-01 00:%02d:%02d.000000\n", int(n / 60) % 60, n % 60
            printf "%s", msg > (hex ".msg"); close(hex ".msg")
            cmd = "od -An -tx1 -v -w16 " hex ".msg"
            off = 0
            while ((cmd | getline line) > 0) {
                printf "%06x %s\n", off, line
                off += 16
            }
            close(cmd)
            print ""
            msg = ""
        }
        /^# transport:/ { next }
        /^====$/ { flush(); next }
        { msg = msg $0 "\r\n" }
        END { flush() }
    ' "$1"
}

capture() { # name transport text-file
    local name=$1 transport=$2 text=$3 flag=-u
    [ "$transport" = tcp ] && flag=-T
    to_hexdump "$text" > "$work/$name.hex"
    if ! text2pcap -q -F pcap -t "%Y-%m-%d %H:%M:%S." -4 192.0.2.10,192.0.2.20 "$flag" 5060,5060 "$work/$name.hex" "$out/$name.pcap" \
        >/dev/null 2>"$work/text2pcap.err"; then
        cat "$work/text2pcap.err" >&2
        exit 1
    fi
}

# Timed captures: every block starts with a line
#   @ SECONDS SRC-IP:PORT > DST-IP:PORT
# and is sent over UDP at 2026-01-01 00:00:00 + SECONDS (up to six
# decimals) between those addresses. Each message becomes its own
# packet; mergecap puts them in time order.
capture_timed() { # name text-file
    local name=$1 text=$2 parts=() f at secs src gt dst whole frac
    rm -f "$work"/blk-*
    awk -v dir="$work" '
        function flush() {
            if (msg == "") return
            if (hdr == "") { printf "%s: block %d has no @ line\n", FILENAME, n + 1 > "/dev/stderr"; bad = 1; exit 1 }
            n++
            f = sprintf("%s/blk-%05d", dir, n)
            printf "%s", msg > (f ".msg"); close(f ".msg")
            print hdr > (f ".addr"); close(f ".addr")
            msg = ""; hdr = ""
        }
        msg == "" && /^@ / { hdr = $0; next }
        /^====$/ { flush(); next }
        { msg = msg $0 "\r\n" }
        END { if (!bad) flush() }
    ' "$text" || exit 1
    # one text2pcap run per address pair (its addresses are per run), each
    # packet with its own time; mergecap puts them in time order
    rm -f "$work"/pair-*
    for f in "$work"/blk-*.msg; do
        read -r at secs src gt dst < "${f%.msg}.addr"
        if [ "$at" != "@" ] || [ "$gt" != ">" ] || ! [[ $secs =~ ^[0-9]+(\.[0-9]{1,6})?$ ]] \
            || ! [[ $src =~ ^[0-9.]+:[0-9]+$ ]] || ! [[ $dst =~ ^[0-9.]+:[0-9]+$ ]]; then
            echo "$text: bad line: $(cat "${f%.msg}.addr")" >&2
            exit 1
        fi
        whole=${secs%%.*}
        frac=000000
        [ "$whole" != "$secs" ] && frac=$(printf '%-6s' "${secs#*.}" | tr ' ' 0)
        pair=$work/pair-${src}_${dst}
        echo "$src $dst" > "$pair.addr"
        {
            printf '2026-01-01 %02d:%02d:%02d.%s\n' $((10#$whole / 3600)) $((10#$whole / 60 % 60)) $((10#$whole % 60)) "$frac"
            od -An -tx1 -v -w16 "$f" | awk '{ printf "%06x %s\n", (NR - 1) * 16, $0 }'
            echo
        } >> "$pair.hex"
    done
    for pair in "$work"/pair-*.hex; do
        read -r src dst < "${pair%.hex}.addr"
        if ! TZ=UTC text2pcap -q -F pcap -t "%Y-%m-%d %H:%M:%S.%f" -4 "${src%:*},${dst%:*}" -u "${src##*:},${dst##*:}" \
            "$pair" "${pair%.hex}.pcap" >/dev/null 2>"$work/text2pcap.err"; then
            cat "$work/text2pcap.err" >&2
            exit 1
        fi
        parts+=("${pair%.hex}.pcap")
    done
    mergecap -F pcap -w "$out/$name.pcap" "${parts[@]}"
}

# Responses written from a table: awk prints "STATUS-LINE<TAB>METHOD<TAB>EXTRA-HEADER"
# per row (bash's read would merge empty TSV fields).
from_table() { # awk-program tsv-file
    awk -F'\t' "$1" "$2" | while IFS= read -r row; do
        status=${row%%$'\t'*}; rest=${row#*$'\t'}
        method=${rest%%$'\t'*}; extra=${rest#*$'\t'}
        id=$(printf '%s' "$status" | cksum | cut -d' ' -f1)
        printf '%s\nVia: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-%s\n' "$status" "$id"
        printf 'From: <sip:alice@example.com>;tag=a1\nTo: <sip:bob@example.com>;tag=b2\n'
        printf 'Call-ID: %s@example.com\nCSeq: 1 %s\n' "$id" "$method"
        [ -n "$extra" ] && printf '%s\n' "$extra"
        printf 'Content-Length: 0\n\n====\n'
    done
}

# Every code of codes.tsv with its standard phrase, answering an OPTIONS.
from_table 'NR > 1 { print "SIP/2.0 " $1 " " $2 "\tOPTIONS\t" }' "$data/codes.tsv" > "$work/codes.txt"
capture codes udp "$work/codes.txt"

# Every variant of variants.tsv as a server sends it.
from_table 'NR > 1 { print "SIP/2.0 " $1 " " $2 "\tINVITE\t" }' "$data/variants.tsv" > "$work/variants.txt"
capture variants udp "$work/variants.txt"

# Every device code: on the wire when it stands for a status code, else as
# a token in the Reason text of a 500.
from_table 'NR > 1 { if ($2 != "") print "SIP/2.0 " $2 " Device Test\tINVITE\t"
                     else print "SIP/2.0 500 Server Internal Error\tINVITE\tReason: SIP;cause=500;text=\"" $1 "\"" }' \
    "$data/device_codes.tsv" > "$work/devices.txt"
capture devices udp "$work/devices.txt"

# The first code of every row of outcomes.tsv, answering an INVITE.
from_table 'NR > 1 { print "SIP/2.0 " $1 " Outcome Test\tINVITE\t" }' "$data/outcomes.tsv" > "$work/outcomes.txt"
capture outcomes udp "$work/outcomes.txt"

# Every phrase of phrase_kinds_expected.tsv, answering an INVITE.
from_table 'NR > 1 { print "SIP/2.0 " $1 " " $2 "\tINVITE\t" }' "$data/phrase_kinds_expected.tsv" > "$work/phrase_kinds.txt"
capture phrase_kinds udp "$work/phrase_kinds.txt"

# Every warn-code of warn_codes.tsv in the Warning header of a 488, and
# every location of reason_locations.tsv in the Q.850 Reason of a 486.
from_table 'NR > 1 { print "SIP/2.0 488 Not Acceptable Here\tINVITE\tWarning: " $1 " gw.example.com \"" $2 "\"" }' \
    "$data/warn_codes.tsv" > "$work/warn_codes.txt"
capture warn_codes udp "$work/warn_codes.txt"
from_table 'NR > 1 { print "SIP/2.0 486 Busy Here\tINVITE\tReason: Q.850;cause=17;location=" $1 }' \
    "$data/reason_locations.tsv" > "$work/reason_locations.txt"
capture reason_locations udp "$work/reason_locations.txt"

# Hand-written cases.
for text in "$here"/captures/*.txt; do
    [ -e "$text" ] || continue
    if grep -q '^@ ' "$text"; then
        capture_timed "$(basename "$text" .txt)" "$text"
        continue
    fi
    transport=udp
    head -n 1 "$text" | grep -q '^# transport: tcp' && transport=tcp
    capture "$(basename "$text" .txt)" "$transport" "$text"
done
