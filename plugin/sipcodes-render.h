/* The packet tree and expert info of one explanation: every sipcodes
 * field (hf_sipcodes_*), subtree (ett_sipcodes_*) and expert field
 * (ei_sipcodes_*). It shows what the core decided and reads nothing else.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_RENDER_H
#define SIPCODES_RENDER_H

#include <wireshark.h>

#include <epan/packet.h>

#include "core/sc_explain.h"

/* One SIP message being shown. */
struct sipcodes_view {
    packet_info *pinfo;
    proto_tree *tree;
    tvbuff_t *tvb;
    gint start;                      /* of the message in tvb */
    const struct sc_message *msg;
    const struct sc_explanation *ex;
    enum sc_lang lang;
    gboolean expert;                 /* add the expert info of ex->expert */
    guint show;                      /* SIPCODES_SHOW_* */
};

/* What a tree needs from sipcodes: the message's explanation, its call's
 * verdict; a visible tree needs both. */
#define SIPCODES_SHOW_MESSAGE 1u
#define SIPCODES_SHOW_CALL 2u

void sipcodes_render_register(int proto);
/* At each new file: the ids Wireshark registers after the plugins. */
void sipcodes_render_init(void);

/* What someone looks at of what sipcodes adds to this tree (SIPCODES_SHOW_*,
 * 0 for nothing): all of it in a visible tree or with expert info wanted
 * (*expert), else the groups of the sipcodes fields referenced (a filter,
 * a column, -e). */
guint sipcodes_render_wanted(proto_tree *tree, gboolean *expert);

void sipcodes_render(const struct sipcodes_view *v);

#endif
