#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The call records and the exported tables in a real SQL engine: ClickHouse
# (the Debian packages clickhouse-server and clickhouse-client). The test
# starts its own server on 127.0.0.1 (free ports, every folder in a
# temporary one, removed on exit), loads "-z sipcodes,cdr" of public
# captures with several calls and "sipcodes-lookup --export csv variants",
# and runs an operator's queries:
#   - SER per hour (RFC 6076 s4.6: calls answered with 200 / (calls whose
#     setup ended - calls ending in 3xx));
#   - failed calls by Q.850 cause;
#   - failed calls by the category of their final phrase (final_code and the
#     phrase key of docs/phrase-matching.md joined with variants).
# Each result is checked against awk over the same CSV, and the SER totals
# against "-z sipcodes,calls" of each capture.
# Skipped (exit 77) without clickhouse-server or the public captures.
#   tests/clickhouse.sh [--print]   (--print: the query results on stdout)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
real_captures_or_skip
print=${1:-}
if ! command -v clickhouse-server >/dev/null || ! command -v clickhouse-client >/dev/null; then
    echo "SKIPPED: clickhouse-server and clickhouse-client are not installed (apt-get install clickhouse-server clickhouse-client)"
    exit 77
fi
: "${SIPCODES_LOOKUP:?set SIPCODES_LOOKUP to the built sipcodes-lookup}"
sipcodes_sandbox
require_plugin

# The captures of the public set with more than a handful of calls.
captures="goffinet_sip_captures_branch-scenario-sipp.pcapng goffinet_sip_captures_uac-uas-scenario-sipp.pcapng
    CESNET_ipfixprobe_sip.pcap MichalCab_ISA_aaa.pcap zeek_zeek_wireshark.pcap ntop_nDPI_sip.pcap"

ch=$(mktemp -d /tmp/sipcodes-clickhouse.XXXXXX)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$server_pid" 2>/dev/null
    fi
    rm -rf "$ch" "$sipcodes_home"
}
trap cleanup EXIT

# --- the data --------------------------------------------------------------
"$SIPCODES_LOOKUP" --export csv variants > "$ch/variants.csv" || fail "--export csv variants"
: > "$ch/cdr.csv"
: > "$ch/calls_ser.txt"
for name in $captures; do
    [ -e "$real/$name" ] || { fail "no capture $real/$name"; continue; }
    cap=$(readable_copy "$real/$name")
    tshark_sipcodes -- -r "$cap" -q -z sipcodes,cdr > "$ch/one.csv" || fail "-z sipcodes,cdr $name"
    head -1 "$ch/one.csv" > "$ch/header.csv"
    tail -n +2 "$ch/one.csv" >> "$ch/cdr.csv"
    # "Session Establishment Ratio, SER (RFC 6076 s4.6): 0.00 % (0/6)"
    tshark_sipcodes -- -r "$cap" -q -z sipcodes,calls | sed -n 's/^Session Establishment Ratio.*(\([0-9]*\)\/\([0-9]*\))$/\1 \2/p' \
        >> "$ch/calls_ser.txt"
    rm -f "$cap"
done
calls=$(wc -l < "$ch/cdr.csv")
echo "$calls calls from $(echo $captures | wc -w) captures"
[ "$calls" -gt 100 ] || fail "only $calls call records"

# --- the server ------------------------------------------------------------
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
tcp_port=$(free_port)
http_port=$(free_port)
mkdir -p "$ch/data" "$ch/tmp" "$ch/log" "$ch/user_files" "$ch/format_schemas"
cat > "$ch/config.xml" <<EOF
<yandex>
    <logger><level>warning</level><log>$ch/log/server.log</log><errorlog>$ch/log/error.log</errorlog><console>0</console></logger>
    <listen_host>127.0.0.1</listen_host>
    <tcp_port>$tcp_port</tcp_port>
    <http_port>$http_port</http_port>
    <path>$ch/data/</path>
    <tmp_path>$ch/tmp/</tmp_path>
    <user_files_path>$ch/user_files/</user_files_path>
    <format_schema_path>$ch/format_schemas/</format_schema_path>
    <users_config>$ch/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <mark_cache_size>67108864</mark_cache_size>
    <uncompressed_cache_size>67108864</uncompressed_cache_size>
</yandex>
EOF
cat > "$ch/users.xml" <<EOF
<yandex>
    <profiles><default></default></profiles>
    <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
    <quotas><default></default></quotas>
</yandex>
EOF
clickhouse-server --config-file="$ch/config.xml" > "$ch/log/stdout.log" 2>&1 &
server_pid=$!
sql() { clickhouse-client --host 127.0.0.1 --port "$tcp_port" "$@"; }
for _ in $(seq 150); do
    sql -q 'SELECT 1' >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
done
if ! sql -q 'SELECT 1' >/dev/null 2>&1; then
    echo "FATAL: clickhouse-server did not start:" >&2
    tail -20 "$ch/log/stdout.log" "$ch/log/error.log" >&2 2>/dev/null
    exit 1
fi
echo "clickhouse $(sql -q 'SELECT version()') on 127.0.0.1:$tcp_port"

# Every column as a String, named by the CSV headers (the cdr's own names).
columns() { head -1 "$1" | tr -d '\r' | tr ',' '\n' | sed 's/.*/`&` String/' | paste -sd, -; }
sql -q "CREATE TABLE cdr ($(columns "$ch/header.csv")) ENGINE = Memory" || fail "CREATE TABLE cdr"
sql -q "INSERT INTO cdr FORMAT CSV" < "$ch/cdr.csv" || fail "INSERT cdr"
sql -q "CREATE TABLE variants ($(columns "$ch/variants.csv")) ENGINE = Memory" || fail "CREATE TABLE variants"
sql -q "INSERT INTO variants FORMAT CSVWithNames" < "$ch/variants.csv" || fail "INSERT variants"
expect_equal "rows in ClickHouse" "$calls" "$(sql -q 'SELECT count() FROM cdr')"
expect_equal "variants in ClickHouse" "$(($(wc -l < "$ch/variants.csv") - 1))" "$(sql -q 'SELECT count() FROM variants')"

# --- the queries -----------------------------------------------------------
ser_sql="
SELECT substring(start_time, 1, 13) AS hour,
       countIf(final_code = '200') AS answered,
       countIf(state != 'unfinished') - countIf(state != 'unfinished' AND final_code LIKE '3__') AS requests,
       if(requests = 0, 'n/a', toString(round(100 * answered / requests, 2))) AS ser_percent
FROM cdr GROUP BY hour ORDER BY hour FORMAT TSV"
cause_sql="
SELECT cause, cause_name, count() AS calls FROM cdr WHERE state = 'failed'
GROUP BY cause, cause_name ORDER BY calls DESC, cause FORMAT TSV"
# the phrase key: lowercase (ClickHouse's lower changes ASCII letters only),
# runs of spaces and tabs made one space, the ends trimmed
key_sql="replaceRegexpAll(replaceRegexpAll(lower(final_phrase), '[ \\t]+', ' '), '^ | \$', '')"
category_sql="
SELECT code, final_phrase, if(category = '', 'none', category) AS category, count() AS calls
FROM (SELECT final_code AS code, final_phrase, $key_sql AS phrase_key FROM cdr WHERE state = 'failed')
ANY LEFT JOIN (SELECT code, phrase_key, category FROM variants) USING (code, phrase_key)
GROUP BY code, final_phrase, category ORDER BY calls DESC, code, final_phrase FORMAT TSV"
sql -q "$ser_sql" > "$ch/ser.tsv" || fail "SER query"
sql -q "$cause_sql" > "$ch/cause.tsv" || fail "cause query"
sql -q "$category_sql" > "$ch/category.tsv" || fail "category query"
if [ "$print" = --print ]; then
    printf '\n-- SER per hour: hour, answered, requests, SER %%\n'; cat "$ch/ser.tsv"
    printf '\n-- failed calls by cause: cause, name, calls\n'; cat "$ch/cause.tsv"
    printf '\n-- failed calls by phrase: code, phrase, category, calls\n'; cat "$ch/category.tsv"
fi

# --- the same figures by awk over the same files ---------------------------
LC_ALL=C awk -v out="$ch" "$awk_csv"'
function key(p) { p = tolower(p); gsub(/[ \t]+/, " ", p); sub(/^ /, "", p); sub(/ $/, "", p); return p }
BEGIN {
    getline line < (out "/header.csv"); n = csv(line, h); for (i = 1; i <= n; i++) col[h[i]] = i
    getline line < (out "/variants.csv"); n = csv(line, h); for (i = 1; i <= n; i++) vcol[h[i]] = i
    while ((getline line < (out "/variants.csv")) > 0) { csv(line, f); cat[f[vcol["code"]], f[vcol["phrase_key"]]] = f[vcol["category"]] }
    while ((getline line < (out "/cdr.csv")) > 0) {
        csv(line, f)
        state = f[col["state"]]; code = f[col["final_code"]]; hour = substr(f[col["start_time"]], 1, 13)
        hours[hour] = 1
        if (code == "200") ans[hour]++
        if (state != "unfinished" && code !~ /^3..$/) req[hour]++
        if (state == "failed") {
            cause[f[col["cause"]] "\t" f[col["cause_name"]]]++
            c = (code SUBSEP key(f[col["final_phrase"]])) in cat ? cat[code, key(f[col["final_phrase"]])] : "none"
            bycat[code "\t" f[col["final_phrase"]] "\t" c]++
        }
    }
    for (x in hours) printf "%s\t%d\t%d\t%s\n", x, ans[x], req[x], req[x] ? sprintf("%.2f", 100 * ans[x] / req[x]) : "n/a" > (out "/awk_ser.tsv")
    for (x in cause) printf "%s\t%d\n", x, cause[x] > (out "/awk_cause.tsv")
    for (x in bycat) printf "%s\t%d\n", x, bycat[x] > (out "/awk_category.tsv")
}'
# ClickHouse rounds 100 * a / r to 2 places and drops trailing zeros: compare as numbers
normalise_ser() { awk -F'\t' -v OFS='\t' '{ if ($4 != "n/a") $4 = sprintf("%.2f", $4); print }' | LC_ALL=C sort; }
expect_same_file "SER per hour" <(normalise_ser < "$ch/awk_ser.tsv") <(normalise_ser < "$ch/ser.tsv")
expect_same_file "failed calls by cause" <(LC_ALL=C sort "$ch/awk_cause.tsv") <(LC_ALL=C sort "$ch/cause.tsv")
expect_same_file "failed calls by phrase category" <(LC_ALL=C sort "$ch/awk_category.tsv") <(LC_ALL=C sort "$ch/category.tsv")

# the SER totals over all hours against -z sipcodes,calls of each capture
expect_equal "SER totals: ClickHouse against -z sipcodes,calls" \
    "$(awk '{ a += $1; r += $2 } END { print a "/" r }' "$ch/calls_ser.txt")" \
    "$(sql -q "SELECT countIf(final_code = '200'), countIf(state != 'unfinished' AND NOT final_code LIKE '3__') FROM cdr" | tr '\t' /)"
echo "SER over all hours: $(awk '{ a += $1; r += $2 } END { print a "/" r }' "$ch/calls_ser.txt") (-z sipcodes,calls);" \
    "$(wc -l < "$ch/ser.tsv") hours, $(wc -l < "$ch/cause.tsv") causes, $(wc -l < "$ch/category.tsv") phrases of failed calls"
finish
