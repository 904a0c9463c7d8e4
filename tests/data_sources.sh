#!/usr/bin/env bash
# Every row of every data/*.tsv names its sources with keys defined in
# data/SOURCES.md: each ';'-separated item of the source cell (outside
# parentheses) starts with a key, and every key defined there is used.
#   tests/data_sources.sh [DATA_DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-${SIPCODES_DATA_DIR:-"$here/../data"}}
sources=$data/SOURCES.md
if [ ! -f "$sources" ]; then
    echo "FAIL: no $sources"
    echo "0 passed, 1 failed"
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Keys are the headings "### `key`".
sed -n 's/^### `\([^`]*\)`[[:space:]]*$/\1/p' "$sources" | sort > "$work/keys"
sort -u "$work/keys" > "$work/keys.u"
dups=$(comm -23 "$work/keys" "$work/keys.u")

found=0
for f in "$data"/*.tsv; do
    [ -e "$f" ] || continue
    found=$((found + 1))
    # file, line, first token of each top-level item; "-" for an empty item
    awk -F'\t' -v file="$(basename "$f")" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == "source") c = i
                  if (!c) { print file "\t1\t(no source column)"; exit } next }
        $0 == "" { next }
        { s = $c; depth = 0; item = ""; n = 0
          for (i = 1; i <= length(s); i++) {
              ch = substr(s, i, 1)
              if (ch == "(") depth++
              else if (ch == ")") depth--
              if (ch == ";" && depth == 0) { items[++n] = item; item = "" } else item = item ch
          }
          items[++n] = item
          for (k = 1; k <= n; k++) {
              t = items[k]; sub(/^[ ]+/, "", t)
              if (match(t, /^[a-z0-9][a-z0-9._-]*[a-z0-9]/)) t = substr(t, 1, RLENGTH); else t = "-"
              print file "\t" NR "\t" t
          } }' "$f"
done > "$work/uses"

pass=0 failc=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; failc=$((failc + 1)); }

[ "$found" -gt 0 ] && ok || bad "no TSV files in $data"
[ -s "$work/keys" ] && ok || bad "SOURCES.md defines no key"
[ -z "$dups" ] && ok || bad "keys defined twice in SOURCES.md: $(echo $dups)"

# Every item of every row starts with a defined key.
while IFS=$'\t' read -r file line key; do
    if grep -qxF -- "$key" "$work/keys.u"; then ok; else bad "$file:$line: source item starts with '$key', which data/SOURCES.md does not define"; fi
done < "$work/uses"

# Every key is used by some row.
cut -f3 "$work/uses" | sort -u > "$work/used"
while read -r key; do
    if grep -qxF -- "$key" "$work/used"; then ok; else bad "SOURCES.md key '$key' is used by no row"; fi
done < "$work/keys.u"

echo "$pass passed, $failc failed"
[ "$failc" -eq 0 ]
