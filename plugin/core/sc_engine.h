/* sipcodes core: the calls and registrations of one capture. The glue
 * feeds every SIP message in capture order on the first pass and ticks the
 * clock on every frame; any view asks for a call's verdict by its serial
 * and for the RFC 6076 totals.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_ENGINE_H
#define SC_ENGINE_H

#include "sc_metrics.h"

#ifdef __cplusplus
extern "C" {
#endif

struct sc_engine;

/* Needs sc_init(). NULL when out of memory. */
struct sc_engine *sc_engine_new(void);
void sc_engine_free(struct sc_engine *e);

/* Before the first message: forget each call once it is retired (its
 * figures stay in the totals). Its memory then holds only the calls that
 * may still change; a verdict is asked for while the call is fed. A late
 * message of a forgotten call belongs to no call. */
void sc_engine_forget(struct sc_engine *e, bool forget);

/* The capture's time has reached now: timers that ran out change their
 * calls' verdicts, and calls that can no longer change are retired. */
void sc_engine_clock(struct sc_engine *e, int64_t now);

/* One SIP message, scanned from buf. Returns the serial of the call it
 * belongs to (1, 2, ...), or 0 for none (no INVITE of it was seen, or a
 * message outside calls such as REGISTER or OPTIONS). */
uint32_t sc_engine_feed(struct sc_engine *e, const struct sc_seen *at, const char *buf, const struct sc_message *m);

/* Called with each call's verdict as it retires (a forgetting engine
 * drops it next); fn NULL: nobody. */
typedef void (*sc_retired_fn)(void *ctx, const struct sc_call_verdict *v);
void sc_engine_on_retired(struct sc_engine *e, sc_retired_fn fn, void *ctx);

/* The verdict of call serial as of the clock; false for no such call. */
bool sc_engine_verdict(struct sc_engine *e, uint32_t serial, struct sc_call_verdict *out);

size_t sc_engine_calls(const struct sc_engine *e);
/* Calls whose state is still kept in full (not retired). */
size_t sc_engine_live_calls(const struct sc_engine *e);

/* Call records held: every call's when verdicts are kept, the most held
 * at once by an engine that forgets. */
size_t sc_engine_records(const struct sc_engine *e);

/* Bytes of the engine's own tables (records, index, live slots, wakes),
 * not counting the live calls' states. */
size_t sc_engine_bytes(const struct sc_engine *e);

/* Every call and registration attempt as of the clock. */
void sc_engine_totals(struct sc_engine *e, struct sc_totals *out);

#ifdef __cplusplus
}
#endif
#endif
