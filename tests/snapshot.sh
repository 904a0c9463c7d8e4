#!/usr/bin/env bash
# Writes everything sipcodes shows for a set of captures into OUTDIR, so two
# builds can be compared with "diff -r": -T fields of every sipcodes field
# (en, ru, de, and -2), -V -O sipcodes (en, ru, de), the statistics tree,
# expert info, frame counts of display filters, and sipcodes-lookup over
# every row of data/.
#   tests/snapshot.sh OUTDIR
# Env: SIPCODES_PLUGIN, SIPCODES_LOOKUP (the build under test);
#      SIPCODES_CAPTURES (folder of test captures; default: written fresh by
#      tests/make-captures.sh); SIPCODES_REAL_CAPTURES (default
#      ../shared/captures/real beside the project); SIPCODES_SNAPSHOT_JOBS.
set -u
here=$(cd "$(dirname "$0")" && pwd)
outdir=${1:?usage: tests/snapshot.sh OUTDIR}
: "${SIPCODES_LOOKUP:?set SIPCODES_LOOKUP to the built sipcodes-lookup}"
data=${SIPCODES_DATA_DIR:-"$here/../data"}
real=${SIPCODES_REAL_CAPTURES:-"$here/../../shared/captures/real"}
jobs_max=${SIPCODES_SNAPSHOT_JOBS:-$(nproc)}
. "$here/lib.sh"
sipcodes_sandbox
require_plugin
mkdir -p "$outdir" || exit 1
outdir=$(cd "$outdir" && pwd)
started=$(date +%s)
errors=0

# ---- inputs
caps=$sipcodes_home/captures
mkdir -p "$caps"
if [ -n "${SIPCODES_CAPTURES:-}" ]; then
    cp "$SIPCODES_CAPTURES"/*.pcap "$caps"/ || exit 1
else
    bash "$here/make-captures.sh" "$caps" || { echo "tests/make-captures.sh failed" >&2; exit 1; }
fi
chmod a+r "$caps"/*

# ---- the field list and the display filters
tshark_sipcodes -- -G fields 2>/dev/null | awk -F'\t' '$1 == "P" && $3 == "sipcodes" || $1 == "F" && $5 == "sipcodes"' \
    | sort > "$outdir/fields.txt"
# SIPCODES_SNAPSHOT_FIELDS: a space-separated field list (default: every field)
if [ -n "${SIPCODES_SNAPSHOT_FIELDS:-}" ]; then read -r -a fields <<< "$SIPCODES_SNAPSHOT_FIELDS"; else mapfile -t fields < <(sipcodes_fields); fi
[ ${#fields[@]} -gt 0 ] || { echo "no sipcodes fields registered" >&2; exit 1; }
field_args=(-e frame.number)
for f in "${fields[@]}"; do field_args+=(-e "$f"); done

filters=(sip sip.Status-Line sipcodes)
for f in "${fields[@]}"; do filters+=("$f"); done
for c in $sipcodes_classes; do filters+=("sipcodes.class == \"$c\""); done
while IFS= read -r v; do filters+=("sipcodes.variant.category == \"$v\""); done \
    < <(awk -F'\t' 'NR > 1 { print $3 }' "$data/variants.tsv" | sort -u)
while IFS= read -r v; do filters+=("sipcodes.registry == \"$v\""); done \
    < <({ awk -F'\t' 'NR > 1 { print $4 }' "$data/codes.tsv"; echo unregistered; } | sort -u)
while IFS= read -r v; do filters+=("sipcodes.rfc == \"$v\""); done \
    < <(awk -F'\t' 'NR > 1 && $3 != "" { print $3 }' "$data/codes.tsv" | sort -u)
while IFS= read -r v; do filters+=("sipcodes.outcome == \"$v\""); done \
    < <(awk -F'\t' 'NR > 1 { print $3 }' "$data/outcomes.tsv" | sort -u)
filters+=(
    'sipcodes.phrase_nonstandard == 1' 'sipcodes.phrase_nonstandard == 0'
    'sipcodes.phrase_nonstandard && !sipcodes.variant'
    'sipcodes.phrase == ""' 'sipcodes.phrase == sipcodes.standard_phrase'
    'sipcodes.code < 100' 'sipcodes.code > 799' 'sipcodes.code >= 700 && sipcodes.code <= 799'
    'sipcodes.device matches "^0x8"' 'sipcodes.q850 == sipcodes.reason.q850'
    'sip.Status-Line && !sipcodes' 'sipcodes && !sip.Status-Line'
    'sipcodes && _ws.expert' 'sipcodes && _ws.expert.severity == error'
    'sipcodes && _ws.expert.severity == warning' 'sipcodes && _ws.expert.severity == note'
    'sipcodes && _ws.expert.severity == chat' 'sipcodes && _ws.expert.group == malformed'
    'sipcodes && _ws.expert.group == protocol' 'sipcodes && _ws.expert.group == comment'
    'sipcodes && _ws.expert.group == deprecated' 'sipcodes && _ws.expert.group == sequence'
    '_ws.malformed' 'sipcodes && _ws.malformed')
printf '%s\n' "${filters[@]}" > "$outdir/filters.txt"
# one protocol hierarchy per filter: its top-level lines count the frames
# (io,stat prints no row for a capture of zero duration)
phs_args=()
for f in "${filters[@]}"; do phs_args+=(-z "io,phs,$f"); done

# run NAME ARGS... : tshark's stdout into NAME, stderr and exit status into NAME.err
run() {
    local name=$1; shift
    tshark_sipcodes TZ=UTC -- "$@" > "$name" 2> "$name.err"
    local rc=$?
    [ $rc -ne 0 ] && echo "exit $rc" >> "$name.err"
    [ -s "$name.err" ] || rm -f "$name.err"
}

# snap CAPTURE DIR : everything for one capture
snap() {
    local cap=$1 dir=$2 lang
    mkdir -p "$dir"
    for lang in en ru de; do
        run "$dir/fields.$lang.tsv" -r "$cap" -o sipcodes.language:$lang -T fields -E occurrence=a -E separator=/t "${field_args[@]}"
        run "$dir/tree.$lang.txt" -r "$cap" -o sipcodes.language:$lang -V -O sipcodes
    done
    run "$dir/fields.2pass.tsv" -r "$cap" -2 -o sipcodes.language:en -T fields -E occurrence=a -E separator=/t "${field_args[@]}"
    run "$dir/stats.txt" -r "$cap" -o sipcodes.language:en -q -z sipcodes,tree
    run "$dir/expert+phs.txt" -r "$cap" -o sipcodes.language:en -q "${phs_args[@]}" -z expert
    # the hierarchies as "frames<TAB>filter" in the order of filters.txt
    # ("?": no hierarchy printed), the rest (the expert table) as it is
    awk -v list="$outdir/filters.txt" -v expert="$dir/expert.txt" '
        BEGIN { while ((getline l < list) > 0) want[++n] = l }
        /^Protocol Hierarchy Statistics$/ { phs = 1; if (e[ne] ~ /^=+$/) ne--; next }
        phs && /^Filter: / { f = substr($0, 9); count[f] += 0; next }
        phs && /^=+$/ { phs = 0; next }
        phs { if (/^[^ ]/ && match($0, /frames:[0-9]+/)) count[f] += substr($0, RSTART + 7, RLENGTH - 7); next }
        { e[++ne] = $0 }
        END { printf "" > expert; while (ne > 0 && e[ne] == "") ne--
              for (i = 1; i <= ne; i++) print e[i] > expert
              for (i = 1; i <= n; i++) print (want[i] in count ? count[want[i]] : "?") "\t" want[i] }' \
        "$dir/expert+phs.txt" > "$dir/filters.tsv"
    rm -f "$dir/expert+phs.txt"
    [ -e "$dir/expert+phs.txt.err" ] && mv "$dir/expert+phs.txt.err" "$dir/expert.txt.err"
}

# ---- captures, a few at a time
: > "$outdir/inputs.sha256"
queue() { # CAPTURE-PATH DIR
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
    (cd "$(dirname "$1")" && sha256sum "$(basename "$1")") | sed "s|  |  ${2#$outdir/}/|" >> "$outdir/inputs.sha256"
    snap "$1" "$2" &
}
for f in "$caps"/*.pcap; do
    queue "$f" "$outdir/test/$(basename "$f")"
done
if [ -d "$real" ]; then
    mkdir -p "$sipcodes_home/real"
    for f in "$real"/*.pcap "$real"/*.pcapng; do
        [ -e "$f" ] || continue
        cp "$f" "$sipcodes_home/real/" && chmod a+r "$sipcodes_home/real/$(basename "$f")"
        queue "$sipcodes_home/real/$(basename "$f")" "$outdir/real/$(basename "$f")"
    done
else
    echo "note: no real captures at $real; only the test captures are in the snapshot"
fi

# ---- sipcodes-lookup over every row of data/, in each language
lookup() { # LANG ARGS...
    local lang=$1; shift
    printf '$ sipcodes-lookup --lang %s' "$lang"; printf ' [%s]' "$@"; printf '\n'
    env -u LANG -u LC_MESSAGES LC_ALL=C.UTF-8 "$SIPCODES_LOOKUP" --lang "$lang" "$@" 2>&1
    printf '[exit %d]\n' $?
}
lookup_all() { # LANG
    local lang=$1 t code phrase dev sip
    for t in codes variants devices q850; do lookup "$lang" --list "$t"; done
    while IFS=$'\t' read -r code phrase; do
        lookup "$lang" "$code"
        lookup "$lang" "$code $phrase"
        lookup "$lang" "SIP/2.0 $code $phrase"
    done < <(awk -F'\t' -v OFS='\t' 'NR > 1 { print $1, $2 }' "$data/codes.tsv")
    while IFS=$'\t' read -r code phrase; do
        lookup "$lang" "$code $phrase"
    done < <(awk -F'\t' -v OFS='\t' 'NR > 1 { print $1, $2 }' "$data/variants.tsv")
    while IFS=$'\t' read -r dev sip; do
        lookup "$lang" "$dev"
        [ -n "$sip" ] && lookup "$lang" "$sip"
    done < <(awk -F'\t' -v OFS='\t' 'NR > 1 { print $1, $2 }' "$data/device_codes.tsv")
    # Q.850 causes are reached through the SIP codes mapped to and from them
    while IFS= read -r code; do
        lookup "$lang" "$code"
    done < <(awk -F'\t' 'FNR > 1 { print (FILENAME ~ /sip_to_q850/ ? $1 : $2) + 0 }' \
                 "$data/sip_to_q850.tsv" "$data/q850_to_sip.tsv" | sort -un)
    for code in 099 100 199 200 299 300 399 400 499 500 599 600 699 700 799 800 1000 0 abc 0x 0x999 ""; do
        lookup "$lang" "$code"
    done
    lookup "$lang" "480 No  money   LEFT"
    lookup "$lang" "480"$'\t'"No money left"
    lookup "$lang" --list nonsense
}
mkdir -p "$outdir/lookup"
for lang in en ru de; do lookup_all "$lang" > "$outdir/lookup/$lang.txt"; done
{ "$SIPCODES_LOOKUP" --help; echo "[exit $?]"; } > "$outdir/lookup/help.txt" 2>&1

wait
sort -k2 -o "$outdir/inputs.sha256" "$outdir/inputs.sha256"
errors=$(find "$outdir" -name '*.err' | wc -l)
tests=$(find "$outdir/test" -mindepth 1 -maxdepth 1 -type d | wc -l)
reals=0
[ -d "$outdir/real" ] && reals=$(find "$outdir/real" -mindepth 1 -maxdepth 1 -type d | wc -l)
echo "snapshot in $outdir: $tests test captures, $reals real captures, ${#fields[@]} fields, ${#filters[@]} filters," \
     "$errors files with tshark stderr or a non-zero exit (*.err); $(( $(date +%s) - started ))s"
