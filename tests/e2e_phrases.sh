#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end, the phrase rules of data/README.md through tshark: the kind
# of every phrase of data/phrase_kinds_expected.tsv (the capture
# phrase_kinds, one response per row), and tests/captures/phrases.txt with
# kinds, hints and expert notes worked out by hand from the data tables.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
data=${SIPCODES_DATA_DIR:-"$here/../data"}
require_plugin
out=$sipcodes_home/out
mkdir -p "$out"

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

# 2. tests/captures/phrases.txt, frame by frame: code, kind, hint, word.
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
EOF
fields phrases sipcodes.code sipcodes.phrase.kind sipcodes.phrase.hint sipcodes.phrase.hint.word > "$out/phrases.got"
expect_same_file "phrases: kind and hint of each response" "$out/phrases.want" "$out/phrases.got"
expect_equal "phrases: unknown-phrase note on the unknown and hinted ones only" 3 \
    "$(count phrases 'sipcodes.phrase_nonstandard.unknown')"
expect_equal "phrases: paraphrase note (487, 100)" 2 "$(count phrases 'sipcodes.phrase.paraphrase')"
expect_equal "phrases: the paraphrase note is a chat" 2 \
    "$(count phrases '_ws.expert.severity == chat && _ws.expert.message contains "rewords the standard"')"

finish
