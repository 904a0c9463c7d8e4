#!/usr/bin/env bash
# sipcodes on every Wireshark it supports that can run here:
#   host    this machine's Wireshark (Debian 12: 4.0)
#   trixie  a Debian 13 root (Wireshark 4.4)
#   forky   a Debian testing root (Wireshark 4.6)
# In each root, made with mmdebstrap from this machine's own Debian mirror
# (the URIs: of /etc/apt/sources.list.d/debian.sources): the README's two
# commands (./setup.sh, tests/run.sh: build, install, the whole ctest suite
# with that root's tshark), then the Debian package built with
# "cpack -G DEB", installed with "apt install ./sipcodes_*.deb" and loaded by
# tshark from the system plugin folder. On the host the same build, suite
# and package, the package checked with apt's simulation only.
# Then "tshark -G fields" of sipcodes must be the same on all of them.
#
#   tests/versions.sh [host] [trixie] [forky]     (default: all three)
# SIPCODES_HOST_SUITE_DONE=1: the host's suite has just passed (tests/run.sh
# in .ci/run), so the host is only built, packaged and compared.
# Roots live in $SIPCODES_ROOTS (default /var/tmp/sipcodes-roots) and are
# reused when the script runs again; logs go to build-versions/.
# Needs root (chroot, mount) and mmdebstrap.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
roots=${SIPCODES_ROOTS:-/var/tmp/sipcodes-roots}
logs=$src/build-versions
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(host trixie forky)
project_version=$(sed -n 's/^project(sipcodes VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

die() { echo "versions.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (chroot and mount)"
[ -n "$project_version" ] || die "no project version in CMakeLists.txt"
mkdir -p "$logs" "$roots"

expected_series() { case "$1" in host) echo "";; trixie) echo 4.4;; forky) echo 4.6;; *) die "unknown target $1";; esac; }

# The mirror this machine uses, never a host name of our own.
mirror() {
    awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
        /etc/apt/sources.list.d/debian.sources
}

# Lines "F name abbrev type parent base bitmask blurb" of sipcodes fields.
sipcodes_fields() { awk -F'\t' '$1 == "F" && $3 ~ /^sipcodes(\.|$)/'; }

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" || true; done
    mounted=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Real captures beside the project (tests/real_captures.sh reads them).
real=${SIPCODES_REAL_CAPTURES:-$src/../shared/captures/real}
[ -d "$real" ] || real=""

declare -A result version
run_in() { # TARGET COMMAND...: run a bash script on the host or in the root
    local t=$1; shift
    if [ "$t" = host ]; then env SRC="$src" bash -c "$@"; else chroot "$roots/$t" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 ${real:+SIPCODES_REAL_CAPTURES=/build/shared/captures/real} bash -c "$@"; fi
}

make_root() { # TARGET
    local t=$1 root=$roots/$1 m
    if [ -x "$root/usr/bin/apt-get" ] && [ -f "$root/.sipcodes-root" ]; then
        echo "== $t: reusing $root"
        return
    fi
    m=$(mirror)
    [ -n "$m" ] || die "no URIs: in /etc/apt/sources.list.d/debian.sources"
    rm -rf "$root"
    echo "== $t: mmdebstrap $t from $m"
    # testing's Release files carry a Valid-Until that a mirror snapshot outlives
    mmdebstrap --variant=minbase --aptopt='Acquire::Check-Valid-Until "false"' \
        --include=ca-certificates "$t" "$root" "deb $m $t main" > "$logs/$t-mmdebstrap.log" 2>&1 \
        || { tail -n 20 "$logs/$t-mmdebstrap.log"; die "mmdebstrap $t failed (log: $logs/$t-mmdebstrap.log)"; }
    touch "$root/.sipcodes-root"
}

enter_root() { # TARGET: mount /proc (and the real captures), copy the source tree
    local t=$1 root=$roots/$1
    mount -t proc proc "$root/proc"; mounted+=("$root/proc")
    rm -rf "$root/build/sipcodes"
    mkdir -p "$root/build/sipcodes"
    git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -C "$root/build/sipcodes" -xf -
    if [ -n "$real" ]; then
        mkdir -p "$root/build/shared/captures/real"
        mount --bind "$real" "$root/build/shared/captures/real"; mounted+=("$root/build/shared/captures/real")
        mount -o remount,bind,ro "$root/build/shared/captures/real"
    fi
}

one_target() { # TARGET: 0 when everything passed
    local t=$1 want got log=$logs/$1.log
    want=$(expected_series "$t")
    : > "$log"
    if [ "$t" != host ]; then
        make_root "$t"
        enter_root "$t"
        # The README's commands: setup.sh installs what is missing (the
        # root starts without Wireshark), builds and installs; run.sh runs every test.
        echo "== $t: ./setup.sh"
        run_in "$t" 'cd /build/sipcodes && ./setup.sh' >> "$log" 2>&1 || { echo "setup.sh failed"; return 1; }
    fi
    got=$(run_in "$t" 'tshark --version' 2>/dev/null | sed -n "1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\.[0-9]*\).*/\1/p")
    version[$t]=${got:-?}
    echo "== $t: Wireshark ${got:-unknown}"
    if [ -n "$want" ] && [ "${got%.*}" != "$want" ]; then
        echo "FAIL: $t was expected to have Wireshark $want.x, it has ${got:-none}" | tee -a "$log"
        return 1
    fi
    if [ "$t" = host ] && [ "${SIPCODES_HOST_SUITE_DONE:-}" = 1 ]; then
        echo "== $t: build and package; the suite ran before in this run (tests/run.sh)"
        run_in host 'cd "$SRC" && cmake -S . -B build-versions/host -DSIPCODES_INSTALL_SYSTEM=ON >/dev/null && cmake --build build-versions/host -j"$(nproc)" >/dev/null' >> "$log" 2>&1 \
            || { echo "build failed"; return 1; }
    elif [ "$t" = host ]; then
        echo "== $t: build, every test, package (build-versions/host)"
        run_in host 'cd "$SRC" && cmake -S . -B build-versions/host -DSIPCODES_INSTALL_SYSTEM=ON >/dev/null && cmake --build build-versions/host -j"$(nproc)" >/dev/null && ctest --test-dir build-versions/host --output-on-failure' >> "$log" 2>&1 \
            || { echo "ctest failed"; return 1; }
    else
        echo "== $t: tests/run.sh"
        run_in "$t" 'cd /build/sipcodes && tests/run.sh' >> "$log" 2>&1 || { echo "tests/run.sh failed"; return 1; }
    fi
    local bdir='/build/sipcodes/build'
    [ "$t" = host ] && bdir="$src/build-versions/host"
    echo "== $t: cpack -G DEB and install"
    run_in "$t" "set -e
        cd '$bdir' && rm -f sipcodes_*.deb && cpack -G DEB
        deb=\$(ls sipcodes_*.deb)
        echo \"package: \$deb\"; dpkg-deb -f \"\$deb\" Package Version Depends
        # the package must depend on the package that holds this libwireshark
        lib=\$(dpkg-deb -f \"\$deb\" Depends | sed 's/ .*//')
        dpkg-query -L \"\$lib\" | grep -q '/libwireshark\.so\.' || { echo \"FAIL: \$lib holds no libwireshark\"; exit 1; }
        dpkg-deb -c \"\$deb\" > contents.txt
        grep -q ' \./usr/bin/sipcodes-lookup\$' contents.txt || { echo 'FAIL: no /usr/bin/sipcodes-lookup in the package'; exit 1; }
        plugindir=\$(pkg-config --variable=plugindir wireshark)
        grep -q \" \.\$plugindir/epan/sipcodes\.so\$\" contents.txt || { echo \"FAIL: no \$plugindir/epan/sipcodes.so in the package\"; exit 1; }
        if [ '$t' = host ]; then
            apt-get install -s \"./\$deb\" | grep -E '^(Inst|Conf) sipcodes'
        else
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall \"./\$deb\"
            dpkg-query -W -f='\${Status} \${Version}\n' sipcodes
            line=\$(tshark -G plugins 2>/dev/null | awk -F'\t' '\$1 ~ /^sipcodes\.so */')
            echo \"tshark -G plugins: \$line\"
            [ \"\$(printf '%s' \"\$line\" | cut -f4)\" = \"\$plugindir/epan/sipcodes.so\" ] || { echo 'FAIL: tshark does not load sipcodes from the system plugin folder'; exit 1; }
            sipcodes-lookup 486 | grep -q 'Busy Here' || { echo 'FAIL: /usr/bin/sipcodes-lookup 486'; exit 1; }
        fi" >> "$log" 2>&1 || { echo "package failed"; return 1; }

    # tshark -G plugins lists sipcodes with its version; -G fields for the comparison
    local home=/tmp/sipcodes-versions-home plugin
    if [ "$t" = host ]; then plugin="$src/build-versions/host/plugins"; else plugin=/build/sipcodes/build/plugins; fi
    run_in "$t" "set -e
        rm -rf $home && mkdir -p $home/none
        dir=\$(runuser -u nobody -- env HOME=$home tshark -G folders 2>/dev/null | awk -F'\t' '\$1 ~ /^Personal Plugins:/ { print \$2 }')
        mkdir -p \"\$dir/epan\" && cp $plugin/*/epan/sipcodes.so \"\$dir/epan/\" && chmod -R a+rwX $home
        runuser -u nobody -- env HOME=$home WIRESHARK_PLUGIN_DIR=$home/none tshark -G plugins 2>/dev/null | awk -F'\t' '\$1 ~ /^sipcodes\.so */' > $home/plugins
        runuser -u nobody -- env HOME=$home WIRESHARK_PLUGIN_DIR=$home/none tshark -G fields 2>/dev/null > $home/fields
        cat $home/plugins" > "$logs/$t.plugins" 2>>"$log" || { echo "tshark -G failed"; return 1; }
    local fields_from=$home/fields
    [ "$t" = host ] || fields_from=$roots/$t$home/fields
    sipcodes_fields < "$fields_from" > "$logs/$t.fields"
    echo "tshark -G plugins: $(cat "$logs/$t.plugins")" >> "$log"
    if [ "$(cut -f2 "$logs/$t.plugins")" != "$project_version" ]; then
        echo "FAIL: tshark -G plugins does not list sipcodes $project_version: [$(cat "$logs/$t.plugins")]" | tee -a "$log"
        return 1
    fi
    [ -s "$logs/$t.fields" ] || { echo "FAIL: tshark -G fields lists no sipcodes field" | tee -a "$log"; return 1; }
    return 0
}

failed=0
for t in "${targets[@]}"; do
    expected_series "$t" > /dev/null
    start=$(date +%s)
    if one_target "$t"; then result[$t]=pass; else result[$t]=FAIL; failed=1; fi
    cleanup
    summary=$(grep -E '^[0-9]+% tests passed' "$logs/$t.log" | tail -n 1 || true)
    result[$t]="${result[$t]} (${summary:-no ctest summary}; $(( $(date +%s) - start )) s)"
    echo "== $t: ${result[$t]}; log $logs/$t.log"
    [ "${result[$t]%% *}" = pass ] || tail -n 30 "$logs/$t.log" | sed "s/^/  $t| /"
done

# The same fields, types and blurbs on every version.
fields_result=""
first=""
for t in "${targets[@]}"; do
    [ -s "$logs/$t.fields" ] || continue
    if [ -z "$first" ]; then first=$t; continue; fi
    if diff -u "$logs/$first.fields" "$logs/$t.fields" > "$logs/fields-$first-$t.diff"; then
        fields_result="$fields_result $t=$first"
    else
        fields_result="$fields_result $t!=$first"; failed=1
        echo "FAIL: tshark -G fields differs between $first and $t:"; cat "$logs/fields-$first-$t.diff"
    fi
done

echo
echo "| target | Wireshark | result |"
echo "|---|---|---|"
for t in "${targets[@]}"; do echo "| $t | ${version[$t]:-?} | ${result[$t]:-not run} |"; done
n_fields=0; [ -z "$first" ] || n_fields=$(wc -l < "$logs/$first.fields")
echo "sipcodes fields (tshark -G fields, $n_fields):${fields_result:- nothing to compare}"
passed=0 fails=0
for t in "${targets[@]}"; do if [ "${result[$t]%% *}" = pass ]; then passed=$((passed + 1)); else fails=$((fails + 1)); fi; done
case "$fields_result" in *'!='*) fails=$((fails + 1));; *'='*) passed=$((passed + 1));; esac
echo "versions: $passed passed, $fails failed"
exit $failed
