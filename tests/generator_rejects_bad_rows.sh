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
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
