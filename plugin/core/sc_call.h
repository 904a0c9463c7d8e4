/* sipcodes core: one call (the caller's initial INVITE, its retries, legs
 * and dialogs) and its verdict. The engine (sc_engine.h) finds the call of
 * a message; this file keeps its state and says what it means.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SC_CALL_H
#define SC_CALL_H

#include "sc_message.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 64*T1 with T1 = 500 ms (RFC 3261 s17.1.1.2, Table 4): Timers B and F,
 * and how long a 2xx waits for its ACK (s13.3.1.4). */
#define SC_T1_64_NS (32LL * 1000000000LL)
/* Timer C: more than 3 minutes (RFC 3261 s16.6 step 11). */
#define SC_TIMER_C_NS (180LL * 1000000000LL)

/* Where and when the glue found a message. Addresses are opaque bytes
 * (IPv4, IPv6, ...); only their equality matters. */
struct sc_endpoint {
    const void *addr;
    size_t addr_len;
    uint16_t port;
};
struct sc_seen {
    uint32_t frame;
    int64_t time_ns;        /* absolute capture time */
    struct sc_endpoint src, dst;
};

/* A cause taken from a Reason value (sc_message_reason()). */
struct sc_cause_ref {
    bool present;
    enum sc_reason_protocol protocol; /* SC_REASON_Q850 or SC_REASON_SIP */
    uint16_t code;                    /* the cause= as sent */
    const struct sc_reason_location *location; /* its RFC 8606 location; NULL when none
                                                  or a token outside the table */
};

#define SC_CALL_BRANCHES_MAX 6

/* What a call means, as of the messages fed so far. */
struct sc_call_verdict {
    uint32_t call;                 /* serial: 1, 2, ... in order of the INVITEs */
    enum sc_call_state state;
    uint8_t attempts;              /* INVITE transactions: 2 after a challenge */
    bool has_final;                /* a final response, or a timeout taken as 408 */
    uint16_t final_code;
    uint32_t final_frame;          /* 0 for a timeout */
    bool has_outcome;
    enum sc_outcome outcome;
    bool has_cause;
    enum sc_cause_source cause_source;
    bool has_q850;
    uint8_t q850;                  /* the Q.850 cause a switch would report */
    struct sc_cause_ref reason;    /* when the cause came from a Reason value */
    bool has_ended_by;
    enum sc_party ended_by;
    enum sc_ended_rule ended_rule;
    bool has_setup;                /* RFC 6076 s4.3: first INVITE to the first non-100
                                      provisional, 2xx or failure response */
    int64_t setup_ns;
    bool has_duration;             /* RFC 6076 s4.5: 2xx to the BYE of the session kept */
    int64_t duration_ns;
    bool has_disconnect;           /* RFC 6076 s4.4: BYE to its final response */
    int64_t disconnect_ns;
    uint16_t disconnect_code;
    unsigned timers;               /* bits 1 << enum sc_timer */
    uint8_t n_branches;            /* downstream legs seen on a proxy host */
    uint16_t branch_code[SC_CALL_BRANCHES_MAX]; /* their final codes; 0 without */
};

/* What a call adds to the RFC 6076 figures. */
struct sc_call_share {
    bool settled;                  /* state is not unfinished */
    bool redirected;               /* final 3xx */
    bool established, effective, ineffective; /* final code's RFC 6076 groups */
    bool srd_ok, srd_failed;       /* which SRD a setup time counts in */
    bool sdt_ok, sdt_failed;
    int64_t sdt_ns;                /* failed: 2xx to Timer F expiry */
    bool sdd_ok, sdd_failed;
};

struct sc_call_live;

/* A call's state while its messages may still come. */
struct sc_call_live *sc_call_live_new(const struct sc_seen *at, const char *buf, const struct sc_message *m);
void sc_call_live_free(struct sc_call_live *c);

/* Feeds one message of the call (the engine has matched it by Call-ID and
 * the caller's tag). Returns false for an initial INVITE that starts a new
 * call instead (a new CSeq after a final answer that is not retried). */
bool sc_call_live_feed(struct sc_call_live *c, const struct sc_seen *at, const char *buf, const struct sc_message *m);

/* The verdict at time now (timers run out against it), into out (the
 * serial is the engine's to fill). Timeouts seen are kept. */
void sc_call_live_judge(struct sc_call_live *c, int64_t now, struct sc_call_verdict *out);

/* When the verdict may next change with no message (a timer), or when the
 * call can be retired; INT64_MAX for never. Valid after a judge. */
int64_t sc_call_live_wake(const struct sc_call_live *c);
/* Whether nothing can change the verdict any more at now. */
bool sc_call_live_done(const struct sc_call_live *c, int64_t now);

/* What a verdict adds to the figures. */
void sc_call_share_of(const struct sc_call_verdict *v, struct sc_call_share *out);

#ifdef __cplusplus
}
#endif
#endif
