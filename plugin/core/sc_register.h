/* sipcodes core: registration attempts for RFC 6076 s4.1 (RRD) and s4.2
 * (IRA). An attempt is a REGISTER and its retries after a challenge or a
 * retry code (same Call-ID and From tag, a higher CSeq); a UA keeps one
 * Call-ID for its registrations (RFC 3261 s10.2), so the next REGISTER
 * after a final answer starts the next attempt. Attempts are kept only
 * while they may change.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_REGISTER_H
#define SC_REGISTER_H

#include "sc_metrics.h"

#ifdef __cplusplus
extern "C" {
#endif

struct sc_reg_table;

struct sc_reg_table *sc_reg_new(void);
void sc_reg_free(struct sc_reg_table *t);

/* A REGISTER or a response to one; key names its Call-ID and From tag. */
void sc_reg_feed(struct sc_reg_table *t, uint64_t key, const struct sc_seen *at, const char *buf,
                 const struct sc_message *m);
/* Runs out Timer F and retires attempts that can no longer change. */
void sc_reg_clock(struct sc_reg_table *t, int64_t now);
/* Adds every attempt, retired or not, as of now. */
void sc_reg_totals(const struct sc_reg_table *t, int64_t now, struct sc_totals *into);

#ifdef __cplusplus
}
#endif
#endif
