#!/usr/bin/env bash
# The phrase miner (tools/phrase-miner) run over its fixture tree gives the
# committed expected list: calls, macros, wrapped and concatenated strings,
# default-phrase tables, status lines, the error table, and text that is
# commented out or compiled out marked as such.
#   tests/data_phrase_miner.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
miner=$here/../tools/phrase-miner
pass=0 failc=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; failc=$((failc + 1)); }
if ! command -v python3 > /dev/null; then echo "SKIP: no python3"; exit 77; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if python3 "$miner/miner.py" --stack fixture --tree "$miner/fixtures/tree" > "$work/out.tsv" 2> "$work/err"; then ok
else bad "miner failed: $(cat "$work/err")"; fi
if diff -u "$miner/fixtures/expected.tsv" "$work/out.tsv" > "$work/diff"; then ok
else bad "output differs from fixtures/expected.tsv:"; cat "$work/diff"; fi

# row: code, phrase, state
has() {
    if awk -F'\t' -v c="$1" -v p="$2" -v s="$3" '$3 == c && $4 == p && $5 == s { f = 1 } END { exit !f }' "$work/out.tsv"
    then ok; else bad "expected $1 \"$2\" as $3"; fi
}
has 503 "Old overload text" commented
has 502 "Old gateway text" commented
has 404 "Commented in the script" commented
has 599 "Not sent" commented
has 501 "Never built" unreachable
has 501 "Built instead" live
has 400 "Empty q (16/TM)" unreachable
has 477 "Could not send (477/SL)" live
has 500 "Server error (7/TM)" live
has 200 "done -- all branches replied" live
has 486 "Everyone is busy" live
has 480 "Nobody home" live
has 488 "No codec in common" live
has 603 "Declined (no reason)" live
has 180 "Ringing now" live
has 402 "Top up first" live
# a status macro's argument list holds no reason phrase (380 here is a warn-code)
if grep -q 'Warning text' "$work/out.tsv"; then bad "a warn-code taken for a status"; else ok; fi
# a reply without a reason phrase gives no row
if awk -F'\t' '$3 == 500 && $4 == "" { f = 1 } END { exit !f }' "$work/out.tsv"; then bad "row without a phrase"; else ok; fi
# header and column count
if head -n 1 "$work/out.tsv" | grep -qx $'stack\trelease\tcode\tphrase\tstate\tkind\tfile\tline\trule'; then ok; else bad "header"; fi
if awk -F'\t' 'NF != 9 { exit 1 }' "$work/out.tsv"; then ok; else bad "a row without 9 fields"; fi
# every stack named in the README has rules
for s in kamailio opensips freeswitch sofia-sip asterisk pjproject resiprocate yate baresip re belle-sip liblinphone jain-sip sipp drachtio janus sems flexisip; do
    if python3 "$miner/miner.py" --stack list | cut -f1 | grep -qx "$s"; then ok; else bad "no rules for $s"; fi
done
echo "$pass passed, $failc failed"
[ "$failc" -eq 0 ]
