#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The CLI and the plugin show one explanation: for every response of the
# captures written from data/ (every code and every variant row), what
# sipcodes-lookup "CODE PHRASE" prints equals the plugin's fields.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
: "${SIPCODES_LOOKUP:?set SIPCODES_LOOKUP to the built sipcodes-lookup}"
e2e_start

# outcome and phrase.kind last: blanked below where the CLI has none
keys=(code phrase class standard_phrase rfc registry variant variant.category device q850 q850.name outcome phrase.kind)
fields=()
for k in "${keys[@]}"; do fields+=(-e "sipcodes.$k"); done

for name in codes variants; do
    cap=$(test_capture "$name")
    tshark_sipcodes -- -r "$cap" -Y sipcodes -T fields -E separator=/t -E occurrence=a -E aggregator=, \
        -e sip.CSeq.method "${fields[@]}" 2>/dev/null > "$out/$name.plugin"
    rows=0
    # tabs are IFS white space and would fold empty fields: split on \x1f
    while IFS=$'\x1f' read -r method code phrase rest; do
        rows=$((rows + 1))
        want=$(printf '%s\x1f%s\x1f%s' "$code" "$phrase" "$rest" | tr '\037' '\t')
        [ "$method" = INVITE ] || want=$(printf '%s' "$want" | awk -F'\t' -v OFS='\t' '{ $(NF - 1) = ""; print }')
        # a bare code is a lookup without a phrase: no kind
        [ -n "$phrase" ] || want=$(printf '%s' "$want" | awk -F'\t' -v OFS='\t' '{ $NF = ""; print }')
        arg="$code${phrase:+ $phrase}"
        got=$("$SIPCODES_LOOKUP" --lang en -- "$arg" 2>&1 | awk -F': ' -v keys="${keys[*]}" -v invite="$method" '
            BEGIN { n = split(keys, k, " ") }
            { key = $1; sub(/^[^:]*: /, ""); if (key in v) v[key] = v[key] "," $0; else v[key] = $0 }
            END {
                if (invite != "INVITE") v["outcome"] = ""
                for (i = 1; i <= n; i++) printf "%s%s", v[k[i]], (i < n ? "\t" : "\n")
            }')
        expect_equal "$name row $rows ($arg)" "$want" "$got"
    done < <(tr '\t' '\037' < "$out/$name.plugin")
    [ "$rows" -gt 0 ] && pass || fail "$name: no responses read from the capture"
done
finish
