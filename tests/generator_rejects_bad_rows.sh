#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The table generator stops on a malformed data row and names file, line
# and column; on good data it succeeds.
set -u
gen=${SIPCODES_GEN:?set SIPCODES_GEN to the built sipcodes_gen}
here=$(cd "$(dirname "$0")" && pwd)
data=${SIPCODES_DATA_DIR:-"$here/../data"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { # name, expected message (grep -F), sed program, file
    rm -rf "$work/data" && cp -r "$data" "$work/data"
    sed -i "$3" "$work/data/$4"
    if "$gen" "$work/data" "$work/out.c" 2> "$work/err"; then
        echo "FAIL: $1: generator accepted the bad row"; failed=$((failed + 1))
    elif grep -qF -- "$2" "$work/err"; then
        passed=$((passed + 1))
    else
        echo "FAIL: $1: expected [$2] in:"; cat "$work/err"; failed=$((failed + 1))
    fi
}

if "$gen" "$data" "$work/out.c" && grep -q 'sc_codes\[\]' "$work/out.c"; then
    passed=$((passed + 1))
else
    echo "FAIL: generator rejects the shipped data"; failed=$((failed + 1))
fi
check "empty Russian description" "codes.tsv:2:6: desc_ru is empty" '2s/^\([^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t\)[^\t]*/\1/' codes.tsv
check "code out of range" "variants.tsv:2:1: code '800' is not a status code 100..799" '2s/^[0-9]*/800/' variants.tsv
check "unknown category" "variants.tsv:3:3: category 'money' is not a known category" '3s/^\([^\t]*\t[^\t]*\t\)[^\t]*/\1money/' variants.tsv
check "missing field" "device_codes.tsv:4:1: row has 6 fields, expected 7" '4s/\t[^\t]*$//' device_codes.tsv
check "standard phrase as variant" "is the standard one, not a variant" '2s/^[^\t]*\t[^\t]*/480\tTemporarily  unavailable/' variants.tsv
check "cause not in q850.tsv" "cause 126 is not in q850.tsv" '2s/\t[0-9]*\t/\t126\t/' sip_to_q850.tsv
check "bad rfc" "rfc 'RFC3261' is not written 'RFC <number>'" '2s/RFC 3261/RFC3261/' codes.tsv
check "duplicate code" "repeats line 2" '3s/^[0-9]*/100/' codes.tsv
check "header renamed" "header column 2 must be 'phrase'" '1s/phrase/text/' codes.tsv
# closed sets (sets.tsv) and the columns they imply
check "unknown registry" "codes.tsv:2:4: registry 'listed' is not a known registry (registered, deprecated, obsolete, unregistered)" '2s/\tregistered\t/\tlisted\t/' codes.tsv
check "unknown device kind" "device_codes.tsv:2:3: kind 'boot' is not a known device_kind" '2s/^\([^\t]*\t[^\t]*\t\)[^\t]*/\1boot/' device_codes.tsv
check "unknown outcome" "outcomes.tsv:2:3: outcome 'won' is not a known outcome" '2s/answered/won/' outcomes.tsv
check "set member repeats" "sets.tsv:5:2: lang 'ru' repeats line 3" '4a lang\tru\tRussian again\tISO 639-1' sets.tsv
check "set name not lowercase" "sets.tsv:2:2: name 'EN' is not lowercase ASCII letters and digits with inner '-'" '2s/\ten\t/\tEN\t/' sets.tsv
check "required set missing" "sets.tsv:1:1: set 'outcome' has no member" '/^outcome\t/d' sets.tsv
check "new language needs its column" "codes.tsv:1:8: header column 8 must be 'desc_fr'" '4a lang\tfr\tFrench\tISO 639-1' sets.tsv
# hints.tsv
check "hint keyword not lowercase" "hints.tsv:2:1: keyword 'Balance' is not lowercase" '2s/^[^\t]*/Balance/' hints.tsv
first_hint=$(awk -F'\t' 'NR == 2 { print $1 }' "$data/hints.tsv")
check "hint keyword repeats" "hints.tsv:3:1: keyword '$first_hint' repeats line 2" "3s/^[^\t]*/$first_hint/" hints.tsv
check "hint category" "hints.tsv:2:2: category 'cash' is not a known category" '2s/^\([^\t]*\t\)[^\t]*/\1cash/' hints.tsv
check "hint without %s" "hints.tsv:2:3: desc_en must contain '%s' exactly once" '2s/^\([^\t]*\t[^\t]*\t[^\t]*\)%s/\1it/' hints.tsv
check "hint with %s twice" "hints.tsv:2:4: desc_ru must contain '%s' exactly once" '2s/^\([^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\)%s/\1%s %s/' hints.tsv
check "hint with another %" "hints.tsv:2:5: desc_de has a '%' that is not '%s'" '2s/^\([^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\)%s/\1%s 5%/' hints.tsv
check "phrase_kind set missing" "sets.tsv:1:1: set 'phrase_kind' has no member" '/^phrase_kind\t/d' sets.tsv
# paraphrases.tsv: lowercase words, '-' for dropped words, an optional code
check "paraphrase words not lowercase" "paraphrases.tsv:2:1: words 'A' is not lowercase words" '2s/^a\t/A\t/' paraphrases.tsv
check "paraphrase words with two blanks" "paraphrases.tsv:2:1: words 'no  such' is not lowercase words" '2s/^a\t/no  such\t/' paraphrases.tsv
check "paraphrase same_as neither - nor words" "paraphrases.tsv:2:2: same_as 'x-y' is not '-' nor lowercase words" '2s/^a\t-\t/a\tx-y\t/' paraphrases.tsv
check "paraphrase code out of range" "paraphrases.tsv:2:3: code '800' is neither empty nor a status code" '2s/^a\t-\t\t/a\t-\t800\t/' paraphrases.tsv
check "paraphrase repeats for the same code" "paraphrases.tsv:3:1: words 'a' repeat line 2 for the same code" '3s/^an\t/a\t/' paraphrases.tsv
# hint_weights.tsv: weight 1..3, codes and ranges, one row per keyword of hints.tsv
check "hint weight 4" "hint_weights.tsv:2:2: weight '4' is not 1, 2 or 3" '2s/^\([^\t]*\t\)[^\t]*/\14/' hint_weights.tsv
check "hint codes range reversed" "hint_weights.tsv:2:3: codes '599-500' has a range whose last code is below its first" '2s/^\([^\t]*\t[^\t]*\t\)[^\t]*/\1599-500/' hint_weights.tsv
check "hint codes not codes" "hint_weights.tsv:2:3: codes '5xx' is not a list of status codes" '2s/^\([^\t]*\t[^\t]*\t\)[^\t]*/\15xx/' hint_weights.tsv
check "hint codes empty part" "hint_weights.tsv:2:3: codes '480,' has an empty or overlong part" '2s/^\([^\t]*\t[^\t]*\t\)[^\t]*/\1480,/' hint_weights.tsv
check "weight of no keyword" "hint_weights.tsv:2:1: keyword 'zzz' is not in hints.tsv" '2s/^[^\t]*/zzz/' hint_weights.tsv
check "keyword without weight" "hints.tsv:2:1: keyword '$first_hint' has no row in hint_weights.tsv" "/^$first_hint\t/d" hint_weights.tsv
# warn_codes.tsv: unique 3xx warn-codes with their rfc
check "warn-code out of range" "warn_codes.tsv:2:1: code '299' is not a warn-code 300..399" '2s/^[0-9]*/299/' warn_codes.tsv
check "warn-code of four digits" "warn_codes.tsv:2:1: code '0300' is not a warn-code 300..399" '2s/^[0-9]*/0300/' warn_codes.tsv
check "warn-code repeats" "warn_codes.tsv:3:1: code '300' repeats line 2" '3s/^[0-9]*/300/' warn_codes.tsv
check "warn-code without rfc" "warn_codes.tsv:2:3: a warn-code needs its rfc" '2s/\tRFC [0-9]*\t/\t\t/' warn_codes.tsv
# reason_locations.tsv: RFC 8606 tokens, Q.850 values 0..15, each once
check "location lowercase" "reason_locations.tsv:2:1: location 'u' is not uppercase" '2s/^U\t/u\t/' reason_locations.tsv
check "location value 16" "reason_locations.tsv:2:2: value '16' is not a Q.850 location value 0..15" '2s/^U\t0\t/U\t16\t/' reason_locations.tsv
check "location value repeats" "reason_locations.tsv:3:2: value '0' repeats line 2" '3s/^LPN\t1\t/LPN\t0\t/' reason_locations.tsv
check "location token repeats" "reason_locations.tsv:3:1: location 'U' repeats line 2" '3s/^LPN\t/U\t/' reason_locations.tsv
check "LOC-n with another value" "reason_locations.tsv:8:2: LOC-6 does not carry value 7" 's/^LOC-6\t6\t/LOC-6\t7\t/; s/^INTL\t7\t/INTL\t6\t/' reason_locations.tsv

# a language is one line in sets.tsv plus one column per table
rm -rf "$work/data" && cp -r "$data" "$work/data"
sed -i '4a lang\tfr\tFrench\tISO 639-1' "$work/data/sets.tsv"
for t in codes variants device_codes q850 hints warn_codes reason_locations; do
    [ -f "$work/data/$t.tsv" ] || continue
    awk -F'\t' -v OFS='\t' '{ col = $0; n = split($0, f, "\t"); for (i = 1; i <= n; i++) if (f[i] == "desc_de") de = i;
        out = ""; for (i = 1; i <= n; i++) { out = out (i > 1 ? OFS : "") f[i]; if (i == de) out = out OFS (NR == 1 ? "desc_fr" : f[i]) }
        print out }' "$work/data/$t.tsv" > "$work/t" && mv "$work/t" "$work/data/$t.tsv"
done
if "$gen" "$work/data" "$work/out.c" 2> "$work/err" && grep -q 'SC_LANG_FR,' "$work/sc_sets.h" \
    && grep -q '#define SC_LANG_LIST "en, ru, de, fr"' "$work/sc_sets.h"; then
    passed=$((passed + 1))
else
    echo "FAIL: a fourth language in sets.tsv with its desc_fr columns:"; cat "$work/err"; failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
