#!/usr/bin/env bash
# End to end, the wiring of the call verdict through tshark: "-z sipcodes,cdr"
# in one pass and with -2 against tests/expected/calls/verdicts.tsv (the verdicts
# worked out by hand; the core meets the same table in test_pipeline), the
# fields on every message of a call, the verdict known so far in one pass,
# and the RFC 6076 figures of "-z sipcodes,calls" and of the statistics tree.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_start
table=$here/expected/calls/verdicts.tsv

# The call fields and their types.
tshark_sipcodes -- -G fields 2>/dev/null | awk -F'\t' '$3 ~ /^sipcodes\.call(\.|$)/ { print $3 "\t" $4 }' | sort > "$out/fields"
sort > "$out/fields.want" <<'EOF'
sipcodes.call	FT_UINT32
sipcodes.call.state	FT_STRING
sipcodes.call.outcome	FT_STRING
sipcodes.call.final_code	FT_UINT16
sipcodes.call.final_frame	FT_FRAMENUM
sipcodes.call.attempts	FT_UINT8
sipcodes.call.cause	FT_UINT8
sipcodes.call.cause.name	FT_STRING
sipcodes.call.cause.source	FT_STRING
sipcodes.call.cause.protocol	FT_STRING
sipcodes.call.cause.code	FT_UINT16
sipcodes.call.cause.location	FT_STRING
sipcodes.call.ended_by	FT_STRING
sipcodes.call.ended_by.rule	FT_STRING
sipcodes.call.setup_time	FT_RELATIVE_TIME
sipcodes.call.duration	FT_RELATIVE_TIME
sipcodes.call.disconnect_time	FT_RELATIVE_TIME
sipcodes.call.branch.code	FT_UINT16
sipcodes.call.timer	FT_STRING
EOF
expect_same_file "call fields and types" "$out/fields.want" "$out/fields"

# cdr CSV (RFC 4180) to the columns of the table, tab-separated.
cdr_as_table() { # CAPTURE-NAME < cdr
    awk -v cap="$1" -v want="$(sed -n '/^capture\t/p' "$table")" "$awk_csv"'
        BEGIN { nw = split(want, w, "\t") }
        /^call,/ { nh = csv($0, h); for (i = 1; i <= nh; i++) col[h[i]] = i; next }
        nh && /^[0-9]/ {
            csv($0, f)
            line = cap
            for (i = 2; i <= nw; i++) line = line "\t" (w[i] in col ? f[col[w[i]]] : "(no column " w[i] ")")
            print line
        }'
}

for name in $(awk -F'\t' '!/^#/ && $1 != "capture" { print $1 }' "$table" | uniq); do
    cap=$(test_capture "calls_$name")
    awk -F'\t' -v n="$name" '$1 == n' "$table" > "$out/$name.want"
    tshark_sipcodes -- -q -r "$cap" -z sipcodes,cdr 2>"$out/$name.err" | cdr_as_table "$name" > "$out/$name.one"
    expect_same_file "calls_$name: cdr, one pass" "$out/$name.want" "$out/$name.one"
    tshark_sipcodes -- -q -2 -r "$cap" -z sipcodes,cdr 2>>"$out/$name.err" | cdr_as_table "$name" > "$out/$name.two"
    expect_same_file "calls_$name: cdr, two passes" "$out/$name.want" "$out/$name.two"
    # Nothing kept for later passes: calls are forgotten once retired, the records are the same.
    tshark_sipcodes -- -q -o sipcodes.remember:FALSE -r "$cap" -z sipcodes,cdr 2>>"$out/$name.err" \
        | cdr_as_table "$name" > "$out/$name.forget"
    expect_same_file "calls_$name: cdr, one pass, remember off" "$out/$name.want" "$out/$name.forget"

    # With -2 every message of a call carries the call's final verdict.
    tshark_sipcodes -- -2 -r "$cap" -Y sip -T fields -e sip.Call-ID -e sipcodes.call -e sipcodes.call.state \
        -e sipcodes.call.final_code 2>>"$out/$name.err" > "$out/$name.frames"
    bad=$(awk -F'\t' 'NR == FNR { state[$2] = $3; code[$2] = $5; next }
                      ($1 in state) && ($3 != state[$1] || $4 != code[$1] || $2 == "") { n++ } END { print n + 0 }' \
          "$out/$name.want" "$out/$name.frames")
    expect_equal "calls_$name: every message of a call carries its verdict (-2)" 0 "$bad"
    [ -s "$out/$name.err" ] && fail "calls_$name: tshark wrote to stderr: $(head -c 300 "$out/$name.err")"
done

# One pass shows the verdict known so far: the challenged call is busy from
# its 486 (frame 6) on; two passes show it on all seven frames.
cap=$(test_capture "calls_challenge")
expect_equal "filter busy, one pass" "6,7" \
    "$(tshark_sipcodes -- -r "$cap" -Y 'sipcodes.call.outcome == "busy"' -T fields -e frame.number 2>/dev/null | paste -sd,)"
expect_equal "filter busy, two passes" "1,2,3,4,5,6,7" \
    "$(tshark_sipcodes -- -2 -r "$cap" -Y 'sipcodes.call.outcome == "busy"' -T fields -e frame.number 2>/dev/null | paste -sd,)"
expect_equal "state as known so far: frame 1 unfinished" "unfinished" \
    "$(tshark_sipcodes -- -r "$cap" -Y 'frame.number == 1' -T fields -e sipcodes.call.state 2>/dev/null)"
# The stray BYE (frame 9) and its 481 (frame 10) belong to no call.
cap=$(test_capture "calls_interleaved")
expect_equal "no call for the stray BYE" "1,2,3,4,5,6,7,8,11,12" \
    "$(tshark_sipcodes -- -2 -r "$cap" -Y 'sipcodes.call' -T fields -e frame.number 2>/dev/null | paste -sd,)"
# A proxy host: the branches of the failover call, in order.
cap=$(test_capture "calls_proxy")
expect_equal "branch codes of the failover call" "503,200" \
    "$(tshark_sipcodes -- -2 -r "$cap" -Y 'frame.number == 1' -T fields -e sipcodes.call.branch.code 2>/dev/null)"

# RFC 6076 figures of calls_mixed (eleven calls one after the other; the
# verdicts are the rows "mixed" of tests/expected/calls/verdicts.tsv):
#  setup ended 11: failed 8 (m4-m11), completed 2 (m1 m2), active 1 (m3: answered, no BYE)
#  3xx 1 (m6); 200 3 (m1 m2 m3); 200/480/486/600/603 6 (+ m5 m4 m11); 408/500/503/504 2 (m8 m7)
#  SER  s4.6 = 3 / (11 - 1)       SEER s4.7 = 6 / 10       ISA s4.8 = 2 / 11
#  SCR  s4.9 = completed / (failed + completed + broken) = 2 / 10 (m3 has not ended)
#  SRD  s4.3.1 answered: m1 0.2, m2 0.4, m3 0.5 (from the first INVITE, before the 407)
#  SRD  s4.3.2 failed: m4 0.3, m5 0.6, m7 0.5, m8 32.0, m9 0.2, m10 0.1, m11 0.7 (sum 34.4); m6's 302 is neither
#  SDD  s4.4: m1 and m2, 10 ms each;   SDT s4.5.1: m1 30.0, m2 10.0
cat > "$out/mixed.want" <<'EOF'
Calls: 11
State unfinished: 0
State failed: 8
State active: 1
State completed: 2
State broken: 0
Session requests (calls whose setup ended): 11
Session Establishment Ratio, SER (RFC 6076 s4.6): 30.00 % (3/10)
Session Establishment Effectiveness Ratio, SEER (RFC 6076 s4.7): 60.00 % (6/10)
Ineffective Session Attempts, ISA (RFC 6076 s4.8): 18.18 % (2/11)
Session Completion Ratio, SCR (RFC 6076 s4.9): 20.00 % (2/10)
Session Request Delay, successful (RFC 6076 s4.3.1), count: 3
Session Request Delay, successful (RFC 6076 s4.3.1), min: 0.200000 s
Session Request Delay, successful (RFC 6076 s4.3.1), mean: 0.366666 s
Session Request Delay, successful (RFC 6076 s4.3.1), max: 0.500000 s
Session Request Delay, failed (RFC 6076 s4.3.2), count: 7
Session Request Delay, failed (RFC 6076 s4.3.2), min: 0.100000 s
Session Request Delay, failed (RFC 6076 s4.3.2), mean: 4.914285 s
Session Request Delay, failed (RFC 6076 s4.3.2), max: 32.000000 s
Session Disconnect Delay, successful (RFC 6076 s4.4), count: 2
Session Disconnect Delay, successful (RFC 6076 s4.4), min: 10.000 ms
Session Disconnect Delay, successful (RFC 6076 s4.4), mean: 10.000 ms
Session Disconnect Delay, successful (RFC 6076 s4.4), max: 10.000 ms
Session Disconnect Delay, failed (RFC 6076 s4.4), count: 0
Session Disconnect Delay, failed (RFC 6076 s4.4), min: n/a
Session Disconnect Delay, failed (RFC 6076 s4.4), mean: n/a
Session Disconnect Delay, failed (RFC 6076 s4.4), max: n/a
Session Duration Time, successful (RFC 6076 s4.5.1), count: 2
Session Duration Time, successful (RFC 6076 s4.5.1), min: 10.000000 s
Session Duration Time, successful (RFC 6076 s4.5.1), mean: 20.000000 s
Session Duration Time, successful (RFC 6076 s4.5.1), max: 30.000000 s
Session Duration Time, failed (RFC 6076 s4.5.2), count: 0
Session Duration Time, failed (RFC 6076 s4.5.2), min: n/a
Session Duration Time, failed (RFC 6076 s4.5.2), mean: n/a
Session Duration Time, failed (RFC 6076 s4.5.2), max: n/a
Registration attempts: 0
unfinished: 0
Ineffective Registration Attempts, IRA (RFC 6076 s4.2): n/a
Registration Request Delay (RFC 6076 s4.1), count: 0
Registration Request Delay (RFC 6076 s4.1), min: n/a
Registration Request Delay (RFC 6076 s4.1), mean: n/a
Registration Request Delay (RFC 6076 s4.1), max: n/a
Calls by outcome: 11
Outcome answered: 3
Outcome redirected: 1
Outcome busy: 1
Outcome no-answer: 2
Outcome cancelled: 1
Outcome rejected: 1
Outcome not-found: 1
Outcome failed: 1
Calls by cause: 11
Cause 1 UNALLOCATED_NUMBER: 1
Cause 16 NORMAL_CLEARING: 3
Cause 17 USER_BUSY: 1
Cause 18 NO_USER_RESPONSE: 1
Cause 21 CALL_REJECTED: 1
Cause 41 NORMAL_TEMPORARY_FAILURE: 1
Cause 102 RECOVERY_ON_TIMER_EXPIRE: 1
Cause (none): 2
Calls by timer run out: 11
Timer timer-b: 0
Timer timer-c: 0
Timer no-ack: 0
Timer timer-f: 0
EOF
report_lines() { # CAPTURE [tshark options]
    local cap=$1
    shift
    tshark_sipcodes -- "$@" -q -r "$cap" -z sipcodes,calls 2>/dev/null | sed -n '/^SIP calls/,$p' | sed '1,2d; $d; s/^ *//'
}
cap=$(test_capture "calls_mixed")
report_lines "$cap" > "$out/mixed.one"
expect_same_file "calls_mixed: RFC 6076 report" "$out/mixed.want" "$out/mixed.one"
report_lines "$cap" -2 > "$out/mixed.two"
expect_same_file "calls_mixed: RFC 6076 report with -2" "$out/mixed.want" "$out/mixed.two"
report_lines "$cap" -o sipcodes.remember:FALSE > "$out/mixed.forget"
expect_same_file "calls_mixed: RFC 6076 report, remember off" "$out/mixed.want" "$out/mixed.forget"

# The statistics tree shows the same figures: a count as the node's count,
# a ratio as its denominator with the numerator under it.
tshark_sipcodes -- -q -r "$cap" -z sipcodes_calls,tree 2>/dev/null > "$out/tree"
node() { awk -v n="$1" '{ sub(/^ */, "") } index($0, n) == 1 { split(substr($0, length(n) + 1), f, " "); print f[1]; exit }' "$out/tree"; }
expect_equal "tree: Calls" 11 "$(node 'Calls ')"
expect_equal "tree: SER denominator" 10 "$(node 'Session Establishment Ratio, SER (RFC 6076 s4.6) ')"
expect_equal "tree: SCR denominator" 10 "$(node 'Session Completion Ratio, SCR (RFC 6076 s4.9) ')"
expect_equal "tree: SER numerator and its percent" "3 30.00%" \
    "$(awk '/Session Establishment Ratio, SER/ { getline; print $2, $(NF - 2) }' "$out/tree")"
expect_equal "tree: SRD failed mean (ms)" 4914 "$(node 'Session Request Delay, failed (RFC 6076 s4.3.2), mean [ms] ')"

# Registrations (RFC 6076 s4.1, s4.2): rg1 401 then 200 (one attempt, 300 ms),
# rg2 403, rg3 never answered past Timer F: 3 attempts, 2 ineffective.
cap=$(test_capture "calls_register")
report_lines "$cap" | grep -E '^(Registration|Ineffective Registration|unfinished)' > "$out/register"
cat > "$out/register.want" <<'EOF'
Registration attempts: 3
unfinished: 0
Ineffective Registration Attempts, IRA (RFC 6076 s4.2): 66.67 % (2/3)
Registration Request Delay (RFC 6076 s4.1), count: 1
Registration Request Delay (RFC 6076 s4.1), min: 300.000 ms
Registration Request Delay (RFC 6076 s4.1), mean: 300.000 ms
Registration Request Delay (RFC 6076 s4.1), max: 300.000 ms
EOF
expect_same_file "calls_register: RRD and IRA" "$out/register.want" "$out/register"

finish
