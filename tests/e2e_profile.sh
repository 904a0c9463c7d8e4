#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The configuration profile profile/sipcodes through the real tshark:
# every rule of colorfilters, button of dfilter_buttons and graph of io_graphs compiles
# with the plugin loaded and, with -2 (the GUI colours and filters on a
# later pass), selects the frames of tests/captures/profile.txt worked out
# by hand below; the first colouring rule that matches a frame is the one
# meant; "tshark -C sipcodes" shows the profile's columns, from the personal
# profiles folder and, copied from there, from the global one.
set -u
here=$(cd "$(dirname "$0")" && pwd)
profile=${SIPCODES_PROFILE:-"$here/../profile/sipcodes"}
. "$here/lib.sh"
sipcodes_sandbox
require_plugin
cap=$(test_capture profile)

# tests/captures/profile.txt, one frame per message in time order (T1 = 500 ms):
#  p1  1-6   INVITE 180 200 ACK BYE 200         answered, ended by a BYE: completed
#  p2  7-9   INVITE 486 ACK, the 486 with Reason Q.850;cause=34: RFC 3398
#            s8.2.6.1 maps 486 to 17, s7.2.4.1 maps 34 to 503: a mismatch; busy
#  p3 10-12  INVITE "480 No money left" ACK     a billing variant (data/variants.tsv); no-answer
#  p4 13-15  INVITE "503 Quux Frobnicated" ACK  words of no table or rule: unknown; failed
#  p5 16-22  INVITE 100 180 200 ACK BYE 200     the 180 comes 4.5 s after the INVITE
#            (RFC 6076 s4.3: a 100 does not end the setup): slow; completed
#  p6 23-26  INVITE 180 200 ACK                 setup exactly 3 s: not slower than 3 s; active
#  p7 27-29  INVITE 603 ACK                     rejected (RFC 3398: 603 -> 21)
#  p8 30-35  INVITE 180 CANCEL 200 487 ACK      cancelled
#  p9 36-39  INVITE 200 ACK BYE                 the BYE at 110 s never answered, Timer F
#            (64*T1) runs out at 142 s, before p10: broken
#  p10 40-41 INVITE 180                         the capture ends while ringing: unfinished
answered="1 2 3 4 5 6 16 17 18 19 20 21 22 23 24 25 26"
failed="7 8 9 10 11 12 13 14 15 27 28 29 30 31 32 33 34 35"

# The frames each rule and button selects, by name.
declare -A want=(
    ["sipcodes: Reason contradicts the code"]="8"
    ["sipcodes: unknown reason phrase"]="14"
    ["sipcodes: call busy"]="7 8 9"
    ["sipcodes: call not answered or timed out"]="10 11 12"
    ["sipcodes: call rejected or not found"]="27 28 29"
    ["sipcodes: call cancelled"]="30 31 32 33 34 35"
    ["sipcodes: call failed, other cause"]="$failed"
    ["sipcodes: call broken"]="36 37 38 39"
    ["sipcodes: call answered"]="$answered"
    ["sipcodes: call unfinished"]="40 41"
    ["Failed calls"]="$failed"
    ["Unknown phrases"]="14"
    ["Vendor variants"]="11"
    ["Reason mismatch"]="8"
    ["Slow setup"]="16 17 18 19 20 21 22"
    ["SIP messages"]="$(seq -s ' ' 1 41)"
    ["Failed calls (final responses)"]="8 11 14 28 34"
)
# The colour each frame gets (first rule that matches wins): the message
# rules come before the call rules.
declare -A colour=(
    [1]="sipcodes: call answered" [8]="sipcodes: Reason contradicts the code"
    [9]="sipcodes: call busy" [11]="sipcodes: call not answered or timed out"
    [14]="sipcodes: unknown reason phrase" [15]="sipcodes: call failed, other cause"
    [28]="sipcodes: call rejected or not found" [34]="sipcodes: call cancelled"
    [39]="sipcodes: call broken" [41]="sipcodes: call unfinished"
)

out=$sipcodes_home/out
mkdir -p "$out"
frames_of() { # frames_of FILTER -> frame numbers on one line; fails when tshark does
    tshark_sipcodes -- -2 -r "$cap" -Y "$1" -T fields -e frame.number 2>"$out/stderr" > "$out/frames"
    local rc=$?
    tr '\n' ' ' < "$out/frames" | sed 's/ $//'
    return $rc
}
check_rule() { # check_rule KIND NAME FILTER
    local got
    if ! got=$(frames_of "$3"); then
        fail "$1 \"$2\": tshark -Y '$3' failed: $(head -3 "$out/stderr")"
        return
    fi
    if [ -z "${want[$2]+set}" ]; then
        fail "$1 \"$2\": no expected frames in this test (selects: $got)"
        return
    fi
    expect_equal "$1 \"$2\" ($3)" "${want[$2]}" "$got"
    seen[$2]=1
    printf '%s\t%s\n' "$2" "$got" >> "$out/selected"
}
declare -A seen=()
: > "$out/selected"

# colorfilters: @name@filter@[bg r,g,b][fg r,g,b], channels 0-65535
rules=0
: > "$out/rule_order"
while IFS= read -r line; do
    case "$line" in '#'*|'') continue ;; esac
    if ! [[ "$line" =~ ^@([^@]+)@([^@]+)@\[([0-9]+),([0-9]+),([0-9]+)\]\[([0-9]+),([0-9]+),([0-9]+)\]$ ]]; then
        fail "colorfilters: not @name@filter@[r,g,b][r,g,b]: $line"; continue
    fi
    for i in 3 4 5 6 7 8; do
        [ "${BASH_REMATCH[$i]}" -le 65535 ] || fail "colorfilters: channel over 65535: $line"
    done
    rules=$((rules + 1))
    printf '%s\n' "${BASH_REMATCH[1]}" >> "$out/rule_order"
    check_rule "colour rule" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
done < "$profile/colorfilters"

# dfilter_buttons: "TRUE","label","filter","comment", a quote inside as \x22
buttons=0
while IFS= read -r line; do
    case "$line" in '#'*|'') continue ;; esac
    if ! [[ "$line" =~ ^\"(TRUE|FALSE)\",\"([^\"]+)\",\"([^\"]+)\",\"([^\"]*)\"$ ]]; then
        fail "dfilter_buttons: not \"TRUE\",\"label\",\"filter\",\"comment\": $line"; continue
    fi
    buttons=$((buttons + 1))
    filter=${BASH_REMATCH[3]//\\x22/\"}
    check_rule "button" "${BASH_REMATCH[2]}" "$filter"
done < "$profile/dfilter_buttons"
# io_graphs: "Enabled","name","filter","#rrggbb","style","Y axis","Y field","SMA","factor"
graphs=0
q='"'
graph_line="^${q}(Enabled|Disabled)${q},${q}([^$q]+)${q},${q}([^$q]*)${q},${q}#[0-9a-f]{6}${q},${q}[A-Za-z ]+${q},${q}[^$q]+${q},${q}[^$q]*${q},${q}[^$q]+${q},${q}[0-9]+${q}\$"
while IFS= read -r line; do
    case "$line" in '#'*|'') continue ;; esac
    if ! [[ "$line" =~ $graph_line ]]; then
        fail "io_graphs: not the nine fields of an I/O graph: $line"; continue
    fi
    graphs=$((graphs + 1))
    filter=${BASH_REMATCH[3]//\\x22/\"}
    check_rule "I/O graph" "${BASH_REMATCH[2]}" "$filter"
done < "$profile/io_graphs"
expect_equal "I/O graphs" 2 "$graphs"
expect_equal "colouring rules" 10 "$rules"
expect_equal "filter buttons" 5 "$buttons"
for name in "${!want[@]}"; do
    [ -n "${seen[$name]+set}" ] || fail "\"$name\" is expected but not in the profile"
done

# The first rule in file order that selects a frame colours it.
for f in "${!colour[@]}"; do
    first=$(while IFS= read -r name; do
                awk -F'\t' -v n="$name" -v f="$f" '$1 == n { k = split($2, a, " "); for (i = 1; i <= k; i++) if (a[i] == f) print n }' "$out/selected"
            done < "$out/rule_order" | head -1)
    expect_equal "frame $f is coloured by" "${colour[$f]}" "$first"
done

# Columns: -C sipcodes from the personal profiles folder.
personal=$sipcodes_home/.config/wireshark/profiles
mkdir -p "$personal/sipcodes" && cp "$profile"/* "$personal/sipcodes/" && chmod -R a+rwX "$personal"
titles="No.|Time|Source|Destination|Code|Class|Variant / hint|Call outcome|Call cause|Setup|Info"
got=$(tshark_sipcodes -- -2 -C sipcodes -r "$cap" -c 1 -T psml 2>/dev/null \
      | sed -n '/<structure>/,/<\/structure>/s/.*<section>\(.*\)<\/section>.*/\1/p' | paste -sd'|')
expect_equal "column titles (-T psml)" "$titles" "$got"
# Values of the sipcodes columns on a few frames (-T tabs puts an arrow
# between Source and Destination: they are fields 6-11); the causes are Q.850 names: a BYE
# without Reason gives 16 (RFC 3398 s8.2.6.1), p2 the Reason's 34, 480 maps
# to 18, 503 to 41.
tshark_sipcodes -- -2 -C sipcodes -r "$cap" -T tabs 2>/dev/null > "$out/tabs"
row() { awk -F'\t' -v f="$1" '$1 + 0 == f { print $6 "|" $7 "|" $8 "|" $9 "|" $10 "|" $11 }' "$out/tabs"; }
expect_equal "columns of frame 1 (INVITE)" "|||answered|NORMAL_CLEARING|0.500000000" "$(row 1)"
expect_equal "columns of frame 8" "486|client||busy|NORMAL_CIRCUIT_CONGESTION|0.300000000" "$(row 8)"
expect_equal "columns of frame 11" "480|client|billing|no-answer|NO_USER_RESPONSE|0.200000000" "$(row 11)"
expect_equal "columns of frame 14" "503|server||failed|NORMAL_TEMPORARY_FAILURE|0.100000000" "$(row 14)"
expect_equal "columns of frame 18" "180|provisional||answered|NORMAL_CLEARING|4.500000000" "$(row 18)"
expect_equal "columns of frame 41" "180|provisional||||0.200000000" "$(row 41)"
expect_equal "rows of -T tabs" 41 "$(wc -l < "$out/tabs")"

# The global profiles folder (where cmake --install -DSIPCODES_INSTALL_SYSTEM=ON
# and the .deb put it): a data folder like Wireshark's with the profile, no
# personal copy; tshark -C copies it into the personal folder.
rm -rf "$personal/sipcodes"
data=$sipcodes_home/data
mkdir -p "$data/profiles"
for f in "$(tshark_sipcodes -- -G folders 2>/dev/null | awk -F'\t' '$1 ~ /^Global configuration:/ { print $2 }')"/*; do
    [ "$(basename "$f")" = profiles ] || ln -s "$f" "$data/"
done
mkdir -p "$data/profiles/sipcodes" && cp "$profile"/* "$data/profiles/sipcodes/" && chmod -R a+rwX "$data"
got=$(tshark_sipcodes WIRESHARK_DATA_DIR="$data" -- -2 -C sipcodes -r "$cap" -T tabs 2>/dev/null \
      | awk -F'\t' '$1 + 0 == 11 { print $6 "|" $7 "|" $8 "|" $9 "|" $10 "|" $11 }')
expect_equal "columns of frame 11 from the global profile" "480|client|billing|no-answer|NO_USER_RESPONSE|0.200000000" "$got"
[ -f "$personal/sipcodes/colorfilters" ] && pass || fail "tshark -C did not copy the global profile into the personal folder"
finish
