#!/usr/bin/env bash
# No packet-tree label of sipcodes is cut: the captures holding every code,
# variant, device, warn-code and Reason location row (written from data/ by
# tests/make-captures.sh) go through `tshark -V` in every language, and no
# line may end in "[truncated]" (Wireshark's mark for a label over 240 bytes).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_start
for name in codes variants devices warn_codes reason_locations; do
    cap=$(test_capture "$name") || exit 1
    for lang in en ru de; do
        if ! tshark_sipcodes -- -r "$cap" -V -o "sipcodes.language:$lang" > "$out/$name.$lang.txt" 2> "$out/err"; then
            fail "$name.pcap ($lang): tshark failed: $(head -c 300 "$out/err")"
            continue
        fi
        subtrees=$(grep -c '^SIP Response Codes' "$out/$name.$lang.txt")
        [ "$subtrees" -gt 0 ] && pass || fail "$name.pcap ($lang): no sipcodes subtree in the output"
        truncated=$(grep -n '\[truncated\]' "$out/$name.$lang.txt")
        if [ -z "$truncated" ]; then
            pass
        else
            fail "$name.pcap ($lang): $(grep -c . <<< "$truncated") truncated label(s):"
            head -n 5 <<< "$truncated" | cut -c1-300 >&2
        fi
    done
done
finish
