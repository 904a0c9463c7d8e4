#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end: the "sipcodes" statistics tree counts what the fields say.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_start

# Tree lines "<indent><name>  <count> ..." as "depth<TAB>name<TAB>count".
tree_counts() {
    tshark_sipcodes -- -q -r "$1" -z sipcodes,tree 2>/dev/null | awk '
        /^(SIP responses|INVITE outcomes| +[^ ])/ {
            match($0, /^ */); depth = RLENGTH
            line = substr($0, depth + 1)
            if (!match(line, /  +[0-9]+ /)) next
            name = substr(line, 1, RSTART - 1); count = substr(line, RSTART, RLENGTH) + 0
            if (depth == 0) top = name
            printf "%s\t%d\t%s\t%d\n", top, depth, name, count
        }'
}

# Field values, one per occurrence, counted.
field_counts() { # CAPTURE FIELD
    tshark_sipcodes -- -r "$1" -T fields -E occurrence=a -E aggregator=$'\x1f' -e "$2" 2>/dev/null \
        | tr $'\x1f' '\n' | grep -v '^$' | sort | uniq -c | awk '{ c = $1; $1 = ""; sub(/^ /, ""); print $0 "\t" c }' | sort
}

for name in codes variants headers edge_codes tcp_two_responses outcomes; do
    cap=$(test_capture "$name") || exit 1
    tree_counts "$cap" > "$out/$name.tree"
    if [ ! -s "$out/$name.tree" ]; then fail "$name: empty statistics tree"; continue; fi

    # classes (depth 1 under "SIP responses")
    awk -F'\t' '$1 == "SIP responses" && $2 == 1 { print $3 "\t" $4 }' "$out/$name.tree" | sort > "$out/$name.classes"
    field_counts "$cap" sipcodes.class > "$out/$name.classes.fields"
    expect_same_file "$name: classes" "$out/$name.classes.fields" "$out/$name.classes"

    # codes (depth 2): "480 Temporarily Unavailable" -> 480
    awk -F'\t' '$1 == "SIP responses" && $2 == 2 { split($3, w, " "); n[w[1] + 0] += $4 }
        END { for (c in n) print c "\t" n[c] }' "$out/$name.tree" | sort > "$out/$name.codes"
    field_counts "$cap" sipcodes.code > "$out/$name.codes.fields"
    expect_same_file "$name: codes" "$out/$name.codes.fields" "$out/$name.codes"

    # variants (depth 3 "variant: <phrase> (<category>)")
    awk -F'\t' '$1 == "SIP responses" && $2 == 3 && $3 ~ /^variant: / { v = substr($3, 10); sub(/ \([a-z]+\)$/, "", v); n[v] += $4 }
        END { for (v in n) print v "\t" n[v] }' "$out/$name.tree" | sort > "$out/$name.variants"
    field_counts "$cap" sipcodes.variant > "$out/$name.variants.fields"
    expect_same_file "$name: variants" "$out/$name.variants.fields" "$out/$name.variants"

    # outcomes (depth 1 under "INVITE outcomes")
    awk -F'\t' '$1 == "INVITE outcomes" && $2 == 1 { print $3 "\t" $4 }' "$out/$name.tree" | sort > "$out/$name.outcomes"
    field_counts "$cap" sipcodes.outcome > "$out/$name.outcomes.fields"
    expect_same_file "$name: outcomes" "$out/$name.outcomes.fields" "$out/$name.outcomes"

    # the root equals the number of responses
    total=$(awk -F'\t' '$1 == "SIP responses" && $2 == 0 { print $4 }' "$out/$name.tree")
    expect_equal "$name: total responses" "$(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$out/$name.classes.fields")" "${total:-0}"
done

# Non-standard phrases that are no known variant show as "nonstandard: <phrase>".
cap=$(test_capture "edge_codes") || exit 1
expect_equal "edge: nonstandard node" 1 "$(tree_counts "$cap" | awk -F'\t' '$3 == "nonstandard: Gone Fishing" { print $4 }')"

finish
