#!/usr/bin/env bash
# Wireshark cuts a packet-tree label at 240 bytes (ITEM_LABEL_LENGTH) and
# marks it "[truncated]". Every description must fit with its field-name
# prefix: 200 bytes of UTF-8 leave room for the longest prefix of each table
# ("Reason cause description: " is 26 bytes). In hints.tsv the text holds %s
# exactly once; it is measured with a 20-byte keyword in its place.
#   tests/data_label_lengths.sh [DATA_DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-${SIPCODES_DATA_DIR:-"$here/../data"}}
limit=${SIPCODES_TEXT_LIMIT:-200}
keyword_bytes=20
pass=0 failc=0
for t in codes.tsv variants.tsv device_codes.tsv q850.tsv hints.tsv warn_codes.tsv reason_locations.tsv; do
    f=$data/$t
    if [ ! -f "$f" ]; then echo "FAIL: $t: missing"; failc=$((failc + 1)); continue; fi
    # LC_ALL=C: length() counts bytes
    out=$(LC_ALL=C awk -F'\t' -v file="$t" -v limit="$limit" -v kw="$keyword_bytes" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^desc_/) cols[i] = $i; next }
        $0 == "" { next }
        { for (i in cols) {
              n = length($i)
              if (file == "hints.tsv") {
                  tmp = $i; k = gsub(/%s/, "", tmp)
                  if (k != 1) { print "FAIL\t" file ":" NR ": column " cols[i] " (" i "): holds %s " k " times, not once"; continue }
                  n = n - 2 + kw
              }
              if (n > limit) print "FAIL\t" file ":" NR ": column " cols[i] " (" i "): " n " bytes, over " limit
              else print "PASS"
          } }' "$f")
    p=$(grep -c '^PASS' <<< "$out")
    ncols=$(head -n 1 "$f" | tr '\t' '\n' | grep -c '^desc_')
    if [ "$ncols" -ne 3 ]; then echo "FAIL: $t: $ncols desc_ columns, expected 3"; failc=$((failc + 1)); fi
    pass=$((pass + p))
    while IFS=$'\t' read -r tag msg; do
        [ "$tag" = FAIL ] && { echo "FAIL: $msg"; failc=$((failc + 1)); }
    done <<< "$out"
done
echo "$pass passed, $failc failed"
[ "$failc" -eq 0 ]
