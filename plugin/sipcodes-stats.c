/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Statistics tree "sipcodes": responses by class, code, variant and
 * device code, and the outcomes of INVITE transactions. */
#include <wireshark.h>

#include <epan/stats_tree.h>

#include "packet-sipcodes.h"

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
    const struct sipcodes_tap_info *info = (const struct sipcodes_tap_info *)p;
    char name[256];

    tick_stat_node(st, st_str_responses, 0, FALSE);
    int node = tick_stat_node(st, sc_class_name(info->cls), st_node_responses, TRUE);
    snprintf(name, sizeof name, "%03u %s", info->code, info->standard_phrase ? info->standard_phrase : "(unlisted)");
    node = tick_stat_node(st, name, node, TRUE);
    if (info->variant) {
        snprintf(name, sizeof name, "variant: %s (%s)", info->variant->phrase, sc_category_names[info->variant->category]);
        node = tick_stat_node(st, name, node, TRUE);
    } else if (info->phrase_nonstandard) {
        snprintf(name, sizeof name, "nonstandard: %s", info->phrase);
        node = tick_stat_node(st, name, node, TRUE);
    }
    if (info->device) {
        snprintf(name, sizeof name, "device %s", info->device->device);
        tick_stat_node(st, name, node, FALSE);
    }
    if (info->outcome) {
        tick_stat_node(st, st_str_outcomes, 0, FALSE);
        tick_stat_node(st, info->outcome, st_node_outcomes, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

void sipcodes_stats_register(void)
{
    stats_tree_register_plugin("sipcodes", "sipcodes", "SIP Response Codes", 0,
                               sipcodes_stats_packet, sipcodes_stats_init, NULL);
}
