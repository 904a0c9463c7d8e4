#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The phrase rule of docs/phrase-matching.md, written again in awk from that
# page over the tables of "sipcodes-lookup --export csv", against the
# plugin: for every response of the public captures in ../shared/captures/real
# the kind awk gives (standard, variant, paraphrase, hinted, unknown) and the
# variant row it finds must be sipcodes.phrase.kind and sipcodes.variant.
# The phrase is cut from sip.Status-Line (Wireshark's SIP dissector), not
# taken from the plugin. The test capture phrase_kinds.pcap is added for the
# paraphrases. Skipped without the public captures.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
real_captures_or_skip
: "${SIPCODES_LOOKUP:?set SIPCODES_LOOKUP to the built sipcodes-lookup}"
sipcodes_sandbox
require_plugin
t=$sipcodes_home/tables
mkdir -p "$t"
for table in codes variants paraphrases hints; do
    "$SIPCODES_LOOKUP" --export csv "$table" > "$t/$table.csv" || fail "--export csv $table"
done

# The public captures one after the other in one file, with the test
# capture of every phrase kind (the public ones hold no paraphrase).
files=$(ls "$real"/*.pcap "$real"/*.pcapng 2>/dev/null | wc -l)
mergecap -a -F pcapng -w "$sipcodes_home/all.pcapng" "$real"/*.pcap "$real"/*.pcapng "$SIPCODES_CAPTURES/phrase_kinds.pcap" \
    && chmod a+r "$sipcodes_home/all.pcapng" || fail "mergecap"
# One line per response: frame, code, status line, plugin's kind, plugin's variant.
tshark_sipcodes -- -r "$sipcodes_home/all.pcapng" -Y sip.Status-Line -T fields -E occurrence=a -E aggregator=$'\x1f' \
    -e frame.number -e sip.Status-Code -e sip.Status-Line -e sipcodes.phrase.kind -e sipcodes.variant 2>/dev/null \
    | awk -F'\t' -v OFS='\t' '
        { n = split($2, c, "\x1f"); split($3, l, "\x1f"); split($4, k, "\x1f"); split($5, v, "\x1f")
          # several responses in one frame: paired in order; a variant value only where the kind is variant
          j = 0
          for (i = 1; i <= n; i++) { vv = ""; if (k[i] == "variant") vv = v[++j]; print $1, c[i], l[i], k[i], vv } }' \
    > "$sipcodes_home/responses.tsv"

LC_ALL=C awk -F'\t' -v tables="$t" "$awk_csv"'
# columns by name: col[name] = index, from the header line
function load(file, col,    line, h, n, i) {
    getline line < file; n = csv(line, h)
    for (i = 1; i <= n; i++) col[h[i]] = i
}
# section 2: the phrase key
function key(p) {
    p = tolower(p); gsub(/[ \t]+/, " ", p); sub(/^ /, "", p); sub(/ $/, "", p)
    return p
}
# section 4.1: words are runs of ASCII letters, digits and bytes >= 0x80
function words(p, w,    n) {
    p = tolower(p); gsub(/[^a-z0-9\200-\377]+/, " ", p); sub(/^ /, "", p); sub(/ $/, "", p)
    n = (p == "") ? 0 : split(p, w, " ")
    return n
}
# section 4.2 and 4.3: W(p) of code c as the keys of set; returns its size
function W(p, c, set,    w, n, i, r, k, best, bestn, bestcode, ok, out, o, m) {
    n = words(p, w); split("", set); m = 0
    i = 1
    while (i <= n) {
        best = 0
        for (r = 1; r <= npar; r++) {
            if (pcode[r] != "" && pcode[r] != c) continue
            if (i + pn[r] - 1 > n) continue
            ok = 1
            for (k = 1; k <= pn[r] && ok; k++) if (pw[r, k] != w[i + k - 1]) ok = 0
            if (!ok) continue
            if (!best || pn[r] > bestn || (pn[r] == bestn && pcode[r] != "" && bestcode == "")) {
                best = r; bestn = pn[r]; bestcode = pcode[r]
            }
        }
        if (!best) { if (!(w[i] in set)) m++; set[w[i]] = 1; i++; continue }
        o = (psame[best] == "") ? 0 : split(psame[best], out, " ")
        for (k = 1; k <= o; k++) { if (!(out[k] in set)) m++; set[out[k]] = 1 }
        i += bestn
    }
    return m
}
function in_codes(list, c,    n, part, i, ab) {
    if (list == "") return 1
    n = split(list, part, ",")
    for (i = 1; i <= n; i++) {
        if (split(part[i], ab, "-") == 2) { if (c >= ab[1] + 0 && c <= ab[2] + 0) return 1 }
        else if (c == part[i] + 0) return 1
    }
    return 0
}
# section 5: the winning category or ""
function hint(p, c,    w, n, i, h, found, score, best, winners, cat) {
    p = tolower(p); gsub(/[^a-z0-9]+/, " ", p); sub(/^ /, "", p)
    n = (p == "") ? 0 : split(p, w, " ")
    split("", found); split("", score)
    for (i = 1; i <= n; i++)
        for (h = 1; h <= nh; h++)
            if (!(h in found) && substr(w[i], 1, length(hk[h])) == hk[h] && in_codes(hcodes[h], c)) {
                found[h] = 1; score[hcat[h]] += hw[h]
            }
    best = 0; winners = 0
    for (cat in score) {
        if (score[cat] > best) { best = score[cat]; winners = 1; win = cat }
        else if (score[cat] == best) winners++
    }
    return (best >= 2 && winners == 1) ? win : ""
}
BEGIN {
    load(tables "/codes.csv", cc)
    while ((getline line < (tables "/codes.csv")) > 0) { csv(line, f); std[f[cc["code"]]] = f[cc["phrase"]]; stdkey[f[cc["code"]]] = f[cc["phrase_key"]] }
    load(tables "/variants.csv", vc)
    while ((getline line < (tables "/variants.csv")) > 0) { csv(line, f); variant[f[vc["code"]], f[vc["phrase_key"]]] = f[vc["phrase"]] }
    load(tables "/paraphrases.csv", pc)
    while ((getline line < (tables "/paraphrases.csv")) > 0) {
        csv(line, f); npar++
        pcode[npar] = f[pc["code"]]; psame[npar] = f[pc["same_as"]]
        pn[npar] = split(f[pc["words"]], tmp, " ")
        for (k = 1; k <= pn[npar]; k++) pw[npar, k] = tmp[k]
    }
    load(tables "/hints.csv", hc)
    while ((getline line < (tables "/hints.csv")) > 0) {
        csv(line, f); nh++
        hk[nh] = f[hc["keyword"]]; hcat[nh] = f[hc["category"]]; hw[nh] = f[hc["weight"]] + 0; hcodes[nh] = f[hc["codes"]]
    }
}
{
    frame = $1; code = $2 + 0; line = $3; kind = $4; pvar = $5
    # section 1: the phrase of the status line
    phrase = line
    sub(/^[^ \t]*[ \t]+[0-9][0-9][0-9]/, "", phrase); sub(/^[ \t]+/, "", phrase); sub(/[ \t\r\n]+$/, "", phrase)
    k = key(phrase); v = ""
    if ((code in stdkey) && stdkey[code] != "" && k == stdkey[code]) want = "standard"
    else if ((code, k) in variant) { want = "variant"; v = variant[code, k] }
    else if ((code in stdkey) && stdkey[code] != "" && (n = W(phrase, code, ph)) > 0 && subset(code)) want = "paraphrase"
    else if (phrase != "" && hint(phrase, code) != "") want = "hinted"
    else want = "unknown"
    total++; count[want]++
    if (want != kind || v != pvar) {
        bad++
        if (bad <= 20) printf "FAIL: frame %s: \"%s\": the rule gives %s%s, the plugin %s%s\n", frame, line,
            want, v != "" ? " (" v ")" : "", kind, pvar != "" ? " (" pvar ")" : ""
    }
}
function subset(c,    st, w) {
    W(std[c], c, st)
    for (w in ph) if (!(w in st)) return 0
    return 1
}
END {
    printf "%d responses: ", total
    for (x in count) printf "%s %d, ", x, count[x]
    printf "%d differ from the plugin\n", bad + 0
    exit (bad > 0 || total == 0)
}' "$sipcodes_home/responses.tsv" && pass || fail "the written rule and the plugin differ (above)"
echo "$files public captures and phrase_kinds.pcap"
finish
