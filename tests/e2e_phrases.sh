#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end, the phrase rules of data/README.md through tshark: the kind
# of every phrase of data/phrase_kinds_expected.tsv (the capture
# phrase_kinds, one response per row), and tests/captures/phrases.txt with
# kinds, hints, expert notes, Warning values and Reason locations worked
# out by hand from the RFCs and the data tables.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
data=${SIPCODES_DATA_DIR:-"$here/../data"}
e2e_start

# fields CAPTURE FIELD... : one line per frame, occurrences joined by ","
fields() {
    local cap args=()
    cap=$(test_capture "$1") || exit 1; shift
    for f in "$@"; do args+=(-e "$f"); done
    tshark_sipcodes -- -r "$cap" -o sipcodes.language:en -T fields -E occurrence=a -E aggregator=, "${args[@]}" \
        2>"$out/stderr"
    [ -s "$out/stderr" ] && fail "tshark wrote to stderr: $(head -c 300 "$out/stderr")"
}
count() { # CAPTURE FILTER
    local cap
    cap=$(test_capture "$1") || exit 1
    tshark_sipcodes -- -r "$cap" -Y "$2" 2>/dev/null | wc -l
}

# 1. Every row of phrase_kinds_expected.tsv gets its kind; the table's
# "unknown" is the rule's last step, where a hint may fire ("hinted").
fields phrase_kinds sipcodes.code sipcodes.phrase sipcodes.phrase.kind > "$out/kinds.got"
awk -F'\t' 'NR > 1 { print $1 + 0 "\t" $2 "\t" $3 }' "$data/phrase_kinds_expected.tsv" > "$out/kinds.want"
expect_equal "phrase_kinds: one response per row" "$(wc -l < "$out/kinds.want")" "$(wc -l < "$out/kinds.got")"
paste "$out/kinds.want" "$out/kinds.got" | awk -F'\t' '
    { ok = $1 == $4 && $2 == $5 && ($3 == $6 || ($3 == "unknown" && $6 == "hinted"))
      if (!ok) print "row " NR + 1 ": " $1 " \"" $2 "\" is " $6 ", expected " $3 }' > "$out/kinds.bad"
if [ -s "$out/kinds.bad" ]; then fail "phrase_kinds_expected.tsv through tshark:"; cat "$out/kinds.bad" >&2; else pass; fi
expect_equal "phrase_kinds: no hint on a standard phrase, variant or paraphrase" 0 \
    "$(count phrase_kinds 'sipcodes.phrase.hint && sipcodes.phrase.kind != "hinted"')"
expect_equal "phrase_kinds: no unknown-phrase note on a paraphrase" 0 \
    "$(count phrase_kinds 'sipcodes.phrase.kind == "paraphrase" && sipcodes.phrase_nonstandard.unknown')"
expect_equal "phrase_kinds: the paraphrase note on every paraphrase" \
    "$(awk -F'\t' '$3 == "paraphrase"' "$data/phrase_kinds_expected.tsv" | wc -l)" \
    "$(count phrase_kinds 'sipcodes.phrase.kind == "paraphrase" && sipcodes.phrase.paraphrase')"

# 2. tests/captures/phrases.txt, frame by frame: code, kind, hint, word
# (frames 9 and 11 are requests).
# 487 Request Cancelled: paraphrases.tsv reads cancelled as terminated for 487;
# 480 No money left: variants.tsv; 503 Gateway busy now: busy (overload, 2,
# 500-599) beats gateway (routing, 1); 486 User Busy: busy counts only for
# 500-599, so nothing; 100 Connecting: connecting is trying for 100;
# 403 Invalid password: password (auth, 3) beats invalid (protocol, 1).
cat > "$out/phrases.want" <<'EOF'
200	standard		
487	paraphrase		
480	variant		
503	hinted	overload	busy
486	unknown		
100	paraphrase		
403	hinted	auth	password
488	standard		
			
486	standard		
			
EOF
fields phrases sipcodes.code sipcodes.phrase.kind sipcodes.phrase.hint sipcodes.phrase.hint.word > "$out/phrases.got"
expect_same_file "phrases: kind and hint of each response" "$out/phrases.want" "$out/phrases.got"
expect_equal "phrases: unknown-phrase note on the unknown and hinted ones only" 3 \
    "$(count phrases 'sipcodes.phrase_nonstandard.unknown')"
expect_equal "phrases: paraphrase note (487, 100)" 2 "$(count phrases 'sipcodes.phrase.paraphrase')"
expect_equal "phrases: the paraphrase note is a chat" 2 \
    "$(count phrases '_ws.expert.severity == chat && _ws.expert.message contains "rewords the standard"')"

# 3. Warning values (RFC 3261 s20.43), every one of every header, requests
# too; descriptions from data/warn_codes.tsv, 342 is no registered code.
warn_desc() { awk -F'\t' -v c="$1" '$1 == c { print $4 }' "$data/warn_codes.tsv"; }
{
    printf '%s\t%s\t%s\t%s\t%s\n' 8 "305|399|342" "gw.example.com|gw.example.com|proxy.example.com" \
        "Incompatible media format|see 0x814|made up" "$(warn_desc 305)|$(warn_desc 399)"
    printf '%s\t%s\t%s\t%s\t%s\n' 9 370 "[2001:db8::1]:5060" "Bandwidth, again" "$(warn_desc 370)"
} > "$out/warn.want"
cap=$(test_capture phrases) || exit 1
tshark_sipcodes -- -r "$cap" -o sipcodes.language:en -Y sipcodes.warning -T fields -E occurrence=a -E 'aggregator=|' \
    -e frame.number -e sipcodes.warning.code -e sipcodes.warning.agent -e sipcodes.warning.text \
    -e sipcodes.warning.description 2>/dev/null > "$out/warn.got"
expect_same_file "phrases: Warning code, agent, text, description" "$out/warn.want" "$out/warn.got"
expect_equal "phrases: three Warning values of the 488, as sent" \
    '305 gw.example.com "Incompatible media format"|399 gw.example.com "see 0x814"|342 proxy.example.com "made up"' \
    "$(tshark_sipcodes -- -r "$cap" -Y 'frame.number == 8' -T fields -E occurrence=a -E 'aggregator=|' -e sipcodes.warning 2>/dev/null)"
expect_equal "phrases: last description in Russian (399)" "$(awk -F'\t' '$1 == 399 { print $5 }' "$data/warn_codes.tsv")" \
    "$(tshark_sipcodes -- -r "$cap" -o sipcodes.language:ru -Y 'frame.number == 8' -T fields -E occurrence=l \
        -e sipcodes.warning.description 2>/dev/null)"
expect_equal "phrases: warn-code outside the registry (342)" 1 "$(count phrases 'sipcodes.warning.unknown')"
expect_equal "phrases: the device token of a Warning text" 1 "$(count phrases 'frame.number == 8 && sipcodes.device == "0x814"')"
expect_equal "phrases: a request with a Warning gets its subtree" 1 \
    "$(count phrases 'sip.Request-Line && sipcodes && !sipcodes.code && sipcodes.warning.code == 370')"

# 4. RFC 8606 location of Q.850 Reason values, names and texts from
# data/reason_locations.tsv; the location of the SIP value is ignored.
loc_col() { awk -F'\t' -v t="$1" -v c="$2" '$1 == t { print $c }' "$data/reason_locations.tsv"; }
{
    printf '%s\t%s\t%s\t%s\n' 10 RLN "$(loc_col RLN 3)" "$(loc_col RLN 4)"
    printf '%s\t%s\t%s\t%s\n' 11 loc-12 "$(loc_col LOC-12 3)" "$(loc_col LOC-12 4)"
} > "$out/loc.want"
tshark_sipcodes -- -r "$cap" -o sipcodes.language:en -Y sipcodes.reason.location -T fields -E occurrence=a \
    -E 'aggregator=|' -e frame.number -e sipcodes.reason.location -e sipcodes.reason.location.name \
    -e sipcodes.reason.location.description 2>/dev/null > "$out/loc.got"
expect_same_file "phrases: Reason location, name, description" "$out/loc.want" "$out/loc.got"
expect_equal "phrases: the location of a SIP Reason value is ignored" 0 \
    "$(count phrases 'sipcodes.reason.location == "TN"')"
expect_equal "phrases: location description in German" "$(loc_col RLN 6)" \
    "$(tshark_sipcodes -- -r "$cap" -o sipcodes.language:de -Y 'frame.number == 10' -T fields \
        -e sipcodes.reason.location.description 2>/dev/null)"

# 5. Every row of warn_codes.tsv and reason_locations.tsv (the captures
# warn_codes and reason_locations, one response per row), in every language.
for lang in en ru de; do
    col=$(awk -F'\t' -v l="desc_$lang" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == l) print i }' "$data/warn_codes.tsv")
    awk -F'\t' -v c="$col" 'NR > 1 { print $1 + 0 "\t" $2 "\t" $c }' "$data/warn_codes.tsv" > "$out/wc.want"
    cap=$(test_capture warn_codes) || exit 1
    tshark_sipcodes -- -r "$cap" -o "sipcodes.language:$lang" -T fields -e sipcodes.warning.code \
        -e sipcodes.warning.text -e sipcodes.warning.description 2>/dev/null > "$out/wc.got"
    expect_same_file "every warn-code of warn_codes.tsv ($lang)" "$out/wc.want" "$out/wc.got"
    col=$(awk -F'\t' -v l="desc_$lang" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == l) print i }' "$data/reason_locations.tsv")
    awk -F'\t' -v c="$col" 'NR > 1 { print $1 "\t" $3 "\t" $c }' "$data/reason_locations.tsv" > "$out/rl.want"
    cap=$(test_capture reason_locations) || exit 1
    tshark_sipcodes -- -r "$cap" -o "sipcodes.language:$lang" -T fields -e sipcodes.reason.location \
        -e sipcodes.reason.location.name -e sipcodes.reason.location.description 2>/dev/null > "$out/rl.got"
    expect_same_file "every location of reason_locations.tsv ($lang)" "$out/rl.want" "$out/rl.got"
done
expect_equal "warn_codes: no registered warn-code is flagged" 0 "$(count warn_codes 'sipcodes.warning.unknown')"

finish
