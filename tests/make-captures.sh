#!/usr/bin/env bash
# Writes the test captures from text: tests/captures/*.txt (hand-written
# SIP messages) and data/*.tsv (one response per table row).
# Usage: tests/make-captures.sh [OUTPUT_DIR]   (default: tests/captures)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${SIPCODES_DATA_DIR:-"$here/../data"}
out=${1:-"$here/captures"}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One SIP message per block; blocks end with a line "====".
# The first line of the file may be "# transport: tcp" (default udp).
# Lines are sent with CRLF.
to_hexdump() {
    awk -v hex="$work/hex" '
        function flush() {
            if (msg == "") return
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
    text2pcap -q -F pcap -4 192.0.2.10,192.0.2.20 "$flag" 5060,5060 "$work/$name.hex" "$out/$name.pcap" >/dev/null
}

headers() { # method
    printf 'Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-%s\nFrom: <sip:alice@example.com>;tag=a1\nTo: <sip:bob@example.com>;tag=b2\nCall-ID: %s@example.com\nCSeq: 1 %s\n' "$2" "$2" "$1"
}

# Every code of codes.tsv with its standard phrase, answering an OPTIONS.
{
    n=0
    tail -n +2 "$data/codes.tsv" | while IFS=$'\t' read -r code phrase _; do
        n=$((n + 1))
        printf 'SIP/2.0 %s %s\n' "$code" "$phrase" | sed 's/ $//'
        headers OPTIONS "code$code"
        printf 'Content-Length: 0\n\n====\n'
    done
} > "$work/codes.txt"
capture codes udp "$work/codes.txt"

# Every variant of variants.tsv as sent by a server.
{
    tail -n +2 "$data/variants.tsv" | while IFS=$'\t' read -r code phrase _; do
        printf 'SIP/2.0 %s %s\n' "$code" "$phrase"
        headers INVITE "variant$code"
        printf 'Content-Length: 0\n\n====\n'
    done
} > "$work/variants.txt"
capture variants udp "$work/variants.txt"

# Every device code: on the wire when it stands for a status code,
# else as a token in a Reason header's text.
{
    tail -n +2 "$data/device_codes.tsv" | while IFS=$'\t' read -r device sip_code _; do
        if [ -n "$sip_code" ]; then
            printf 'SIP/2.0 %s Device Test\n' "$sip_code"
            headers INVITE "device$device"
        else
            printf 'SIP/2.0 500 Server Internal Error\n'
            headers INVITE "device$device"
            printf 'Reason: SIP;cause=500;text="%s"\n' "$device"
        fi
        printf 'Content-Length: 0\n\n====\n'
    done
} > "$work/devices.txt"
capture devices udp "$work/devices.txt"

# Hand-written cases.
for text in "$here"/captures/*.txt; do
    [ -e "$text" ] || continue
    transport=udp
    head -n 1 "$text" | grep -q '^# transport: tcp' && transport=tcp
    capture "$(basename "$text" .txt)" "$transport" "$text"
done
