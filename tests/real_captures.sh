#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The 74 public SIP captures in ../shared/captures/real (read from there,
# never copied into the project). For every file: tshark with the plugin
# exits as it does without it, every SIP response gets exactly one class,
# frames without a status line get no response fields, and the response
# count matches the corpus' own responses_per_file.tsv.
#   tests/real_captures.sh [--report]   (--report: Markdown summary on stdout)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
real_captures_or_skip
sipcodes_sandbox
require_plugin
out=$sipcodes_home/out
mkdir -p "$out" "$out/metrics"
: > "$out/all.tsv"

plain_tshark() { # tshark with no plugin at all, same user
    local home=$sipcodes_home/plain
    mkdir -p "$home" && chmod a+rwx "$home"
    if [ "$(id -u)" = 0 ]; then runuser -u nobody -- env HOME="$home" tshark "$@"; else HOME="$home" tshark "$@"; fi
}

count_values() { tr $'\x1f' '\n' | grep -c . ; }

files=0
for f in "$real"/*.pcap "$real"/*.pcapng; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    cap=$(readable_copy "$f")
    files=$((files + 1))

    tshark_sipcodes -- -r "$cap" -T fields -E occurrence=a -E aggregator=$'\x1f' \
        -e frame.number -e sip.Status-Code -e sipcodes.code -e sipcodes.class -e sipcodes.phrase \
        -e sipcodes.phrase_nonstandard -e sipcodes.variant -e sipcodes.variant.category \
        -e sipcodes.phrase.kind -e sipcodes.phrase.hint \
        > "$out/fields.raw" 2>"$out/stderr"
    rc=$?
    bool_columns_to_01 6 < "$out/fields.raw" > "$out/fields.tsv"   # sipcodes.phrase_nonstandard
    plain_tshark -r "$cap" -T fields -e frame.number > /dev/null 2>&1
    plain_rc=$?
    if [ $rc -ge 128 ]; then fail "$name: tshark died with signal $((rc - 128))"; continue; fi
    expect_equal "$name: exit status as without the plugin" "$plain_rc" "$rc"

    responses=$(cut -f2 "$out/fields.tsv" | count_values)
    codes=$(cut -f3 "$out/fields.tsv" | count_values)
    classes=$(cut -f4 "$out/fields.tsv" | count_values)
    expect_equal "$name: one sipcodes.code per sip.Status-Code" "$responses" "$codes"
    expect_equal "$name: one sipcodes.class per sip.Status-Code" "$responses" "$classes"
    listed=$(awk -F'\t' -v f="$name" '$1 == f { print $2 }' "$real/responses_per_file.tsv")
    [ -n "$listed" ] && expect_equal "$name: responses as listed in responses_per_file.tsv" "$listed" "$responses"
    # a request gets a subtree only for a Reason or Warning header or its
    # call, and never the response fields
    stray=$(tshark_sipcodes -- -r "$cap" -Y 'sipcodes && !sip.Status-Line && (sipcodes.code || !(sipcodes.reason || sipcodes.warning || sipcodes.call))' 2>/dev/null | wc -l)
    expect_equal "$name: no response subtree without a SIP status line" 0 "$stray"
    # With -2 every SIP message of a call carries the call: a call is an
    # initial INVITE (no To tag) with a Call-ID; its messages share the
    # Call-ID and carry the caller's tag as From tag or, sent by the callee,
    # as To tag.
    tshark_sipcodes -- -2 -r "$cap" -Y sip -T fields -E occurrence=f -e frame.number -e sip.Call-ID -e sip.Method \
        -e sip.from.tag -e sip.to.tag -e sipcodes.call 2>/dev/null > "$out/calls.tsv"
    missing=$(awk -F'\t' '
        NR == FNR { if ($3 == "INVITE" && $5 == "" && $2 != "") call[$2 SUBSEP $4] = 1; next }
        $2 != "" && (($2 SUBSEP $4) in call || ($2 SUBSEP $5) in call) && $6 == "" { n++ }
        END { print n + 0 }' "$out/calls.tsv" "$out/calls.tsv")
    expect_equal "$name: every message of a call carries it (-2)" 0 "$missing"
    tshark_sipcodes -- -q -r "$cap" -z sipcodes,calls 2>/dev/null | sed -n '/^SIP calls/,$p' | sed '1,2d; $d' \
        > "$out/metrics/$name"
    kinds=$(cut -f9 "$out/fields.tsv" | count_values)
    expect_equal "$name: one sipcodes.phrase.kind per sip.Status-Code" "$responses" "$kinds"
    # one line per response for the report: file, code, class, phrase,
    # nonstandard, variant, kind, hint (variants and hints sit on their
    # responses in order)
    awk -F'\t' -v f="$name" '{ n = split($3, c, "\x1f"); split($4, k, "\x1f"); split($5, p, "\x1f"); split($6, s, "\x1f")
        m = split($7, v, "\x1f"); split($9, pk, "\x1f"); h = split($10, hint, "\x1f"); j = 0; q = 0
        for (i = 1; i <= n; i++) { var = ""; if (pk[i] == "variant" && j < m) var = v[++j]
            hn = ""; if (pk[i] == "hinted" && q < h) hn = hint[++q]
            print f "\t" c[i] "\t" k[i] "\t" p[i] "\t" s[i] "\t" var "\t" pk[i] "\t" hn } }' "$out/fields.tsv" >> "$out/all.tsv"
done

# Status lines inside message bodies (message/sipfrag in NOTIFY) are no responses.
sipfrag=""
for f in "$real"/*; do
    case "$f" in *.pcap|*.pcapng) ;; *) continue ;; esac
    cap=$(readable_copy "$f")
    n=$(tshark_sipcodes -- -r "$cap" -Y 'sip.Method == "NOTIFY" && sipfrag' -T fields -e frame.number 2>/dev/null | wc -l)
    [ "$n" -gt 0 ] || continue
    sipfrag=$(basename "$f")
    bad=$(tshark_sipcodes -- -r "$cap" -Y 'sip.Method == "NOTIFY" && sipfrag && !sip.Status-Line && sipcodes.code' 2>/dev/null | wc -l)
    expect_equal "$sipfrag: the status line of a NOTIFY's sipfrag body is no response" 0 "$bad"
done
[ -n "$sipfrag" ] || echo "note: no capture with a sipfrag NOTIFY body found"

if [ "${1:-}" = "--report" ]; then
    total=$(wc -l < "$out/all.tsv")
    echo "Corpus: $files captures, $total SIP responses."
    echo
    echo "| class | responses |"; echo "|---|---|"
    cut -f3 "$out/all.tsv" | sort | uniq -c | sort -rn | awk '{ print "| " $2 " | " $1 " |" }'
    echo
    echo "| known variant (code phrase) | responses |"; echo "|---|---|"
    awk -F'\t' '$6 != "" { print $2 " " $6 }' "$out/all.tsv" | sort | uniq -c | sort -rn \
        | while read -r n line; do echo "| $line | $n |"; done
    echo
    echo "| non-standard phrase, no known variant | responses |"; echo "|---|---|"
    awk -F'\t' '$5 == 1 && $6 == "" { print $2 " " $4 }' "$out/all.tsv" | sort | uniq -c | sort -rn \
        | while read -r n line; do echo "| $line | $n |"; done
    echo
    echo "| phrase kind | responses | distinct phrases |"; echo "|---|---|---|"
    for k in standard paraphrase variant hinted unknown; do
        awk -F'\t' -v k="$k" '$7 == k { n++; if (!seen[$2 " " tolower($4)]++) d++ } END { print "| " k " | " n + 0 " | " d + 0 " |" }' "$out/all.tsv"
    done
    echo
    echo "| kind of a non-standard phrase | code phrase | hint | responses |"; echo "|---|---|---|---|"
    awk -F'\t' '$7 != "standard" { print $7 "\t" $2 " " $4 "\t" $8 }' "$out/all.tsv" | sort | uniq -c \
        | sort -k2,2 -k1,1rn | while read -r n rest; do IFS=$'\t' read -r kind line hint <<< "$rest"
            echo "| $kind | $line | $hint | $n |"; done
    echo
    # The calls of every capture on its own (a capture's clock is its own),
    # added up: counts summed, ratios from the summed parts, delays weighted.
    echo "Calls of all captures, each file taken on its own, figures added up:"
    echo
    echo '```'
    cat "$out/metrics/"* | awk '
        function key(l) { sub(/^ */, "", l); return l }
        { sub(/^ */, ""); i = index($0, ": "); if (!i) next
          label = substr($0, 1, i - 1); value = substr($0, i + 2)
          if (!(label in seen)) { seen[label] = 1; order[++n] = label }
          if (value ~ /^[0-9]+$/) { sum[label] += value; kind[label] = "count" }
          else if (value ~ /%/) { split(value, a, /[(\/)]/); num[label] += a[2]; den[label] += a[3]; kind[label] = "ratio" }
          else if (value ~ / (s|ms)$/) {
              split(value, a, " "); unit[label] = a[2]; kind[label] = "time"
              base = label; sub(/, (min|mean|max)$/, "", base); cnt = last_count[base]
              if (label ~ /, min$/) { if (!(label in v) || a[1] < v[label]) v[label] = a[1] }
              else if (label ~ /, max$/) { if (!(label in v) || a[1] > v[label]) v[label] = a[1] }
              else { w[label] += a[1] * cnt; wc[label] += cnt }
          }
          if (label ~ /, count$/) { base = label; sub(/, count$/, "", base); last_count[base] = value }
        }
        END { for (k = 1; k <= n; k++) { l = order[k]
              if (kind[l] == "count") print l ": " sum[l]
              else if (kind[l] == "ratio") printf "%s: %s\n", l, den[l] ? sprintf("%.2f %% (%d/%d)", 100 * num[l] / den[l], num[l], den[l]) : "n/a"
              else if (kind[l] == "time" && l ~ /, mean$/) printf "%s: %s\n", l, wc[l] ? sprintf("%.6f %s", w[l] / wc[l], unit[l]) : "n/a"
              else if (kind[l] == "time") print l ": " v[l] " " unit[l]
              else print l ": n/a" } }'
    echo '```'
fi
finish
