/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Statistics trees "sipcodes" (responses by class, code, variant and
 * device code, INVITE outcomes) and "sipcodes_calls" (the RFC 6076 figures
 * of the calls), and "-z sipcodes,calls", the same figures as text. */
#include <wireshark.h>

#include <stdio.h>

#include <epan/stat_tap_ui.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "sipcodes-compat.h"
#include "sipcodes-stats.h"

/* Responses */

static const char st_str_responses[] = "SIP responses";
static const char st_str_outcomes[] = "INVITE outcomes";
static int st_node_responses = -1;
static int st_node_outcomes = -1;

static void responses_init(stats_tree *st)
{
    st_node_responses = stats_tree_create_node(st, st_str_responses, 0, STAT_DT_INT, TRUE);
    st_node_outcomes = stats_tree_create_node(st, st_str_outcomes, 0, STAT_DT_INT, TRUE);
}

static tap_packet_status responses_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                          const void *p, tap_flags_t flags _U_)
{
    const struct sc_explanation *ex = ((const struct sipcodes_tap_info *)p)->ex;
    char name[256];

    if (!ex->is_response)
        return TAP_PACKET_DONT_REDRAW;
    tick_stat_node(st, st_str_responses, 0, FALSE);
    int node = tick_stat_node(st, sc_class_name(ex->cls), st_node_responses, TRUE);
    snprintf(name, sizeof name, "%03u %s", ex->code, ex->standard_phrase ? ex->standard_phrase : "(unlisted)");
    node = tick_stat_node(st, name, node, TRUE);
    if (ex->variant) {
        snprintf(name, sizeof name, "variant: %s (%s)", ex->variant->phrase, sc_category_names[ex->variant->category]);
        node = tick_stat_node(st, name, node, TRUE);
    } else if (ex->phrase_nonstandard) {
        /* a node name is shown as text: the phrase made valid UTF-8 */
        char *phrase = g_utf8_make_valid(ex->phrase, (gssize)ex->phrase_len);
        snprintf(name, sizeof name, "nonstandard: %s", phrase);
        g_free(phrase);
        node = tick_stat_node(st, name, node, TRUE);
    }
    if (ex->n_devices) {
        snprintf(name, sizeof name, "device %s", ex->devices[0]->device);
        tick_stat_node(st, name, node, FALSE);
    }
    if (ex->has_outcome) {
        tick_stat_node(st, st_str_outcomes, 0, FALSE);
        tick_stat_node(st, sc_outcome_names[ex->outcome], st_node_outcomes, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

/* Calls: the engine keeps the figures; a view reads them when it draws. */

static struct sc_engine *engine_seen;

static const struct sc_metric_row *calls_rows(size_t *n)
{
    static struct sc_metric_row rows[SC_METRIC_ROWS_MAX];
    struct sc_totals t;
    sc_engine_totals(engine_seen, &t); /* zeros without an engine */
    *n = MIN(sc_totals_rows(&t, rows, SC_METRIC_ROWS_MAX), SC_METRIC_ROWS_MAX);
    return rows;
}

static tap_packet_status engine_packet(void *tapdata _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                       const void *p, tap_flags_t flags _U_)
{
    engine_seen = ((const struct sipcodes_tap_info *)p)->engine;
    return TAP_PACKET_REDRAW;
}

/* The "sipcodes_calls" tree: a node per row, named by its label (a tree
 * name takes "/" as a path: shown as " of "). A count is the node's count;
 * a ratio's node counts the denominator and its child "numerator" the
 * numerator, so that the Percent column shows the ratio; a time is its
 * node's count in milliseconds. */
struct calls_tree {
    stats_tree *st;
};
static struct calls_tree *calls_tree;

static gint node_count(guint64 v)
{
    return (gint)MIN(v, (guint64)G_MAXINT);
}

/* Sets every node from the engine's figures; runs as the draw of a listener
 * registered after the tree's own, so before it (listeners draw newest first). */
static void calls_tree_draw(void *tapdata)
{
    struct calls_tree *ct = (struct calls_tree *)tapdata;
    size_t n;
    const struct sc_metric_row *rows = calls_rows(&n);
    int parent = 0;
    for (size_t i = 0; i < n; i++) {
        const struct sc_metric_row *r = &rows[i];
        char **parts = g_strsplit(r->label, "/", -1);
        char *joined = g_strjoinv(" of ", parts);
        char *label = r->unit == SC_UNIT_SECONDS || r->unit == SC_UNIT_MS ? g_strdup_printf("%s [ms]", joined)
                                                                           : g_strdup(joined);
        gint count = r->unit == SC_UNIT_PERCENT ? node_count(r->of)
                     : r->unit == SC_UNIT_COUNT ? node_count(r->count)
                     : !r->has_value ? 0
                     : (gint)(r->number * (r->unit == SC_UNIT_SECONDS ? 1000.0 : 1.0) + 0.5);
        int id = stats_tree_manip_node_int(MN_SET, ct->st, label, r->depth ? parent : 0, TRUE, count);
        if (r->depth == 0)
            parent = id;
        if (r->unit == SC_UNIT_PERCENT)
            stats_tree_manip_node_int(MN_SET, ct->st, "numerator", id, FALSE, node_count(r->count));
        g_strfreev(parts);
        g_free(joined);
        g_free(label);
    }
}

static void calls_tree_init(stats_tree *st)
{
    calls_tree = g_new0(struct calls_tree, 1);
    calls_tree->st = st;
    GString *err = register_tap_listener(SIPCODES_TAP, calls_tree, NULL, TL_REQUIRES_NOTHING, NULL, engine_packet,
                                         calls_tree_draw, NULL);
    if (err) {
        fprintf(stderr, "sipcodes_calls: %s\n", err->str);
        g_string_free(err, TRUE);
    }
}

static tap_packet_status calls_tree_packet(stats_tree *st _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                           const void *p _U_, tap_flags_t flags _U_)
{
    return TAP_PACKET_REDRAW;
}

static void calls_tree_cleanup(stats_tree *st _U_)
{
    if (!calls_tree)
        return;
    remove_tap_listener(calls_tree);
    g_free(calls_tree);
    calls_tree = NULL;
}

/* "tshark -z sipcodes,calls": the rows as "label: value" lines. */
static void calls_text_draw(void *tapdata _U_)
{
    size_t n;
    const struct sc_metric_row *rows = calls_rows(&n);
    printf("\n===================================================================\n");
    printf("SIP calls (RFC 6076 end-to-end metrics, measured at the capture point)\n");
    printf("===================================================================\n");
    for (size_t i = 0; i < n; i++)
        printf("%s%s: %s\n", rows[i].depth ? "  " : "", rows[i].label, rows[i].value);
    printf("===================================================================\n");
}

static sipcodes_stat_init calls_text_init(const char *opt_arg _U_, void *userdata _U_)
{
    static int tapdata;
    engine_seen = NULL;
    GString *err = register_tap_listener(SIPCODES_TAP, &tapdata, NULL, TL_REQUIRES_NOTHING, NULL, engine_packet,
                                         calls_text_draw, NULL);
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
    stats_tree_register_plugin(SIPCODES_TAP, "sipcodes_calls", "SIP Calls (RFC 6076)", 0, calls_tree_packet,
                               calls_tree_init, calls_tree_cleanup);
    stats_tree_register_plugin(SIPCODES_TAP, "sipcodes", "SIP Response Codes", 0, responses_packet, responses_init,
                               NULL);
}
