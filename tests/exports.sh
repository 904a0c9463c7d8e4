#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The plugin exports exactly Wireshark's plugin entry points: everything
# else (the core, the tables, the dissector's functions) is hidden.
set -u
so=${SIPCODES_PLUGIN:?set SIPCODES_PLUGIN to the built sipcodes.so}
want=$(printf '%s\n' plugin_register plugin_version plugin_want_major plugin_want_minor)
# plugin_describe exists from Wireshark 4.2 on; allowed when present.
# AddressSanitizer adds an __odr_asan.<name> marker next to each exported variable.
got=$(nm -D --defined-only "$so" | awk 'NF >= 3 { print $3 }' | grep -v -e '^plugin_describe$' -e '^__odr_asan\.plugin_' | sort)
if [ -z "$got" ]; then
    echo "FAIL: nm -D found no defined symbols in $so"
    exit 1
fi
if [ "$got" != "$want" ]; then
    echo "FAIL: exported symbols differ from the plugin entry points:"
    diff <(echo "$want") <(echo "$got")
    exit 1
fi
echo "exports: $(echo "$got" | tr '\n' ' ')"
