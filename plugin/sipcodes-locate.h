/* Where the SIP messages of a frame are, on any pass. The first pass
 * reads the SIP dissector's protocol items (the one field sipcodes asks
 * Wireshark to fill) and, when the "remember" preference is on, keeps
 * 16 bytes per message; later passes (selecting a packet, refiltering,
 * statistics, tshark -2) read what was kept, because Wireshark fills a
 * post-dissector's wanted fields on the first pass only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_LOCATE_H
#define SIPCODES_LOCATE_H

#include <wireshark.h>

#include <epan/packet.h>
#include <epan/prefs.h>

struct sipcodes_located {
    tvbuff_t *tvb;          /* the data source that holds the message */
    gint start, length;
    guint32 call;           /* later passes: the call kept on the first pass */
    gsize slot;             /* first pass: where it is kept; SIPCODES_NOT_KEPT */
};
#define SIPCODES_NOT_KEPT G_MAXSIZE

/* Registers the "remember" preference; needs the SIP protocol registered
 * before sipcodes_locate() runs (at handoff). */
void sipcodes_locate_register(module_t *prefs);
void sipcodes_locate_handoff(void);
/* The one field sipcodes wants from the SIP dissector. */
int sipcodes_locate_wanted_field(void);

/* The frame's SIP messages, in order, in pinfo->pool; returns how many. */
guint sipcodes_locate(packet_info *pinfo, proto_tree *tree, struct sipcodes_located **out);
/* First pass: keeps the call of a located message for the later passes. */
void sipcodes_locate_keep_call(const struct sipcodes_located *m, guint32 call);
/* Whether the first pass keeps where messages are (the "remember" pref). */
gboolean sipcodes_locate_remembers(void);
/* Bytes kept so far (for the benchmark's own figures). */
gsize sipcodes_locate_bytes(void);
/* Forgets everything (a new file). */
void sipcodes_locate_clear(void);

#endif
