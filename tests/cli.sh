#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End-to-end test of the sipcodes-lookup tool: exact output lines and exit
# codes. Expected descriptions come from the data files, never from the tool.
# Needs SIPCODES_LOOKUP (the built binary) and SIPCODES_DATA_DIR (data/).
set -u

: "${SIPCODES_LOOKUP:?set SIPCODES_LOOKUP to the built sipcodes-lookup}"
: "${SIPCODES_DATA_DIR:?set SIPCODES_DATA_DIR to the data folder}"

pass_count=0
fail_count=0
pass() { pass_count=$((pass_count + 1)); }
fail() { echo "FAIL: $*" >&2; fail_count=$((fail_count + 1)); }
finish() {
    echo "$pass_count passed, $fail_count failed"
    [ "$fail_count" -eq 0 ]
}

tmp=$(mktemp -d /tmp/sipcodes-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$SIPCODES_LOOKUP" ]; then
    fail "no executable at SIPCODES_LOOKUP=$SIPCODES_LOOKUP"
    finish
    exit 1
fi

# --- data ------------------------------------------------------------------

# col FILE KEY COLUMN: COLUMN of the row of data/FILE whose first field is KEY.
col() {
    awk -F'\t' -v key="$2" -v name="$3" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
        c && $1 == key { print $c; exit }' "$SIPCODES_DATA_DIR/$1"
}

# variant_col CODE PHRASE COLUMN: COLUMN of the variants.tsv row for CODE and
# PHRASE (phrase compared case-insensitively, like the tool does).
variant_col() {
    awk -F'\t' -v code="$1" -v phrase="$2" -v name="$3" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
        c && $1 == code && tolower($2) == tolower(phrase) { print $c; exit }' "$SIPCODES_DATA_DIR/variants.tsv"
}

data_rows() { awk 'NR > 1 && $0 != ""' "$SIPCODES_DATA_DIR/$1" | wc -l; }

# --- running the tool --------------------------------------------------------

# lookup [NAME=VALUE...] -- ARGS...: runs the tool with no locale variables
# but the ones given; sets out, err and rc.
lookup() {
    local envs=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    env -u LC_ALL -u LC_MESSAGES -u LANG "${envs[@]}" "$SIPCODES_LOOKUP" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}

# --- assertions --------------------------------------------------------------

expect_rc() { # NAME EXPECTED
    if [ "$rc" = "$2" ]; then pass; else fail "$1: exit status $rc, expected $2 (stderr: $err)"; fi
}

# expect_key NAME KEY VALUE: the output has exactly one KEY line, "KEY: VALUE".
expect_key() {
    if [ -z "$3" ]; then
        fail "$1: no expected value for '$2' (missing in the data?)"
        return
    fi
    local got
    got=$(printf '%s\n' "$out" | awk -v k="$2: " 'index($0, k) == 1')
    if [ "$got" = "$2: $3" ]; then pass; else fail "$1: expected [$2: $3], got [$got]"; fi
}

# expect_lines NAME KEY VALUE...: the KEY lines, in order, are exactly these.
expect_lines() {
    local name=$1 key=$2 want="" v
    shift 2
    for v in "$@"; do want+="$key: $v"$'\n'; done
    local got
    got=$(printf '%s\n' "$out" | awk -v k="$key: " 'index($0, k) == 1')$'\n'
    if [ "$got" = "$want" ]; then pass; else fail "$name: expected [${want%$'\n'}], got [${got%$'\n'}]"; fi
}

expect_no_key() { # NAME KEY
    if printf '%s\n' "$out" | awk -v k="$2: " 'index($0, k) == 1 { found = 1 } END { exit !found }'; then
        fail "$1: unexpected line [$(printf '%s\n' "$out" | grep -F -m1 "$2: ")]"
    else
        pass
    fi
}

# expect_error NAME WORD: exit 2, nothing on stdout, one line on stderr that
# starts with the program name and contains WORD.
expect_error() {
    expect_rc "$1" 2
    if [ -z "$out" ]; then pass; else fail "$1: stdout should be empty, got [$out]"; fi
    if [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [ "${err#sipcodes-lookup: }" != "$err" ] \
        && [ "${err#*"$2"}" != "$err" ]; then
        pass
    else
        fail "$1: expected one line 'sipcodes-lookup: ...$2...' on stderr, got [$err]"
    fi
}

# --- a bare status code --------------------------------------------------------

lookup -- 480
expect_rc "480" 0
expect_key "480" code 480
expect_key "480" class client
expect_key "480" rfc "RFC 3261"
expect_key "480" registry registered
expect_key "480" standard_phrase "$(col codes.tsv 480 phrase)"
expect_key "480 in English without a locale" description "$(col codes.tsv 480 desc_en)"
expect_key "480" q850 18
expect_key "480" q850.name NO_USER_RESPONSE
expect_key "480" device 0x480
expect_key "480" device.description "$(col device_codes.tsv 0x480 desc_en)"
expect_key "480" outcome no-answer
expect_no_key "480 has no phrase" phrase
expect_no_key "480 has no phrase check" phrase_nonstandard
expect_no_key "480 has no phrase kind" phrase.kind
expect_no_key "480 has no variant" variant.known

# --- a code with a known variant phrase, in each language ----------------------

for lang in en ru de; do
    lookup -- "480 No money left" --lang "$lang"
    name="480 No money left --lang $lang"
    expect_rc "$name" 0
    expect_key "$name" code 480
    expect_key "$name" phrase "No money left"
    expect_key "$name" phrase_nonstandard true
    expect_key "$name" phrase.kind variant
    expect_key "$name" variant.known true
    expect_key "$name" variant "$(variant_col 480 "No money left" phrase)"
    expect_key "$name" variant.category billing
    expect_key "$name" variant.description "$(variant_col 480 "No money left" "desc_$lang")"
    expect_key "$name" description "$(col codes.tsv 480 "desc_$lang")"
    expect_lines "$name" device 0x480
done

# The language really changes the text (else the checks above prove little).
if [ "$(variant_col 480 "No money left" desc_ru)" != "$(variant_col 480 "No money left" desc_en)" ]; then
    pass
else
    fail "variants.tsv: desc_ru and desc_en of 480 'No money left' are equal"
fi

# A status line with the version, extra blanks and other letter case.
lookup -- "SIP/2.0 480   no MONEY  left" --lang=de
expect_rc "SIP/2.0 480 no MONEY left" 0
expect_key "SIP/2.0 480 no MONEY left" variant "$(variant_col 480 "No money left" phrase)"
expect_key "SIP/2.0 480 no MONEY left" variant.description "$(variant_col 480 "No money left" desc_de)"

# --- the locale picks the language when --lang is not given -------------------

lookup LANG=ru_RU.UTF-8 -- "480 No money left"
expect_rc "LANG=ru_RU.UTF-8" 0
expect_key "LANG=ru_RU.UTF-8" variant.description "$(variant_col 480 "No money left" desc_ru)"
expect_key "LANG=ru_RU.UTF-8" description "$(col codes.tsv 480 desc_ru)"

lookup LANG=ru_RU.UTF-8 LC_ALL=de_DE.UTF-8 -- 480
expect_key "LC_ALL wins over LANG" description "$(col codes.tsv 480 desc_de)"

lookup LANG=ru_RU.UTF-8 -- 480 --lang en
expect_key "--lang wins over LANG" description "$(col codes.tsv 480 desc_en)"

# --- standard and unknown phrases ----------------------------------------------

lookup -- "SIP/2.0 486 Busy Here"
expect_rc "SIP/2.0 486 Busy Here" 0
expect_key "SIP/2.0 486 Busy Here" code 486
expect_key "SIP/2.0 486 Busy Here" phrase "Busy Here"
expect_key "SIP/2.0 486 Busy Here" phrase_nonstandard false
expect_key "SIP/2.0 486 Busy Here" phrase.kind standard
expect_no_key "SIP/2.0 486 Busy Here" variant.known
expect_no_key "SIP/2.0 486 Busy Here" variant
expect_key "SIP/2.0 486 Busy Here" q850 "$(col sip_to_q850.tsv 486 cause)"
expect_key "SIP/2.0 486 Busy Here" q850.name "$(col q850.tsv "$(col sip_to_q850.tsv 486 cause)" name)"
expect_key "SIP/2.0 486 Busy Here" outcome busy

lookup -- "480 gone fishing"
expect_rc "480 gone fishing" 0
expect_key "480 gone fishing" phrase "gone fishing"
expect_key "480 gone fishing" phrase_nonstandard true
expect_key "480 gone fishing" variant.known false
expect_key "480 gone fishing" phrase.kind unknown
expect_no_key "480 gone fishing" phrase.hint
expect_no_key "480 gone fishing" variant
expect_no_key "480 gone fishing" variant.category
if [ -z "$(variant_col 480 "gone fishing" phrase)" ]; then pass; else fail "variants.tsv now knows 480 'gone fishing'"; fi

# RFC 3261 s21.4.25 487 Request Terminated; data/paraphrases.tsv reads
# "cancelled" as "terminated" for 487: a paraphrase, no hint.
lookup -- "487 Request Cancelled"
expect_rc "487 Request Cancelled" 0
expect_key "487 Request Cancelled" phrase.kind paraphrase
expect_key "487 Request Cancelled" standard_phrase "$(col codes.tsv 487 phrase)"
expect_no_key "487 Request Cancelled" variant
expect_no_key "487 Request Cancelled" phrase.hint

# data/hint_weights.tsv: password (auth, 3) against invalid (protocol, 1).
lookup -- "403 Invalid password"
expect_key "403 Invalid password" phrase.kind hinted
expect_key "403 Invalid password" phrase.hint "$(col hints.tsv password category)"
expect_key "403 Invalid password" phrase.hint.word password

# Device tokens in the phrase follow the code's own device code, each once.
lookup -- "480 error 0x814 (0x480)"
expect_rc "480 error 0x814" 0
expect_lines "480 error 0x814" device 0x480 0x814
expect_lines "480 error 0x814" device.description \
    "$(col device_codes.tsv 0x480 desc_en)" "$(col device_codes.tsv 0x814 desc_en)"

# --- device display codes ------------------------------------------------------

lookup -- 0x810 --lang de
expect_rc "0x810 --lang de" 0
expect_key "0x810 --lang de" device 0x810
expect_key "0x810 --lang de" device.kind "$(col device_codes.tsv 0x810 kind)"
expect_key "0x810 --lang de" device.description "$(col device_codes.tsv 0x810 desc_de)"
if [ -z "$(col device_codes.tsv 0x810 sip_code)" ]; then
    expect_no_key "0x810 stands for no SIP code" device.sip_code
else
    expect_key "0x810" device.sip_code "$(col device_codes.tsv 0x810 sip_code)"
fi

lookup -- 0x814
expect_rc "0x814" 0
expect_key "0x814" device 0x814
expect_key "0x814" device.kind "$(col device_codes.tsv 0x814 kind)"
expect_key "0x814" device.description "$(col device_codes.tsv 0x814 desc_en)"

lookup -- 0x480 --lang ru
expect_rc "0x480" 0
expect_key "0x480" device.sip_code 480
expect_key "0x480" device.description "$(col device_codes.tsv 0x480 desc_ru)"

lookup -- 701
expect_rc "701" 0
expect_key "701" class device
expect_key "701" device 0x701
expect_key "701" device.description "$(col device_codes.tsv 0x701 desc_en)"

# --- a code in range but not in codes.tsv is no error ---------------------------

free_code=$(awk -F'\t' 'NR > 1 { seen[$1] = 1 } END { for (c = 600; c < 700; c++) if (!(c in seen)) { print c; exit } }' \
    "$SIPCODES_DATA_DIR/codes.tsv")
lookup -- "$free_code"
expect_rc "unlisted code $free_code" 0
expect_key "unlisted code $free_code" class global
expect_key "unlisted code $free_code" registry unregistered
expect_no_key "unlisted code $free_code" description

# --- bad input -----------------------------------------------------------------

lookup -- 099;        expect_error "099" "'099'"
lookup -- 800;        expect_error "800" "'800'"
lookup -- 1234;       expect_error "1234" "'1234'"
lookup -- 0xZZZ;      expect_error "0xZZZ" "'0xZZZ'"
lookup -- "";         expect_error "empty argument" "empty"
lookup -- 0x999;      expect_error "device code not in the table" "'0x999'"
lookup -- "SIP/2.0 48 Short";  expect_error "status line with a two-digit code" "three digits"
lookup -- 480 --lang xx;       expect_error "--lang xx" "'xx'"
lookup -- 480 --lang;          expect_error "--lang without a value" "--lang"
lookup -- --list tables;       expect_error "--list tables" "'tables'"
lookup --;                     expect_error "no argument" "missing"
lookup -- --frobnicate;        expect_error "unknown option" "'--frobnicate'"
lookup -- "$(printf '480 two\nlines')"; expect_error "newline in the phrase" "newline"
if [ -z "$(col device_codes.tsv 0x999 kind)" ]; then pass; else fail "device_codes.tsv now has 0x999"; fi

# --- tables --------------------------------------------------------------------

lookup -- --list variants
expect_rc "--list variants" 0
header=$(printf '%s\n' "$out" | head -n 1)
if [ "$header" = $'code\tphrase\tcategory\tdescription' ]; then pass; else fail "--list variants: header [$header]"; fi
rows=$(printf '%s\n' "$out" | tail -n +2 | wc -l)
want=$(data_rows variants.tsv)
if [ "$want" -gt 0 ] && [ "$rows" -eq "$want" ]; then pass; else fail "--list variants: $rows rows, variants.tsv has $want"; fi
# The same code/phrase pairs as the data, in the same order.
if [ "$(printf '%s\n' "$out" | tail -n +2 | cut -f1,2)" = "$(awk 'NR > 1 && $0 != ""' "$SIPCODES_DATA_DIR/variants.tsv" | cut -f1,2)" ]; then
    pass
else
    fail "--list variants: code/phrase columns differ from variants.tsv"
fi

for table in codes:codes.tsv devices:device_codes.tsv q850:q850.tsv; do
    lookup -- --list "${table%%:*}"
    expect_rc "--list ${table%%:*}" 0
    rows=$(printf '%s\n' "$out" | tail -n +2 | wc -l)
    want=$(data_rows "${table#*:}")
    if [ "$want" -gt 0 ] && [ "$rows" -eq "$want" ]; then pass; else fail "--list ${table%%:*}: $rows rows, ${table#*:} has $want"; fi
done

# --- help and version ----------------------------------------------------------

lookup -- --help
expect_rc "--help" 0
if [ "${out#Usage: sipcodes-lookup }" != "$out" ] && [ -z "$err" ]; then pass; else fail "--help: no usage on stdout"; fi
lookup -- --version
expect_rc "--version" 0
if [ "${out#sipcodes-lookup }" != "$out" ]; then pass; else fail "--version: got [$out]"; fi

finish
