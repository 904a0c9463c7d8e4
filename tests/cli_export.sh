#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sipcodes-lookup --export: every table in csv and json against the data
# file it is compiled from (read here with Python's csv module, not the
# tool): same rows, same cells, the phrase_key column as docs/phrase-matching.md
# defines it, RFC 4180 quoting, json and csv the same rows; bad usage exits 2.
# Needs SIPCODES_LOOKUP and SIPCODES_DATA_DIR.
set -u
: "${SIPCODES_LOOKUP:?set SIPCODES_LOOKUP to the built sipcodes-lookup}"
: "${SIPCODES_DATA_DIR:?set SIPCODES_DATA_DIR to the data folder}"
tmp=$(mktemp -d /tmp/sipcodes-cli-export.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

tables="codes variants device_codes q850 sip_to_q850 q850_to_sip outcomes retry_codes ended_by rfc6076_codes
        hints paraphrases warn_codes reason_locations sets"
fails=0
for t in $tables; do
    for f in csv json; do
        if ! "$SIPCODES_LOOKUP" --export "$f" "$t" > "$tmp/$t.$f" 2> "$tmp/err"; then
            echo "FAIL: --export $f $t exits $?: $(cat "$tmp/err")"
            fails=$((fails + 1))
        fi
    done
done

python3 - "$SIPCODES_DATA_DIR" "$tmp" $tables <<'EOF' || fails=$((fails + 1))
import csv, json, re, sys

data, out, tables = sys.argv[1], sys.argv[2], sys.argv[3:]
fails = 0
checked = 0

def fail(msg):
    global fails
    fails += 1
    print("FAIL:", msg)

def tsv(name):
    with open(f"{data}/{name}.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))

def fold(p):
    # docs/phrase-matching.md, "The phrase key"
    return re.sub(r"[ \t]+", " ", p).strip(" \t").translate(
        str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))

def klass(code):
    names = {1: "provisional", 2: "success", 3: "redirection", 4: "client", 5: "server", 6: "global", 7: "device"}
    return names.get(int(code) // 100, "unknown")

langs = [r["name"] for r in tsv("sets") if r["set"] == "lang"]
desc = [f"desc_{l}" for l in langs]

# The rows each export must hold, built from data/ alone.
def expected(t):
    if t == "codes":
        return [dict(code=r["code"], phrase=r["phrase"], phrase_key=fold(r["phrase"]), **{"class": klass(r["code"])},
                     rfc=r["rfc"], registry=r["registry"], **{d: r[d] for d in desc}, source=r["source"])
                for r in tsv("codes")]
    if t == "variants":
        return [dict(code=r["code"], phrase=r["phrase"], phrase_key=fold(r["phrase"]), category=r["category"],
                     **{d: r[d] for d in desc}, source=r["source"]) for r in tsv("variants")]
    if t == "device_codes":
        return [dict(device=r["device"], sip_code=r["sip_code"], kind=r["kind"], **{d: r[d] for d in desc},
                     source=r["source"]) for r in tsv("device_codes")]
    if t == "hints":
        w = {r["keyword"]: r for r in tsv("hint_weights")}
        return [dict(keyword=r["keyword"], category=r["category"], weight=w[r["keyword"]]["weight"],
                     codes=w[r["keyword"]]["codes"], **{d: r[d] for d in desc}, source=r["source"])
                for r in tsv("hints")]
    if t == "paraphrases":
        return [dict(words=r["words"], same_as="" if r["same_as"] == "-" else r["same_as"], code=r["code"],
                     source=r["source"]) for r in tsv("paraphrases")]
    if t == "sets":
        return [dict(set=r["set"], name=r["name"], title=r["title"]) for r in tsv("sets")]
    rows = tsv(t)
    # range and mapping tables carry no source in the compiled table
    if t in ("sip_to_q850", "q850_to_sip", "outcomes", "retry_codes", "ended_by", "rfc6076_codes"):
        return [{k: v for k, v in r.items() if k != "source"} for r in rows]
    return rows

for t in tables:
    want = expected(t)
    with open(f"{out}/{t}.csv", encoding="utf-8", newline="") as f:
        text = f.read()
    got = list(csv.DictReader(text.splitlines(keepends=True), strict=True))
    if [list(r.keys()) for r in got[:1]] != [list(r.keys()) for r in want[:1]]:
        fail(f"{t}.csv: columns {list(got[0].keys()) if got else []}, data/ gives {list(want[0].keys())}")
        continue
    if len(got) != len(want):
        fail(f"{t}.csv: {len(got)} rows, data/ has {len(want)}")
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            diff = {k: (g[k], w[k]) for k in w if g[k] != w[k]}
            fail(f"{t}.csv row {i + 1}: (got, data) {diff}")
    # RFC 4180 s2: a field holding a comma, quote or line end is quoted
    for line in text.splitlines():
        for cell in next(csv.reader([line])):
            if re.search(r'[,"]', cell) and f'"{cell.replace(chr(34), chr(34) * 2)}"' not in line:
                fail(f"{t}.csv: cell {cell!r} not quoted per RFC 4180")
    try:
        js = json.load(open(f"{out}/{t}.json", encoding="utf-8"))
    except ValueError as e:
        fail(f"{t}.json: not JSON: {e}")
        continue
    if not isinstance(js, list) or any(list(o.keys()) != list(want[0].keys()) for o in js):
        fail(f"{t}.json: not an array of objects with the csv's keys in order")
        continue
    as_text = [{k: "" if v is None else str(v) for k, v in o.items()} for o in js]
    if as_text != got:
        fail(f"{t}.json: rows differ from {t}.csv")
    for o in js:
        for k, v in o.items():
            if isinstance(v, str) and re.fullmatch(r"[0-9]+", v) and k in ("code", "cause", "sip_code", "first", "last", "weight", "value"):
                fail(f"{t}.json: {k} {v!r} is a string, not a number")
                break
    checked += len(got)

print(f"{len(tables)} tables, {checked} rows checked in csv and json")
sys.exit(1 if fails else 0)
EOF

# bad usage: exit 2, one message naming the valid choices
expect_usage() {
    local what=$1 want=$2; shift 2
    "$SIPCODES_LOOKUP" "$@" > "$tmp/out" 2> "$tmp/err"
    local rc=$?
    if [ "$rc" != 2 ] || [ -s "$tmp/out" ] || ! grep -q -- "$want" "$tmp/err"; then
        echo "FAIL: $what: exit $rc, stderr [$(cat "$tmp/err")], wanted exit 2 and [$want]"
        fails=$((fails + 1))
    fi
}
all_names=$(echo $tables | sed 's/ /, /g')
expect_usage "unknown table" "unknown table 'nonsense'; the tables are: $all_names" --export csv nonsense
expect_usage "no table" "needs a table, one of: $all_names" --export json
expect_usage "unknown format" "'xml' (csv, json)" --export xml codes
expect_usage "no format" "needs a format" --export
expect_usage "--export with --list" "do not go together" --export csv codes --list codes

echo "$fails failed"
[ "$fails" -eq 0 ]
