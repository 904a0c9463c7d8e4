#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes docs/public-captures.md: for every public capture of
# ../shared/captures/real, what sipcodes reports of it — responses by class,
# known variants, calls answered, failed, timed out and unfinished.
#   tools/public-captures.sh [OUTPUT]   (default docs/public-captures.md)
# Uses the plugin of the build tree (SIPCODES_PLUGIN, else build/plugins/*/epan/sipcodes.so)
# through the tshark wrapper of tests/lib.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
real=${SIPCODES_REAL_CAPTURES:-"$root/../shared/captures/real"}
output=${1:-"$root/docs/public-captures.md"}
[ -d "$real" ] || { echo "no public captures at $real" >&2; exit 1; }
: "${SIPCODES_PLUGIN:=$(ls "$root"/build/plugins/*/epan/sipcodes.so 2>/dev/null | head -1)}"
[ -n "$SIPCODES_PLUGIN" ] || { echo "no build/plugins/*/epan/sipcodes.so: build first" >&2; exit 1; }
export SIPCODES_PLUGIN
set +u
. "$root/tests/lib.sh"
sipcodes_sandbox
set -u
require_plugin
work=$sipcodes_home/report
mkdir -p "$work"

for f in "$real"/*.pcap "$real"/*.pcapng; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    # one line per response: class, phrase kind, code, variant (variants sit
    # on their responses in order)
    tshark_sipcodes -- -r "$f" -Y sipcodes.code -T fields -E occurrence=a -E aggregator=$'\x1f' \
        -e sipcodes.class -e sipcodes.phrase.kind -e sipcodes.code -e sipcodes.variant 2>/dev/null \
        | awk -F'\t' -v OFS='\t' '{ n = split($1, c, "\x1f"); split($2, k, "\x1f"); split($3, code, "\x1f")
              m = split($4, v, "\x1f"); j = 0
              for (i = 1; i <= n; i++) { var = ""; if (k[i] == "variant" && j < m) var = v[++j]; print c[i], code[i], var } }' \
        > "$work/$name.responses" || true
    tshark_sipcodes -- -q -r "$f" -z sipcodes,cdr 2>/dev/null | sed -n '/^call,first_frame,/,$p' > "$work/$name.cdr" || true
done

python3 - "$work" "$output" <<'EOF'
import csv, collections, os, sys
work, output = sys.argv[1], sys.argv[2]
classes = "provisional success redirection client server global device unknown".split()
names = sorted({f.rsplit(".", 1)[0] for f in os.listdir(work) if f.endswith(".responses")})
rows, totals = [], collections.Counter()
for name in names:
    by_class, variants = collections.Counter(), collections.Counter()
    for line in open(os.path.join(work, name + ".responses"), encoding="utf-8"):
        cls, code, var = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        by_class[cls] += 1
        if var:
            variants[f"{code} {var}"] += 1
    calls = collections.Counter()
    with open(os.path.join(work, name + ".cdr"), encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            calls["calls"] += 1
            timers = r["timers"].split(";") if r["timers"] else []
            if r["state"] == "unfinished":
                calls["unfinished"] += 1
            elif r["state"] == "failed" and ("timer-b" in timers or "timer-c" in timers):
                calls["timed out"] += 1
            elif r["state"] == "failed":
                calls["failed"] += 1
            elif r["outcome"] == "answered":
                calls["answered"] += 1
    n = sum(by_class.values())
    totals.update(by_class); totals.update(calls); totals["responses"] += n; totals["files"] += 1
    cls_text = ", ".join(f"{c} {by_class[c]}" for c in classes if by_class[c]) or "-"
    var_text = "; ".join(f"{v} ×{k}" for v, k in sorted(variants.items(), key=lambda x: (-x[1], x[0]))) or "-"
    rows.append(f"| `{name}` | {n} | {cls_text} | {var_text} | {calls['calls']} | {calls['answered']} | "
                f"{calls['failed']} | {calls['timed out']} | {calls['unfinished']} |")
with open(output, "w", encoding="utf-8") as out:
    out.write(f"""# What the public captures hold

Written by `tools/public-captures.sh` (do not edit by hand) from the
{totals['files']} public SIP captures of `../shared/captures/real/` (public test
suites of open-source network tools; their origins are in `SOURCES.tsv`
there), as sipcodes reports them with Wireshark's tshark: every response's
`sipcodes.class` and, for a phrase of kind `variant`, the known variant
(`sipcodes.variant`); every call of `tshark -q -z sipcodes,cdr` (one pass, the
verdict at the end of the capture). A call is *answered* (states active,
completed, broken), *failed* (a 3xx–6xx final response), *timed out* (failed
by Timer B or C) or *unfinished* (the capture ended during its setup).
`tshark -q -z sipcodes,calls -r FILE` prints the RFC 6076 figures of one file.

Totals: {totals['responses']} responses ({", ".join(f"{c} {totals[c]}" for c in classes if totals[c])});
{totals['calls']} calls: {totals['answered']} answered, {totals['failed']} failed,
{totals['timed out']} timed out, {totals['unfinished']} unfinished.

| capture | responses | by class | known variants (code phrase ×responses) | calls | answered | failed | timed out | unfinished |
|---|---|---|---|---|---|---|---|---|
""")
    out.write("\n".join(rows) + "\n")
EOF
echo "wrote $output"
