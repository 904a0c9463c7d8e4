#!/usr/bin/env bash
# The tables of the phrase rules and headers are well formed: warn_codes.tsv,
# reason_locations.tsv, paraphrases.tsv, hint_weights.tsv, hint_corpus.tsv,
# phrase_kinds_expected.tsv: header, field count, keys, no empty field where
# one is required, every description language filled.
#   tests/data_tables.sh [DATA_DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-${SIPCODES_DATA_DIR:-"$here/../data"}}
pass=0 failc=0
check() { # file, expected header, awk program printing problems
    local f=$data/$1
    if [ ! -f "$f" ]; then echo "FAIL: $1: missing"; failc=$((failc + 1)); return; fi
    if [ "$(head -n 1 "$f")" != "$2" ]; then echo "FAIL: $1: header is not: $2"; failc=$((failc + 1)); return; fi
    local out
    out=$(awk -F'\t' -v file="$1" -v nf="$(awk -F'\t' '{ print NF; exit }' <<< "$2")" '
        NR == 1 { next }
        NF != nf { print file ":" NR ": " NF " fields, expected " nf; next }
        '"$3" "$f")
    if [ -z "$out" ]; then pass=$((pass + 1)); else
        while IFS= read -r l; do echo "FAIL: $l"; failc=$((failc + 1)); done <<< "$out"; fi
}
check warn_codes.tsv $'code\ttext\trfc\tdesc_en\tdesc_ru\tdesc_de\tsource' '
    $1 !~ /^3[0-9][0-9]$/ { print file ":" NR ": warn-code " $1 " is not 300..399" }
    seen[$1]++ { print file ":" NR ": warn-code " $1 " repeats" }
    $3 !~ /^RFC [0-9]+$/ { print file ":" NR ": rfc " $3 " is not written RFC <number>" }
    { for (i = 2; i <= 7; i++) if ($i == "") print file ":" NR ": field " i " is empty" }'
check reason_locations.tsv $'location\tvalue\tname\tdesc_en\tdesc_ru\tdesc_de\tsource' '
    $1 !~ /^(U|LPN|LN|TN|RLN|RPN|INTL|BI|LOC-[0-9]+)$/ { print file ":" NR ": location " $1 " is no RFC 8606 token" }
    $2 !~ /^[0-9]+$/ || $2 > 15 { print file ":" NR ": value " $2 " is not 0..15" }
    $1 ~ /^LOC-/ && $1 != "LOC-" $2 { print file ":" NR ": " $1 " does not carry value " $2 }
    seen[$2]++ { print file ":" NR ": value " $2 " repeats" }
    { n++; for (i = 3; i <= 7; i++) if ($i == "") print file ":" NR ": field " i " is empty" }
    END { if (n != 16) print file ": " n " values, expected the 16 of Q.850" }'
check paraphrases.tsv $'words\tsame_as\tcode\tsource' '
    $1 !~ /^[a-z0-9]+( [a-z0-9]+)*$/ { print file ":" NR ": words " $1 " are not lowercase words" }
    $2 != "-" && $2 !~ /^[a-z0-9]+( [a-z0-9]+)*$/ { print file ":" NR ": same_as " $2 " is neither - nor lowercase words" }
    $3 != "" && $3 !~ /^[1-7][0-9][0-9]$/ { print file ":" NR ": code " $3 " is not a status code" }
    seen[$1 "\t" $3]++ { print file ":" NR ": " $1 " repeats for code " $3 }'
check hint_weights.tsv $'keyword\tweight\tcodes\tsource' '
    $2 !~ /^[123]$/ { print file ":" NR ": weight " $2 " is not 1, 2 or 3" }
    $3 != "" && $3 !~ /^[1-7][0-9][0-9](-[1-7][0-9][0-9])?(,[1-7][0-9][0-9](-[1-7][0-9][0-9])?)*$/ { print file ":" NR ": codes " $3 " is not a list of codes and ranges" }'
check hint_corpus.tsv $'code\tphrase\tcategory\tsource' '
    $1 !~ /^[1-7][0-9][0-9]$/ { print file ":" NR ": code " $1 }
    $2 == "" { print file ":" NR ": empty phrase" }
    seen[$1 "\t" tolower($2)]++ { print file ":" NR ": " $1 " " $2 " repeats" }'
check phrase_kinds_expected.tsv $'code\tphrase\tkind\tsource' '
    $1 !~ /^[1-7][0-9][0-9]$/ { print file ":" NR ": code " $1 }
    $3 !~ /^(standard|paraphrase|variant|unknown)$/ { print file ":" NR ": kind " $3 }'
echo "$pass passed, $failc failed"
[ "$failc" -eq 0 ]
