/* Where each SIP message of a frame lies, kept from the first pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_RECORD_H
#define SIPCODES_RECORD_H

#include <wireshark.h>

/* 16 bytes per SIP message. */
struct sipcodes_location {
    guint32 frame;
    guint32 start;
    guint32 length : 24;
    guint32 source : 8; /* index in the frame's data sources */
    guint32 call;       /* serial of the call it belongs to; 0 for none */
};

void sipcodes_record_add(const struct sipcodes_location *loc);
/* Index of the frame's first message; sets *count (0 when none). */
gsize sipcodes_record_find(guint32 frame, guint *count);
const struct sipcodes_location *sipcodes_record_at(gsize index);
void sipcodes_record_clear(void);

#endif
