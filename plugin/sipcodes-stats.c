/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Statistics tree "sipcodes": responses by class, code, variant and
 * device code, and the outcomes of INVITE transactions. */
#include <wireshark.h>

#include <stdio.h>

#include <epan/stat_tap_ui.h>
#include <epan/stats_tree.h>
#include <epan/stats_tree_priv.h>

#include "core/sc_call.h"
#include "core/sc_explain.h"
#include "sipcodes-compat.h"
#include "sipcodes-stats.h"

static const char st_str_responses[] = "SIP responses";
static const char st_str_outcomes[] = "INVITE outcomes";
static int st_node_responses = -1;
static int st_node_outcomes = -1;

static void sipcodes_stats_init(stats_tree *st)
{
    st_node_responses = stats_tree_create_node(st, st_str_responses, 0, STAT_DT_INT, TRUE);
    st_node_outcomes = stats_tree_create_node(st, st_str_outcomes, 0, STAT_DT_INT, TRUE);
}

static tap_packet_status sipcodes_stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                               const void *p, tap_flags_t flags _U_)
{
    const struct sc_explanation *info = (const struct sc_explanation *)p;
    char name[256];

    if (!info->is_response)
        return TAP_PACKET_DONT_REDRAW;
    tick_stat_node(st, st_str_responses, 0, FALSE);
    int node = tick_stat_node(st, sc_class_name(info->cls), st_node_responses, TRUE);
    snprintf(name, sizeof name, "%03u %s", info->code, info->standard_phrase ? info->standard_phrase : "(unlisted)");
    node = tick_stat_node(st, name, node, TRUE);
    if (info->variant) {
        snprintf(name, sizeof name, "variant: %s (%s)", info->variant->phrase, sc_category_names[info->variant->category]);
        node = tick_stat_node(st, name, node, TRUE);
    } else if (info->phrase_nonstandard) {
        snprintf(name, sizeof name, "nonstandard: %.*s", (int)info->phrase_len, info->phrase);
        node = tick_stat_node(st, name, node, TRUE);
    }
    if (info->n_devices) {
        snprintf(name, sizeof name, "device %s", info->devices[0]->device);
        tick_stat_node(st, name, node, FALSE);
    }
    if (info->outcome) {
        tick_stat_node(st, st_str_outcomes, 0, FALSE);
        tick_stat_node(st, info->outcome, st_node_outcomes, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

/* Statistics tree "sipcodes_calls": the RFC 6076 figures of the calls so
 * far, one node "label: value" per row. A figure changes as calls go on,
 * so the tree is laid anew whenever the rows differ from those shown. */
static GString *calls_tree_shown;

static tap_packet_status sipcodes_calls_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                               const void *p, tap_flags_t flags _U_)
{
    const struct sc_call_table *table = (const struct sc_call_table *)p;
    struct sc_metric_row *rows = g_new(struct sc_metric_row, SC_CALL_ROWS_MAX);
    size_t n = sc_call_totals_rows(sc_calls_totals(table), rows, SC_CALL_ROWS_MAX);
    GString *now = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(now, "%u%s: %s\n", rows[i].depth, rows[i].label, rows[i].value);
    tap_packet_status status = TAP_PACKET_DONT_REDRAW;
    if (!calls_tree_shown || !g_string_equal(now, calls_tree_shown)) {
        stats_tree_reinit(st);
        int parent = 0;
        for (size_t i = 0; i < n; i++) {
            const struct sc_metric_row *r = &rows[i];
            /* a stats tree name takes "/" for a path: "3/10" is shown "3 of 10" */
            char **parts = g_strsplit(r->value, "/", -1);
            char *value = g_strjoinv(" of ", parts);
            char *name = g_strdup_printf("%s: %s", r->label, value);
            g_strfreev(parts);
            g_free(value);
            int id = stats_tree_manip_node_int(MN_SET, st, name, r->depth ? parent : 0, TRUE,
                                               r->unit == SC_UNIT_COUNT ? (gint)r->number : 0);
            g_free(name);
            if (r->depth == 0)
                parent = id;
        }
        if (calls_tree_shown)
            g_string_free(calls_tree_shown, TRUE);
        calls_tree_shown = now;
        now = NULL;
        status = TAP_PACKET_REDRAW;
    }
    if (now)
        g_string_free(now, TRUE);
    g_free(rows);
    return status;
}

static void sipcodes_calls_init(stats_tree *st _U_)
{
}

static void sipcodes_calls_cleanup(stats_tree *st _U_)
{
    if (calls_tree_shown)
        g_string_free(calls_tree_shown, TRUE);
    calls_tree_shown = NULL;
}

/* "tshark -z sipcodes,calls": the same rows as "label: value" lines. */
static const struct sc_call_table *calls_seen;

static tap_packet_status calls_text_packet(void *tapdata _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                           const void *p, tap_flags_t flags _U_)
{
    calls_seen = (const struct sc_call_table *)p;
    return TAP_PACKET_DONT_REDRAW;
}

static void calls_text_draw(void *tapdata _U_)
{
    static const struct sc_call_totals none;
    struct sc_metric_row *rows = g_new(struct sc_metric_row, SC_CALL_ROWS_MAX);
    size_t n = sc_call_totals_rows(calls_seen ? sc_calls_totals(calls_seen) : &none, rows, SC_CALL_ROWS_MAX);
    printf("\n===================================================================\n");
    printf("SIP calls (RFC 6076 end-to-end metrics)\n");
    printf("===================================================================\n");
    for (size_t i = 0; i < n; i++)
        printf("%s%s: %s\n", rows[i].depth ? "  " : "", rows[i].label, rows[i].value);
    printf("===================================================================\n");
    g_free(rows);
}

static sipcodes_stat_init calls_text_init(const char *opt_arg _U_, void *userdata _U_)
{
    calls_seen = NULL;
    GString *err = register_tap_listener(SIPCODES_CALLS_TAP, &calls_seen, NULL, TL_REQUIRES_NOTHING, NULL,
                                         calls_text_packet, calls_text_draw, NULL);
    gboolean ok = err == NULL;
    if (err) {
        fprintf(stderr, "sipcodes,calls: %s\n", err->str);
        g_string_free(err, TRUE);
    }
    SIPCODES_STAT_INIT_DONE(ok);
}

static stat_tap_ui calls_text_ui = {
    REGISTER_STAT_GROUP_GENERIC, "SIP calls (RFC 6076)", "sipcodes,calls", calls_text_init, 0, NULL
};

void sipcodes_stats_register(void)
{
    register_stat_tap_ui(&calls_text_ui, NULL);
    stats_tree_register_plugin(SIPCODES_CALLS_TAP, "sipcodes_calls", "SIP Calls (RFC 6076)", 0,
                               sipcodes_calls_packet, sipcodes_calls_init, sipcodes_calls_cleanup);
    stats_tree_register_plugin(SIPCODES_TAP, "sipcodes", "SIP Response Codes", 0,
                               sipcodes_stats_packet, sipcodes_stats_init, NULL);
}
