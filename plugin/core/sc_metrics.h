/* sipcodes core: the RFC 6076 figures of a capture, from the verdicts of
 * its calls and registration attempts, and their rows for the views.
 * Measured where the capture was taken, not at the originating UA.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_METRICS_H
#define SC_METRICS_H

#include "sc_call.h"

#ifdef __cplusplus
extern "C" {
#endif

struct sc_delay {
    uint64_t count;
    int64_t min_ns, max_ns, sum_ns;
};

/* One registration attempt: a REGISTER and its retries after a challenge. */
struct sc_registration {
    bool settled;               /* a final response, or Timer F ran out */
    bool failed;                /* RFC 6076 s4.2: 4xx but 401/402/407, 5xx, 6xx, or Timer F */
    bool has_delay;             /* RFC 6076 s4.1: first REGISTER to the 2xx */
    int64_t delay_ns;
};

struct sc_totals {
    uint64_t calls;
    uint64_t by_state[SC_CALL_STATE_COUNT];
    uint64_t settled, redirected, established, effective, ineffective;
    struct sc_delay srd_ok, srd_failed, sdd_ok, sdd_failed, sdt_ok, sdt_failed;
    uint64_t by_outcome[SC_OUTCOME_COUNT];
    uint64_t no_outcome;
    uint64_t by_cause[128];
    uint64_t no_cause;
    uint64_t by_timer[SC_TIMER_COUNT];
    /* registration attempts */
    uint64_t registrations, reg_settled, reg_failed;
    struct sc_delay rrd;
};

void sc_totals_add_call(struct sc_totals *t, const struct sc_call_verdict *v);
void sc_totals_add_registration(struct sc_totals *t, const struct sc_registration *r);
void sc_totals_merge(struct sc_totals *into, const struct sc_totals *from);

/* The figures as rows "<label>: <value>" the views print or put in a tree. */
enum sc_metric_unit { SC_UNIT_COUNT, SC_UNIT_PERCENT, SC_UNIT_SECONDS, SC_UNIT_MS };
struct sc_metric_row {
    unsigned depth;            /* 0, or 1 under the row above of depth 0 */
    char label[100];
    char value[64];            /* "30.00 % (3/10)", "0.250000 s", "10", "n/a" */
    enum sc_metric_unit unit;
    bool has_value;            /* false: undefined (a zero denominator, no sample) */
    double number;             /* the value in its unit; a ratio's numerator for the count */
    uint64_t count;            /* a count, or a ratio's numerator, or a delay's samples */
    uint64_t of;               /* a ratio's denominator */
};
#define SC_METRIC_ROWS_MAX (64 + SC_OUTCOME_COUNT + SC_CALL_STATE_COUNT + SC_TIMER_COUNT + 128)
/* Fills at most max rows and returns how many there are. */
size_t sc_totals_rows(const struct sc_totals *t, struct sc_metric_row *rows, size_t max);

#ifdef __cplusplus
}
#endif
#endif
