#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end: the fields real tshark exports with the built plugin, for the
# committed captures. Expected values come from the data tables (read here
# with awk) and from hand-written files in tests/expected/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
data=${SIPCODES_DATA_DIR:-"$here/../data"}
e2e_start

# fields CAPTURE FIELD... : one line per frame, occurrences joined by ","
fields() {
    local cap args=() bools=() i=0
    cap=$(test_capture "$1") || exit 1; shift
    for f in "$@"; do
        args+=(-e "$f"); i=$((i + 1))
        if is_boolean_field "$f"; then bools+=("$i"); fi
    done
    tshark_sipcodes -- -r "$cap" -T fields -E occurrence=a -E aggregator=, "${args[@]}" 2>"$out/stderr" \
        | bool_columns_to_01 "${bools[@]}"
    [ -s "$out/stderr" ] && fail "tshark wrote to stderr: $(head -c 300 "$out/stderr")"
}

count() { # CAPTURE FILTER
    local cap
    cap=$(test_capture "$1") || exit 1
    tshark_sipcodes -- -r "$cap" -Y "$2" 2>/dev/null | wc -l
}

# 1. Every code of codes.tsv: class, phrases, rfc, registry, description.
awk -F'\t' -v OFS='\t' "$sipcodes_class_awk"'
    NR > 1 { print $1 + 0, class($1 + 0), $2, $2, ($2 == "" ? "" : "0"), $3, $4, $5 }' \
    "$data/codes.tsv" > "$out/codes.expected"
fields codes sipcodes.code sipcodes.class sipcodes.phrase sipcodes.standard_phrase \
    sipcodes.phrase_nonstandard sipcodes.rfc sipcodes.registry sipcodes.description > "$out/codes.actual"
expect_same_file "every code of codes.tsv" "$out/codes.expected" "$out/codes.actual"

# 2. Every vendor variant of variants.tsv.
awk -F'\t' -v OFS='\t' 'FNR == 1 { next }
    FILENAME ~ /codes.tsv$/ { std[$1 + 0] = $2; next }
    { print $1 + 0, $2, $2, $3, $4, (std[$1 + 0] == "" ? "" : "1") }' \
    "$data/codes.tsv" "$data/variants.tsv" > "$out/variants.expected"
fields variants sipcodes.code sipcodes.phrase sipcodes.variant sipcodes.variant.category \
    sipcodes.variant.description sipcodes.phrase_nonstandard > "$out/variants.actual"
expect_same_file "every variant of variants.tsv" "$out/variants.expected" "$out/variants.actual"

# 3. Every device code: on the wire, or as a Reason text token on a 500.
awk -F'\t' -v OFS='\t' "$sipcodes_class_awk"'
    NR == 1 { next }
    { dev[NR] = $1; sip[NR] = $2; desc[NR] = $4; if ($2 == 500) dev500 = $1 }
    END { for (i = 2; i <= NR; i++)
            if (sip[i] != "") print class(sip[i]), dev[i], desc[i]
            else print "server", (dev500 == "" ? "" : dev500 ",") dev[i], desc[i] }' \
    "$data/device_codes.tsv" > "$out/devices.expected"
cap=$(test_capture "devices") || exit 1
paste <(tshark_sipcodes -- -r "$cap" -T fields -E occurrence=a -E aggregator=, -e sipcodes.class -e sipcodes.device 2>/dev/null) \
      <(tshark_sipcodes -- -r "$cap" -T fields -E occurrence=l -e sipcodes.device.description 2>/dev/null) \
      > "$out/devices.actual"
expect_same_file "every device code of device_codes.tsv" "$out/devices.expected" "$out/devices.actual"

# 4. Call outcome for the first code of every outcomes.tsv row (narrowest range wins).
awk -F'\t' -v OFS='\t' 'NR == 1 { next }
    { first[NR] = $1 + 0; last[NR] = $2 + 0; what[NR] = $3 }
    END { for (i = 2; i <= NR; i++) {
            c = first[i]; best = ""; width = 100000
            for (j = 2; j <= NR; j++)
                if (first[j] <= c && c <= last[j] && last[j] - first[j] < width) { width = last[j] - first[j]; best = what[j] }
            print c, best } }' "$data/outcomes.tsv" > "$out/outcomes.expected"
fields outcomes sipcodes.code sipcodes.outcome > "$out/outcomes.actual"
expect_same_file "outcome of every outcomes.tsv row" "$out/outcomes.expected" "$out/outcomes.actual"

# 5. Hand-written expectations: the header line names the fields.
for expected in "$here"/expected/*.tsv; do
    name=$(basename "$expected" .tsv)
    IFS=$'\t' read -r -a cols < "$expected"
    tail -n +2 "$expected" > "$out/$name.expected"
    fields "$name" "${cols[@]}" > "$out/$name.actual"
    expect_same_file "$name" "$out/$name.expected" "$out/$name.actual"
done

# 6. Display filters select exactly what they should.
global_rows=$(awk -F'\t' 'NR > 1 && $1 >= 600 && $1 <= 699' "$data/codes.tsv" | wc -l)
expect_equal 'codes: sipcodes.class == "global"' "$global_rows" "$(count codes 'sipcodes.class == "global"')"
expect_equal 'codes: global == 6xx by the SIP dissector' \
    "$(count codes 'sip.Status-Code >= 600 && sip.Status-Code <= 699')" "$(count codes 'sipcodes.class == "global"')"
expect_equal 'headers: sipcodes.class == "global"' 1 "$(count headers 'sipcodes.class == "global"')"
expect_equal 'edge: a request gets a subtree only for its call, a Reason or a Warning' 0 \
    "$(count edge_codes 'sip.Request-Line && sipcodes && !sipcodes.call && !sipcodes.reason && !sipcodes.warning')"
expect_equal 'edge: the INVITE carries its call' 1 "$(count edge_codes 'sip.Request-Line && sipcodes.call')"
expect_equal 'edge: every response has a subtree' \
    "$(count edge_codes 'sip.Status-Line')" "$(count edge_codes 'sip.Status-Line && sipcodes')"

# 7. Expert information, one filter per condition.
expect_equal 'expert: out of range (099, 800)' 2 "$(count edge_codes 'sipcodes.out_of_range')"
expect_equal 'expert: device code on the wire (701)' 1 "$(count edge_codes 'sipcodes.device.on_wire')"
expect_equal 'expert: known variant' 1 "$(count edge_codes 'sipcodes.variant.known')"
expect_equal 'expert: unknown non-standard phrase (empty 183, Gone Fishing)' 2 \
    "$(count edge_codes 'sipcodes.phrase_nonstandard.unknown')"
expect_equal 'expert: deprecated/obsolete (202, 409)' 2 "$(count headers 'sipcodes.deprecated')"
expect_equal 'expert: Q.850 mismatch (486 with cause 1)' 1 "$(count headers 'sipcodes.reason.q850.mismatch')"
expect_equal 'expert: message names the variant' 1 \
    "$(count edge_codes '_ws.expert.message contains "No money left" && _ws.expert.group == 0x0b000000')"
unregistered_rows=$(awk -F'\t' 'NR > 1 && $4 == "unregistered" && $1 >= 100 && $1 <= 699' "$data/codes.tsv" | wc -l)
expect_equal 'expert: unregistered 1xx-6xx codes in codes.tsv' "$unregistered_rows" "$(count codes 'sipcodes.unregistered')"

# 8. Every documented field is registered with a blurb, and every
# registered field is documented.
tshark_sipcodes -- -G fields 2>/dev/null | awk -F'\t' '$1 == "F" && $3 ~ /^sipcodes\./' > "$out/registered"
for f in $sipcodes_documented_fields; do
    line=$(awk -F'\t' -v f="$f" '$3 == f' "$out/registered")
    if [ -z "$line" ]; then fail "field $f is not registered"; continue; fi
    blurb=$(printf '%s' "$line" | awk -F'\t' '{ print $NF }')
    if [ -z "$blurb" ] || [ "$blurb" = "0x0" ]; then fail "field $f has no blurb"; else pass; fi
done
for f in $(cut -f3 "$out/registered"); do
    case " $(echo $sipcodes_documented_fields $sipcodes_documented_experts) " in
        *" $f "*) pass ;;
        *) fail "registered field $f is not documented (README, tests/lib.sh)" ;;
    esac
done

finish
