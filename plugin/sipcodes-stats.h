/* The statistics of sipcodes: the "sipcodes" tap, the response and call
 * statistics trees, "-z sipcodes,calls" and "-z sipcodes,cdr".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPCODES_STATS_H
#define SIPCODES_STATS_H

#include "core/sc_engine.h"
#include "core/sc_explain.h"

#define SIPCODES_TAP "sipcodes"

/* What the "sipcodes" tap carries for each SIP message. */
struct sipcodes_tap_info {
    const struct sc_explanation *ex;
    const struct sc_message *msg;
    const char *buf;                 /* the message's bytes */
    struct sc_engine *engine;        /* the calls of the file */
};

/* A view that must see each call's verdict as it retires, for an engine
 * that forgets it then (sipcodes.remember off); one at most. */
void sipcodes_on_retired(sc_retired_fn fn);

void sipcodes_stats_register(void);
/* -z sipcodes,cdr and the call records table (sipcodes-cdr.c) */
void sipcodes_cdr_register(void);

#endif
