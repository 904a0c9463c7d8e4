# SPDX-License-Identifier: GPL-2.0-or-later
# Judges the cdr of a live run (tests/live_kamailio.sh). Variables:
#   expected  tests/live/expected.tsv
#   runs      user, calls SIPp created, successful, failed, SIPp exit status
#   calls     Call-ID, Request-URI user, frame number and epoch time of the
#             caller's first INVITE
#   messages  Call-ID of every SIP message in the capture
#   cdr       the cdr as tab-separated lines, header first
# Prints "FAIL: ..." per mismatch (at most `shown` per scenario and column,
# then their number), the summary table, and last "checks N mismatches M".

function tsv(file, arr,    line, n) {
    n = 0
    while ((getline line < file) > 0) {
        sub(/\r$/, "", line)
        if (line ~ /^#/ || line == "") continue
        arr[++n] = line
    }
    close(file)
    return n
}

function mismatch(scen, col, text) {
    mismatches++
    key = scen SUBSEP col
    if (++seen[key] <= shown) print "FAIL: " text
    else hidden[key]++
}

function check(scen, col, want, got, what) {
    checks++
    if (want != got) mismatch(scen, col, what ": " col " expected [" want "], got [" got "]")
}

# ISO 8601 UTC with microseconds of an epoch time "S.F", F truncated or
# (up = 1) rounded to 6 digits.
function iso(t, up,    a, s, us, days, z, era, doe, yoe, y, doy, mp, d, m, h, mi) {
    split(t, a, ".")
    s = a[1] + 0
    us = substr(a[2] "000000", 1, 6) + 0
    if (up && substr(a[2] "0000000", 7, 1) >= 5) us++
    if (us == 1000000) { s++; us = 0 }
    days = int(s / 86400); s -= days * 86400
    h = int(s / 3600); mi = int((s % 3600) / 60); s = s % 60
    z = days + 719468; era = int(z / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
    m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
    return sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", y, m, d, h, mi, s, us)
}

# A seconds value with 6 decimals, or empty, against "(empty)" or "A..B".
function check_time(scen, col, want, got, what,    r) {
    checks++
    if (want == "(empty)") {
        if (got != "") mismatch(scen, col, what ": " col " expected empty, got [" got "]")
        return
    }
    split(want, r, /\.\./)
    if (got !~ /^[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]$/)
        mismatch(scen, col, what ": " col " expected seconds with 6 decimals in " want ", got [" got "]")
    else if (got + 0 < r[1] + 0 || got + 0 > r[2] + 0)
        mismatch(scen, col, what ": " col " expected in " want " s, got [" got "]")
}

BEGIN {
    FS = "\t"
    if (shown == "") shown = 5

    n = tsv(expected, rows)
    ncol = split(rows[1], ecol, "\t")
    for (i = 2; i <= n; i++) {
        split(rows[i], f, "\t")
        order[i - 1] = f[1]
        for (j = 2; j <= ncol; j++) expect[f[1], ecol[j]] = f[j]
        known[f[1]] = 1
    }
    nscen = n - 1

    n = tsv(runs, rows)
    for (i = 1; i <= n; i++) {
        split(rows[i], f, "\t")
        created[f[1]] = f[2]; ok[f[1]] = f[3]; failed[f[1]] = f[4]; status[f[1]] = f[5]
        ran[f[1]] = 1
    }

    n = tsv(calls, rows)
    for (i = 1; i <= n; i++) {
        split(rows[i], f, "\t")
        scen_of[f[1]] = f[2]; frame_of[f[1]] = f[3]; time_of[f[1]] = f[4]
        captured[f[2]]++
    }

    n = tsv(messages, rows)
    for (i = 1; i <= n; i++)
        if (rows[i] in scen_of) msgs[scen_of[rows[i]]]++
        else msgs["(other)"]++

    n = tsv(cdr, rows)
    nc = split(rows[1], ccol, "\t")
    for (j = 1; j <= nc; j++) at[ccol[j]] = j
    for (i = 2; i <= n; i++) {
        split(rows[i], f, "\t")
        id = f[at["call_id"]]
        what = "call " f[at["call"]] " (Call-ID " id ")"
        if (!(id in scen_of)) {
            checks++
            mismatch("(other)", "call_id", what ": not a call of the callers on 127.0.0.2")
            continue
        }
        s = scen_of[id]
        rows_of[s]++
        if (++rows_of_id[id] == 2) {
            checks++
            mismatch(s, "call_id", s " " what ": Call-ID in more than one cdr row")
        }
        what = s " " what
        if (!(s in known)) {
            checks++
            mismatch(s, "user", what ": no row for Request-URI user " s " in expected.tsv")
            continue
        }
        checks++
        if (f[at["call"]] !~ /^[1-9][0-9]*$/)
            mismatch(s, "call", what ": call must be a number, got [" f[at["call"]] "]")
        check(s, "first_frame", frame_of[id], f[at["first_frame"]], what)
        checks++
        t = f[at["start_time"]]
        if (t != iso(time_of[id], 0) && t != iso(time_of[id], 1))
            mismatch(s, "start_time", what ": start_time expected [" iso(time_of[id], 0) "] (the caller's INVITE), got [" t "]")
        check(s, "from", "sip:caller@127.0.0.2", f[at["from"]], what)
        check(s, "to", "sip:" s "@127.0.0.1", f[at["to"]], what)
        for (j = 2; j <= ncol; j++) {
            c = ecol[j]
            w = expect[s, c]
            if (c == "setup_time" || c == "duration") { check_time(s, c, w, f[at[c]], what); continue }
            if (w == "(empty)") w = ""
            check(s, c, w, f[at[c]], what)
        }
    }

    # Call counts: SIPp's statistics against the capture and the cdr.
    for (i = 1; i <= nscen; i++) {
        s = order[i]
        checks += 4
        if (!(s in ran)) { mismatch(s, "sipp", s ": no SIPp statistics"); continue }
        if (status[s] != 0)
            mismatch(s, "sipp", s ": SIPp exited with status " status[s])
        if (failed[s] != 0)
            mismatch(s, "sipp", s ": SIPp counted " failed[s] " failed calls of " created[s] " (the scenario did not run as designed)")
        if (captured[s] + 0 != created[s])
            mismatch(s, "capture", s ": the capture holds " captured[s] + 0 " calls, SIPp made " created[s])
        if (rows_of[s] + 0 != created[s])
            mismatch(s, "rows", s ": the cdr has " rows_of[s] + 0 " calls, SIPp made " created[s])
    }
    for (k in hidden) {
        split(k, p, SUBSEP)
        print "FAIL: ... and " hidden[k] " more mismatches of " p[2] " in " p[1]
    }

    printf "%-12s %8s %8s %8s %9s %8s %10s\n", "scenario", "sipp ok", "failed", "captured", "messages", "cdr rows", "mismatches"
    for (i = 1; i <= nscen; i++) {
        s = order[i]
        bad = 0
        for (k in seen) { split(k, p, SUBSEP); if (p[1] == s) bad += seen[k] }
        printf "%-12s %8s %8s %8d %9d %8d %10d\n", s, ok[s], failed[s], captured[s], msgs[s], rows_of[s], bad
    }
    if (msgs["(other)"] + 0 > 0) printf "%d SIP messages of no caller's call\n", msgs["(other)"]
    print "checks " checks " mismatches " mismatches
}
