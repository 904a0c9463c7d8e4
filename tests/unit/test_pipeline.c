/* SPDX-License-Identifier: GPL-2.0-or-later
 * The pipeline of the plugin without Wireshark: every message of
 * tests/captures/calls_*.txt goes scan -> call -> explain, in capture
 * order, and each call's verdict at the end must be the row of
 * tests/expected/calls/verdicts.tsv (worked out by hand from the RFCs). Every
 * message of a call must carry the call, and its verdict on the last
 * message must be the final one.
 *
 * Usage: test_pipeline CAPTURES_DIR EXPECTED_TSV */
#include "sc_engine.h"
#include "sc_explain.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define MAX_MSGS 256

struct msg_text {
    int64_t time_ns;
    char src[64], dst[64];
    char *text;
    size_t len;
};

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Blocks "@ SECONDS SRC > DST", the message, "====" (tests/make-captures.sh);
 * lines are sent with CRLF. */
static size_t parse_capture(char *file, struct msg_text *out, size_t max)
{
    size_t n = 0;
    char *line = file, *msg = NULL;
    size_t msg_len = 0;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (strncmp(line, "@ ", 2) == 0 && n < max) {
            double secs;
            struct msg_text *m = &out[n];
            if (sscanf(line + 2, "%lf %63s > %63s", &secs, m->src, m->dst) == 3) {
                m->time_ns = (int64_t)(secs * 1e9 + 0.5);
                msg = malloc(strlen(nl ? nl + 1 : "") * 2 + 16);
                msg_len = 0;
            }
        } else if (strcmp(line, "====") == 0 && msg) {
            out[n].text = msg;
            out[n].len = msg_len;
            n++;
            msg = NULL;
        } else if (msg) {
            size_t l = strlen(line);
            memcpy(msg + msg_len, line, l);
            memcpy(msg + msg_len + l, "\r\n", 2);
            msg_len += l + 2;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(msg);
    return n;
}

static void endpoint(const char *hostport, struct sc_endpoint *e)
{
    const char *colon = strrchr(hostport, ':');
    e->addr = hostport;
    e->addr_len = colon ? (size_t)(colon - hostport) : strlen(hostport);
    e->port = colon ? (uint16_t)atoi(colon + 1) : 0;
}

/* One expected row, cells by column name. */
#define COLS 20
static const char *const col_names[COLS] = {
    "capture", "call_id", "state", "outcome", "final_code", "final_frame", "cause", "cause_name", "cause_source",
    "cause_protocol", "cause_code", "ended_by", "ended_by_rule", "setup_time", "duration", "disconnect_time",
    "attempts", "branches", "timers", "cause_location",
};

static void seconds(char *buf, size_t n, bool has, int64_t ns)
{
    if (has)
        snprintf(buf, n, "%lld.%06lld", (long long)(ns / 1000000000), (long long)(ns % 1000000000 / 1000));
    else
        buf[0] = '\0';
}

static void number(char *buf, size_t n, bool has, unsigned v)
{
    if (has)
        snprintf(buf, n, "%u", v);
    else
        buf[0] = '\0';
}

/* The verdict as the row of the expected table. */
static void row_of(const char *capture, const char *call_id, const struct sc_call_verdict *v, char cells[COLS][64])
{
    snprintf(cells[0], 64, "%s", capture);
    snprintf(cells[1], 64, "%s", call_id);
    snprintf(cells[2], 64, "%s", sc_call_state_names[v->state]);
    snprintf(cells[3], 64, "%s", v->has_outcome ? sc_outcome_names[v->outcome] : "");
    number(cells[4], 64, v->has_final, v->final_code);
    number(cells[5], 64, v->final_frame != 0, v->final_frame);
    number(cells[6], 64, v->has_q850, v->q850);
    const struct sc_q850 *q = v->has_q850 ? sc_q850_lookup(v->q850) : NULL;
    snprintf(cells[7], 64, "%s", q ? q->name : "");
    snprintf(cells[8], 64, "%s", v->has_cause ? sc_cause_source_names[v->cause_source] : "");
    snprintf(cells[9], 64, "%s", !v->reason.present ? "" : v->reason.protocol == SC_REASON_SIP ? "SIP" : "Q.850");
    number(cells[10], 64, v->reason.present, v->reason.code);
    snprintf(cells[11], 64, "%s", v->has_ended_by ? sc_party_names[v->ended_by] : "");
    snprintf(cells[12], 64, "%s", v->has_ended_by ? sc_ended_rule_names[v->ended_rule] : "");
    seconds(cells[13], 64, v->has_setup, v->setup_ns);
    seconds(cells[14], 64, v->has_duration, v->duration_ns);
    seconds(cells[15], 64, v->has_disconnect, v->disconnect_ns);
    number(cells[16], 64, true, v->attempts);
    cells[17][0] = cells[18][0] = '\0';
    snprintf(cells[19], 64, "%s", v->reason.location ? v->reason.location->location : "");
    for (unsigned i = 0; i < v->n_branches; i++) {
        size_t l = strlen(cells[17]);
        if (v->branch_code[i])
            snprintf(cells[17] + l, 64 - l, "%s%u", i ? ";" : "", v->branch_code[i]);
        else
            snprintf(cells[17] + l, 64 - l, "%s-", i ? ";" : "");
    }
    for (unsigned t = 0; t < SC_TIMER_COUNT; t++) {
        size_t l = strlen(cells[18]);
        if (v->timers >> t & 1u)
            snprintf(cells[18] + l, 64 - l, "%s%s", l ? ";" : "", sc_timer_names[t]);
    }
}

struct call_seen {
    uint32_t serial;
    char call_id[64];
};

/* calls_only: scan as the plugin's first pass does when nobody looks
 * (sc_message_scan_calls), which must give every call the same verdict. */
static int run_capture(const char *dir, const char *name, char **expected, size_t n_expected, bool calls_only)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/calls_%s.txt", dir, name);
    char *file = read_file(path);
    CHECK(file != NULL);
    if (!file)
        return 0;
    static struct msg_text msgs[MAX_MSGS];
    size_t n = parse_capture(file, msgs, MAX_MSGS);
    CHECK(n > 0 && n < MAX_MSGS);
    struct sc_engine *e = sc_engine_new();
    struct sc_explain_ctx ctx = { NULL, e };
    struct call_seen calls[64];
    size_t n_calls = 0;
    for (size_t i = 0; i < n; i++) {
        struct sc_seen at = { .frame = (uint32_t)i + 1, .time_ns = msgs[i].time_ns };
        endpoint(msgs[i].src, &at.src);
        endpoint(msgs[i].dst, &at.dst);
        struct sc_message m;                                       /* scan */
        if (calls_only)
            sc_message_scan_calls(msgs[i].text, msgs[i].len, &m);
        else
            sc_message_scan(msgs[i].text, msgs[i].len, &m);
        CHECK(m.kind != SC_MSG_OTHER);
        uint32_t call = sc_engine_feed(e, &at, msgs[i].text, &m);  /* call */
        struct sc_explanation ex;                                  /* explain */
        sc_explain(&ctx, msgs[i].text, &m, call, &ex);
        CHECK(ex.has_call == (call != 0));
        CHECK(!call || ex.call.call == call);
        if (call && call > n_calls && n_calls < 64) {
            calls[n_calls].serial = call;
            snprintf(calls[n_calls].call_id, sizeof calls[n_calls].call_id, "%.*s", (int)m.call_id.len,
                     msgs[i].text + m.call_id.off);
            n_calls++;
        }
    }
    size_t matched = 0;
    for (size_t c = 0; c < n_calls; c++) {
        struct sc_call_verdict v;
        CHECK(sc_engine_verdict(e, calls[c].serial, &v));
        char cells[COLS][64];
        row_of(name, calls[c].call_id, &v, cells);
        char got[COLS * 65] = "";
        for (int k = 0; k < COLS; k++) {
            strcat(got, cells[k]);
            if (k + 1 < COLS)
                strcat(got, "\t");
        }
        const char *want = NULL;
        for (size_t r = 0; r < n_expected; r++) {
            size_t cl = strlen(name);
            if (strncmp(expected[r], name, cl) == 0 && expected[r][cl] == '\t'
                && strncmp(expected[r] + cl + 1, calls[c].call_id, strlen(calls[c].call_id)) == 0
                && expected[r][cl + 1 + strlen(calls[c].call_id)] == '\t')
                want = expected[r];
        }
        if (!want || strcmp(want, got) != 0)
            fprintf(stderr, "  %s %s%s:\n    got  %s\n    want %s\n", name, calls[c].call_id,
                    calls_only ? " (scanned for calls only)" : "", got, want ? want : "(no row)");
        CHECK(want && strcmp(want, got) == 0);
        matched += want != NULL;
    }
    sc_engine_free(e);
    for (size_t i = 0; i < n; i++)
        free(msgs[i].text);
    free(file);
    return (int)matched;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CAPTURES_DIR EXPECTED_TSV\n", argv[0]);
        return 2;
    }
    sc_init();
    char *table = read_file(argv[2]);
    CHECK(table != NULL);
    if (!table)
        return CHECK_SUMMARY();
    char *rows[256];
    size_t n_rows = 0;
    bool header = false;
    for (char *line = strtok(table, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        if (!header) {
            char want[1024] = "";
            for (int k = 0; k < COLS; k++) {
                strcat(want, col_names[k]);
                if (k + 1 < COLS)
                    strcat(want, "\t");
            }
            CHECK(strcmp(line, want) == 0);
            header = true;
            continue;
        }
        if (n_rows < 256)
            rows[n_rows++] = line;
    }
    /* every capture named in the table, each row matched by one call */
    char names[64][32];
    size_t n_names = 0;
    for (size_t r = 0; r < n_rows; r++) {
        char name[32];
        sscanf(rows[r], "%31[^\t]", name);
        bool seen = false;
        for (size_t k = 0; k < n_names && !seen; k++)
            seen = strcmp(names[k], name) == 0;
        if (!seen && n_names < 64)
            snprintf(names[n_names++], sizeof names[0], "%s", name);
    }
    size_t matched = 0;
    for (size_t k = 0; k < n_names; k++)
        matched += (size_t)run_capture(argv[1], names[k], rows, n_rows, false);
    CHECK(matched == n_rows);
    size_t matched_calls_only = 0;
    for (size_t k = 0; k < n_names; k++)
        matched_calls_only += (size_t)run_capture(argv[1], names[k], rows, n_rows, true);
    CHECK(matched_calls_only == n_rows);
    if (matched != n_rows)
        fprintf(stderr, "  %zu rows of the table, %zu matched by a call\n", n_rows, matched);
    free(table);
    return CHECK_SUMMARY();
}
