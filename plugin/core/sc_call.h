/* sipcodes core: calls (initial INVITE dialogs), their verdict and the
 * RFC 6076 session metrics. No Wireshark dependency. */
#ifndef SC_CALL_H
#define SC_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One SIP message as the dissector saw it. The buffers are only read
 * during sc_calls_feed(); what the table keeps it copies. A length of 0
 * means the item is absent. */
struct sc_call_event {
    uint32_t frame;
    int64_t time_ns;          /* absolute capture time in nanoseconds */
    bool is_response;
    const char *method;       /* request method ("INVITE"); requests only */
    size_t method_len;
    unsigned status;          /* status code; responses only */
    uint32_t cseq;            /* CSeq number */
    const char *cseq_method;  /* CSeq method */
    size_t cseq_method_len;
    const char *call_id;
    size_t call_id_len;
    const char *from_tag;
    size_t from_tag_len;
    const char *to_tag;
    size_t to_tag_len;
    bool has_reason;          /* the message has "Reason: Q.850;cause=N" */
    unsigned reason_cause;    /* N of the last such Reason (0-255 kept) */
};

enum sc_cause_source {
    SC_CAUSE_NONE,
    SC_CAUSE_FINAL_REASON,       /* Reason of the final response */
    SC_CAUSE_PROVISIONAL_REASON, /* Reason of the last provisional response */
    SC_CAUSE_MAPPING,            /* RFC 3398 s8.2.6.1 mapping of the final code */
    SC_CAUSE_BYE_REASON,         /* Reason of the BYE of an answered call */
    SC_CAUSE_CANCEL_REASON,      /* Reason of the CANCEL of a cancelled call */
    SC_CAUSE_NORMAL_CLEARING     /* answered call ended by a BYE without Reason */
};
const char *sc_cause_source_name(enum sc_cause_source src); /* "final-reason"...; NULL for NONE */

enum sc_ended_by { SC_ENDED_UNKNOWN, SC_ENDED_CALLER, SC_ENDED_CALLEE, SC_ENDED_NETWORK };
const char *sc_ended_by_name(enum sc_ended_by who); /* "caller", "callee", "network"; NULL for UNKNOWN */

/* The verdict of a call as of the events fed so far. */
struct sc_call_verdict {
    bool has_final;
    uint16_t final_code;
    uint32_t final_frame;
    const char *outcome;          /* sc_outcome_for(final_code); NULL without final */
    bool has_cause;
    uint8_t cause;
    const char *cause_name;       /* Q.850 name; NULL for a cause not in the table */
    enum sc_cause_source cause_source;
    const char *cause_source_name;
    enum sc_ended_by ended_by;
    const char *ended_by_name;    /* NULL while unknown */
    bool has_setup_time;          /* RFC 6076 s4.3 Session Request Delay */
    int64_t setup_time_ns;
    bool has_duration;            /* RFC 6076 s4.5 Session Duration Time */
    int64_t duration_ns;
};

struct sc_call;
struct sc_call_table;

/* Calls sc_init(). */
struct sc_call_table *sc_calls_new(void);
void sc_calls_free(struct sc_call_table *t);

/* Feeds one message in capture order. Returns the call it belongs to, or
 * NULL (no Call-ID, or a message outside any known call). */
struct sc_call *sc_calls_feed(struct sc_call_table *t, const struct sc_call_event *ev);

/* The newest call with this Call-ID, or NULL. A Call-ID reused for a new
 * initial INVITE after a final answer (e.g. after a 302) starts a new call;
 * keep sc_call_serial() per frame to find older ones. */
struct sc_call *sc_calls_find(const struct sc_call_table *t, const char *call_id, size_t len);
/* Every call has a serial number 1, 2, 3... in order of its INVITE. */
uint32_t sc_call_serial(const struct sc_call *call);
struct sc_call *sc_calls_get(const struct sc_call_table *t, uint32_t serial); /* NULL if none */
size_t sc_calls_count(const struct sc_call_table *t);

void sc_call_get_verdict(const struct sc_call *call, struct sc_call_verdict *out);
uint32_t sc_call_first_frame(const struct sc_call *call); /* frame of the first INVITE */

/* Running totals of every call, kept up to date by sc_calls_feed(). */
struct sc_call_delay_stats {
    uint64_t count;
    int64_t min_ns, max_ns, sum_ns;
};

#define SC_CALL_OUTCOMES_MAX 16

/* RFC 6076 counts one session request per call: an INVITE challenged
 * with 401/407 and re-sent with credentials is one request, measured from
 * the re-sent INVITE. SER s4.6 = answered_200 / (requests - redirected_3xx),
 * SEER s4.7 = effective / (requests - redirected_3xx),
 * ISA s4.8 = ineffective / requests, SCR s4.9 = completed / requests. */
struct sc_call_totals {
    uint64_t requests;        /* session requests: one per call (initial INVITE) */
    uint64_t answered_200;    /* final response 200 */
    uint64_t redirected_3xx;  /* final response 3xx */
    uint64_t effective;       /* final response 200, 480, 486, 600 or 603 */
    uint64_t ineffective;     /* final response 408, 500, 503 or 504 */
    uint64_t completed;       /* final response 200, then a BYE */
    struct sc_call_delay_stats srd_success; /* s4.3.1: 18x or 2xx stopped the clock */
    struct sc_call_delay_stats srd_failure; /* s4.3.2: 4xx-6xx (not a challenge) stopped it */
    struct sc_call_delay_stats sdt;         /* s4.5: 200 OK to BYE */
    size_t outcome_count;
    const char *outcome_names[SC_CALL_OUTCOMES_MAX]; /* order of data/outcomes.tsv */
    uint64_t by_outcome[SC_CALL_OUTCOMES_MAX];
    uint64_t no_final;        /* calls without final response yet */
    uint64_t by_cause[256];
    uint64_t no_cause;        /* calls without cause yet */
};
const struct sc_call_totals *sc_calls_totals(const struct sc_call_table *t);

/* The totals as named rows; the glue prints "<label>: <value>". */
enum sc_metric_unit { SC_UNIT_COUNT, SC_UNIT_PERCENT, SC_UNIT_SECONDS };
struct sc_metric_row {
    unsigned depth;          /* 0, or 1 under the row above of depth 0 */
    char label[96];          /* "Session Establishment Ratio, SER (RFC 6076 s4.6)" */
    char value[64];          /* "44.44 % (4/9)", "0.250000 s", "10", "n/a" */
    enum sc_metric_unit unit;
    bool has_value;          /* false: undefined (zero denominator or no sample) */
    double number;           /* the value in its unit */
};
#define SC_CALL_ROWS_MAX (32 + SC_CALL_OUTCOMES_MAX + 256)
/* Fills at most max rows and returns how many there are. */
size_t sc_call_totals_rows(const struct sc_call_totals *t, struct sc_metric_row *rows, size_t max);

#ifdef __cplusplus
}
#endif
#endif
