/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared between the sipcodes dissector, its user table and its statistics. */
#ifndef PACKET_SIPCODES_H
#define PACKET_SIPCODES_H

#include "core/sipcodes.h"

/* Queued on the "sipcodes" tap, one per SIP response. */
struct sipcodes_tap_info {
    unsigned code;
    enum sc_class cls;
    const char *standard_phrase;     /* NULL when the code has none */
    const char *phrase;              /* as sent, packet scope */
    bool phrase_nonstandard;
    const struct sc_variant *variant;
    const struct sc_device *device;
    const char *outcome;             /* NULL unless a final INVITE response */
};

/* sipcodes-uat.c */
void sipcodes_uat_register(int proto, void *prefs_module);
const struct sc_variant_index *sipcodes_variant_index(void);

/* sipcodes-stats.c */
void sipcodes_stats_register(void);

#endif
