#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end: the "SIP reason variants" user table. Good rows apply without a
# rebuild and override built-in rows; a bad row is rejected with a message
# naming its line and field, and the other rows still load.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
sipcodes_sandbox
require_plugin

table=$sipcodes_home/.config/wireshark/sipcodes_variants
cap=$(test_capture "edge_codes") || exit 1

run() { # TABLE-TEXT -> fields of frames 5 and 8 in $out, stderr in $err
    printf '%s\n' "$1" > "$table"
    chmod a+r "$table"
    out=$(tshark_sipcodes -- -r "$cap" -o sipcodes.language:ru -Y 'frame.number == 5 || frame.number == 8' -T fields \
        -e frame.number -e sipcodes.variant -e sipcodes.variant.category -e sipcodes.variant.description 2>"$sipcodes_home/err")
    err=$(cat "$sipcodes_home/err")
}

good1='"480","Gone Fishing","other","The operator went fishing","Оператор ушёл на рыбалку","Der Betreiber angelt"'
good2='"480","no MONEY left","account","Overridden","Переопределено","Überschrieben"'

# Only good rows: both apply, no complaint.
run "$good1"$'\n'"$good2"
expect_equal "good rows: frame 5 overridden, frame 8 added" \
    $'5\tno MONEY left\taccount\tПереопределено\n8\tGone Fishing\tother\tОператор ушёл на рыбалку' "$out"
expect_equal "good rows: nothing on stderr" "" "$err"

# Without the table: the built-in row, and no variant for "Gone Fishing".
rm -f "$table"
out=$(tshark_sipcodes -- -r "$cap" -Y 'frame.number == 5 || frame.number == 8' -T fields -e frame.number -e sipcodes.variant.category 2>/dev/null)
expect_equal "no table: built-in rows only" $'5\tbilling\n8\t' "$out"

# One bad row at a time, each between the two good rows.
check_bad() { # NAME BAD-ROW EXPECTED-MESSAGE
    run "$good1"$'\n'"$2"$'\n'"$good2"
    case "$err" in
        *"sipcodes_variants:2: $3"*) pass ;;
        *) fail "$1: expected [sipcodes_variants:2: $3] in stderr, got [$err]" ;;
    esac
    expect_equal "$1: good rows still apply" \
        $'5\tno MONEY left\taccount\tПереопределено\n8\tGone Fishing\tother\tОператор ушёл на рыбалку' "$out"
}
check_bad "code 1000" '"1000","Too Big","other","x","x","x"' "field 'code': '1000' is not a status code 100-799"
check_bad "code 099" '"099","Too Small","other","x","x","x"' "field 'code': '099' is not a status code 100-799"
check_bad "empty phrase" '"480","","billing","x","x","x"' "row 480: field 'phrase' is empty"
check_bad "unknown category" '"486","Busy Busy","nonsense","x","x","x"' "row 486 \"Busy Busy\": field 'category': 'nonsense' is not one of"
check_bad "newline in phrase" '"486","Line\x0aBreak","other","x","x","x"' "row 486: field 'phrase' contains a newline"
check_bad "newline in description" '"486","Busy Busy","other","one\x0atwo","x","x"' "row 486 \"Busy Busy\": field 'desc_en' contains a newline"

# A bad row does not apply: the built-in row stays.
data=${SIPCODES_DATA_DIR:-"$here/../data"}
builtin_ru=$(awk -F'\t' '$1 == 480 && tolower($2) == "no money left" { print $5 }' "$data/variants.tsv")
run "$good1"$'\n''"480","No money left","nonsense","x","x","x"'
expect_equal "bad row ignored" $'5\tNo money left\tbilling\t'"$builtin_ru"$'\n8\tGone Fishing\tother\tОператор ушёл на рыбалку' "$out"

finish
