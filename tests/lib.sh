# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the end-to-end tests: runs the real tshark with the plugin
# from the build tree. Source it; needs SIPCODES_PLUGIN (path of sipcodes.so).
# The test captures are read from SIPCODES_CAPTURES (ctest sets it to
# build/tests/captures, written there by tests/make-captures.sh).
#
# tshark run as root ignores the personal plugin folder and
# WIRESHARK_PLUGIN_DIR, so as root tshark runs as the user "nobody" with a
# temporary HOME holding the plugin. WIRESHARK_PLUGIN_DIR points at an empty
# folder so that an installed sipcodes.so cannot shadow the one under test.


# tshark with the plugin; extra environment may be given as NAME=VALUE
# arguments before "--".
tshark_sipcodes() {
    local envs=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    [ "${1:-}" = "--" ] && shift
    local runner=()
    if [ "$(id -u)" = 0 ]; then runner=(runuser -u nobody --); fi
    "${runner[@]}" env -u XDG_CONFIG_HOME HOME="$sipcodes_home" WIRESHARK_PLUGIN_DIR="$sipcodes_home/no-system-plugins" LC_ALL=C.UTF-8 "${envs[@]}" ${SIPCODES_TSHARK_PREFIX:-} tshark "$@"
}

# sipcodes_sandbox: the temporary HOME tshark runs in ($sipcodes_home,
# removed on exit), with the plugin under test in the personal plugin folder
# as this tshark names it (4.0, 4.4, 4-4, ...: asked from tshark itself;
# SIPCODES_WS_VERSION only if it does not say). Sourcing this file defines
# functions only; a script calls this (or e2e_start) once.
sipcodes_sandbox() {
    : "${SIPCODES_PLUGIN:?set SIPCODES_PLUGIN to the built sipcodes.so}"
    sipcodes_home=$(mktemp -d /tmp/sipcodes-home.XXXXXX)
    trap 'rm -rf "$sipcodes_home"' EXIT
    mkdir -p "$sipcodes_home/.config/wireshark" "$sipcodes_home/no-system-plugins"
    chmod -R a+rwX "$sipcodes_home"
    sipcodes_plugin_dir=$(tshark_sipcodes -- -G folders 2>/dev/null | awk -F'\t' '$1 ~ /^Personal Plugins:/ { print $2 }')
    [ -n "$sipcodes_plugin_dir" ] || sipcodes_plugin_dir=$sipcodes_home/.local/lib/wireshark/plugins/${SIPCODES_WS_VERSION:?tshark -G folders names no personal plugin folder; set SIPCODES_WS_VERSION}
    mkdir -p "$sipcodes_plugin_dir/epan"
    cp "$SIPCODES_PLUGIN" "$sipcodes_plugin_dir/epan/"
    chmod -R a+rwX "$sipcodes_home"
    fail_count=0
    pass_count=0
}

# Boolean fields print as 1/0 up to Wireshark 4.0 and as True/False from 4.2
# on: bool_columns_to_01 COL... rewrites those tab-separated columns of
# stdin (with any aggregator inside) to 1/0.
bool_columns_to_01() {
    awk -F'\t' -v OFS='\t' -v cols="$*" '
        BEGIN { n = split(cols, c, " "); for (i = 1; i <= n; i++) want[c[i]] = 1 }
        { for (i in want) if (i + 0 <= NF) { gsub(/True/, "1", $i); gsub(/False/, "0", $i) }; print }'
}

# is_boolean_field NAME: registered as FT_BOOLEAN in this tshark.
is_boolean_field() {
    [ -s "$sipcodes_home/fields.registered" ] || tshark_sipcodes -- -G fields > "$sipcodes_home/fields.registered" 2>/dev/null
    awk -F'\t' -v f="$1" '$1 == "F" && $3 == f && $4 == "FT_BOOLEAN" { found = 1 } END { exit !found }' \
        "$sipcodes_home/fields.registered"
}

# A file readable by the tshark user (captures under /root are not).
readable_copy() {
    local dst="$sipcodes_home/$(basename "$1")"
    cp "$1" "$dst" && chmod a+r "$dst" && printf '%s\n' "$dst"
}

SIPCODES_CAPTURES=${SIPCODES_CAPTURES:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/tests/captures"}
# test_capture NAME: a readable copy of the test capture NAME.pcap.
test_capture() {
    if [ ! -e "$SIPCODES_CAPTURES/$1.pcap" ]; then
        echo "FATAL: no $SIPCODES_CAPTURES/$1.pcap (write it with tests/make-captures.sh $SIPCODES_CAPTURES)" >&2
        exit 1
    fi
    readable_copy "$SIPCODES_CAPTURES/$1.pcap"
}

# awk_csv: an awk function, csv(line, f), that splits an RFC 4180 line (no
# newline inside a field) into f[1..n] and returns n. Put it before an awk
# program: awk "$awk_csv"'...'.
awk_csv='function csv(line, f,    n, i, c, q, cell) {
    n = 0; cell = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) { if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cell = cell c; i++ } else q = 0 } else cell = cell c }
        else if (c == "\"") q = 1
        else if (c == ",") { f[++n] = cell; cell = "" }
        else cell = cell c
    }
    f[++n] = cell
    return n
}
'

# real_captures_or_skip: $real, the public captures (SIPCODES_REAL_CAPTURES,
# default ../shared/captures/real beside the project); without them the
# script is skipped (exit 77).
real_captures_or_skip() {
    real=${SIPCODES_REAL_CAPTURES:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/shared/captures/real"}
    if [ ! -d "$real" ]; then
        echo "SKIPPED: no public captures at $real (they live in ../shared/captures/real beside the project)"
        exit 77
    fi
}

fail() { echo "FAIL: $*" >&2; fail_count=$((fail_count + 1)); }
pass() { pass_count=$((pass_count + 1)); }

# expect_equal NAME EXPECTED ACTUAL
expect_equal() {
    if [ "$2" = "$3" ]; then pass; else fail "$1: expected [$2], got [$3]"; fi
}

# expect_same_file NAME EXPECTED_FILE ACTUAL_FILE
expect_same_file() {
    if diff -u "$2" "$3" > "$sipcodes_home/diff.txt"; then pass; else fail "$1:"; cat "$sipcodes_home/diff.txt" >&2; fi
}

require_plugin() {
    # -G protocols prints 5 columns up to 4.0 and 6 from 4.2 on: match the first 3.
    if ! tshark_sipcodes -- -G protocols 2>/dev/null \
            | awk -F'\t' '$1 == "SIP Response Codes" && $2 == "sipcodes" && $3 == "sipcodes" { found = 1 } END { exit !found }'; then
        echo "FATAL: the sipcodes protocol is not registered in tshark (plugin $SIPCODES_PLUGIN not loaded)" >&2
        tshark_sipcodes -- -G plugins >&2 || true
        exit 1
    fi
    local loaded
    loaded=$(tshark_sipcodes -- -G plugins 2>&1 | awk -F'\t' '$1 ~ /^sipcodes/ { print $4 }')
    if [ "$loaded" != "$sipcodes_plugin_dir/epan/sipcodes.so" ]; then
        echo "FATAL: tshark loads sipcodes from [$loaded], not the build under test" >&2
        exit 1
    fi
}

# e2e_start: the sandbox, the plugin checked, and $out for the results.
e2e_start() {
    sipcodes_sandbox
    require_plugin
    out=$sipcodes_home/out
    mkdir -p "$out"
}

finish() {
    echo "$pass_count passed, $fail_count failed"
    [ "$fail_count" -eq 0 ]
}

# Shared lists, so that no script repeats them.
# The classes sipcodes.class takes (README, Fields), and an awk function
# class(code) giving the class of a code.
sipcodes_classes="provisional success redirection client server global device unknown"
sipcodes_class_awk='function class(c) {
    if (c >= 100 && c <= 199) return "provisional"; if (c >= 200 && c <= 299) return "success"
    if (c >= 300 && c <= 399) return "redirection"; if (c >= 400 && c <= 499) return "client"
    if (c >= 500 && c <= 599) return "server"; if (c >= 600 && c <= 699) return "global"
    if (c >= 700 && c <= 799) return "device"; return "unknown" }'
# The documented value fields (README, Fields), without the expert fields.
sipcodes_documented_fields="sipcodes.code sipcodes.class sipcodes.phrase sipcodes.standard_phrase
    sipcodes.phrase_nonstandard sipcodes.rfc sipcodes.registry sipcodes.description sipcodes.variant
    sipcodes.variant.category sipcodes.variant.description sipcodes.device sipcodes.device.description
    sipcodes.q850 sipcodes.q850.name sipcodes.reason.q850 sipcodes.reason.q850.name sipcodes.outcome
    sipcodes.reason sipcodes.reason.protocol sipcodes.reason.cause sipcodes.reason.cause.name sipcodes.reason.class
    sipcodes.reason.text sipcodes.reason.description sipcodes.call sipcodes.call.state sipcodes.call.outcome
    sipcodes.call.final_code sipcodes.call.final_frame sipcodes.call.attempts sipcodes.call.cause
    sipcodes.call.cause.name sipcodes.call.cause.source sipcodes.call.cause.protocol sipcodes.call.cause.code
    sipcodes.call.ended_by sipcodes.call.ended_by.rule sipcodes.call.setup_time sipcodes.call.duration
    sipcodes.call.disconnect_time sipcodes.call.branch.code sipcodes.call.timer
    sipcodes.phrase.hint sipcodes.phrase.hint.word sipcodes.phrase.hint.description sipcodes.phrase.kind
    sipcodes.warning sipcodes.warning.code sipcodes.warning.agent sipcodes.warning.text sipcodes.warning.description
    sipcodes.reason.location sipcodes.reason.location.name sipcodes.reason.location.description
    sipcodes.call.cause.location"
# The documented expert fields (README, Expert information).
sipcodes_documented_experts="sipcodes.phrase_nonstandard.unknown sipcodes.variant.known sipcodes.unregistered
    sipcodes.deprecated sipcodes.device.on_wire sipcodes.out_of_range sipcodes.malformed
    sipcodes.reason.q850.mismatch sipcodes.phrase.hint.guess sipcodes.phrase.paraphrase sipcodes.warning.unknown"
# Every field the plugin registers (expert fields included), sorted; read
# from tshark, so a new field is covered without editing the scripts.
sipcodes_fields() {
    tshark_sipcodes -- -G fields 2>/dev/null | awk -F'\t' '$1 == "F" && $5 == "sipcodes" { print $3 }' | LC_ALL=C sort
}
