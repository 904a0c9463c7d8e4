/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One row per call: "tshark -q -z sipcodes,cdr" prints CSV (RFC 4180
 * quoting), the call's verdict from the engine and what only the messages
 * say (Call-ID, From and To, the final phrase, the start time), kept here
 * only while someone asked for the rows; "SIP Call Records" is the same as
 * a table in the GUI's Statistics menu (and "-z sipcodes,records"). */
#include <wireshark.h>

#include <stdio.h>
#include <time.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "sipcodes-compat.h"
#include "sipcodes-stats.h"

struct cdr_row {
    char *call_id, *from, *to, *final_phrase;
    guint32 first_frame;
    nstime_t start;
    guint32 final_frame;     /* of the phrase kept */
    struct sc_call_verdict *retired; /* kept here when the engine forgets it */
};

struct cdr {
    GArray *rows;            /* struct cdr_row, by serial - 1 */
    struct sc_engine *engine;
};
static struct cdr cdr;

/* A piece of the message as a valid UTF-8 string of its own. */
static char *copy_text(const char *buf, struct sc_text t)
{
    return g_utf8_make_valid(buf + t.off, (gssize)t.len);
}

static tap_packet_status cdr_packet(void *tapdata _U_, packet_info *pinfo, epan_dissect_t *edt _U_, const void *p,
                                    tap_flags_t flags _U_)
{
    const struct sipcodes_tap_info *info = (const struct sipcodes_tap_info *)p;
    const struct sc_explanation *ex = info->ex;
    cdr.engine = info->engine;
    if (!ex->has_call)
        return TAP_PACKET_DONT_REDRAW;
    guint32 serial = ex->call.call;
    if (cdr.rows->len < serial)
        g_array_set_size(cdr.rows, serial);
    struct cdr_row *row = &g_array_index(cdr.rows, struct cdr_row, serial - 1);
    if (!row->call_id) { /* the call's first message */
        row->call_id = copy_text(info->buf, info->msg->call_id);
        row->from = copy_text(info->buf, info->msg->from_uri);
        row->to = copy_text(info->buf, info->msg->to_uri);
        row->first_frame = pinfo->num;
        row->start = pinfo->abs_ts;
    }
    if (ex->is_response && ex->call.final_frame == pinfo->num && row->final_frame != pinfo->num) {
        g_free(row->final_phrase);
        row->final_phrase = copy_text(info->buf, info->msg->phrase);
        row->final_frame = pinfo->num;
    }
    return TAP_PACKET_DONT_REDRAW;
}

/* RFC 4180: a field with a comma, a quote or a line end is quoted, its
 * quotes doubled. */
static void put_field(GString *line, const char *s)
{
    if (line->len)
        g_string_append_c(line, ',');
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        g_string_append(line, s);
        return;
    }
    g_string_append_c(line, '"');
    for (; *s; s++) {
        if (*s == '"')
            g_string_append_c(line, '"');
        g_string_append_c(line, *s);
    }
    g_string_append_c(line, '"');
}

static void put_uint(GString *line, gboolean has, guint v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%u", v);
    put_field(line, has ? buf : NULL);
}

static void put_seconds(GString *line, gboolean has, gint64 ns)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT ".%06d", ns / 1000000000, (int)(ns % 1000000000 / 1000));
    put_field(line, has ? buf : NULL);
}

static const char *const columns[] = {
    "call", "first_frame", "start_time", "call_id", "from", "to", "state", "outcome", "final_code",
    "final_phrase", "cause", "cause_name", "cause_source", "cause_protocol", "ended_by", "ended_by_rule",
    "setup_time", "duration", "attempts", "branches", "timers", "cause_code", "disconnect_time", "final_frame",
    "cause_location",
};

static void put_row(GString *line, const struct sc_call_verdict *v, const struct cdr_row *row)
{
    char buf[96];
    put_uint(line, TRUE, v->call);
    put_uint(line, row && row->call_id, row ? row->first_frame : 0);
    buf[0] = '\0';
    if (row && row->call_id) {
        time_t secs = row->start.secs;
        struct tm tm;
        if (gmtime_r(&secs, &tm))
            snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, row->start.nsecs / 1000);
    }
    put_field(line, buf[0] ? buf : NULL);
    put_field(line, row ? row->call_id : NULL);
    put_field(line, row ? row->from : NULL);
    put_field(line, row ? row->to : NULL);
    put_field(line, sc_call_state_names[v->state]);
    put_field(line, v->has_outcome ? sc_outcome_names[v->outcome] : NULL);
    put_uint(line, v->has_final, v->final_code);
    put_field(line, row && v->final_frame && row->final_frame == v->final_frame ? row->final_phrase : NULL);
    const struct sc_q850 *q = v->has_q850 ? sc_q850_lookup(v->q850) : NULL;
    put_uint(line, v->has_q850, v->q850);
    put_field(line, q ? q->name : NULL);
    put_field(line, v->has_cause ? sc_cause_source_names[v->cause_source] : NULL);
    put_field(line, !v->reason.present ? NULL : v->reason.protocol == SC_REASON_SIP ? "SIP" : "Q.850");
    put_field(line, v->has_ended_by ? sc_party_names[v->ended_by] : NULL);
    put_field(line, v->has_ended_by ? sc_ended_rule_names[v->ended_rule] : NULL);
    put_seconds(line, v->has_setup, v->setup_ns);
    put_seconds(line, v->has_duration, v->duration_ns);
    put_uint(line, TRUE, v->attempts);
    GString *list = g_string_new(NULL);
    for (unsigned i = 0; i < v->n_branches; i++) {
        if (v->branch_code[i])
            g_string_append_printf(list, "%s%u", i ? ";" : "", v->branch_code[i]);
        else
            g_string_append_printf(list, "%s-", i ? ";" : "");
    }
    put_field(line, list->str);
    g_string_truncate(list, 0);
    for (unsigned t = 0; t < SC_TIMER_COUNT; t++)
        if (v->timers >> t & 1u)
            g_string_append_printf(list, "%s%s", list->len ? ";" : "", sc_timer_names[t]);
    put_field(line, list->str);
    g_string_free(list, TRUE);
    put_uint(line, v->reason.present, v->reason.code);
    put_seconds(line, v->has_disconnect, v->disconnect_ns);
    put_uint(line, v->final_frame != 0, v->final_frame);
    put_field(line, v->reason.location ? v->reason.location->location : NULL);
}

/* The engine forgets: the verdict stays in the call's row. */
static void cdr_retired(void *ctx _U_, const struct sc_call_verdict *v)
{
    if (!cdr.rows || v->call == 0 || v->call > cdr.rows->len)
        return;
    struct cdr_row *row = &g_array_index(cdr.rows, struct cdr_row, v->call - 1);
    g_free(row->retired);
    row->retired = (struct sc_call_verdict *)g_memdup2(v, sizeof *v);
}

static void cdr_draw(void *tapdata _U_)
{
    GString *line = g_string_new(NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(columns); i++)
        put_field(line, columns[i]);
    printf("%s\n", line->str);
    size_t calls = sc_engine_calls(cdr.engine);
    for (guint32 serial = 1; serial <= calls; serial++) {
        struct sc_call_verdict v;
        const struct cdr_row *row = serial <= cdr.rows->len ? &g_array_index(cdr.rows, struct cdr_row, serial - 1) : NULL;
        if (!sc_engine_verdict(cdr.engine, serial, &v)) {
            if (!row || !row->retired)
                continue;
            v = *row->retired;
        }
        g_string_truncate(line, 0);
        put_row(line, &v, row);
        printf("%s\n", line->str);
    }
    g_string_free(line, TRUE);
}

static void cdr_clear_row(void *p)
{
    struct cdr_row *row = (struct cdr_row *)p;
    g_free(row->call_id);
    g_free(row->from);
    g_free(row->to);
    g_free(row->final_phrase);
    g_free(row->retired);
}

static void cdr_reset(void *tapdata _U_)
{
    g_array_set_size(cdr.rows, 0);
    cdr.engine = NULL;
}

static sipcodes_stat_init cdr_init(const char *opt_arg _U_, void *userdata _U_)
{
    if (!cdr.rows) {
        cdr.rows = g_array_new(FALSE, TRUE, sizeof(struct cdr_row));
        g_array_set_clear_func(cdr.rows, cdr_clear_row);
    }
    cdr_reset(NULL);
    sipcodes_on_retired(cdr_retired);
    GString *err = register_tap_listener(SIPCODES_TAP, &cdr, NULL, TL_REQUIRES_NOTHING, cdr_reset, cdr_packet,
                                         cdr_draw, NULL);
    gboolean ok = err == NULL;
    if (err) {
        fprintf(stderr, "sipcodes,cdr: %s\n", err->str);
        g_string_free(err, TRUE);
    }
    SIPCODES_STAT_INIT_DONE(ok);
}

static stat_tap_ui cdr_ui = {
    REGISTER_STAT_GROUP_GENERIC, "SIP call records (CSV)", "sipcodes,cdr", cdr_init, 0, NULL
};

/* The GUI table: a row per call, set anew from the verdict at each of its
 * messages (the later passes of the GUI know the whole call). */
enum {
    T_CALL, T_FRAME, T_CALL_ID, T_FROM, T_TO, T_STATE, T_OUTCOME, T_CODE, T_CAUSE, T_CAUSE_NAME, T_SOURCE,
    T_ENDED_BY, T_RULE, T_SETUP, T_DURATION, T_BRANCHES, T_TIMERS, T_COUNT
};
static stat_tap_table_item table_fields[T_COUNT] = {
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Call", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "From", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "To", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "State", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome", "%s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Final code", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Cause", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Cause name", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Cause source", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Ended by", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Rule", "%s" },
    { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Setup (s)", "%.6f" },
    { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Duration (s)", "%.6f" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Branches", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Timers", "%s" },
};
static const char table_name[] = "SIP Call Records";

static void table_init(stat_tap_table_ui *ui)
{
    stat_tap_table *table = stat_tap_find_table(ui, table_name);
    if (table) {
        if (ui->stat_tap_reset_table_cb)
            ui->stat_tap_reset_table_cb(table);
        return;
    }
    table = stat_tap_init_table(table_name, T_COUNT, 0, "sipcodes.call == %d");
    stat_tap_add_table(ui, table);
}

static void set_string(stat_tap_table *table, guint row, guint col, char *value)
{
    stat_tap_table_item_type *item = stat_tap_get_field_data(table, row, col);
    g_free((char *)item->value.string_value);
    item->value.string_value = value ? value : g_strdup("");
    stat_tap_set_field_data(table, row, col, item);
}

static void set_uint(stat_tap_table *table, guint row, guint col, guint value)
{
    stat_tap_table_item_type *item = stat_tap_get_field_data(table, row, col);
    item->value.uint_value = value;
    stat_tap_set_field_data(table, row, col, item);
}

static void set_seconds(stat_tap_table *table, guint row, guint col, gboolean has, gint64 ns)
{
    stat_tap_table_item_type *item = stat_tap_get_field_data(table, row, col);
    item->value.float_value = has ? (double)ns / 1e9 : 0.0;
    stat_tap_set_field_data(table, row, col, item);
}

static char *list_of(const struct sc_call_verdict *v, gboolean timers)
{
    GString *list = g_string_new(NULL);
    if (timers) {
        for (unsigned t = 0; t < SC_TIMER_COUNT; t++)
            if (v->timers >> t & 1u)
                g_string_append_printf(list, "%s%s", list->len ? ";" : "", sc_timer_names[t]);
    } else {
        for (unsigned i = 0; i < v->n_branches; i++)
            g_string_append_printf(list, i ? ";%u" : "%u", v->branch_code[i]);
    }
    return g_string_free(list, FALSE);
}

static tap_packet_status table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *p,
                                      tap_flags_t flags _U_)
{
    stat_data_t *stat = (stat_data_t *)tapdata;
    const struct sipcodes_tap_info *info = (const struct sipcodes_tap_info *)p;
    const struct sc_call_verdict *v = &info->ex->call;
    if (!info->ex->has_call || !stat->stat_tap_data->tables->len)
        return TAP_PACKET_DONT_REDRAW;
    stat_tap_table *table = g_array_index(stat->stat_tap_data->tables, stat_tap_table *, 0);
    guint row = v->call - 1;
    if (row >= table->num_elements) {
        stat_tap_table_item_type items[T_COUNT];
        memset(items, 0, sizeof items);
        for (guint c = 0; c < T_COUNT; c++)
            items[c].type = table_fields[c].type;
        for (guint r = table->num_elements; r <= row; r++) {
            for (guint c = 0; c < T_COUNT; c++)
                if (items[c].type == TABLE_ITEM_STRING)
                    items[c].value.string_value = g_strdup("");
            stat_tap_init_table_row(table, r, T_COUNT, items);
        }
    }
    if (!*stat_tap_get_field_data(table, row, T_CALL_ID)->value.string_value) { /* the call's first message */
        set_string(table, row, T_CALL_ID, copy_text(info->buf, info->msg->call_id));
        set_string(table, row, T_FROM, copy_text(info->buf, info->msg->from_uri));
        set_string(table, row, T_TO, copy_text(info->buf, info->msg->to_uri));
        set_uint(table, row, T_FRAME, pinfo->num);
    }
    const struct sc_q850 *q = v->has_q850 ? sc_q850_lookup(v->q850) : NULL;
    set_uint(table, row, T_CALL, v->call);
    set_string(table, row, T_STATE, g_strdup(sc_call_state_names[v->state]));
    set_string(table, row, T_OUTCOME, g_strdup(v->has_outcome ? sc_outcome_names[v->outcome] : ""));
    set_uint(table, row, T_CODE, v->has_final ? v->final_code : 0);
    set_uint(table, row, T_CAUSE, v->has_q850 ? v->q850 : 0);
    set_string(table, row, T_CAUSE_NAME, g_strdup(q ? q->name : ""));
    set_string(table, row, T_SOURCE, g_strdup(v->has_cause ? sc_cause_source_names[v->cause_source] : ""));
    set_string(table, row, T_ENDED_BY, g_strdup(v->has_ended_by ? sc_party_names[v->ended_by] : ""));
    set_string(table, row, T_RULE, g_strdup(v->has_ended_by ? sc_ended_rule_names[v->ended_rule] : ""));
    set_seconds(table, row, T_SETUP, v->has_setup, v->setup_ns);
    set_seconds(table, row, T_DURATION, v->has_duration, v->duration_ns);
    set_string(table, row, T_BRANCHES, list_of(v, FALSE));
    set_string(table, row, T_TIMERS, list_of(v, TRUE));
    return TAP_PACKET_REDRAW;
}

static void table_reset(stat_tap_table *table)
{
    for (guint r = 0; r < table->num_elements; r++)
        for (guint c = 0; c < T_COUNT; c++)
            if (table_fields[c].type == TABLE_ITEM_STRING)
                set_string(table, r, c, g_strdup(""));
}

static void table_free_item(stat_tap_table *table _U_, guint row _U_, guint column, stat_tap_table_item_type *field)
{
    if (table_fields[column].type == TABLE_ITEM_STRING) {
        g_free((char *)field->value.string_value);
        field->value.string_value = NULL;
    }
}

static stat_tap_table_ui table_ui = {
    REGISTER_STAT_GROUP_GENERIC, "SIP Call Records", SIPCODES_TAP, "sipcodes,records", table_init, table_packet,
    table_reset, table_free_item, NULL, T_COUNT, table_fields, 0, NULL, NULL, 0
};

void sipcodes_cdr_register(void)
{
    register_stat_tap_ui(&cdr_ui, NULL);
    register_stat_tap_table_ui(&table_ui);
}
