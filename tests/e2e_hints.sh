#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end: a reason phrase nobody knows gets a guessed category from a
# word in it (data/hints.tsv), with its own fields and expert note; a known
# variant or a standard phrase gets none.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_start

# code, phrase; the expected hint, word and the start of its English text,
# read by hand from data/hints.tsv
cat > "$out/cases.tsv" <<'EOF2'
401	Nonce went stale	auth	Nonce	Guess from the word "Nonce"
480	No route to destination 77	routing	route	Guess from the word "route"
503	DB down for maintenance	database	DB	Guess from the word "DB"
486	Nothing we know of			
480	No money left			
404	Not Found			
EOF2
n=0
: > "$out/hex"
while IFS=$'\t' read -r code phrase _; do
    n=$((n + 1))
    printf 'SIP/2.0 %s %s\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-h%s\r\nFrom: <sip:a@example.com>;tag=a\r\nTo: <sip:b@example.com>;tag=b\r\nCall-ID: h%s@example.com\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n' \
        "$code" "$phrase" "$n" "$n" > "$out/msg"
    printf '2026-01-01 00:00:%02d.000000\n' "$n" >> "$out/hex"
    od -An -tx1 -v -w16 "$out/msg" | awk '{ printf "%06x %s\n", (NR - 1) * 16, $0 }' >> "$out/hex"
    echo >> "$out/hex"
done < "$out/cases.tsv"
text2pcap -q -t '%Y-%m-%d %H:%M:%S.%f' -u 5060,5060 "$out/hex" "$out/hints.pcap" 2>/dev/null \
    || { fail "text2pcap failed"; finish; exit 1; }
cap=$(readable_copy "$out/hints.pcap")

tshark_sipcodes -- -r "$cap" -o sipcodes.language:en -T fields -E separator=/t \
    -e sipcodes.phrase.hint -e sipcodes.phrase.hint.word -e sipcodes.phrase.hint.description 2>/dev/null > "$out/got"
i=0
while IFS=$'\t' read -r code phrase hint word text; do
    i=$((i + 1))
    line=$(sed -n "${i}p" "$out/got")
    expect_equal "$code $phrase: hint" "$hint" "$(printf '%s' "$line" | cut -f1)"
    expect_equal "$code $phrase: word" "$word" "$(printf '%s' "$line" | cut -f2)"
    got_text=$(printf '%s' "$line" | cut -f3)
    case "$got_text" in
        "$text"*) pass ;;
        *) fail "$code $phrase: text [$got_text] does not start with [$text]" ;;
    esac
done < "$out/cases.tsv"

expect_equal "expert note per hinted phrase" 3 \
    "$(tshark_sipcodes -- -r "$cap" -Y 'sipcodes.phrase.hint.guess' 2>/dev/null | wc -l)"
expect_equal "a hint is never a known variant" 0 \
    "$(tshark_sipcodes -- -r "$cap" -Y 'sipcodes.phrase.hint && sipcodes.variant' 2>/dev/null | wc -l)"
de=$(tshark_sipcodes -- -r "$cap" -o sipcodes.language:de -Y 'sipcodes.code == 503' -T fields \
    -e sipcodes.phrase.hint.description 2>/dev/null)
case "$de" in
    *"„DB“"*) pass ;;
    *) fail "German hint text names the word: [$de]" ;;
esac
finish
