#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Reproduce the GUI screenshots in docs/ (Wireshark 4.0 Qt, Debian 12, under Xvfb).
#
#   docs/packet-tree-ru.png  edge_codes.pcap, display filter sipcodes.variant (frame 5,
#                            "480 No money left"), subtree expanded, language ru
#   docs/packet-tree-de.png  the same, language de
#   docs/expert-info.png     Analyze > Expert Information on edge_codes.pcap
#   docs/stats-tree.png      Statistics > SIP Response Codes on headers.pcap
#   docs/profile-packet-list.png  the profile "sipcodes" (profile/sipcodes): its columns
#                            and colouring rules on profile.pcap
#   docs/stats-calls.png     Statistics > SIP Calls (RFC 6076) on calls_mixed.pcap
#   docs/io-graph.png        Statistics > I/O Graphs with the profile's graphs (SIP
#                            messages; final responses of failed calls) on calls_mixed.pcap
#
# Needs (as root, once):
#   echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
#   DEBIAN_FRONTEND=noninteractive apt-get install -y wireshark xvfb xdotool imagemagick x11-utils fonts-dejavu
#
# Usage: docs/screenshots.sh [BUILD_DIR]     (default BUILD_DIR=/tmp/build-gui; the
#        `sipcodes` target is (re)built there from the current source first,
#        and the test captures written to BUILD_DIR/tests/captures)
#        ONLY=ru|de|expert|stats|profile|calls|iograph takes just one of the screenshots.
#
# How it works
#   * Wireshark refuses personal plugins when run as root, so the GUI runs as
#     `nobody` with a throw-away HOME.  WIRESHARK_PLUGIN_DIR points at a private
#     copy of the system plugin dir (symlinks) with *this* build's sipcodes.so, so
#     a sipcodes.so installed system-wide by someone else is never picked up.
#   * No window manager: windows are placed with xdotool, clicks/keys via xdotool.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=${1:-/tmp/build-gui}
CAP=$BUILD/tests/captures
OUT=$HERE
WORK=${WORK:-/tmp/sipcodes-shots}
DISP=${DISP:-:99}
export DISPLAY=$DISP

cmake -S "$ROOT" -B "$BUILD" >/dev/null
cmake --build "$BUILD" -j2 --target sipcodes >/dev/null
# the build names its plugin folder after the Wireshark version (e.g. plugins/4.0)
SO=$(ls "$BUILD"/plugins/*/epan/sipcodes.so 2>/dev/null | head -1)
[ -n "$SO" ] || { echo "no plugins/*/epan/sipcodes.so in $BUILD" >&2; exit 1; }
bash "$ROOT/tests/make-captures.sh" "$CAP"

# --- private HOME, plugin dir -------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/home/.config/wireshark" "$WORK/home/run" "$WORK/raw"
SYS=/usr/lib/x86_64-linux-gnu/wireshark/plugins/4.0
for d in codecs epan wiretap; do
    mkdir -p "$WORK/plugins/4.0/$d"
    for f in "$SYS/$d"/*.so; do
        [ "$(basename "$f")" = sipcodes.so ] || ln -s "$f" "$WORK/plugins/4.0/$d/"
    done
done
cp "$SO" "$WORK/plugins/4.0/epan/sipcodes.so"

write_profile() {
    # Main window 1400x900 at 0,0; no bytes pane; small packet list.
    cat > "$WORK/home/.config/wireshark/recent_common" <<'EOF'
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1400
gui.geometry_main_height: 900
gui.geometry_main_maximized: FALSE
privs.warn_if_elevated: TRUE
sys.warn_if_no_capture: TRUE
gui.geom.sipcodes.x: 0
gui.geom.sipcodes.y: 0
gui.geom.sipcodes.width: 820
gui.geom.sipcodes.height: 640
gui.geom.sipcodes.maximized: FALSE
gui.geom.expert_info.x: 0
gui.geom.expert_info.y: 0
gui.geom.expert_info.width: 1000
gui.geom.expert_info.height: 520
gui.geom.expert_info.maximized: FALSE
EOF
    cat > "$WORK/home/.config/wireshark/recent" <<'EOF'
gui.toolbar_main_show: TRUE
gui.filter_toolbar_show: TRUE
gui.packet_list_show: TRUE
gui.tree_view_show: TRUE
gui.byte_view_show: FALSE
gui.packet_diagram_show: FALSE
gui.statusbar_show: TRUE
gui.geometry_main_upper_pane: 120
gui.geometry_main_lower_pane: 600
EOF
}
chmod -R a+rX "$WORK"
chown -R nobody "$WORK/home"
chmod 700 "$WORK/home/run"

# --- X server -------------------------------------------------------------------
XVFB_PID=
if ! xdpyinfo >/dev/null 2>&1; then
    Xvfb "$DISP" -screen 0 1400x900x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
fi
WS_PID=
cleanup() {
    [ -n "$WS_PID" ] && kill "$WS_PID" 2>/dev/null || true
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT

start_ws() {  # start_ws ARGS...   (Wireshark as nobody)
    write_profile
    # the profile "sipcodes" of this tree, with the same window layout
    rm -rf "$WORK/home/.config/wireshark/profiles"
    mkdir -p "$WORK/home/.config/wireshark/profiles"
    cp -r "$ROOT/profile/sipcodes" "$WORK/home/.config/wireshark/profiles/"
    cp "$WORK/home/.config/wireshark/recent" "$WORK/home/.config/wireshark/profiles/sipcodes/"
    printf '%s\n' "${PROFILE_RECENT:-}" >> "$WORK/home/.config/wireshark/profiles/sipcodes/recent"
    chown -R nobody "$WORK/home"
    (cd /tmp && exec runuser -u nobody -- env -i PATH=/usr/bin:/bin \
        HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/home/run" LANG=C.UTF-8 \
        DISPLAY="$DISP" WIRESHARK_PLUGIN_DIR="$WORK/plugins" \
        wireshark "$@" >"$WORK/wireshark.log" 2>&1) &
    WS_PID=$!
}
stop_ws() {
    kill "$WS_PID" 2>/dev/null || true
    wait "$WS_PID" 2>/dev/null || true
    WS_PID=
    sleep 1
}
wait_win() {  # wait_win NAME-REGEX -> window id
    local w=
    for _ in $(seq 120); do
        w=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true)
        [ -n "$w" ] && { sleep 2; echo "$w"; return 0; }
        sleep 0.5
    done
    echo "window '$1' did not appear (the screen then: $WORK/raw/wait-failed.png)" >&2
    import -window root "$WORK/raw/wait-failed.png" || true
    cat "$WORK/wireshark.log" >&2
    return 1
}
geom() {  # geom WIN -> "X Y W H"
    xwininfo -id "$1" | awk '/Absolute upper-left X/{x=$4} /Absolute upper-left Y/{y=$4}
        /Width:/{w=$2} /Height:/{h=$2} END{print x, y, w, h}'
}
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-0.5}"; }
png() {  # png SRC DEST [CROP]
    if [ -n "${3:-}" ]; then
        convert "$1" -crop "$3" +repage -strip -define png:compression-level=9 "$2"
    else
        convert "$1" -strip -define png:compression-level=9 "$2"
    fi
    echo "wrote $2 ($(identify -format '%wx%h' "$2"), $(($(stat -c %s "$2") / 1024)) KiB)"
}

# --- 1/2: packet tree, ru and de --------------------------------------------------
packet_tree() {
    local lang=$1
    start_ws -r "$CAP/edge_codes.pcap" -o "sipcodes.language:$lang" -o gui.layout_type:1
    local main; main=$(wait_win 'edge_codes.pcap$')
    xdotool windowmove "$main" 0 0 windowsize "$main" 1400 900
    sleep 1
    click 600 75                 # display filter bar
    xdotool type --delay 5 'sipcodes.variant'
    xdotool key Escape Return    # close the completion popup, apply
    sleep 3
    click 300 120 1.5            # the only displayed packet (frame 5)
    click 300 234 0.5            # first item of the detail pane
    xdotool key End              # last top-level item: "SIP Response Codes"
    sleep 0.3
    xdotool key shift+Right      # View > Expand Subtrees
    sleep 1
    xdotool mousemove 1300 880   # park the pointer (no hover highlight)
    sleep 1
    import -window root "$WORK/raw/packet-tree-$lang.png"
    stop_ws
    png "$WORK/raw/packet-tree-$lang.png" "$OUT/packet-tree-$lang.png" 1400x760+0+0
}

# --- 3: expert info ----------------------------------------------------------------
expert_info() {
    # -z expert opens the dialog behind Analyze > Expert Information
    start_ws -r "$CAP/edge_codes.pcap" -o gui.layout_type:1 -z expert
    local ex x y w h; ex=$(wait_win 'Expert Information')
    xdotool windowmove "$ex" 0 0 windowsize "$ex" 1000 520
    sleep 1
    read -r x y w h < <(geom "$ex")
    click $((x + 200)) $((y + 42))          # first group row
    xdotool key Home
    for _ in $(seq 40); do xdotool key Right Down; done   # expand every group
    xdotool key Home
    sleep 0.5
    xdotool mousemove 1300 880
    sleep 1
    import -window "$ex" "$WORK/raw/expert-info.png"
    stop_ws
    png "$WORK/raw/expert-info.png" "$OUT/expert-info.png"
}

# --- 4: stats tree -------------------------------------------------------------------
stats_tree() {
    start_ws -r "$CAP/headers.pcap" -o gui.layout_type:1
    local main; main=$(wait_win 'headers.pcap$')
    xdotool mousemove 700 400
    xdotool windowfocus "$main"
    sleep 0.5
    xdotool key alt+s            # Statistics menu
    sleep 1
    xdotool key Up Return        # last entry: "SIP Response Codes"
    local st; st=$(wait_win 'SIP Response Codes')
    xdotool windowmove "$st" 0 0 windowsize "$st" 820 640
    sleep 1
    xdotool mousemove 1300 880
    sleep 1
    import -window "$st" "$WORK/raw/stats-tree.png"
    stop_ws
    png "$WORK/raw/stats-tree.png" "$OUT/stats-tree.png"
}

# --- 5: the profile's packet list ------------------------------------------------------
profile_list() {
    # the packet list alone, every frame of the capture in it
    PROFILE_RECENT='gui.tree_view_show: FALSE' \
    start_ws -C sipcodes -r "$CAP/profile.pcap" -o gui.layout_type:1
    local main; main=$(wait_win 'profile.pcap$')
    xdotool windowmove "$main" 0 0 windowsize "$main" 1400 900
    sleep 2
    click 300 160 0.5            # the packet list
    xdotool key End              # select the last frame (its colour is the plain grey)
    xdotool key ctrl+shift+r     # View > Resize Columns (to their contents)
    sleep 1
    xdotool mousemove 1300 880
    sleep 1
    import -window root "$WORK/raw/profile-packet-list.png"
    stop_ws
    png "$WORK/raw/profile-packet-list.png" "$OUT/profile-packet-list.png" 1400x830+0+0
}

# --- 6: SIP Calls (RFC 6076) ----------------------------------------------------------
stats_calls() {
    start_ws -r "$CAP/calls_mixed.pcap" -o gui.layout_type:1
    local main; main=$(wait_win 'calls_mixed.pcap$')
    xdotool mousemove 700 400
    xdotool windowfocus "$main"
    sleep 0.5
    xdotool key alt+s            # Statistics menu
    sleep 1
    xdotool key ${CALLS_KEYS:-Up Up Return}   # the entry above "SIP Response Codes"
    local st; st=$(wait_win 'SIP Calls')
    xdotool windowmove "$st" 0 0 windowsize "$st" 900 860
    sleep 2
    local x y w h; read -r x y w h < <(geom "$st")
    click $((x + 200)) $((y + 22))     # the Topic header: ascending order
    click $((x + 200)) $((y + 60))     # a row of the tree
    xdotool key Home                   # scrolled to the top
    sleep 0.5
    xdotool mousemove 1300 880
    sleep 1
    import -window "$st" "$WORK/raw/stats-calls.png"
    stop_ws
    png "$WORK/raw/stats-calls.png" "$OUT/stats-calls.png"
}

# --- 7: I/O graph of failed calls -----------------------------------------------------
io_graph() {
    # the profile's io_graphs; Statistics > I/O Graphs through the menu
    start_ws -C sipcodes -r "$CAP/calls_mixed.pcap" -o gui.layout_type:1
    local main; main=$(wait_win 'calls_mixed.pcap$')
    xdotool mousemove 700 400
    xdotool windowfocus "$main"
    sleep 0.5
    xdotool key alt+s
    sleep 1
    xdotool key ${IOGRAPH_KEYS:-Down Down Down Down Down Down Return}
    local io; io=$(wait_win 'I/O Graphs')
    xdotool windowmove "$io" 0 0 windowsize "$io" 1000 700
    sleep 3
    xdotool mousemove 1300 880
    sleep 1
    import -window "$io" "$WORK/raw/io-graph.png"
    stop_ws
    png "$WORK/raw/io-graph.png" "$OUT/io-graph.png"
}

only=${ONLY:-all}
case $only in all|ru) packet_tree ru ;; esac
case $only in all|de) packet_tree de ;; esac
case $only in all|expert) expert_info ;; esac
case $only in all|stats) stats_tree ;; esac
case $only in all|profile) profile_list ;; esac
case $only in all|calls) stats_calls ;; esac
case $only in all|iograph) io_graph ;; esac
