#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Live end to end with real SIP software, on the loopback only: Kamailio as a
# stateful proxy (tests/live/kamailio.cfg) on 127.0.0.1:5060 between SIPp
# callers on 127.0.0.2 and SIPp callees on 127.0.0.3-5 (tests/live/*.xml),
# recorded by dumpcap. Every call's verdict in "tshark -z sipcodes,cdr" is
# judged against its scenario's row of tests/live/expected.tsv (by the
# Request-URI user), and the calls per scenario against SIPp's statistics.
#
# Needs the Debian packages kamailio and sip-tester (dumpcap comes with
# tshark, ss with iproute2) and the right to capture on lo (root):
#   apt-get install kamailio sip-tester iproute2
# Without kamailio, sipp, dumpcap or ss the test is skipped (exit 77).
#
#   tests/live_kamailio.sh [--keep DIR]
#       the live run; DIR keeps the capture, logs, SIPp statistics and cdr
#   tests/live_kamailio.sh --judge DIR [--cdr FILE]
#       judges a kept run again, with FILE (CSV) instead of the plugin's cdr
set -u
here=$(cd "$(dirname "$0")" && pwd)
live=$here/live

keep="" judge="" cdr_file=""
while [ $# -gt 0 ]; do
    case "$1" in
        --keep) keep=${2:?--keep DIR}; shift 2 ;;
        --judge) judge=${2:?--judge DIR}; shift 2 ;;
        --cdr) cdr_file=${2:?--cdr FILE}; shift 2 ;;
        *) echo "usage: $0 [--keep DIR] | --judge DIR [--cdr FILE]" >&2; exit 2 ;;
    esac
done

cdr_header='call,first_frame,start_time,call_id,from,to,state,outcome,final_code,final_phrase,cause,cause_name,cause_source,cause_protocol,ended_by,ended_by_rule,setup_time,duration,attempts,branches,timers'

# Callees: name, scenario, address, port. kamailio.cfg routes to these.
callees="
answer      uas_answer.xml      127.0.0.3 5062
callee-bye  uas_bye.xml         127.0.0.3 5063
busy        uas_busy.xml        127.0.0.4 5064
decline     uas_decline.xml     127.0.0.4 5065
cancel      uas_ringing.xml     127.0.0.5 5066
noanswer    uas_silent.xml      127.0.0.5 5067
redirect    uas_redirect.xml    127.0.0.3 5068
early       uas_early.xml       127.0.0.4 5069
failover-1  uas_unavailable.xml 127.0.0.4 5070
failover-2  uas_answer.xml      127.0.0.5 5071
fork-1      uas_answer.xml      127.0.0.3 5072
fork-2      uas_ringing.xml     127.0.0.4 5073
load-answer uas_answer.xml      127.0.0.3 5074
load-busy   uas_busy.xml        127.0.0.5 5075
"
# Caller runs on 127.0.0.2, one after the other except the two load runs
# (20 calls/s together): Request-URI user, scenario, port, calls, calls/s.
callers="
answer      uac_bye.xml         5080 3 5
callee-bye  uac_callee_bye.xml  5081 3 5
busy        uac_busy.xml        5082 3 5
decline     uac_decline.xml     5083 3 5
nobody      uac_not_found.xml   5084 3 5
cancel      uac_cancel.xml      5085 3 5
noanswer    uac_timeout.xml     5086 3 5
redirect    uac_redirect.xml    5087 3 5
early       uac_early.xml       5088 3 5
auth        uac_auth.xml        5089 3 5
failover    uac_bye.xml         5090 3 5
fork        uac_bye.xml         5091 3 5
"
load_callers="
load-answer uac_bye.xml         5092 150 10
load-busy   uac_busy.xml        5093 150 10
"

PATH=$PATH:/usr/sbin   # kamailio
if [ -z "$judge" ]; then
    missing=""
    for tool in kamailio sipp dumpcap ss; do
        command -v "$tool" >/dev/null || missing="$missing $tool"
    done
    if [ -n "$missing" ]; then
        echo "SKIPPED: missing$missing (Debian packages: kamailio sip-tester iproute2)"
        exit 77
    fi
fi

. "$here/lib.sh"
sipcodes_sandbox
require_plugin
if [ -z "$cdr_file" ] && ! tshark_sipcodes -- -z help 2>&1 | grep -qx '[[:space:]]*sipcodes,cdr'; then
    echo "FATAL: tshark does not know -z sipcodes,cdr (the plugin $SIPCODES_PLUGIN has no call records)" >&2
    exit 1
fi

work=$sipcodes_home/live
mkdir -p "$work"
server_pids=()   # callees and dumpcap: started here, stopped by PID
caller_pids=() caller_users=()   # SIPp caller runs going on
kamailio_pid=""

# alive PID: running (a child that has exited is a zombie until reaped).
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null); [ -n "$s" ] && [ "${s#Z}" = "$s" ]; }
# stop PID...: SIGTERM, up to 5 s, then SIGKILL.
stop() {
    local p i up
    kill "$@" 2>/dev/null
    for i in $(seq 50); do
        up=0
        for p in "$@"; do alive "$p" && up=1; done
        [ $up = 1 ] || return 0
        sleep 0.1
    done
    kill -9 "$@" 2>/dev/null
}
cleanup() {
    [ ${#caller_pids[@]} -gt 0 ] && stop "${caller_pids[@]}"
    [ ${#server_pids[@]} -gt 0 ] && stop "${server_pids[@]}"
    [ -n "$kamailio_pid" ] && stop "$kamailio_pid"
    wait 2>/dev/null
    rm -rf "$sipcodes_home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# bound ADDRESS:PORT: a UDP socket is bound there.
bound() { ss -Huan | awk -v a="$1" '$4 == a { f = 1 } END { exit !f }'; }
# wait_for SECONDS COMMAND...: until COMMAND succeeds.
wait_for() {
    local n=$(($1 * 10)); shift
    while ! "$@"; do
        n=$((n - 1)); [ $n -gt 0 ] || return 1
        sleep 0.1
    done
}

# start_caller USER SCENARIO PORT CALLS RATE: one SIPp caller run in the
# background, its PID added to caller_pids; statistics in $work/uac-USER.csv.
start_caller() {
    sipp 127.0.0.1:5060 -sf "$live/$2" -i 127.0.0.2 -p "$3" -bind_local -s "$1" \
        -m "$4" -r "$5" -nostdin -nd -timeout 40s -timeout_error \
        -trace_stat -stf "$work/uac-$1.csv" -fd 60 \
        -trace_err -error_file "$work/uac-$1.errors" \
        -trace_screen -screen_file "$work/uac-$1.screen" > "$work/uac-$1.out" 2>&1 &
    caller_pids+=($!)
    caller_users+=("$1")
}
# wait_callers: waits for the caller runs, keeps each exit status.
wait_callers() {
    local i
    for i in "${!caller_pids[@]}"; do
        wait "${caller_pids[$i]}"
        echo $? > "$work/uac-${caller_users[$i]}.status"
    done
    caller_pids=() caller_users=()
}

# runs_table: user, calls created, successful, failed, exit status; from the
# last line of each run's statistics (-trace_stat).
runs_table() {
    local user scen port calls rate
    while read -r user scen port calls rate; do
        [ -n "$user" ] || continue
        [ -s "$work/uac-$user.csv" ] || continue
        awk -F';' -v u="$user" -v st="$(cat "$work/uac-$user.status" 2>/dev/null || echo '?')" '
            NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
            { last = $0 }
            END { split(last, f, ";")
                  print u "\t" f[c["TotalCallCreated"]] "\t" f[c["SuccessfulCall(C)"]] "\t" f[c["FailedCall(C)"]] "\t" st }' \
            "$work/uac-$user.csv"
    done <<< "$callers$load_callers"
}

live_run() {
    # Nothing else on the loopback (or on all addresses) may use these
    # ports: they are what the capture records.
    local in_use
    in_use=$(ss -Huan | awk '{ n = split($4, a, ":"); p = a[n] + 0; addr = substr($4, 1, length($4) - length(a[n]) - 1) }
        p >= 5060 && p <= 5099 && addr ~ /^(127\.|0\.0\.0\.0|\*|\[::\]|\[::1\]|\[::ffff:127\.)/ { print $4 }')
    if [ -n "$in_use" ]; then
        echo "FATAL: UDP ports 5060-5099 must be free on the loopback; in use: $(echo $in_use)" >&2
        exit 1
    fi

    # Kamailio daemonizes; its main process writes the PID file.
    mkdir -p "$work/kamailio"
    kamailio -f "$live/kamailio.cfg" -P "$work/kamailio.pid" -w "$work/kamailio" -Y "$work/kamailio" \
        -E -m 32 -M 8 > "$work/kamailio.log" 2>&1
    if ! wait_for 10 test -s "$work/kamailio.pid"; then
        echo "FATAL: kamailio did not start:" >&2; tail -20 "$work/kamailio.log" >&2; exit 1
    fi
    kamailio_pid=$(cat "$work/kamailio.pid")
    wait_for 10 bound 127.0.0.1:5060 || { echo "FATAL: kamailio is not on 127.0.0.1:5060" >&2; exit 1; }

    local name scen addr port user calls rate
    while read -r name scen addr port; do
        [ -n "$name" ] || continue
        sipp -sf "$live/$scen" -i "$addr" -p "$port" -bind_local -nostdin -nd \
            -trace_err -error_file "$work/uas-$name.errors" > "$work/uas-$name.out" 2>&1 &
        server_pids+=($!)
    done <<< "$callees"
    while read -r name scen addr port; do
        [ -n "$name" ] || continue
        wait_for 10 bound "$addr:$port" || { echo "FATAL: callee $name is not on $addr:$port:" >&2; tail "$work/uas-$name.out" >&2; exit 1; }
    done <<< "$callees"

    dumpcap -i lo -f 'udp portrange 5060-5099' -B 16 -w "$work/live.pcapng" 2> "$work/dumpcap.log" &
    local dumpcap_pid=$!
    server_pids+=($dumpcap_pid)
    wait_for 10 grep -q '^Capturing on' "$work/dumpcap.log" || { echo "FATAL: dumpcap does not capture:" >&2; cat "$work/dumpcap.log" >&2; exit 1; }
    # dumpcap says so as it enters its loop; give a loaded machine a moment
    sleep 1

    local t0=$SECONDS
    while read -r user scen port calls rate; do
        [ -n "$user" ] || continue
        start_caller "$user" "$scen" "$port" "$calls" "$rate"
        wait_callers
    done <<< "$callers"
    while read -r user scen port calls rate; do
        [ -n "$user" ] || continue
        start_caller "$user" "$scen" "$port" "$calls" "$rate"
    done <<< "$load_callers"
    wait_callers
    echo "calls done in $((SECONDS - t0)) s"

    # Late retransmissions and ACKs, then dumpcap closes the file.
    sleep 1
    kill "$dumpcap_pid"
    wait "$dumpcap_pid"
    grep -E '^Packets (captured|received)' "$work/dumpcap.log"
    local dropped
    dropped=$(sed -n "s/^Packets received\/dropped on interface '.*': [0-9]*\/\([0-9]*\) .*/\1/p" "$work/dumpcap.log")
    [ "${dropped:-0}" = 0 ] || fail "dumpcap dropped $dropped packets"

    stop "${server_pids[@]}"
    wait "${server_pids[@]}" 2>/dev/null
    server_pids=()
    stop "$kamailio_pid"
    kamailio_pid=""
    # A scenario that went wrong shows here even when SIPp counts it a success.
    if grep -qE ' (ERROR|CRITICAL|ALERT|BUG):' "$work/kamailio.log"; then
        fail "kamailio logged errors:"
        grep -E ' (ERROR|CRITICAL|ALERT|BUG):' "$work/kamailio.log" | head -5 >&2
    fi
    local f
    # A retransmission that arrives after SIPp finished the call ("Dead
    # call") or while it waits for the next message is RFC 3261 at work on
    # a slow machine (a late ACK makes the callee send its 200 again); the
    # verdicts must hold all the same, so those are reported, not failed.
    local f other
    for f in "$work"/*.errors; do
        [ -s "$f" ] || continue
        other=$(grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}'$'\t' "$f" \
            | grep -v -E ': (Dead call .* received|Continuing call on unexpected message .* received) ' || true)
        if [ -n "$other" ]; then
            fail "SIPp $(basename "$f" .errors) logged unexpected messages:"
            echo "$other" | head -5 >&2
        else
            echo "note: SIPp $(basename "$f" .errors) saw $(grep -c -E ': (Dead call|Continuing call on unexpected message)' "$f") retransmissions after or between its steps"
        fi
    done

    runs_table > "$work/runs.tsv"
    if [ -n "$keep" ]; then
        mkdir -p "$keep" && cp -r "$work"/. "$keep"/ && echo "kept in $keep"
    fi
}

if [ -n "$judge" ]; then
    cp -r "$judge"/. "$work"/
else
    live_run
fi

cap=$(readable_copy "$work/live.pcapng")
# The calls the callers made: Call-ID, Request-URI user, frame and time of
# the first INVITE.
tshark_sipcodes -- -r "$cap" -Y 'sip.Method == "INVITE" && ip.src == 127.0.0.2' \
        -T fields -e sip.Call-ID -e sip.r-uri.user -e frame.number -e frame.time_epoch 2>/dev/null \
    | awk -F'\t' '!seen[$1]++' > "$work/calls.tsv"
tshark_sipcodes -- -r "$cap" -Y sip -T fields -e sip.Call-ID 2>/dev/null > "$work/messages.txt"

if [ -n "$cdr_file" ]; then
    cp "$cdr_file" "$work/cdr.out"
else
    tshark_sipcodes -- -q -r "$cap" -z sipcodes,cdr > "$work/cdr.out" 2> "$work/cdr.err"
    rc=$?
    [ $rc -eq 0 ] || fail "tshark -z sipcodes,cdr exited with $rc: $(head -3 "$work/cdr.err")"
    [ -n "$keep" ] && cp "$work/cdr.out" "$keep/"
fi
# From the header line on, as tab-separated lines (RFC 4180: quoted fields,
# "" inside quotes, line breaks inside quotes); stops at an empty line.
awk -v header="$cdr_header" '
    function flush(rec,    out, field, inq, i, c, n) {
        out = ""; field = ""; inq = 0; n = length(rec)
        for (i = 1; i <= n; i++) {
            c = substr(rec, i, 1)
            if (inq) {
                if (c == "\"") { if (substr(rec, i + 1, 1) == "\"") { field = field c; i++ } else inq = 0 }
                else field = field c
            } else if (c == "\"") inq = 1
            else if (c == ",") { gsub(/[\t\n]/, " ", field); out = out field "\t"; field = "" }
            else field = field c
        }
        gsub(/[\t\n]/, " ", field)
        print out field
    }
    { sub(/\r$/, "") }
    # the header names these columns first; more may follow
    !started { if (index($0 "," , header ",") == 1) { started = 1; flush($0) }; next }
    pending == "" && $0 == "" { exit }
    { rec = pending == "" ? $0 : pending "\n" $0
      if (gsub(/"/, "\"", rec) % 2) { pending = rec; next }
      pending = ""; flush(rec) }
    END { if (!started) exit 1 }' "$work/cdr.out" > "$work/cdr.tsv" \
    || fail "the cdr has no header line [$cdr_header]; it begins: $(head -3 "$work/cdr.out")"

awk -v expected="$live/expected.tsv" -v runs="$work/runs.tsv" -v calls="$work/calls.tsv" \
    -v messages="$work/messages.txt" -v cdr="$work/cdr.tsv" -f "$live/judge.awk" /dev/null > "$work/judged"
[ -n "$keep" ] && cp "$work/calls.tsv" "$work/cdr.tsv" "$work/judged" "$keep/"
grep '^FAIL: ' "$work/judged" >&2
grep -v -e '^FAIL: ' -e '^checks ' "$work/judged"
read -r checks mismatches < <(awk '$1 == "checks" { print $2, $4 }' "$work/judged")
pass_count=$((pass_count + ${checks:-0} - ${mismatches:-0}))
fail_count=$((fail_count + ${mismatches:-0}))
[ -n "${checks:-}" ] || fail "the judge printed no result"
finish
