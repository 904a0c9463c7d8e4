#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Command 2 of the README: builds what is missing and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
ctest --test-dir build --output-on-failure "$@"
