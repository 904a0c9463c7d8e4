/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Plugin entry points for sipcodes. */
#define WS_BUILD_DLL
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "sipcodes-stats.h"
#include "sipcodes-compat.h"

#ifndef SIPCODES_VERSION
#define SIPCODES_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = SIPCODES_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

/* A dissector and a tap listener (the statistics tree). */
SIPCODES_PLUGIN_DESCRIBE();

void proto_register_sipcodes(void);
void proto_reg_handoff_sipcodes(void);

static void register_stats(void)
{
    sipcodes_stats_register();
    sipcodes_cdr_register();
}

void plugin_register(void)
{
    static proto_plugin dissector;
    dissector.register_protoinfo = proto_register_sipcodes;
    dissector.register_handoff = proto_reg_handoff_sipcodes;
    proto_register_plugin(&dissector);

    static tap_plugin stats;
    stats.register_tap_listener = register_stats;
    tap_register_plugin(&stats);
}
