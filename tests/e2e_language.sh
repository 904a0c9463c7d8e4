#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end: descriptions follow the sipcodes.language preference, and
# "auto" follows LC_ALL, then LC_MESSAGES, then LANG, falling back to en.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
sipcodes_sandbox
data=${SIPCODES_DATA_DIR:-"$here/../data"}
require_plugin
cap=$(test_capture "edge_codes") || exit 1

column() { case $1 in en) echo 5 ;; ru) echo 6 ;; de) echo 7 ;; esac; }
# Frame 5 is "480 No money left": code, variant and device descriptions.
expected() { # LANG
    local c=$(( $(column "$1") ))
    printf '%s\t%s\t%s\n' \
        "$(awk -F'\t' -v c="$c" '$1 == 480 { print $c }' "$data/codes.tsv")" \
        "$(awk -F'\t' -v c="$((c - 1))" '$1 == 480 && $2 == "No money left" { print $c }' "$data/variants.tsv")" \
        "$(awk -F'\t' -v c="$((c - 1))" '$1 == "0x480" { print $c }' "$data/device_codes.tsv")"
}
descriptions() { # ENV... -- TSHARK-OPTIONS...
    tshark_sipcodes "$@" -r "$cap" -Y 'frame.number == 5' -T fields -E occurrence=f \
        -e sipcodes.description -e sipcodes.variant.description -e sipcodes.device.description 2>/dev/null
}

for lang in en ru de; do
    want=$(expected "$lang")
    case "$want" in $'\t'*|*$'\t'|*$'\t\t'*) fail "data has no $lang text for 480 / No money left / 0x480"; continue ;; esac
    expect_equal "-o sipcodes.language:$lang" "$want" "$(descriptions -- -o "sipcodes.language:$lang")"
done
expect_equal "auto with LANG=ru_RU.UTF-8" "$(expected ru)" "$(descriptions LC_ALL= LANG=ru_RU.UTF-8 -- -o sipcodes.language:auto)"
expect_equal "auto with LC_MESSAGES=de_DE over LANG=ru_RU" "$(expected de)" \
    "$(descriptions LC_ALL= LC_MESSAGES=de_DE.UTF-8 LANG=ru_RU.UTF-8 -- -o sipcodes.language:auto)"
expect_equal "auto with LANG=fr_FR falls back to en" "$(expected en)" "$(descriptions LC_ALL= LANG=fr_FR.UTF-8 -- )"
expect_equal "explicit ru beats LANG=de_DE" "$(expected ru)" "$(descriptions LC_ALL= LANG=de_DE.UTF-8 -- -o sipcodes.language:ru)"
expect_equal "auto with LC_ALL=C.UTF-8 over LANG=ru_RU" "$(expected en)" "$(descriptions LC_ALL=C.UTF-8 LANG=ru_RU.UTF-8 -- )"

# Non-ASCII survives the trip: the Russian text is valid UTF-8 with Cyrillic.
ru=$(descriptions -- -o sipcodes.language:ru)
if printf '%s' "$ru" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 && printf '%s' "$ru" | grep -q 'д'; then pass; else fail "Russian text is not UTF-8 Cyrillic: $ru"; fi
de=$(tshark_sipcodes -- -r "$cap" -o sipcodes.language:de -Y 'frame.number == 2' -T fields -e _ws.expert.message 2>/dev/null)
[ -n "$de" ] && pass || fail "no expert message for 099"

finish
