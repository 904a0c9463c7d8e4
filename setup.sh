#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Command 1 of the README: installs what sipcodes needs with apt, builds it,
# installs the plugin and the sipcodes-lookup tool, and shows the fields on a
# test capture written from text.   ./setup.sh [--deps-only]
set -euo pipefail
cd "$(dirname "$0")"

packages=(tshark wireshark-dev libwireshark-dev libglib2.0-dev cmake make gcc pkg-config util-linux python3)
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "== Installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    # wireshark-common asks whether non-root users may capture; keep the default
    echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo[@]}" debconf-set-selections
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ "${1:-}" = "--deps-only" ] && exit 0

# tshark run as root ignores the personal plugin folder: root installs system-wide.
system=OFF
[ "$(id -u)" = 0 ] && system=ON
echo "== Building"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIPCODES_INSTALL_SYSTEM=$system >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "== Installing"
cmake --install build | sed 's/^-- //'

# cmake --install put the profile "sipcodes" into Wireshark's global profiles
# folder (root) or the personal one, ~/.config/wireshark/profiles (others).

# the test captures, written from tests/captures/*.txt and data/ into build/
caps=build/tests/captures
bash tests/make-captures.sh "$caps"
echo "== Demo: tshark -r $caps/edge_codes.pcap -Y sipcodes -O sipcodes"
tshark -r "$caps/edge_codes.pcap" -Y 'sipcodes' -O sipcodes -o sipcodes.language:en 2>/dev/null \
    | grep -v -E '^(Ethernet|Internet Protocol|User Datagram)' | sed -n '/^Frame 5:/,/^Frame 6:/p' | sed '$d'
echo "== Demo: the same response, in Russian and German"
for lang in ru de; do
    tshark -r "$caps/edge_codes.pcap" -Y 'sipcodes.variant' -o sipcodes.language:$lang \
        -T fields -e sipcodes.code -e sipcodes.phrase -e sipcodes.variant.description 2>/dev/null
done
echo "== Demo: every response as fields"
tshark -r "$caps/headers.pcap" -T fields -E header=y -e frame.number -e sipcodes.code \
    -e sipcodes.class -e sipcodes.rfc -e sipcodes.device -e sipcodes.q850.name -e sipcodes.outcome 2>/dev/null
echo "== Demo: the failed calls in the columns of the profile sipcodes (tshark -C sipcodes)"
tshark -2 -C sipcodes -r "$caps/profile.pcap" -Y 'sipcodes.call.state == "failed" && sipcodes.code >= 300' 2>/dev/null
