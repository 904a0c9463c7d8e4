#!/usr/bin/env bash
# End to end: the call verdict on every SIP message of a call, in one pass
# and with "tshark -2", and the RFC 6076 figures of "-z sipcodes,calls".
# Every expected value below and in tests/expected/calls/*.tsv is worked
# out by hand from the flows in tests/captures/calls_*.txt.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
require_plugin
out=$sipcodes_home/out
mkdir -p "$out"

# The fields and their types.
tshark_sipcodes -- -G fields 2>/dev/null | awk -F'\t' '$3 ~ /^sipcodes\.call\./ { print $3 "\t" $4 }' | sort > "$out/fields"
sort > "$out/fields.want" <<'EOF'
sipcodes.call.outcome	FT_STRING
sipcodes.call.final_code	FT_UINT16
sipcodes.call.final_frame	FT_FRAMENUM
sipcodes.call.cause	FT_UINT8
sipcodes.call.cause.name	FT_STRING
sipcodes.call.cause.source	FT_STRING
sipcodes.call.ended_by	FT_STRING
sipcodes.call.setup_time	FT_RELATIVE_TIME
sipcodes.call.duration	FT_RELATIVE_TIME
EOF
expect_same_file "call fields and types" "$out/fields.want" "$out/fields"

fields=(-e frame.number -e sipcodes.call.outcome -e sipcodes.call.final_code -e sipcodes.call.final_frame
        -e sipcodes.call.cause -e sipcodes.call.cause.name -e sipcodes.call.cause.source -e sipcodes.call.ended_by
        -e sipcodes.call.setup_time -e sipcodes.call.duration)
for name in answered challenge early_media cancel retransmit forked reinvite redirect interleaved; do
    cap=$(test_capture "calls_$name")
    tshark_sipcodes -- -r "$cap" -T fields -E header=y -E separator=/t "${fields[@]}" > "$out/$name.one" 2>"$out/$name.err"
    expect_same_file "calls_$name: one pass" "$here/expected/calls/$name.one.tsv" "$out/$name.one"
    tshark_sipcodes -- -2 -r "$cap" -T fields -E header=y -E separator=/t "${fields[@]}" > "$out/$name.two" 2>>"$out/$name.err"
    expect_same_file "calls_$name: two passes" "$here/expected/calls/$name.two.tsv" "$out/$name.two"
done

# Filters see the same: one pass knows "busy" from the 486 (frames 6, 7)
# on; two passes on all seven frames of the call.
cap=$(test_capture "calls_challenge")
expect_equal "filter busy, one pass" "6,7" \
    "$(tshark_sipcodes -- -r "$cap" -Y 'sipcodes.call.outcome == "busy"' -T fields -e frame.number 2>/dev/null | paste -sd,)"
expect_equal "filter busy, two passes" "1,2,3,4,5,6,7" \
    "$(tshark_sipcodes -- -2 -r "$cap" -Y 'sipcodes.call.outcome == "busy"' -T fields -e frame.number 2>/dev/null | paste -sd,)"
# The stray BYE (frame 9) and its 481 (frame 10) belong to no call.
cap=$(test_capture "calls_interleaved")
expect_equal "no call for the stray BYE" "1,2,3,4,5,6,7,8,11,12" \
    "$(tshark_sipcodes -- -2 -r "$cap" -Y 'sipcodes.call.outcome' -T fields -e frame.number 2>/dev/null | paste -sd,)"

# RFC 6076 figures of calls_mixed (eleven calls, one after the other):
#  c1  180 +0.2  200 +1.0  BYE from the caller with cause 16 at +31.0
#  c2  180 +0.4  200 +2.0  BYE from the callee at +12.0
#  c3  407 +0.1  INVITE re-sent +0.2  180 +0.5  200 +1.5  (no BYE)
#  c4  486 +0.3          c5  180 +0.6  480 +10.6     c6  302 +0.05
#  c7  503 +0.5          c8  408 +32.0               c9  180 +0.2  CANCEL +5.0  487 +5.1
#  c10 404 +0.1          c11 603 +0.7
# Counts: session requests 11 (c3's challenge and re-send are one), 3xx 1 (c6),
# 200 3 (c1 c2 c3), 480/486/600/603 3 (c5 c4 c11), 408/500/503/504 2 (c8 c7),
# 200 then BYE 2 (c1 c2).
#  SER  s4.6 = 200 / (requests - 3xx)                  = 3/(11-1) = 30.00 %
#  SEER s4.7 = (200+480+486+600+603) / (requests - 3xx) = 6/10    = 60.00 %
#  ISA  s4.8 = (408+500+503+504) / requests             = 2/11    = 18.18 %
#  SCR  s4.9 = (200 then BYE) / requests                = 2/11    = 18.18 %
#  SRD  s4.3.1, clock stopped by 18x or 200: c1 0.2, c2 0.4, c3 0.3 (from the
#       re-sent INVITE), c5 0.6, c9 0.2 => 5, min 0.2, mean 1.7/5 = 0.34, max 0.6
#  SRD  s4.3.2, stopped by 4xx-6xx: c4 0.3, c7 0.5, c8 32.0, c10 0.1, c11 0.7
#       => 5, min 0.1, mean 33.6/5 = 6.72, max 32.0 (c6's 302 is neither)
#  SDT  s4.5, 200 to BYE: c1 30.0, c2 10.0 => 2, min 10, mean 20, max 30
# Outcomes: answered 3, redirected 1, failed 1 (503), rejected 1 (603),
# not-found 1 (404), no-answer 2 (480 408), busy 1, cancelled 1.
# Causes: 16 from c1's BYE Reason and c2's plain BYE; 17 486, 18 480,
# 41 503, 102 408, 1 404, 21 603 (RFC 3398 mapping); none for c3 (no BYE),
# c6 (302) and c9 (487 without Reason).
cat > "$out/mixed.want" <<'EOF'
Session requests (initial INVITEs): 11
Session Establishment Ratio, SER (RFC 6076 s4.6): 30.00 % (3/10)
Session Establishment Effectiveness Ratio, SEER (RFC 6076 s4.7): 60.00 % (6/10)
Ineffective Session Attempts, ISA (RFC 6076 s4.8): 18.18 % (2/11)
Session Completion Ratio, SCR (RFC 6076 s4.9): 18.18 % (2/11)
Session Request Delay, successful, count (RFC 6076 s4.3.1): 5
Session Request Delay, successful, min (RFC 6076 s4.3.1): 0.200000 s
Session Request Delay, successful, mean (RFC 6076 s4.3.1): 0.340000 s
Session Request Delay, successful, max (RFC 6076 s4.3.1): 0.600000 s
Session Request Delay, failed, count (RFC 6076 s4.3.2): 5
Session Request Delay, failed, min (RFC 6076 s4.3.2): 0.100000 s
Session Request Delay, failed, mean (RFC 6076 s4.3.2): 6.720000 s
Session Request Delay, failed, max (RFC 6076 s4.3.2): 32.000000 s
Session Duration Time, count (RFC 6076 s4.5): 2
Session Duration Time, min (RFC 6076 s4.5): 10.000000 s
Session Duration Time, mean (RFC 6076 s4.5): 20.000000 s
Session Duration Time, max (RFC 6076 s4.5): 30.000000 s
Calls by outcome: 11
Outcome answered: 3
Outcome redirected: 1
Outcome failed: 1
Outcome rejected: 1
Outcome not-found: 1
Outcome no-answer: 2
Outcome busy: 1
Outcome cancelled: 1
Calls by cause: 11
Cause 1 UNALLOCATED_NUMBER: 1
Cause 16 NORMAL_CLEARING: 2
Cause 17 USER_BUSY: 1
Cause 18 NO_USER_RESPONSE: 1
Cause 21 CALL_REJECTED: 1
Cause 41 NORMAL_TEMPORARY_FAILURE: 1
Cause 102 RECOVERY_ON_TIMER_EXPIRE: 1
Cause (none): 3
EOF

# The report's lines of the row families "Session ...", "Ineffective ...", "Calls by ...",
# "Outcome ..." and "Cause ...", in order, leading blanks dropped; a stats
# tree may print count columns after two or more blanks.
report_lines() { # CAPTURE [tshark options]
    local cap=$1
    shift
    tshark_sipcodes -- "$@" -q -r "$cap" -z sipcodes,calls 2>/dev/null | sed 's/^ *//' \
        | grep -E '^(Session |Ineffective |Calls by |Outcome |Cause )' | sed 's/   *.*$//' || true
}
cap=$(test_capture "calls_mixed")
report_lines "$cap" > "$out/mixed.one"
expect_same_file "calls_mixed: RFC 6076 report" "$out/mixed.want" "$out/mixed.one"
report_lines "$cap" -2 > "$out/mixed.two"
expect_same_file "calls_mixed: RFC 6076 report with -2" "$out/mixed.want" "$out/mixed.two"

# A flow on its own: the challenge flow is one busy call.
cap=$(test_capture "calls_challenge")
report_lines "$cap" > "$out/challenge.report"
expect_equal "calls_challenge: one session request" 1 "$(grep -c '^Session requests (initial INVITEs): 1$' "$out/challenge.report")"
expect_equal "calls_challenge: busy" 1 "$(grep -c '^Outcome busy: 1$' "$out/challenge.report")"
expect_equal "calls_challenge: no challenge outcome" 0 "$(grep -c '^Outcome challenge' "$out/challenge.report")"
expect_equal "calls_challenge: SEER" 1 "$(grep -c '^Session Establishment Effectiveness Ratio, SEER (RFC 6076 s4.7): 100.00 % (1/1)$' "$out/challenge.report")"

finish
