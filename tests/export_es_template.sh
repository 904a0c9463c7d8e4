#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# export/sipcodes-ek-template.json cannot drift from the plugin:
#  1. export/es-template.py over this tshark's "-G fields" writes it again,
#     byte for byte;
#  2. every sipcodes key of "tshark -T ek" over every test capture, without
#     -e and with -e of every sipcodes field, has a mapping in the template,
#     and each value is one that ES type takes (integers in range, a
#     boolean true/false, a number for double, a string for keyword).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
sipcodes_sandbox
require_plugin
template=$here/../export/sipcodes-ek-template.json

tshark_sipcodes -- -G fields > "$sipcodes_home/fields" 2>/dev/null
if python3 "$here/../export/es-template.py" < "$sipcodes_home/fields" > "$sipcodes_home/template.json"; then
    expect_same_file "template written again from -G fields (export/es-template.py)" "$template" "$sipcodes_home/template.json"
else
    fail "export/es-template.py failed"
fi

fields=$(sipcodes_fields | sed 's/^/-e /' | tr '\n' ' ')
# every test capture, one after the other in one file
mergecap -a -w "$sipcodes_home/all.pcap" "$SIPCODES_CAPTURES"/*.pcap && chmod a+r "$sipcodes_home/all.pcap" \
    || fail "mergecap of the test captures"
tshark_sipcodes -- -r "$sipcodes_home/all.pcap" -Y sipcodes -T ek > "$sipcodes_home/ek.ndjson" || fail "tshark -T ek"
# shellcheck disable=SC2086
tshark_sipcodes -- -r "$sipcodes_home/all.pcap" -Y sipcodes -T ek $fields > "$sipcodes_home/ek_e.ndjson" \
    || fail "tshark -T ek -e"

if python3 - "$template" "$sipcodes_home/ek.ndjson" "$sipcodes_home/ek_e.ndjson" <<'EOF'
import json, re, sys

template = json.load(open(sys.argv[1]))
layers = template["template"]["mappings"]["properties"]["layers"]["properties"]
fails = 0
seen = set()
INT = {"byte": 8, "short": 16, "integer": 32, "long": 64}

def accepts(es, v):
    """Whether an ES field of type es indexes the JSON value v."""
    if v is None:
        return True
    if es in INT:
        s = str(v)
        if isinstance(v, bool) or not re.fullmatch(r"-?[0-9]+", s):
            return False
        return -(2 ** (INT[es] - 1)) <= int(s) < 2 ** (INT[es] - 1)
    if es == "unsigned_long":
        return not isinstance(v, bool) and re.fullmatch(r"[0-9]+", str(v)) is not None and int(v) < 2 ** 64
    if es in ("double", "float"):
        return not isinstance(v, bool) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?", str(v)) is not None
    if es == "boolean":
        return v in (True, False, "true", "false", "")
    if es == "object":
        return isinstance(v, dict)
    if es == "keyword":
        return isinstance(v, str)
    return False

def check(path, mapping, v):
    global fails
    seen.add(path)
    if mapping is None or "type" not in mapping:
        fails += 1
        print(f"FAIL: {path}: not in the template")
        return
    for x in v if isinstance(v, list) else [v]:
        if not accepts(mapping["type"], x):
            fails += 1
            print(f"FAIL: {path}: value {x!r} is not a {mapping['type']}")
            return

docs = 0
for name, nested in (("-T ek", True), ("-T ek -e", False)):
    for line in open(sys.argv[2] if nested else sys.argv[3]):
        doc = json.loads(line)
        if "index" in doc:
            continue
        docs += 1
        lay = doc["layers"]
        if nested:
            props = layers["sipcodes"]["properties"]
            sc = lay.get("sipcodes", {})
            for k, v in [kv for tree in (sc if isinstance(sc, list) else [sc]) for kv in tree.items()]:
                if k == "_ws_expert":
                    for e in v if isinstance(v, list) else [v]:
                        for ek, ev in e.items():
                            check(f"sipcodes._ws_expert.{ek}", props["_ws_expert"]["properties"].get(ek), ev)
                else:
                    check(f"sipcodes.{k}", props.get(k), v)
        else:
            for k, v in lay.items():
                check(k, layers.get(k), v)
print(f"{docs} ek documents, {len(seen)} distinct sipcodes keys checked against the template")
sys.exit(1 if fails else 0)
EOF
then pass; else fail "ek keys against the template"; fi
finish
