#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes the seed corpus fuzz/corpus/<target>/ from the test captures'
# text (tests/captures/*.txt) and the data rows (data/*.tsv), plus a few
# hand-made edge cases. Small on purpose: it is committed.
# Usage: fuzz/make-seeds.sh [OUTPUT_DIR]   (default: fuzz/corpus)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${SIPCODES_DATA_DIR:-"$root/data"}
out=${1:-"$here/corpus"}
export LC_ALL=C

for t in status phrase device userfield loader calls; do
    rm -rf "${out:?}/$t"
    mkdir -p "$out/$t"
done

n=0
seed() { # target name; content on stdin
    n=$((n + 1))
    cat > "$out/$1/$2"
}
byte() { printf "\\x$(printf %02x "$1")"; }

rows() { awk -v n="${2:--1}" 'NR > 1 && (n < 0 || NR <= n + 1)' "$data/$1"; }

# ---- status: status lines of the hand-written captures, one standard and
# one variant line per code, and malformed ones.
i=0
for txt in "$root"/tests/captures/*.txt; do
    [ -e "$txt" ] || continue
    { grep -a -i '^SIP/' "$txt" || true; } | sort -u | while IFS= read -r line; do
        i=$((i + 1))
        printf '%s\r\n' "$line" | seed status "capture-$(basename "$txt" .txt)-$i"
    done
done
rows codes.tsv | awk -F'\t' '{ print $1 "\t" $2 }' | while IFS=$'\t' read -r code phrase; do
    printf 'SIP/2.0 %s %s' "$code" "$phrase" | seed status "code-$code"
done
rows variants.tsv 40 | awk -F'\t' '{ print $1 "\t" $2 }' | while IFS=$'\t' read -r code phrase; do
    i=$((i + 1))
    printf 'SIP/2.0 %s %s\r\n' "$code" "$phrase" | seed status "variant-$i"
done
printf 'SIP/2.0 480' | seed status edge-no-phrase
printf 'SIP/2.0 183 \r\n' | seed status edge-blank-phrase
printf 'SIP/2.0\t480\tTemporarily\t\tUnavailable\t\r\n' | seed status edge-tabs
printf 'sip/2.0 000 Zero' | seed status edge-000
printf 'SIP/2.0 099 Too Early' | seed status edge-099
printf 'SIP/2.0 1000 Thousand' | seed status edge-1000
printf 'SIP/2.0 48 Short' | seed status edge-2-digits
printf 'SIP/2.0 480No space' | seed status edge-no-space
printf 'SIP/2.0 480 caf\xc3\xa9 \xff\xfe bytes' | seed status edge-non-utf8
printf 'SIP/2.0 480 No\0money' | seed status edge-nul
printf 'HTTP/1.1 200 OK' | seed status edge-http
printf 'SIP/2.0 503 Service Unavailable 0x810 0X480,0x31;0x033' | seed status edge-device-tokens
printf 'SIP/' | seed status edge-version-only

# ---- phrase: code (2 bytes, little endian, value - 100), split, a, b
phrase_seed() { # name code a b
    local v=$(( $2 - 100 )) a=$3 b=$4
    { byte $((v & 255)); byte $((v >> 8)); byte ${#a}; printf '%s%s' "$a" "$b"; } | seed phrase "$1"
}
j=0
rows variants.tsv 30 | awk -F'\t' '{ print $1 "\t" $2 }' | while IFS=$'\t' read -r code phrase; do
    j=$((j + 1))
    upper=$(printf '%s' "$phrase" | tr 'a-z' 'A-Z')
    phrase_seed "variant-$j" "$code" "$phrase" "  $upper "
done
rows codes.tsv 20 | awk -F'\t' '{ print $1 "\t" $2 }' | while IFS=$'\t' read -r code phrase; do
    phrase_seed "code-$code" "$code" "$phrase" "$phrase"
done
phrase_seed user-rows 480 $'No money left\nno   MONEY left\nGone Fishing\n' 'No money left'
phrase_seed blanks 486 $' \t Busy \t\tHere\t' 'busy here'
phrase_seed empty 480 '' ''

# ---- device: Warning and Reason texts of the captures, device tokens
for txt in "$root"/tests/captures/*.txt; do
    [ -e "$txt" ] || continue
    { grep -a -i -E '^(Warning|Reason):' "$txt" || true; } | sort -u | while IFS= read -r line; do
        i=$((i + 1))
        printf '%s' "$line" | seed device "capture-$i"
    done
done
rows device_codes.tsv | cut -f1 | paste -sd' ' | fold -w 60 | while IFS= read -r chunk; do
    i=$((i + 1))
    printf 'socket error %s' "$chunk" | seed device "tokens-$i"
done
printf '0x4800x480 x0x480 0X480_ 0x0480 0x48 0x' | seed device edge-boundaries
printf '0x814' | seed device edge-alone

# ---- userfield: field, message size, value
uf() { # name field msgsize value
    { byte "$2"; byte "$3"; printf '%s' "$4"; } | seed userfield "$1"
}
k=0
rows variants.tsv 12 | while IFS=$'\t' read -r code phrase category en ru de _; do
    k=$((k + 1))
    uf "row$k-code" 0 128 "$code"
    uf "row$k-phrase" 1 128 "$phrase"
    uf "row$k-category" 2 128 "$category"
    uf "row$k-en" 3 128 "$en"
    uf "row$k-ru" 4 128 "$ru"
    uf "row$k-de" 5 128 "$de"
done
uf bad-code 0 16 '0800'
uf bad-category 2 1 'Billing'
uf bad-tab 1 128 $'No\tmoney'
uf bad-utf8 3 128 $'caf\xc3 \xed\xa0\x80 \xf5\x80\x80\x80'
uf bad-field 6 128 'x'
uf empty-phrase 1 0 ''

# ---- loader: the seven files, NUL-separated, in the generator's order;
# then, optionally, sets.tsv and hints.tsv (see fuzz/target_loader.c)
tables=(codes variants device_codes q850 sip_to_q850 q850_to_sip outcomes)
loader_seed() { # name [more tables]; files from $work/<table>.tsv
    local first=1 name=$1
    shift
    for t in "${tables[@]}" "$@"; do
        [ $first = 1 ] || printf '\0'
        first=0
        cat "$work/$t.tsv"
    done | seed loader "$name"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
subset() { # rows-per-table
    for t in codes variants device_codes sip_to_q850 q850_to_sip outcomes; do
        { head -n 1 "$data/$t.tsv"; rows "$t.tsv" "$1"; } > "$work/$t.tsv"
    done
    # the causes the two mapping tables use, so the cross checks pass
    { cut -f2 "$work/sip_to_q850.tsv"; cut -f1 "$work/q850_to_sip.tsv"; } | { grep -E "^[0-9]+$" || true; } | sort -u > "$work/causes"
    awk -F'\t' -v causes=" $(tr '\n' ' ' < "$work/causes")" 'NR == 1 || index(causes, " " $1 " ")' "$data/q850.tsv" > "$work/q850.tsv"
}
subset 0
loader_seed headers-only
subset 3
loader_seed small
subset 3
cp "$data/sets.tsv" "$work/sets.tsv"
if [ -f "$data/hints.tsv" ]; then
    { head -n 1 "$data/hints.tsv"; rows hints.tsv 2; } > "$work/hints.tsv"
    loader_seed sets-and-hints sets hints
fi
subset 3
printf 'lang\tfr\tFrench\tx\n' >> "$work/sets.tsv"
loader_seed sets-new-language sets
subset 3
cp "$data/sets.tsv" "$work/sets.tsv"
printf 'keyword\tcategory\tdesc_en\tdesc_ru\tdesc_de\tsource\nfax\tmedia\t%%s a\t%%s %%s\t%%d\tx\n' > "$work/hints.tsv"
loader_seed bad-hints sets hints
subset 3
printf '480\t\t\tunregistered\ta\tb\tc\td\r\n' >> "$work/codes.tsv"
loader_seed bad-crlf
subset 3
printf '0x99\t\tsetup\ta\tb\tc' >> "$work/device_codes.tsv"
loader_seed bad-no-newline
subset 3
sed -n '2s/^/0/p' "$work/codes.tsv" >> "$work/codes.tsv"  # "0100" next to "100"
loader_seed leading-zero
subset 3
printf '480\tNo money left\tbilling\tx\n' >> "$work/variants.tsv"
loader_seed bad-columns
subset 3
printf '700\t??=??/ "quoted" back\\\\slash\t\tunregistered\ta\tb\tc\td\n' >> "$work/codes.tsv"
loader_seed escapes
# one seed per cross check the generator makes
subset 3
sed -n '2p' "$work/codes.tsv" >> "$work/codes.tsv"
loader_seed cross-duplicate-code
subset 3
printf '199\tNo RFC\t\tregistered\ta\tb\tc\td\n' >> "$work/codes.tsv"
loader_seed cross-registered-without-rfc
subset 3
printf '100\ttrying\tother\ta\tb\tc\td\n' >> "$work/variants.tsv"
loader_seed cross-variant-is-standard
subset 3
awk -F'\t' -v OFS='\t' 'NR == 2 { $2 = "  " toupper($2) "  "; print }' "$work/variants.tsv" >> "$work/variants.tsv"
loader_seed cross-variant-repeats
subset 3
printf '0x77\t480\tresponse\ta\tb\tc\td\n0x78\t480\tresponse\ta\tb\tc\td\n' >> "$work/device_codes.tsv"
loader_seed cross-device-sip-code-repeats
subset 3
printf '499\t99\tx\n' >> "$work/sip_to_q850.tsv"
loader_seed cross-unknown-cause
subset 3
printf '499\t401\tbusy\tx\n' >> "$work/outcomes.tsv"
loader_seed cross-last-below-first

# ---- calls: each hand-written call flow as the call engine's target reads
# it: per message a byte of time step (250 ms units), a byte naming source
# and destination among four hosts (low two bits, next two), the text with
# CRLF line ends, then "\n==\n".
for txt in "$root"/tests/captures/calls_*.txt; do
    [ -e "$txt" ] || continue
    awk '
        function host(h) { if (!(h in idx)) idx[h] = nh++ % 4; return idx[h] }
        function flush() {
            if (msg == "") return
            step = int((t - last) / 0.25 + 0.5); if (step > 255) step = 255; if (step < 0) step = 0
            last = t
            printf "%03o %03o\n", step, host(src) + 4 * host(dst)
            printf "%s", msg > "/dev/stderr"
            msg = ""
        }
        /^@ / { flush(); t = $2; src = $3; dst = $5; sub(/:.*/, "", src); sub(/:.*/, "", dst); next }
        /^====$/ { next }
        { msg = msg $0 "\r\n" }
        END { flush() }' "$txt" 2>/dev/null > "$work/calls.bytes" || true
    # the awk above gives the two bytes per message; the texts come from a second pass
    awk '/^@ /{ if (m != "") print m; m = ""; next } /^====$/ { next } { m = m $0 "\\r\\n" } END { if (m != "") print m }' \
        "$txt" > "$work/calls.texts"
    {
        paste -d'\t' "$work/calls.bytes" "$work/calls.texts" | while IFS=$'\t' read -r bytes text; do
            printf "\\${bytes% *}\\${bytes#* }"
            printf '%b\n==\n' "$text"
        done
    } | seed calls "$(basename "$txt" .txt)"
done

for t in status phrase device userfield loader calls; do
    printf '%-10s %4d seeds\n' "$t" "$(find "$out/$t" -type f | wc -l)"
done
du -sb "$out" | cut -f1 | sed 's/^/total bytes: /'
