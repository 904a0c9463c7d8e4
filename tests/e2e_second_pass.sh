#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End to end: later passes show what the first pass showed. Wireshark fills
# the SIP fields a post-dissector wants only on the first pass; the GUI's
# packet selection, refiltering, Expert Information and statistics are later
# passes. "tshark -2" has the same two passes.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_start

# every sipcodes field but the call verdict, which one pass knows only from
# the final response on (e2e_calls tests both passes)
fields=(-e frame.number)
for f in $(sipcodes_fields | grep -v '^sipcodes\.call'); do fields+=(-e "$f"); done
fields+=(-e _ws.expert.message)
[ ${#fields[@]} -gt 10 ] || { fail "tshark lists no sipcodes fields"; finish; exit 1; }
for name in codes variants devices headers edge_codes tcp_two_responses outcomes; do
    cap=$(test_capture "$name") || exit 1
    tshark_sipcodes -- -r "$cap" -T fields -E occurrence=a "${fields[@]}" > "$out/$name.one" 2>/dev/null
    tshark_sipcodes -- -2 -r "$cap" -T fields -E occurrence=a "${fields[@]}" > "$out/$name.two" 2>/dev/null
    if ! cut -f2- "$out/$name.one" | grep -q '[^[:space:]]'; then fail "$name: first pass shows no sipcodes fields"; continue; fi
    expect_same_file "$name: second pass equals first pass" "$out/$name.one" "$out/$name.two"
    expect_equal "$name: filter on the second pass" \
        "$(tshark_sipcodes -- -r "$cap" -Y 'sipcodes.variant || sipcodes.class == "client"' 2>/dev/null | wc -l)" \
        "$(tshark_sipcodes -- -2 -r "$cap" -Y 'sipcodes.variant || sipcodes.class == "client"' 2>/dev/null | wc -l)"
done

cap=$(test_capture "headers") || exit 1
tshark_sipcodes -- -q -r "$cap" -z sipcodes,tree 2>/dev/null | grep -v '^=' > "$out/tree.one"
tshark_sipcodes -- -2 -q -r "$cap" -z sipcodes,tree 2>/dev/null | grep -v '^=' > "$out/tree.two"
expect_same_file "statistics tree on the second pass" "$out/tree.one" "$out/tree.two"
tshark_sipcodes -- -q -r "$cap" -z expert,note 2>/dev/null > "$out/expert.one"
tshark_sipcodes -- -2 -q -r "$cap" -z expert,note 2>/dev/null > "$out/expert.two"
expect_same_file "expert information on the second pass" "$out/expert.one" "$out/expert.two"
grep -q 'sipcodes' "$out/expert.two" && pass || fail "no sipcodes entry in expert information"

# With sipcodes.remember off nothing is kept: the second pass has no subtree.
expect_equal "remember off: second pass shows nothing" 0 \
    "$(tshark_sipcodes -- -2 -o sipcodes.remember:FALSE -r "$cap" -Y sipcodes 2>/dev/null | wc -l)"
expect_equal "remember off: single pass still complete" 13 \
    "$(tshark_sipcodes -- -o sipcodes.remember:FALSE -r "$cap" -T fields -e sipcodes.code 2>/dev/null | grep -c .)"

finish
